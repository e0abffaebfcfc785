/**
 * The floor below which no delivery waits (store/sql/due-floor.ts): it rises with what the scans saw, less
 * a margin, never falls until its reset, and a scan from before a reset cannot raise it again.
 */
import { describe, expect, it } from 'vitest';
import { DueFloor, FLOOR_MARGIN_MS, FLOOR_RESET_MS } from '../../src/store/sql/due-floor.ts';

describe('DueFloor', () => {
  const start = 1_000_000_000;

  it('starts at the beginning, then stays the margin below the first waiting row seen, or below now when none was due', () => {
    const floor = new DueFloor();
    const first = floor.begin(start);
    expect(first.at).toBe(0);
    floor.saw(first, start, start - 60_000);
    expect(floor.begin(start + 1).at).toBe(start - 60_000 - FLOOR_MARGIN_MS);
    // Nothing due by now: nothing waits before now.
    floor.saw(floor.begin(start + 2), start + 2, null);
    expect(floor.begin(start + 3).at).toBe(start + 2 - FLOOR_MARGIN_MS);
    // A row due later than now (the next due time) says nothing beyond now.
    floor.saw(floor.begin(start + 4), start + 4, start + 50_000);
    expect(floor.begin(start + 5).at).toBe(start + 4 - FLOOR_MARGIN_MS);
  });

  it('never falls before its reset: a scan that found an older row (written late) leaves it where it is', () => {
    const floor = new DueFloor();
    floor.saw(floor.begin(start), start, null);
    floor.saw(floor.begin(start + 10), start + 10, start - 3_000);
    expect(floor.begin(start + 20).at).toBe(start - FLOOR_MARGIN_MS);
  });

  it('goes back to the beginning every reset period, and ignores what a scan from before the reset saw', () => {
    const floor = new DueFloor();
    floor.saw(floor.begin(start), start, null);
    const late = floor.begin(start + 1_000);
    expect(late.at).toBe(start - FLOOR_MARGIN_MS);
    const reset = floor.begin(start + FLOOR_RESET_MS);
    expect(reset.at).toBe(0);
    floor.saw(late, start + 1_000, null);
    expect(floor.begin(start + FLOOR_RESET_MS + 1).at).toBe(0);
    floor.saw(reset, start + FLOOR_RESET_MS, start - 3_600_000);
    expect(floor.begin(start + FLOOR_RESET_MS + 2).at).toBe(start - 3_600_000 - FLOOR_MARGIN_MS);
  });

  it('goes back to the beginning when the clock went back below it', () => {
    const floor = new DueFloor();
    floor.saw(floor.begin(start), start, null);
    expect(floor.begin(start + 1_000).at).toBe(start - FLOOR_MARGIN_MS);
    // Stepped back an hour: what is written now is due long before the floor.
    expect(floor.begin(start - 3_600_000).at).toBe(0);
  });
});
