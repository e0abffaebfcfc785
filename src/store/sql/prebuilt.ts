/**
 * The hot statements (publish, claim, record) as SQL text written once per list size and run with a flat
 * parameter list. Built with Kysely's query builder they cost more to build than to run: it makes, freezes
 * and visits a node for every value (a 56-row attempt insert has 840), and each build's new text had to be
 * hashed again to find its prepared statement. Everywhere else the query builder stays.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import type { Database } from '../schema.ts';

/**
 * One statement whose text depends only on a list size. `write(n)` uses `?` for every parameter (and no
 * `?` anywhere else); PostgreSQL gets them numbered.
 */
export class Prebuilt<R = Record<string, unknown>> {
  readonly #texts = new Map<number, string>();

  constructor(private readonly dialect: Dialect, private readonly write: (n: number) => string) {}

  text(n: number): string {
    let text = this.#texts.get(n);
    if (text === undefined) {
      text = this.write(n);
      if (this.dialect === 'postgres') {
        let i = 0;
        text = text.replace(/\?/g, () => `$${++i}`);
      }
      this.#texts.set(n, text);
    }
    return text;
  }

  /** Runs the statement for a list of `n` on `db` (a transaction or the store); the rows it returns, if any. */
  async run(db: Kysely<Database>, n: number, parameters: unknown[]): Promise<R[]> {
    return (await db.executeQuery<R>(CompiledQuery.raw(this.text(n), parameters))).rows;
  }
}

/** `?, ?, ?` */
export const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** `(?, ?), (?, ?)`: `rows` tuples of `width` parameters, for a multi-row VALUES. */
export const tuples = (rows: number, width: number, tuple = `(${marks(width)})`): string =>
  Array.from({ length: rows }, () => tuple).join(', ');
