/**
 * PostgreSQL: a lower bound on the due time of every waiting delivery, so that the scans of the due index
 * (due-scan.ts) start there instead of at the index's first entry.
 *
 * Each delivery enters the due index when it is published, due at once, and again when it is claimed
 * (due at its lease's end); neither entry leaves the index when the row moves on, only at the table's
 * next VACUUM, which autovacuum's default thresholds put off until a fifth of the table is dead. So the
 * front of the index, the oldest due times, fills with the entries of deliveries long sent, and every
 * claim's window, every look for the next due time, walked all of them to reach the first waiting row:
 * behind 1 000 000 such entries 3 800 index pages and 7 ms a scan, against 13 pages and 0.08 ms from a
 * bound (docs/performance.md, 2026-12-06, morning). PostgreSQL cannot skip them by itself: only the rows
 * say which entries are dead.
 *
 * The bound is what the scans themselves saw: a scan from the floor that found its first waiting row due
 * at F (or none due by `now`) shows that nothing waiting was due before min(F, now) when it ran. A row
 * written after that scan is due no earlier than its writer's clock said when it wrote (every write of a
 * due time is `now` or later: publish, release, resume, retry, lease), so the floor stays FLOOR_MARGIN_MS below
 * what was seen: a writer whose clock or commit lags by less than that is never missed. One lagging more
 * waits at most FLOOR_RESET_MS: the floor goes back to the index's start that often, and the first scan after
 * walks it all once.
 */

/** How far below what the scans saw the floor stays. */
export const FLOOR_MARGIN_MS = 5_000;
/** How often the floor goes back to the start of the index. */
export const FLOOR_RESET_MS = 30_000;

/** The floor a scan started from, to report what it found with (DueFloor.saw). */
export interface FloorUsed {
  readonly at: number;
  readonly generation: number;
}

export class DueFloor {
  #at = 0;
  /** Bumped at each reset: what a scan from before it saw says nothing of rows below its floor. */
  #generation = 0;
  #resetAt = 0;

  /**
   * The floor a scan at `now` starts from. Also back at the start when the clock went back: the floor must
   * stay the margin below what a writer now writes.
   */
  begin(now: number): FloorUsed {
    if (now >= this.#resetAt || now - FLOOR_MARGIN_MS < this.#at) {
      this.#at = 0;
      this.#generation++;
      this.#resetAt = now + FLOOR_RESET_MS;
    }
    return { at: this.#at, generation: this.#generation };
  }

  /**
   * A scan that started from `used` at `now` found the first waiting delivery at or above the floor due at
   * `firstAt` (null: none). The floor rises, never falls, until the next reset.
   */
  saw(used: FloorUsed, now: number, firstAt: number | null): void {
    if (used.generation !== this.#generation) return;
    const bound = Math.min(firstAt ?? now, now) - FLOOR_MARGIN_MS;
    if (bound > this.#at) this.#at = bound;
  }
}
