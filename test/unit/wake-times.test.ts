import { describe, expect, it } from 'vitest';
import { WakeTimes } from '../../src/delivery/wake-times.ts';

describe('WakeTimes', () => {
  it('keeps every time, earliest first, and forgets those a look covers', () => {
    const times = new WakeTimes(100, 10);
    expect(times.add(2_500)).toBe(2_500);
    expect(times.add(2_001)).toBe(2_010);
    times.add(7_000);
    expect(times.after(0)).toBe(2_010);
    expect(times.after(2_010)).toBe(2_500);
    expect(times.after(6_999)).toBe(7_000);
    expect(times.after(7_000)).toBeUndefined();
  });

  it('rounds up, so retries due close together share one look that is never early', () => {
    const times = new WakeTimes(100, 10);
    for (const at of [1_001, 1_005, 1_010]) expect(times.add(at)).toBe(1_010);
    expect(times.size).toBe(1);
  });

  it('keeps at most its capacity, dropping the latest', () => {
    const times = new WakeTimes(3, 1);
    for (const at of [50, 40, 30, 20, 10]) times.add(at);
    expect(times.size).toBe(3);
    expect([times.after(0), times.after(10), times.after(20), times.after(30)]).toEqual([10, 20, 30, undefined]);
  });
});
