/**
 * Counts authentication failures per key (a client address, a consumer key) in fixed windows. Past the
 * limit, the key is refused until its window ends: a guessing client stops costing store look-ups and
 * learns nothing more. Bounded: when it tracks too many keys it forgets the oldest windows first.
 */
export class FailureLimit {
  readonly #windows = new Map<string, { count: number; endsAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly maxKeys = 100_000,
  ) {}

  /** How long `key` must wait before it may try again (0: it may try now). */
  retryAfterMs(key: string): number {
    const window = this.#windows.get(key);
    if (!window) return 0;
    const left = window.endsAt - this.now();
    if (left <= 0) {
      this.#windows.delete(key);
      return 0;
    }
    return window.count >= this.limit ? left : 0;
  }

  fail(key: string): void {
    const now = this.now();
    const window = this.#windows.get(key);
    if (window && window.endsAt > now) {
      window.count++;
      return;
    }
    if (window) this.#windows.delete(key);
    // Insertion order is window order: the first keys are the oldest windows.
    while (this.#windows.size >= this.maxKeys) this.#windows.delete(this.#windows.keys().next().value as string);
    this.#windows.set(key, { count: 1, endsAt: now + this.windowMs });
  }
}
