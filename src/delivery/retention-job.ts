/** Runs retention pruning in the background: shortly after start, then every hour. */
import type { Logger } from 'pino';
import type { Store } from '../core/ports/store.ts';
import { RepeatingTask } from '../util/repeating-task.ts';

const FIRST_RUN_MS = 60_000;
const EVERY_MS = 3_600_000;

export class RetentionJob {
  readonly #task = new RepeatingTask(
    () => this.runOnce().then(() => undefined, (error: unknown) => this.log.error({ err: error }, 'retention pruning failed')),
    FIRST_RUN_MS, EVERY_MS);

  constructor(private readonly store: Store, private readonly retentionMs: number, private readonly log: Logger) {}

  start(): void {
    this.#task.start();
  }

  /** One pass now (also used by tests). */
  async runOnce(now = Date.now()): Promise<{ attempts: number; deliveries: number; events: number }> {
    const counts = await this.store.retention.prune(now - this.retentionMs);
    if (counts.attempts + counts.deliveries + counts.events > 0) this.log.info(counts, 'pruned history past the retention period');
    return counts;
  }

  stop(): Promise<void> {
    return this.#task.stop();
  }
}
