/** Opens the configured store: SQLite in the data dir by default. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { SqlStore } from './sql/index.ts';

export interface StoreOptions {
  dataDir: string;
  databaseUrl: string | undefined;
}

export const SQLITE_FILE = 'hookd.sqlite';

export async function openStore(options: StoreOptions): Promise<SqlStore> {
  if (options.databaseUrl !== undefined) {
    throw new Error('PostgreSQL (HOOKD_DATABASE_URL=postgres://…) is not available in this version yet; unset HOOKD_DATABASE_URL to use SQLite in the data dir');
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = new SQLite(join(options.dataDir, SQLITE_FILE));
  // WAL lets readers proceed during writes; NORMAL sync survives a process crash (kill -9), which is the
  // durability the API promises, at a fraction of FULL's fsync cost.
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
  return new SqlStore(db, 'sqlite');
}
