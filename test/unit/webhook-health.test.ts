/** The p95 of the health report, estimated from a duration histogram (core/webhook-health.ts). */
import { describe, expect, it } from 'vitest';
import { DURATION_BOUNDS, percentile } from '../../src/core/webhook-health.ts';

const histogram = (counts: Record<number, number>) => Array.from({ length: DURATION_BOUNDS.length + 1 }, (_, i) => counts[i] ?? 0);

describe('percentile', () => {
  it('is null with no attempts', () => {
    expect(percentile(histogram({}), 0.95)).toBeNull();
  });
  it('interpolates inside the bucket that holds the rank', () => {
    // 100 attempts under 10 ms: the 95th is 95% into the first bucket.
    expect(percentile(histogram({ 0: 100 }), 0.95)).toBe(10); // 9.5, rounded to whole milliseconds
    // 90 fast, 10 between 100 and 250 ms: rank 95 is half way into that bucket.
    expect(percentile(histogram({ 0: 90, 4: 10 }), 0.95)).toBe(175);
  });
  it('reports the open last bucket by its lower bound', () => {
    expect(percentile(histogram({ [DURATION_BOUNDS.length]: 5 }), 0.95)).toBe(DURATION_BOUNDS[DURATION_BOUNDS.length - 1]);
  });
});
