/** The dispatcher's rate-limited webhooks waiting for room in their windows (delivery/rate-waits.ts). */
import { describe, expect, it } from 'vitest';
import { RateWaits } from '../../src/delivery/rate-waits.ts';

describe('RateWaits', () => {
  it('holds a webhook until its time, then forgets it at the next look', () => {
    const waits = new RateWaits();
    waits.set(new Map([[1, 1_100], [2, 1_050]]));
    expect(waits.waiting(1, 1_000)).toBe(true);
    expect(waits.waiting(3, 1_000)).toBe(false);
    expect(waits.waitingNow(1_000)).toEqual([1, 2]);
    // A later claim's word replaces the earlier one.
    waits.set(new Map([[2, 1_200]]));
    expect(waits.waitingNow(1_100)).toEqual([2]);
    expect(waits.waiting(1, 1_100)).toBe(false);
    expect(waits.waitingNow(1_200)).toEqual([]);
  });
});
