import { describe, expect, it } from 'vitest';
import { RetryPolicy, parseRetryAfter } from '../../src/delivery/retry.ts';

const NOW = 1_700_000_000_000;
const failure = (responseCode: number | null = 500, headers: Record<string, string> = {}) => ({ success: false, responseCode, responseHeaders: headers });
const success = { success: true, responseCode: 200, responseHeaders: {} };
const delayAfter = (policy: RetryPolicy, attempt: number, result = failure()) => {
  const step = policy.next(attempt, 'scheduled', result, NOW);
  expect(step.status).toBe('pending');
  return (step.at as number) - NOW;
};

describe('RetryPolicy', () => {
  const schedule = [5_000, 300_000, 1_800_000];

  it('waits schedule[n-1] after the n-th failed attempt, in order, from now', () => {
    const policy = new RetryPolicy(schedule, 0);
    expect(policy.next(1, 'scheduled', failure(), NOW)).toEqual({ status: 'pending', at: NOW + 5_000 });
    expect(policy.next(2, 'scheduled', failure(), NOW)).toEqual({ status: 'pending', at: NOW + 300_000 });
    expect(policy.next(3, 'scheduled', failure(), NOW)).toEqual({ status: 'pending', at: NOW + 1_800_000 });
    // The order is the schedule's, not sorted.
    const unsorted = new RetryPolicy([30_000, 1_000, 10_000], 0);
    expect([1, 2, 3].map((n) => delayAfter(unsorted, n))).toEqual([30_000, 1_000, 10_000]);
  });

  it("follows a webhook's own schedule when it has one: its delays, its length, its bounds for Retry-After", () => {
    const policy = new RetryPolicy(schedule, 0);
    const own = [1_000, 2_000];
    expect(policy.next(1, 'scheduled', failure(), NOW, own)).toEqual({ status: 'pending', at: NOW + 1_000 });
    expect(policy.next(2, 'scheduled', failure(), NOW, own)).toEqual({ status: 'pending', at: NOW + 2_000 });
    expect(policy.next(3, 'scheduled', failure(), NOW, own)).toEqual({ status: 'failed', at: null });
    // Retry-After is kept within the webhook's own shortest and longest delays.
    expect(policy.next(1, 'scheduled', failure(429, { 'retry-after': '3600' }), NOW, own)).toEqual({ status: 'pending', at: NOW + 2_000 });
    expect(policy.next(1, 'scheduled', failure(), NOW, null)).toEqual({ status: 'pending', at: NOW + 5_000 });
  });

  it('gives up after schedule.length + 1 attempts', () => {
    const policy = new RetryPolicy(schedule, 0);
    expect(policy.maxAttempts).toBe(4);
    expect(policy.next(4, 'scheduled', failure(), NOW)).toEqual({ status: 'failed', at: null });
    expect(policy.next(5, 'scheduled', failure(), NOW)).toEqual({ status: 'failed', at: null });
    const once = new RetryPolicy([], 0.2);
    expect(once.maxAttempts).toBe(1);
    expect(once.next(1, 'scheduled', failure(), NOW)).toEqual({ status: 'failed', at: null });
    const twice = new RetryPolicy([1_000], 0);
    expect(twice.next(1, 'scheduled', failure(), NOW).status).toBe('pending');
    expect(twice.next(2, 'scheduled', failure(), NOW).status).toBe('failed');
  });

  it('treats any failure alike: error statuses and no response at all', () => {
    const policy = new RetryPolicy(schedule, 0);
    for (const code of [null, 400, 404, 408, 410, 500, 502, 504]) expect(delayAfter(policy, 1, failure(code)), String(code)).toBe(5_000);
  });

  it('succeeds on success, whichever attempt and trigger', () => {
    const policy = new RetryPolicy(schedule, 0);
    for (const attempt of [1, 2, 4, 10]) expect(policy.next(attempt, 'scheduled', success, NOW)).toEqual({ status: 'succeeded', at: null });
    expect(policy.next(1, 'manual', success, NOW)).toEqual({ status: 'succeeded', at: null });
  });

  it('makes a manual re-send a single attempt: a failure is final at once', () => {
    const policy = new RetryPolicy(schedule, 0);
    for (const attempt of [1, 2, 3]) expect(policy.next(attempt, 'manual', failure(), NOW)).toEqual({ status: 'failed', at: null });
    expect(policy.next(1, 'manual', failure(503, { 'retry-after': '10' }), NOW)).toEqual({ status: 'failed', at: null });
  });

  it('spreads each delay by the jitter, within ±jitter, using the random source it is given', () => {
    expect(delayAfter(new RetryPolicy([10_000], 0.2, () => 0), 1)).toBe(8_000);
    expect(delayAfter(new RetryPolicy([10_000], 0.2, () => 0.5), 1)).toBe(10_000);
    expect(delayAfter(new RetryPolicy([10_000], 0.2, () => 0.75), 1)).toBe(11_000);
    expect(delayAfter(new RetryPolicy([10_000], 0.2, () => 0.999999), 1)).toBe(12_000);
    expect(delayAfter(new RetryPolicy([300_000], 0.5, () => 0.25), 1)).toBe(225_000);

    const draws = Array.from({ length: 200 }, (_, i) => i / 200);
    let next = 0;
    const policy = new RetryPolicy(schedule, 0.2, () => draws[next++ % draws.length]);
    for (let i = 0; i < 600; i++) {
      const attempt = (i % 3) + 1;
      const planned = schedule[attempt - 1];
      const delay = delayAfter(policy, attempt);
      expect(delay).toBeGreaterThanOrEqual(planned * 0.8);
      expect(delay).toBeLessThanOrEqual(planned * 1.2);
    }
    // No jitter: the random source does not matter.
    expect(delayAfter(new RetryPolicy([10_000], 0, () => 0), 1)).toBe(10_000);
  });

  it('honours Retry-After (seconds) on 429 and 503, clamped to the shortest and longest scheduled delays', () => {
    const policy = new RetryPolicy(schedule, 0);
    expect(delayAfter(policy, 1, failure(429, { 'retry-after': '60' }))).toBe(60_000);
    expect(delayAfter(policy, 2, failure(503, { 'retry-after': '60' }))).toBe(60_000);
    expect(delayAfter(policy, 1, failure(503, { 'retry-after': '1' }))).toBe(5_000);
    expect(delayAfter(policy, 1, failure(429, { 'retry-after': '0' }))).toBe(5_000);
    expect(delayAfter(policy, 1, failure(503, { 'retry-after': '999999' }))).toBe(1_800_000);
    // Clamped to the schedule's extremes, wherever they are in it.
    const unsorted = new RetryPolicy([30_000, 1_000, 10_000], 0);
    expect(delayAfter(unsorted, 1, failure(429, { 'retry-after': '0' }))).toBe(1_000);
    expect(delayAfter(unsorted, 2, failure(429, { 'retry-after': '3600' }))).toBe(30_000);
  });

  it('honours Retry-After as an HTTP date, clamped the same way', () => {
    const policy = new RetryPolicy(schedule, 0);
    const date = (ms: number) => new Date(NOW + ms).toUTCString();
    expect(delayAfter(policy, 1, failure(503, { 'retry-after': date(120_000) }))).toBe(120_000);
    expect(delayAfter(policy, 1, failure(429, { 'retry-after': date(-60_000) }))).toBe(5_000);
    expect(delayAfter(policy, 1, failure(429, { 'retry-after': date(86_400_000) }))).toBe(1_800_000);
  });

  it('ignores Retry-After on other statuses, and when it cannot be read', () => {
    const policy = new RetryPolicy(schedule, 0);
    for (const code of [500, 502, 504, 408, 404, null]) expect(delayAfter(policy, 1, failure(code, { 'retry-after': '60' })), String(code)).toBe(5_000);
    expect(delayAfter(policy, 2, failure(429, { 'retry-after': 'soon' }))).toBe(300_000);
    expect(delayAfter(policy, 2, failure(503))).toBe(300_000);
  });

  it('replaces the jittered delay by the asked one, and does not retry past the last attempt for it', () => {
    const policy = new RetryPolicy(schedule, 0.2, () => 0);
    expect(delayAfter(policy, 1, failure(429, { 'retry-after': '60' }))).toBe(60_000);
    expect(policy.next(4, 'scheduled', failure(429, { 'retry-after': '60' }), NOW)).toEqual({ status: 'failed', at: null });
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter(' 5 ', 0)).toBe(5_000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an HTTP date as the time left until it, never negative', () => {
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000);
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(0);
  });

  it('gives null for a missing or unreadable value', () => {
    expect(parseRetryAfter(undefined, 0)).toBeNull();
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter('', 0)).toBeNull();
  });
});
