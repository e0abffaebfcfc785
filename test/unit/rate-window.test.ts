/** When a rate-limited webhook's window has room for a batch worth claiming (core/flow-control.ts). */
import { describe, expect, it } from 'vitest';
import { RATE_WINDOW_MS, rateBatch, rateRoomFreesAt } from '../../src/core/flow-control.ts';

describe('rate windows', () => {
  it('makes a claim worth a tenth of the rate, at least one, at most two concurrencies', () => {
    expect(rateBatch(100, 16)).toBe(10);
    expect(rateBatch(5, 16)).toBe(1);
    expect(rateBatch(1, 16)).toBe(1);
    expect(rateBatch(1200, 16)).toBe(32);
    expect(rateBatch(10_000, 4)).toBe(8);
  });

  it('says when the window frees the room wanted: now if it has it, else as its oldest entries leave', () => {
    const now = 10_000;
    // 100/s, 95 counted in the window: room for 5 now.
    const log: Array<[number, number]> = [[now - 900, 40], [now - 500, 30], [now - 100, 25]];
    expect(rateRoomFreesAt(100, log, now, 5)).toBe(now);
    // 10 wanted: the first entry leaving frees 40 more.
    expect(rateRoomFreesAt(100, log, now, 10)).toBe(now - 900 + RATE_WINDOW_MS);
    // 50 wanted: 5 + 40 is not enough; the second entry leaving makes 75.
    expect(rateRoomFreesAt(100, log, now, 50)).toBe(now - 500 + RATE_WINDOW_MS);
    // Entries already out of the window count as free, in any order.
    expect(rateRoomFreesAt(100, [[now - 5000, 100], [now - 100, 95]], now, 5)).toBe(now);
    expect(rateRoomFreesAt(100, [[now - 100, 95], [now - 5000, 100]], now, 10)).toBe(now - 100 + RATE_WINDOW_MS);
    // More than the rate itself: once the whole window has passed.
    expect(rateRoomFreesAt(100, [[now - 100, 95]], now, 500)).toBe(now + RATE_WINDOW_MS);
  });
});
