/**
 * When to try again. After attempt n fails, the next comes schedule[n-1] later (±jitter); after the last
 * delay the delivery has failed. 429 and 503 may ask for a different delay with Retry-After, which is
 * honoured within the schedule's shortest and longest delays. A manual re-send is a single attempt.
 */
import type { Attempt, AttemptTrigger } from '../core/model.ts';

export interface NextStep {
  status: 'succeeded' | 'failed' | 'pending';
  at: number | null;
}

export class RetryPolicy {
  readonly #min: number;
  readonly #max: number;

  constructor(private readonly schedule: number[], private readonly jitter: number, private readonly random: () => number = Math.random) {
    this.#min = schedule.length > 0 ? Math.min(...schedule) : 0;
    this.#max = schedule.length > 0 ? Math.max(...schedule) : 0;
  }

  get maxAttempts(): number {
    return this.schedule.length + 1;
  }

  /** `attemptsMade` counts the attempt that just finished; `own`: the webhook's own schedule, if it has one. */
  next(attemptsMade: number, trigger: AttemptTrigger, attempt: Pick<Attempt, 'success' | 'responseCode' | 'responseHeaders'>, now: number, own: number[] | null = null): NextStep {
    if (attempt.success) return { status: 'succeeded', at: null };
    const schedule = own ?? this.schedule;
    if (trigger === 'manual' || attemptsMade >= schedule.length + 1) return { status: 'failed', at: null };
    const planned = schedule[attemptsMade - 1];
    let delay = Math.round(planned * (1 + this.jitter * (2 * this.random() - 1)));
    const asked = honoursRetryAfter(attempt.responseCode) ? parseRetryAfter(attempt.responseHeaders['retry-after'], now) : null;
    if (asked !== null) {
      const [min, max] = own ? [Math.min(...own), Math.max(...own)] : [this.#min, this.#max];
      delay = Math.min(Math.max(asked, min), max);
    }
    return { status: 'pending', at: now + delay };
  }
}

/** The answers whose Retry-After moves the retry (and the endpoint's rest, endpoint-backoff.ts). */
export const honoursRetryAfter = (responseCode: number | null): boolean => responseCode === 429 || responseCode === 503;

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
