import { describe, expect, it } from 'vitest';
import { RetryPolicy, parseRetryAfter } from '../../src/delivery/retry.ts';

const failure = (responseCode: number | null = 500, headers: Record<string, string> = {}) => ({ success: false, responseCode, responseHeaders: headers });

describe('RetryPolicy', () => {
  const schedule = [5_000, 300_000, 1_800_000];

  it('follows the schedule, then gives up', () => {
    const policy = new RetryPolicy(schedule, 0);
    expect(policy.next(1, 'scheduled', failure(), 0)).toEqual({ status: 'pending', at: 5_000 });
    expect(policy.next(2, 'scheduled', failure(), 0)).toEqual({ status: 'pending', at: 300_000 });
    expect(policy.next(3, 'scheduled', failure(), 0)).toEqual({ status: 'pending', at: 1_800_000 });
    expect(policy.next(4, 'scheduled', failure(), 0)).toEqual({ status: 'failed', at: null });
    expect(policy.maxAttempts).toBe(4);
  });

  it('succeeds on success and treats a manual re-send as a single attempt', () => {
    const policy = new RetryPolicy(schedule, 0);
    expect(policy.next(1, 'scheduled', { success: true, responseCode: 200, responseHeaders: {} }, 0)).toEqual({ status: 'succeeded', at: null });
    expect(policy.next(1, 'manual', failure(), 0)).toEqual({ status: 'failed', at: null });
  });

  it('spreads delays by the jitter, both ways', () => {
    expect(new RetryPolicy([10_000], 0.2, () => 0).next(1, 'scheduled', failure(), 0).at).toBe(8_000);
    expect(new RetryPolicy([10_000], 0.2, () => 0.999999).next(1, 'scheduled', failure(), 0).at).toBe(12_000);
    expect(new RetryPolicy([10_000], 0.2, () => 0.5).next(1, 'scheduled', failure(), 0).at).toBe(10_000);
  });

  it('honours Retry-After on 429 and 503 only, clamped to the schedule', () => {
    const policy = new RetryPolicy(schedule, 0);
    expect(policy.next(1, 'scheduled', failure(429, { 'retry-after': '60' }), 0).at).toBe(60_000);
    expect(policy.next(1, 'scheduled', failure(503, { 'retry-after': '1' }), 0).at).toBe(5_000);
    expect(policy.next(1, 'scheduled', failure(503, { 'retry-after': '999999' }), 0).at).toBe(1_800_000);
    expect(policy.next(1, 'scheduled', failure(500, { 'retry-after': '60' }), 0).at).toBe(5_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(undefined, 0)).toBeNull();
  });
});
