/**
 * The text columns hookd matches only exactly compare byte by byte on PostgreSQL (migrations/027): their
 * indexes are ordered by memcmp rather than the database's collation. Matching must work as before, and
 * a look-up by a parameter (whose collation is the database's default) must still use the column's index.
 * Rebuilding those indexes on a big table may outlast HOOKD_DATABASE_TIMEOUT: the start must say so.
 */
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BYTEWISE_KEYS } from '../../../src/store/migrations/027_postgres_bytewise_keys.ts';
import { openStore } from '../../../src/store/open.ts';
import { migrations } from '../../../src/store/sql/index.ts';
import type { Webhook, Workspace } from '../../../src/core/model.ts';
import { USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';
import { startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`keys compared byte by byte (${USE_POSTGRES ? 'running' : reason})`, () => {
  let running: ApiRoleHookd;
  let workspace: Workspace;
  let webhook: Webhook;

  beforeAll(async () => {
    running = await startApiRoleHookd('bytewise-keys');
    workspace = await running.hookd.core.workspaces.create({ name: 'bytewise-keys' });
    webhook = await running.hookd.core.webhooks.create(workspace, { name: 'h', url: 'http://127.0.0.1:9/h', events: ['order.created'], status: 'paused' });
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('has every such column in the "C" collation', async () => {
    const { rows } = await sql<{ table: string; column: string; collation: string | null }>`SELECT table_name AS table, column_name AS column,
        collation_name AS collation FROM information_schema.columns WHERE table_schema = current_schema()`.execute(running.store.db);
    const collations = new Map(rows.map((row) => [`${row.table}.${row.column}`, row.collation]));
    for (const [table, columns] of BYTEWISE_KEYS) {
      for (const column of columns) expect(collations.get(`${table}.${column}`), `${table}.${column}`).toBe('C');
    }
  });

  it('still matches exactly: idempotency keys that differ only in case or accents are two keys, the same key one', async () => {
    const { events } = running.hookd.core;
    const first = await events.publish(workspace, { type: 'order.created', data: { n: 1 }, idempotencyKey: 'Commande-é' });
    const again = await events.publish(workspace, { type: 'order.created', data: { n: 1 }, idempotencyKey: 'Commande-é' });
    const lower = await events.publish(workspace, { type: 'order.created', data: { n: 1 }, idempotencyKey: 'commande-é' });
    const decomposed = await events.publish(workspace, { type: 'order.created', data: { n: 1 }, idempotencyKey: 'Commande-e\u0301' });
    expect(again.event.id).toBe(first.event.id);
    expect(again.replayed).toBe(true);
    expect(new Set([first.event.id, lower.event.id, decomposed.event.id]).size).toBe(3);
  });

  it('finds a delivery by its public id, through the unique index', async () => {
    const { event } = await running.hookd.core.events.publish(workspace, { type: 'order.created', data: { n: 2 } });
    const { rows: [row] } = await sql<{ uid: string }>`SELECT d.uid FROM deliveries d JOIN events e ON e.id = d.event_id
      WHERE e.uid = ${event.id}`.execute(running.store.db);
    const found = await running.hookd.core.deliveries.get(webhook, row.uid);
    expect(found.delivery.id).toBe(row.uid);
    const { rows: plan } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT id FROM deliveries WHERE uid = ${row.uid}`.execute(running.store.db);
    expect(plan.map((line) => line['QUERY PLAN']).join('\n')).toContain('deliveries_uid_key');
  });
});

describe.skipIf(!USE_POSTGRES)(`a migration that outlasts HOOKD_DATABASE_TIMEOUT (${USE_POSTGRES ? 'running' : reason})`, () => {
  it('is rolled back, and the start says to run the migrations with a longer timeout', async () => {
    const schema = await createTestSchema();
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: schema.url, max: 1 }) }) });
    const locker = new pg.Client({ connectionString: schema.url });
    await locker.connect();
    try {
      const current = (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0].schema;
      const migrator = new Migrator({ db, provider: migrations('postgres'), migrationTableSchema: current });
      expect((await migrator.migrateTo('026_postgres_sending_index_by_lease')).error).toBeUndefined();
      // As a big table's index rebuild would: 027's first ALTER waits (here for a lock) past the timeout.
      await locker.query('BEGIN; LOCK TABLE workspaces IN ACCESS SHARE MODE');
      const store = await openStore({ dataDir: '', databaseUrl: schema.url, databaseTimeoutMs: 300 });
      try {
        await expect(store.migrate()).rejects.toThrow(/took longer than HOOKD_DATABASE_TIMEOUT and was rolled back; .*HOOKD_DATABASE_TIMEOUT=10m hookd migrate/);
      } finally {
        await locker.query('ROLLBACK');
        await store.close();
      }
      const applied = await db.selectFrom('kysely_migration').select('name').execute();
      expect(applied.map((row) => row.name)).not.toContain('027_postgres_bytewise_keys');
      const { rows } = await sql<{ collation: string | null }>`SELECT collation_name AS collation FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'workspaces' AND column_name = 'uid'`.execute(db);
      expect(rows[0].collation).toBeNull();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
    } finally {
      await locker.end();
      await db.destroy();
    }
  });
});
