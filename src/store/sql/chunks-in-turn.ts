/**
 * Work on many rows done a chunk per statement, with other work let in between, so neither engine holds
 * a long lock and the API thread is never held for long: retention pruning, moving a webhook's queued
 * work, removing a deleted workspace.
 */

/** Rows per statement. */
export const CHUNK = 1000;

/**
 * Runs `chunk` (one statement, returning the rows it touched) until one touches fewer than CHUNK, or
 * `stopped()` says so between chunks. Returns the total.
 */
export async function inTurns(chunk: () => Promise<number>, stopped: () => boolean = () => false): Promise<number> {
  let total = 0;
  for (;;) {
    const touched = await chunk();
    total += touched;
    if (touched < CHUNK) return total;
    await new Promise((resolve) => setImmediate(resolve));
    if (stopped()) return total;
  }
}
