/**
 * A background task run again and again: first after `firstMs`, then `everyMs` after each run ends (runs
 * never overlap). Its timer does not keep the process alive. `run` reports its own failures; one that
 * throws anyway does not stop the repeats.
 */
export class RepeatingTask {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(private readonly run: () => Promise<void>, private readonly firstMs: number, private readonly everyMs: number) {}

  start(): void {
    this.schedule(this.firstMs);
  }

  /** No more runs; waits for the one running now, if any. */
  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  private schedule(delay: number): void {
    this.#timer = setTimeout(() => {
      this.#running = this.run().catch(() => undefined);
      void this.#running.finally(() => {
        this.#running = null;
        if (this.#timer) this.schedule(this.everyMs);
      });
    }, delay);
    this.#timer.unref();
  }
}
