/**
 * What the store's failures mean to the rest of hookd. A database that cannot be reached, or cannot
 * write (disk full, read-only, I/O error, locked too long), is "unavailable": the API answers 503 with
 * Retry-After, /healthz says why, and nothing is acknowledged that was not stored. Text PostgreSQL
 * cannot keep is the request's fault (400). Anything else is a bug and stays what it was.
 */
import { DomainError, Unavailable } from '../core/errors.ts';

/** SQLite result codes (better-sqlite3's `code`) that mean the file cannot be written or read now. */
const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|NOTADB|CORRUPT|PROTOCOL)/;
/** PostgreSQL SQLSTATE classes and codes: connection exceptions, insufficient resources, shutdowns, read-only, timeouts. */
const POSTGRES_UNAVAILABLE = /^(08|53|57P0[1-4]|25006|57014|40P01)/;
/** Node's and pg's own words for a connection that is gone or never came. */
const CONNECTION_LOST = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|not queryable/i;

/** A statement that ran out of time: pg's own words for HOOKD_DATABASE_TIMEOUT, and PostgreSQL's cancel / statement timeout. */
const TIMED_OUT = /Query read timeout/;
const POSTGRES_TIMED_OUT = '57014';

/**
 * PostgreSQL's text refuses NUL (U+0000): 22021 (node-postgres sends UTF-8, whose only byte it refuses is
 * 0x00) and 22P05 (a NUL escaped in JSON text). Only outside input puts one there (hookd cleans what
 * endpoints answer: util/storable-text.ts), so it is the request's fault, answered 400 by every face.
 */
const POSTGRES_NUL = /^(22021|22P05)$/;

/** Whether the failure is of the write kind (cleared only by a successful write) or the connection kind. */
export type Outage = 'write' | 'connection';

export function outageOf(error: unknown): Outage | null {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string' && SQLITE_UNAVAILABLE.test(code)) return /^SQLITE_(FULL|READONLY|IOERR)/.test(code) ? 'write' : 'connection';
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && POSTGRES_UNAVAILABLE.test(code)) return code.startsWith('53') || code === '25006' ? 'write' : 'connection';
  if ((typeof code === 'string' && CONNECTION_LOST.test(code)) || CONNECTION_LOST.test(text)) return 'connection';
  return null;
}

/** How deep a chain of causes is followed (storeError and the store's wrappers add one each). */
const MAX_CAUSES = 5;

/** `error`, then the errors it was made from (`cause`), nearest first, at most MAX_CAUSES deep. */
export function* errorAndCauses(error: unknown): Generator<{ code?: unknown; message?: unknown }> {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < MAX_CAUSES; e = (e as { cause?: unknown }).cause, depth++) {
    yield e as { code?: unknown; message?: unknown };
  }
}

/** Whether `error`, or an error it was made from, is a statement that ran out of time. */
export function isTimeout(error: unknown): boolean {
  for (const e of errorAndCauses(error)) {
    if ((typeof e.message === 'string' && TIMED_OUT.test(e.message)) || e.code === POSTGRES_TIMED_OUT) return true;
  }
  return false;
}

/** How long clients are asked to wait before trying again while the store is unavailable. */
export const RETRY_AFTER_MS = 5_000;

/** The error to throw for a store failure: Unavailable (with the real cause in its message), or the error itself. */
export function storeError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && POSTGRES_NUL.test(code)) {
    return new DomainError('invalid', 'text must not hold the NUL character (U+0000)', undefined, { cause: error });
  }
  if (error instanceof Unavailable || outageOf(error) === null) return error;
  const cause = error instanceof Error ? error.message : String(error);
  return new Unavailable(`the database is unavailable (${cause}); try again shortly`, RETRY_AFTER_MS, { cause: error });
}

/**
 * The store's health as its statements went: an outage is remembered until a statement of the kind it
 * stopped succeeds (any statement after a lost connection; a write after a failed write).
 */
export class StoreHealth {
  #outage: { kind: Outage; reason: string; since: number } | null = null;

  failed(error: unknown): void {
    const kind = outageOf(error);
    if (kind === null) return;
    const reason = error instanceof Error ? error.message : String(error);
    if (this.#outage?.kind !== 'write' || kind === 'write') this.#outage = { kind, reason, since: this.#outage?.since ?? Date.now() };
  }

  succeeded(wrote: boolean): void {
    if (this.#outage && (wrote || this.#outage.kind === 'connection')) this.#outage = null;
  }

  /** null when healthy; otherwise what is wrong, in words, and since when. */
  get outage(): { reason: string; since: number } | null {
    return this.#outage;
  }
}

/** A driver error in a few words (pg's errors carry their whole client, which no log needs). */
export function describeError(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return `${typeof code === 'string' ? `${code}: ` : ''}${typeof message === 'string' ? message : String(error)}`;
}
