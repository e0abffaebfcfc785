/** Opens the configured store: SQLite in the data dir by default. */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { SqlStore } from './sql/index.ts';
import { SqliteCheckpointer } from './sqlite-checkpointer.ts';

const require = createRequire(import.meta.url);

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
  const path = join(options.dataDir, SQLITE_FILE);
  const file = new SQLite(path);
  // WAL lets readers proceed during writes; NORMAL sync survives a process crash (kill -9), which is the
  // durability the API promises, at a fraction of FULL's fsync cost.
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  // A 64 MiB page cache (the default is 2 MiB) keeps the hot indexes in memory. Checkpoints run in a
  // worker thread (see sqlite-checkpointer.ts); the connection's own autocheckpoint is only a backstop.
  file.pragma('cache_size = -65536');
  file.pragma('wal_autocheckpoint = 50000');
  file.pragma('temp_store = MEMORY');
  const checkpointer = new SqliteCheckpointer(path, require.resolve('better-sqlite3'));
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(file) }) });
  return new SqlStore(db, 'sqlite', () => checkpointer.stop());
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely asks better-sqlite3 to prepare every query it runs; preparing costs more than running a small
 * statement. Prepared statements are reusable (Kysely runs them to completion, never interleaved), so
 * they are cached by their SQL text.
 */
function withStatementCache(file: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = file.prepare.bind(file);
  return new Proxy(file, {
    get(target, property, receiver) {
      if (property !== 'prepare') {
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (!statement) {
          if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
          statement = prepare(source);
          cache.set(source, statement);
        }
        return statement;
      };
    },
  });
}
