/** Runs retention pruning in the background: shortly after start, then every hour. */
import type { Logger } from 'pino';
import type { Store } from '../core/ports/store.ts';

const FIRST_RUN_MS = 60_000;
const EVERY_MS = 3_600_000;

export class RetentionJob {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(private readonly store: Store, private readonly retentionMs: number, private readonly log: Logger) {}

  start(): void {
    this.schedule(FIRST_RUN_MS);
  }

  /** One pass now (also used by tests). */
  async runOnce(now = Date.now()): Promise<{ attempts: number; deliveries: number; events: number }> {
    const counts = await this.store.retention.prune(now - this.retentionMs);
    if (counts.attempts + counts.deliveries + counts.events > 0) this.log.info(counts, 'pruned history past the retention period');
    return counts;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  private schedule(delay: number): void {
    this.#timer = setTimeout(() => {
      this.#running = this.runOnce().then(() => undefined, (error: unknown) => this.log.error({ err: error }, 'retention pruning failed'));
      void this.#running.finally(() => {
        this.#running = null;
        if (this.#timer) this.schedule(EVERY_MS);
      });
    }, delay);
    this.#timer.unref();
  }
}
