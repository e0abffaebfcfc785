/**
 * The hot statements (publish, claim, record) as SQL text written once per list size and run with a flat
 * parameter list. Built with Kysely's query builder they cost more to build than to run: it makes, freezes
 * and visits a node for every value (a 56-row attempt insert has 840), and each build's new text had to be
 * hashed again to find its prepared statement. Everywhere else the query builder stays.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import { BoundedMemo } from '../../util/bounded-memo.ts';

/**
 * One statement whose text depends only on the sizes of its lists (one or two). `write(n, m)` uses `?`
 * for every parameter (and no `?` anywhere else); PostgreSQL gets them numbered.
 */
export class Prebuilt<R = Record<string, unknown>> {
  /** Its text by list sizes: a few dozen in practice (see runs() and padded() in rows.ts). */
  readonly #texts: BoundedMemo<number, string>;

  constructor(dialect: Dialect, write: (n: number, m: number) => string) {
    this.#texts = new BoundedMemo(1_000, (key) => {
      const text = write(key % SECOND, Math.floor(key / SECOND));
      return dialect === 'postgres' ? numbered(text) : text;
    });
  }

  text(n: number, m = 0): string {
    return this.#texts.get(n + m * SECOND);
  }

  /** Runs the statement for lists of `n` (and `m`) on `db` (a transaction or the store); the rows it returns, if any. */
  async run(db: Kysely<Database>, n: number, parameters: unknown[], m = 0): Promise<R[]> {
    return (await db.executeQuery<R>(CompiledQuery.raw(this.text(n, m), parameters))).rows;
  }
}

/** The two sizes share one memo key: `n + m × SECOND` (lists are far shorter than this). */
const SECOND = 1 << 20;

/** PostgreSQL's parameters are numbered: `?, ?` → `$1, $2`. */
function numbered(text: string): string {
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
}

/** `?, ?, ?` */
export const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** `(?, ?), (?, ?)`: `rows` tuples of `width` parameters, for a multi-row VALUES. */
export const tuples = (rows: number, width: number, tuple = `(${marks(width)})`): string =>
  Array.from({ length: rows }, () => tuple).join(', ');
