/**
 * The times at which the dispatcher must look for due work (the retries it scheduled, its next safety
 * look), earliest first, served by one timer: when it fires, the next time arms it. Keeping only the
 * earliest time, as the dispatcher once did, forgot every later retry while attempts were running: such
 * a retry went out only at the next safety look, up to 5 s late.
 *
 * Times are rounded up to `granularityMs`, so retries due within a few milliseconds share one look (a
 * look is never early: what is due by then is claimed). At most `capacity` times are kept; past that the
 * latest are dropped, and a dropped retry is found by the dispatcher's safety look instead.
 */
export class WakeTimes {
  /** Ascending, distinct, each a multiple of the granularity. */
  readonly #times: number[] = [];

  constructor(private readonly capacity: number, private readonly granularityMs: number) {}

  get size(): number {
    return this.#times.length;
  }

  /** Adds a time to look at; returns it as kept (rounded up). */
  add(at: number): number {
    const time = Math.ceil(at / this.granularityMs) * this.granularityMs;
    const index = this.#indexOf(time);
    if (this.#times[index] !== time) {
      this.#times.splice(index, 0, time);
      if (this.#times.length > this.capacity) this.#times.pop();
    }
    return time;
  }

  /** Forgets the times up to `now` (a look now covers them) and returns the earliest one left. */
  after(now: number): number | undefined {
    const passed = this.#indexOf(now + 1);
    if (passed > 0) this.#times.splice(0, passed);
    return this.#times[0];
  }

  clear(): void {
    this.#times.length = 0;
  }

  /** Where `time` is or would go (binary search). */
  #indexOf(time: number): number {
    let [low, high] = [0, this.#times.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#times[middle] < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
