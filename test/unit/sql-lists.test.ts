/**
 * Lists sent to the store come in a few sizes only, so the cache of prepared statements (keyed by SQL
 * text) keeps hitting: rows to write are split into runs of a multiple of 16 plus the rest, IN lists are
 * padded to a power of two by repeating their last value. Neither may lose, add or reorder anything. The
 * hot statements are written once per list size (Prebuilt), with PostgreSQL's numbered parameters.
 */
import { describe, expect, it } from 'vitest';
import { marks, Prebuilt, tuples } from '../../src/store/sql/prebuilt.ts';
import { padded, runs } from '../../src/store/sql/rows.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('runs', () => {
  it('splits rows into at most two runs per 256, every row once and in order', () => {
    const sizes = new Set<number>();
    for (let n = 0; n <= 600; n++) {
      const parts = runs(range(n));
      expect(parts.flat()).toEqual(range(n));
      expect(parts.length).toBeLessThanOrEqual(2 * Math.ceil(n / 256));
      for (const part of parts) sizes.add(part.length);
    }
    // 1–15, then 16, 32, … 256: 31 sizes whatever the batch.
    expect([...sizes].sort((a, b) => a - b)).toEqual([...range(15).map((i) => i + 1), ...range(16).map((i) => (i + 1) * 16)]);
    expect(runs(range(56)).map((part) => part.length)).toEqual([48, 8]);
  });
});

describe('padded', () => {
  it('pads an IN list to a power of two (a multiple of 256 past 256) with its last value', () => {
    expect(padded([])).toEqual([]);
    expect(padded([7])).toEqual([7]);
    expect(padded([1, 2, 3])).toEqual([1, 2, 3, 3]);
    expect(padded(range(5))).toEqual([0, 1, 2, 3, 4, 4, 4, 4]);
    expect(padded(range(300))).toHaveLength(512);
    for (let n = 1; n <= 600; n++) {
      const list = padded(range(n));
      expect(new Set(list)).toEqual(new Set(range(n)));
      expect(list.slice(0, n)).toEqual(range(n));
      expect(n <= 256 ? Number.isInteger(Math.log2(list.length)) : list.length % 256 === 0).toBe(true);
    }
  });
});

describe('Prebuilt', () => {
  it('writes a statement once per list size and numbers its parameters for PostgreSQL', () => {
    let writes = 0;
    const write = (n: number) => {
      writes++;
      return `SELECT id FROM t WHERE a = ? AND id IN (${marks(n)}) LIMIT ?`;
    };
    const sqlite = new Prebuilt('sqlite', write);
    const postgres = new Prebuilt('postgres', write);
    expect(sqlite.text(3)).toBe('SELECT id FROM t WHERE a = ? AND id IN (?, ?, ?) LIMIT ?');
    expect(postgres.text(3)).toBe('SELECT id FROM t WHERE a = $1 AND id IN ($2, $3, $4) LIMIT $5');
    expect(sqlite.text(3)).toBe(sqlite.text(3));
    expect(writes).toBe(2);
    expect(tuples(2, 3)).toBe('(?, ?, ?), (?, ?, ?)');
    expect(tuples(2, 1, '(?, 0)')).toBe('(?, 0), (?, 0)');
  });
});
