import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseDurationList } from '../../src/util/duration.ts';

describe('parseDuration', () => {
  it('reads every unit, fractions, white space, and a bare number as milliseconds', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('5s')).toBe(5_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('5d')).toBe(432_000_000);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('0.25s')).toBe(250);
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('0s')).toBe(0);
    expect(parseDuration(' 10 s ')).toBe(10_000);
  });

  it('rounds to whole milliseconds', () => {
    expect(parseDuration('1.4ms')).toBe(1);
    expect(parseDuration('0.0015s')).toBe(2);
  });

  it('refuses what is not a duration, naming the text', () => {
    for (const bad of ['', ' ', 'soon', '5 seconds', '5S', 's', '-5s', '5s5', '1e3', '5w', '.5s', '5.s', '5,5s']) {
      expect(() => parseDuration(bad), JSON.stringify(bad)).toThrow(/not a duration/);
    }
    expect(() => parseDuration('tomorrow')).toThrow(/"tomorrow"/);
  });
});

describe('parseDurationList', () => {
  it('keeps the order, trims, and skips empty items', () => {
    expect(parseDurationList('5s, 5m,30m')).toEqual([5_000, 300_000, 1_800_000]);
    expect(parseDurationList('30m,5s')).toEqual([1_800_000, 5_000]);
    expect(parseDurationList('1s,,2s,')).toEqual([1_000, 2_000]);
    expect(parseDurationList('')).toEqual([]);
  });

  it('fails on any bad item', () => {
    expect(() => parseDurationList('5s,soon,1m')).toThrow(/"soon" is not a duration/);
  });
});

describe('formatDuration', () => {
  it('uses the largest unit that divides evenly, and round-trips through parseDuration', () => {
    expect(formatDuration(432_000_000)).toBe('5d');
    expect(formatDuration(7_200_000)).toBe('2h');
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(1_500)).toBe('1500ms');
    expect(formatDuration(0)).toBe('0ms');
    for (const ms of [0, 1, 999, 1_000, 61_000, 3_600_000, 86_400_000, 90_061_001]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
