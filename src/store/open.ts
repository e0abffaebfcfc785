/** Opens the configured store: SQLite in the data dir by default. */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { PostgresSignals } from './postgres-signals.ts';
import type { Database } from './schema.ts';
import { SqlStore } from './sql/index.ts';
import { SqliteCheckpointer } from './sqlite-checkpointer.ts';

const require = createRequire(import.meta.url);

export interface StoreOptions {
  dataDir: string;
  databaseUrl: string | undefined;
}

export const SQLITE_FILE = 'hookd.sqlite';
/** The data dir and the files hookd creates in it are the owner's alone. */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

export async function openStore(options: StoreOptions): Promise<SqlStore> {
  if (options.databaseUrl !== undefined) return openPostgres(options.databaseUrl);
  mkdirSync(options.dataDir, { recursive: true, mode: PRIVATE_DIR });
  const path = join(options.dataDir, SQLITE_FILE);
  // Created owner-only before SQLite opens it: it holds payloads and response bodies. SQLite gives its
  // -wal and -shm files the database file's permissions.
  closeSync(openSync(path, 'a', PRIVATE_FILE));
  const file = new SQLite(path);
  // WAL lets readers proceed during writes; NORMAL sync survives a process crash (kill -9), which is the
  // durability the API promises, at a fraction of FULL's fsync cost.
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  // An 8 MiB page cache (the default is 2 MiB) holds what the hot path touches: the right-hand edges of
  // the tables and indexes that grow, and the recent deliveries that are updated. Not larger, because a
  // commit can cost time in proportion to the cache's size: when a B-tree page splits, SQLite renumbers
  // the new pages through a temporary page number past the end of any database (the locking page), and
  // the next COMMIT then walks the page cache's whole hash table to drop pages past the end
  // (pcache1TruncateUnsafe). With publishes and attempt logs splitting pages in most commits, that walk
  // took as much CPU as all of SQLite's statement execution at 64 MiB; at 8 MiB it is an eighth of that.
  // Checkpoints run in a worker thread (see sqlite-checkpointer.ts); the connection's own
  // autocheckpoint is only a backstop.
  file.pragma('cache_size = -8192');
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
  const prepare = (text: string): SQLite.Statement => {
    // Every hookd transaction writes: taking SQLite's write lock at BEGIN makes a second writer (another
    // process, such as a CLI command) wait instead of failing with SQLITE_BUSY when its read lock upgrades.
    const source = text === 'begin' ? 'begin immediate' : text;
    let statement = cache.get(source);
    if (!statement) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      statement = file.prepare(source);
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(file, {
    get(target, property, receiver) {
      // Built once, not per query: Kysely looks up `prepare` for every statement it runs.
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** int8 columns (ids, epoch-millisecond times) as numbers: every value hookd stores is below 2^53. */
pg.types.setTypeParser(20, (value: string) => Number(value));

export const POSTGRES_POOL_SIZE = 10;

async function openPostgres(url: string): Promise<SqlStore> {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE });
  // Fail at start, with the server's own words, rather than at the first request.
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new Error(`cannot connect to PostgreSQL at HOOKD_DATABASE_URL: ${(error as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const signals = new PostgresSignals(url);
  return new SqlStore(db, 'postgres', () => signals.close(), signals);
}
