/**
 * A webhook's own retry schedule, in HOOKD_RETRY_SCHEDULE's syntax ("5s,5m,30m,2h"): the delays after the
 * first attempt. Bounded, so one webhook cannot keep a delivery (and its row) for ever or retry it in a
 * tight loop.
 */
import { Invalid } from './errors.ts';
import { formatDuration, parseDurationList } from '../util/duration.ts';

export const RETRY_SCHEDULE_LIMITS = { delays: 20, shortestMs: 100, longestMs: 7 * 86_400_000, totalMs: 30 * 86_400_000 } as const;

export function parseRetrySchedule(text: string, field = 'retrySchedule'): number[] {
  let delays: number[];
  try {
    delays = parseDurationList(text);
  } catch (error) {
    throw new Invalid(field, (error as Error).message);
  }
  const { delays: most, shortestMs, longestMs, totalMs } = RETRY_SCHEDULE_LIMITS;
  if (delays.length === 0 || delays.length > most) throw new Invalid(field, `give 1 to ${most} delays, comma-separated (e.g. 5s,5m,30m)`);
  if (delays.some((delay) => !Number.isSafeInteger(delay) || delay < shortestMs || delay > longestMs)) {
    throw new Invalid(field, `each delay is from ${formatDuration(shortestMs)} to ${formatDuration(longestMs)}`);
  }
  if (delays.reduce((sum, delay) => sum + delay, 0) > totalMs) throw new Invalid(field, `the delays add up to at most ${formatDuration(totalMs)}`);
  return delays;
}

/** The schedule as it was given back: "5s,5m,30m". */
export const formatRetrySchedule = (delays: number[]): string => delays.map(formatDuration).join(',');
