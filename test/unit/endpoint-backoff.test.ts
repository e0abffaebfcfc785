/** Resting endpoints that answer 429, 502, 503 or 504, or cannot be reached (delivery/endpoint-backoff.ts). */
import { describe, expect, it } from 'vitest';
import { EndpointBackoff } from '../../src/delivery/endpoint-backoff.ts';
import { isUnreachable } from '../../src/delivery/sender.ts';

describe('EndpointBackoff', () => {
  it('rests 1 s, then twice as long at each signal in a row, up to a minute; a success ends it', () => {
    const backoff = new EndpointBackoff();
    let now = 1_000_000;
    const rests: number[] = [];
    for (let i = 0; i < 9; i++) {
      const until = backoff.answered(7, 503, null, now) as number;
      rests.push(until - now);
      now = until;
    }
    expect(rests).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(backoff.resting(7, now - 1)).toBe(true);
    expect(backoff.answered(7, 200, null, now)).toBeNull();
    expect(backoff.answered(7, 502, null, now)).toBe(now + 1000);
  });

  it('rests until the retry the endpoint asked for; other failures are no signal and change nothing', () => {
    const backoff = new EndpointBackoff();
    expect(backoff.answered(1, 429, 5000, 1000)).toBe(5000);
    expect(backoff.answered(2, 500, null, 1000)).toBeNull();
    expect(backoff.answered(2, null, null, 1000)).toBeNull();
    expect(backoff.resting(2, 1000)).toBe(false);
    expect(backoff.answered(1, 404, null, 1000)).toBeNull();
    expect(backoff.resting(1, 4999)).toBe(true);
    expect(backoff.restingNow(4999)).toEqual([1]);
    expect(backoff.restingNow(5000)).toEqual([]);
  });

  it('rests an endpoint that cannot be reached as one that says 503, until it is forgotten', () => {
    const backoff = new EndpointBackoff();
    expect(backoff.answered(3, null, null, 1000, true)).toBe(2000);
    expect(backoff.answered(3, null, null, 2000, true)).toBe(4000);
    expect(backoff.resting(3, 3999)).toBe(true);
    backoff.forget(3);
    expect(backoff.resting(3, 3999)).toBe(false);
    expect(backoff.answered(3, null, null, 4000, true)).toBe(5000);
  });

  it('tells an endpoint that cannot be reached by the error the sender gives', () => {
    expect(isUnreachable('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9')).toBe(true);
    expect(isUnreachable('ENOTFOUND: getaddrinfo ENOTFOUND hooks.example.invalid')).toBe(true);
    expect(isUnreachable('UND_ERR_CONNECT_TIMEOUT: Connect Timeout Error')).toBe(true);
    expect(isUnreachable('ECONNRESET: other side closed')).toBe(false);
    expect(isUnreachable('timeout: no complete response within 2000 ms')).toBe(false);
    expect(isUnreachable(null)).toBe(false);
  });

  it('remembers a bounded number of endpoints', () => {
    const backoff = new EndpointBackoff();
    for (let seq = 0; seq < 10_500; seq++) backoff.answered(seq, 503, null, 0);
    expect(backoff.restingNow(0)).toHaveLength(10_000);
  });
});
