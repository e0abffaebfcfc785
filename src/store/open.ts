/** Opens the configured store: SQLite in the data dir by default. */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { StartupError } from '../config.ts';
import { guardedDialect } from './guarded-dialect.ts';
import { StoreHealth, describeError } from './store-errors.ts';
import { lockDataDir, type DataDirLock } from './sqlite-lock.ts';
import { PostgresSignals } from './postgres-signals.ts';
import { PostgresUpkeep } from './postgres-upkeep.ts';
import { nameStatements } from './postgres-named-statements.ts';
import { frameStatements } from './postgres-framed-statements.ts';
import type { Database } from './schema.ts';
import { SqlStore } from './sql/index.ts';
import { SqliteBackground } from './sqlite-background.ts';
import { PRIVATE_DIR, PRIVATE_FILE } from './private-modes.ts';
import { quotedIdentifier } from './quoted-identifier.ts';

const require = createRequire(import.meta.url);

export interface StoreOptions {
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL: connect and statement timeout (default 10 s). */
  databaseTimeoutMs?: number;
  /** Where connection troubles are reported (a lost PostgreSQL connection is survived, and logged). */
  log?: Pick<Logger, 'warn' | 'info'>;
  /** SQLite: this process serves the data dir, and no other may (a running hookd; not a CLI command). */
  exclusive?: boolean;
  /** PostgreSQL: this process looks after the tables while the server's autovacuum is off (postgres-upkeep.ts). */
  upkeep?: boolean;
}

export const SQLITE_FILE = 'hookd.sqlite';

export async function openStore(options: StoreOptions): Promise<SqlStore> {
  if (options.databaseUrl !== undefined) return openPostgres(options.databaseUrl, options.databaseTimeoutMs ?? 10_000, options.log, options.upkeep === true);
  const path = join(options.dataDir, SQLITE_FILE);
  let file: SQLite.Database | undefined;
  let lock: DataDirLock | null = null;
  try {
    file = openSqlite(options.dataDir, path);
    if (options.exclusive) lock = lockDataDir(options.dataDir, PRIVATE_FILE);
  } catch (error) {
    file?.close();
    throw new StartupError(describeOpenFailure(path, error));
  }
  const health = new StoreHealth();
  const background = new SqliteBackground(path, require.resolve('better-sqlite3'), undefined, (message) => options.log?.warn({ error: message }, 'SQLite background thread: a checkpoint failed, or the thread was lost and is started again'));
  const db = new Kysely<Database>({ dialect: guardedDialect(new SqliteDialect({ database: withStatementCache(file) }), health) });
  return new SqlStore(db, 'sqlite', async () => {
    await background.stop();
    lock?.release();
  }, undefined, health, (statements) => background.read(statements));
}

function openSqlite(dataDir: string, path: string): SQLite.Database {
  step(`cannot create the data dir ${dataDir}`, () => mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR }));
  // Created owner-only before SQLite opens it: it holds payloads and response bodies. SQLite gives its
  // -wal and -shm files the database file's permissions.
  step(`cannot create or write the SQLite database ${path}`, () => closeSync(openSync(path, 'a', PRIVATE_FILE)));
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
  // Checkpoints run in a worker thread (see sqlite-background.ts); the connection's own
  // autocheckpoint is only a backstop.
  file.pragma('cache_size = -8192');
  file.pragma('wal_autocheckpoint = 50000');
  file.pragma('temp_store = MEMORY');
  return file;
}

/** Runs one step of opening the store; its failure says which step, on which path, and why. */
function step(what: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const hint = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? '; set HOOKD_DATA_DIR to a directory hookd may write' : '';
    throw new StartupError(`${what}: ${message ?? String(error)}${hint}`);
  }
}

/** Why SQLite could not open or set up the file, naming the path and what to do. */
function describeOpenFailure(path: string, error: unknown): string {
  if (error instanceof StartupError) return error.message;
  const { code, message } = error as { code?: string; message?: string };
  const cause = `${code ?? 'error'}: ${message ?? String(error)}`;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return `the SQLite database ${path} is damaged or is not a SQLite database (${cause}); restore it from a backup, or move it away to start with an empty one`;
  }
  if (code?.startsWith('SQLITE_READONLY') || code?.startsWith('SQLITE_CANTOPEN') || code?.startsWith('SQLITE_IOERR')) {
    return `cannot open the SQLite database ${path} for writing (${cause}); check the permissions of the file, its -wal and -shm files and their directory, or set HOOKD_DATA_DIR`;
  }
  return `cannot open the SQLite database ${path} (${cause})`;
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

async function openPostgres(url: string, timeoutMs: number, log: StoreOptions['log'], upkeep: boolean): Promise<SqlStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: POSTGRES_POOL_SIZE,
    // A server that accepts connections but never answers must not hang hookd (at start or later).
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    application_name: `hookd ${process.pid}`,
  });
  // A connection the server ends while idle (a restart, a failover, pg_terminate_backend, an idle
  // reaper) is reported here; with no listener it would kill the process. The pool replaces it.
  pool.on('error', (error) => log?.warn({ error: describeError(error) }, 'a PostgreSQL connection was lost; hookd reconnects'));
  // A connection lost while in use (mid-query) emits its error on the client, where pg-pool listens only
  // while it is idle: without this listener that, too, would end the process. The query itself fails,
  // its caller sees the error, and the pool drops the client when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    nameStatements(client);
    frameStatements(client);
  });
  // Fail at start, with the server's own words, rather than at the first request.
  let schema: string;
  try {
    schema = await ensureSchema(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StartupError(`cannot use PostgreSQL at HOOKD_DATABASE_URL: ${(error as Error).message}`);
  }
  const health = new StoreHealth();
  const db = new Kysely<Database>({ dialect: guardedDialect(new PostgresDialect({ pool }), health) });
  const signals = new PostgresSignals(url, schema, timeoutMs, log);
  const keeper = upkeep ? new PostgresUpkeep(url, schema, timeoutMs, log) : null;
  keeper?.start();
  return new SqlStore(db, 'postgres', async () => {
    await keeper?.stop();
    await signals.close();
  }, signals, health);
}

/**
 * The schema hookd's tables go in is the first in the connection's search_path (`?options=-c
 * search_path=hookd`, or the user's default): created here if it does not exist yet.
 */
async function ensureSchema(pool: pg.Pool): Promise<string> {
  const { rows: [{ schema, path }] } = await pool.query<{ schema: string | null; path: string }>('SELECT current_schema() AS schema, current_setting(\'search_path\') AS path');
  if (schema !== null) return schema;
  const first = path.split(',')[0]?.trim().replace(/^"(.*)"$/, '$1');
  if (!first || first === '$user') throw new Error(`no schema of the search_path (${path}) exists; create one, or name one in the URL (?options=-c%20search_path%3Dhookd)`);
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quotedIdentifier(first)}`);
  return first;
}
