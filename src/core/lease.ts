/**
 * A claimed delivery's lease: until it runs out, the delivery is the claiming process's alone; after, any
 * process may claim it and send it again (that is how a dead process's work is picked up). So a process
 * must have made its attempt and recorded the outcome before its lease ends: what it sends, or records,
 * later may be sent a second time by another process while the first is still alive.
 */

/**
 * Kept in a lease beyond a whole attempt (the request timeout bounds it: sender.ts) for the outcome to be
 * recorded: outcomes are written in batches, a few milliseconds apart, and a loaded store takes longer.
 */
export const OUTCOME_MARGIN_MS = 1000;

/** The shortest lease allowed: a whole attempt and its recording, and as long again as the margin to wait for a free slot. */
export const minimumLeaseMs = (requestTimeoutMs: number): number => requestTimeoutMs + 2 * OUTCOME_MARGIN_MS;

/**
 * Whether a claimed delivery, its lease ending at `leaseUntil`, may start its attempt at `now`: only if the
 * lease leaves room for the whole attempt and its recording, and (with the default lease, far longer than
 * an attempt) it has not waited past half its lease, a sign that this process is not keeping up with it.
 */
export function leaseHasRoomForAttempt(leaseUntil: number, now: number, leaseMs: number, requestTimeoutMs: number): boolean {
  return leaseUntil - now >= Math.max(leaseMs / 2, requestTimeoutMs + OUTCOME_MARGIN_MS);
}
