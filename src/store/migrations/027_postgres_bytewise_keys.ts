/**
 * PostgreSQL: the text columns hookd only ever matches exactly (public ids, idempotency keys, the hashes
 * of secrets) compare byte by byte (`COLLATE "C"`), whatever the database's collation.
 *
 * Why: a B-tree index on text orders its entries by the column's collation, and any collation but "C"
 * (the usual en_US.UTF-8, or even C.UTF-8 on PostgreSQL 15) compares through the C library's strcoll
 * after copying both values, where "C" is a memcmp. Every delivery's row version enters the unique index
 * of `deliveries.uid`, a UUIDv7 whose first dozen characters most neighbours share, and each version
 * (three per delivery: published, claimed, done) descends it and checks its uniqueness there: replayed in
 * bulk, 43 200 delivery lifecycles cost PostgreSQL 6–15 µs less CPU per delivery with the column in "C",
 * in six alternating pairs of 101–126 µs (docs/performance.md, 2026-12-07).
 *
 * Equality does not change: hookd's collations are deterministic, and for those PostgreSQL's equality is
 * byte equality whatever the collation. Order would, and no query orders or ranges over these columns.
 * SQLite compares text bytewise (BINARY) unless told otherwise: nothing to do there.
 *
 * The column's type stays text (no table rewrite); each index on it is rebuilt, which on a table of
 * millions of rows can take longer than HOOKD_DATABASE_TIMEOUT: docs/operations.md says to run
 * `hookd migrate` with a longer one first.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

/** Per table, the text columns matched only exactly. */
export const BYTEWISE_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['workspaces', ['uid']],
  ['api_keys', ['uid', 'key_hash', 'consumer_key_hash']],
  ['webhooks', ['uid']],
  ['events', ['uid', 'idempotency_key']],
  ['deliveries', ['uid']],
  ['sessions', ['id_hash']],
  ['ui_sessions', ['id_hash']],
  ['portal_links', ['token_hash']],
  ['oauth_nonces', ['consumer_key_hash', 'nonce']],
]);

export function postgresBytewiseKeys(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'postgres') return;
      for (const [table, columns] of BYTEWISE_KEYS) {
        const alterations = columns.map((column) => `ALTER COLUMN ${column} TYPE text COLLATE "C"`).join(', ');
        await sql.raw(`ALTER TABLE ${table} ${alterations}`).execute(db);
      }
    },
  };
}
