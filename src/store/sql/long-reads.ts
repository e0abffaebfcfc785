/**
 * Reads that walk many rows: /metrics's gauges (queue-stats.ts), the webhook health report (health.ts)
 * and the delivery counts of a page of events that has many (event-delivery-counts.ts). On SQLite they
 * run off the event loop, on a connection of their own (sqlite-background.ts): better-sqlite3 runs a
 * statement synchronously, and a read of a million rows would hold every request for a second. On
 * PostgreSQL they run on the store's pool, one after the other: the server does the work, and nothing in
 * the process waits for it.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export type Rows = Array<Record<string, unknown>>;

/** A read-only statement: its text, with its parameters if it has any. */
export type LongRead = string | { readonly sql: string; readonly parameters: readonly unknown[] };

/** Runs read-only statements and gives each one's rows (on SQLite's thread, in one read transaction: one moment of the store). */
export type LongReads = (statements: readonly LongRead[]) => Promise<Rows[]>;

/** The statements run one after the other on `db`. */
export function readOn(db: Kysely<Database>): LongReads {
  return async (statements) => {
    const rows: Rows[] = [];
    for (const statement of statements) {
      const query = typeof statement === 'string' ? CompiledQuery.raw(statement) : CompiledQuery.raw(statement.sql, [...statement.parameters]);
      rows.push((await db.executeQuery<Record<string, unknown>>(query)).rows);
    }
    return rows;
  };
}
