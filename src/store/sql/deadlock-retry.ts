/**
 * A PostgreSQL transaction chosen as a deadlock's victim is rolled back whole, and run again it almost
 * always goes through. For transactions that are safe to repeat (each of their statements checks the
 * status it moves rows from), run again a few times rather than fail the caller.
 *
 * Why it matters: a claim that has committed hands back, in a transaction of its own, what it took for a
 * webhook paused meanwhile; that hand-back deadlocked now and then with the pause's own work, the claim
 * failed with it, and everything it had taken stayed leased and unsent until the lease ran out (a
 * backlog's drain took 75 s instead of 8: docs/performance.md).
 */
import { errorAndCauses } from '../store-errors.ts';

const TRIES = 4;
const PAUSE_MS = 5;

/** Whether the error, or one it was caused by, is PostgreSQL's "deadlock detected" (SQLSTATE 40P01). */
export function isDeadlock(error: unknown): boolean {
  for (const e of errorAndCauses(error)) if (e.code === '40P01') return true;
  return false;
}

export async function retryingDeadlocks<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= TRIES || !isDeadlock(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS * attempt));
    }
  }
}
