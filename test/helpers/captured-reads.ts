/**
 * A SQLite store on a temporary file that keeps what it reads: the statements it runs on its own
 * connection, and those it runs as long reads (store/sql/long-reads.ts; here on a second connection to
 * the same file). For tests of which reads go where, and how SQLite plans them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import type { Database } from '../../src/store/schema.ts';
import { SqlStore } from '../../src/store/sql/index.ts';
import { readOn, type LongRead } from '../../src/store/sql/long-reads.ts';

export interface CapturedReads {
  file: SQLite.Database;
  store: SqlStore;
  onConnection: CompiledQuery[];
  asLongReads: LongRead[];
  /** Forgets what was read so far. */
  clear(): void;
  /** The steps of SQLite's plan for `query` that scan a whole table named by `tables` (a pattern). */
  scans(query: CompiledQuery, tables: RegExp): string[];
  close(): Promise<void>;
}

export async function storeWithCapturedReads(name: string): Promise<CapturedReads> {
  const dir = mkdtempSync(join(tmpdir(), `hookd-${name}-`));
  const file = new SQLite(join(dir, 'hookd.sqlite'));
  const onConnection: CompiledQuery[] = [];
  const asLongReads: LongRead[] = [];
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }), log: (event) => void onConnection.push(event.query) });
  const longReads = readOn(new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) }));
  const store = new SqlStore(db, 'sqlite', undefined, undefined, undefined, (statements) => {
    asLongReads.push(...statements);
    return longReads(statements);
  });
  await store.migrate();
  return {
    file, store, onConnection, asLongReads,
    clear: () => {
      onConnection.length = 0;
      asLongReads.length = 0;
    },
    scans: (query, tables) => {
      const plan = (file.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>).map((row) => row.detail);
      return plan.filter((step) => step.startsWith('SCAN ') && tables.test(step.slice(5).split(' ')[0]));
    },
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
