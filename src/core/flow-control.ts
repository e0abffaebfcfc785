/**
 * Flow control per webhook: ordered delivery and a rate limit. Both hold across every process sharing a
 * store, because both are kept in the store (sql/fifo-queue.ts, sql/rate-limit.ts), not in memory.
 *
 * **Ordering `fifo`.** A FIFO webhook's deliveries go one at a time in publish order. Only its oldest
 * unfinished delivery waits to be sent (pending, sending, or held while the webhook is paused); the ones
 * published behind it are `queued`. When that one succeeds, or fails for good after its last retry, the
 * next queued one becomes pending in the same transaction. A failing delivery therefore holds back the
 * ones behind it, and a receiver never gets event n+1 before event n. A process killed mid-attempt leaves
 * its delivery leased; it is sent again when the lease runs out, still ahead of the others. A resend or
 * a recovery is sent at once, outside the order: the operator asked for it.
 *
 * **Rate limit.** At most `perSecond` requests are started in any window of RATE_WINDOW_MS, which is a
 * second plus a margin: a request is started at most MAX_START_DELAY_MS after it was counted, and the
 * rest of the margin absorbs network jitter, so the endpoint never receives more than `perSecond` in
 * any one second. Deliveries beyond the limit wait, due; they are not failed. A 429 or 503 with
 * Retry-After still moves that delivery's own retry, as for any webhook.
 */
import { Invalid } from './errors.ts';
import type { Ordering } from './model.ts';

export const MAX_RATE_PER_SECOND = 10_000;
/** A claimed, rate-limited delivery not started within this long goes back to the store instead. */
export const MAX_START_DELAY_MS = 50;
/** The window the limit is counted over: one second, plus the start delay, plus as much again for jitter. */
export const RATE_WINDOW_MS = 1000 + 2 * MAX_START_DELAY_MS;

export function validateOrdering(value: unknown): Ordering {
  if (value === 'none' || value === 'fifo') return value;
  throw new Invalid('ordering', 'must be "none" or "fifo"');
}

export function validateRateLimit(value: unknown): { perSecond: number } | null {
  if (value === null) return null;
  const perSecond = typeof value === 'object' && value !== null && Object.hasOwn(value, 'perSecond') ? (value as { perSecond: unknown }).perSecond : undefined;
  if (typeof perSecond !== 'number' || !Number.isInteger(perSecond) || perSecond < 1 || perSecond > MAX_RATE_PER_SECOND) {
    throw new Invalid('rateLimit.perSecond', `an integer from 1 to ${MAX_RATE_PER_SECOND}`);
  }
  return { perSecond };
}

/** Requests counted for a rate-limited webhook: `n` of them claimed at `at` (one entry per claim, not per request). */
export type RateEntry = [at: number, n: number];

/**
 * How many more requests a webhook limited to `perSecond` may start at `now`, given its log, and the log
 * to keep (the entries still inside the window, oldest first).
 */
export function rateRoom(perSecond: number, log: readonly RateEntry[], now: number): { room: number; recent: RateEntry[] } {
  const recent = log.filter(([at]) => at > now - RATE_WINDOW_MS).sort((a, b) => a[0] - b[0]);
  const used = recent.reduce((sum, [, n]) => sum + n, 0);
  return { room: Math.max(0, perSecond - used), recent };
}

/**
 * How many requests a rate-limited webhook's claim is worth making for: a tenth of its rate, at most two of
 * its concurrency's worth. Claimed whenever any room freed, a drain under a limit of 1 200/s took 3.5
 * deliveries a claim, each claim reading and rewriting the webhook's log, at twice an ordinary drain's CPU
 * per delivery (docs/performance.md, 2026-12-07, afternoon).
 */
export function rateBatch(perSecond: number, webhookConcurrency: number): number {
  return Math.max(1, Math.min(Math.ceil(perSecond / 10), 2 * webhookConcurrency));
}

/** When a webhook limited to `perSecond`, whose window holds `log`, has room for `wanted` requests: `now` if it has. */
export function rateRoomFreesAt(perSecond: number, log: readonly RateEntry[], now: number, wanted: number): number {
  const { room, recent } = rateRoom(perSecond, log, now);
  let free = room;
  if (free >= wanted) return now;
  for (const [at, n] of recent) {
    free += n;
    if (free >= wanted) return at + RATE_WINDOW_MS;
  }
  // More than the limit itself wanted: once the whole window has passed.
  return now + RATE_WINDOW_MS;
}

/** A stored log, read defensively: anything that is not a list of [time, count] pairs counts as empty. */
export function parseRateLog(text: string | null): RateEntry[] {
  if (text === null) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value)
      ? value.filter((e): e is RateEntry => Array.isArray(e) && e.length === 2 && Number.isFinite(e[0]) && Number.isInteger(e[1]) && e[1] > 0)
      : [];
  } catch {
    return [];
  }
}
