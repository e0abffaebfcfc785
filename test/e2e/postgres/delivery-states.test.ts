/**
 * On PostgreSQL, delivery_states holds every delivery that has not succeeded, kept by triggers on
 * deliveries (migrations/028), and the partial indexes over waiting work live there, so that a claim's and
 * an outcome's updates of deliveries change no indexed column and can be HOT.
 */
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../src/store/sql/index.ts';
import { USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

type Row = { id: string; webhook_id: string; workspace_id: string; status: string; next_attempt_at: string | null };

describe.skipIf(!USE_POSTGRES)(`delivery_states (${USE_POSTGRES ? 'running' : reason})`, () => {
  let db: Kysely<any>;
  let migrator: Migrator;

  /** delivery_states, and what it should hold: deliveries that have not succeeded. */
  async function both(on: Kysely<any> = db): Promise<{ states: Row[]; expected: Row[] }> {
    const states = await sql<Row>`SELECT id, webhook_id, workspace_id, status, next_attempt_at FROM delivery_states ORDER BY id`.execute(on);
    const expected = await sql<Row>`SELECT id, webhook_id, workspace_id, status, next_attempt_at FROM deliveries
      WHERE status <> 'succeeded' ORDER BY id`.execute(on);
    return { states: states.rows, expected: expected.rows };
  }

  async function expectInStep(on: Kysely<any> = db): Promise<Row[]> {
    const { states, expected } = await both(on);
    expect(states).toEqual(expected);
    return states;
  }

  /** Inserts deliveries of these statuses in one statement (webhook 1 + i % 3, workspace 7); their ids. */
  async function insert(statuses: string[], on: Kysely<any> = db): Promise<string[]> {
    const { rows } = await sql<{ id: string }>`INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, "trigger", next_attempt_at, created_at, updated_at)
      SELECT gen_random_uuid()::text, 1, 1 + (n % 3), 7, s, 0, 'scheduled', CASE WHEN s IN ('pending', 'sending') THEN 1000 + n END, 1, 1
      FROM unnest(CAST(${statuses} AS TEXT[])) WITH ORDINALITY AS x(s, n) RETURNING id`.execute(on);
    return rows.map((row) => String(row.id));
  }

  beforeAll(async () => {
    const schema = await createTestSchema();
    db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: schema.url, max: 2 }) }) });
    const current = (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0].schema;
    migrator = new Migrator({ db, provider: migrations('postgres'), migrationTableSchema: current });
    expect((await migrator.migrateTo('027_postgres_bytewise_keys')).error).toBeUndefined();
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it('is filled by the migration with every delivery that has not succeeded', async () => {
    await insert(['pending', 'sending', 'held', 'queued', 'failed', 'succeeded', 'succeeded', 'pending']);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const states = await expectInStep();
    expect(states.map((row) => row.status)).toEqual(['pending', 'sending', 'held', 'queued', 'failed', 'pending']);
  });

  it('leaves deliveries only indexes on columns that never change, and room on its pages for updates', async () => {
    const { rows } = await sql<{ name: string; columns: string[]; partial: boolean; expressions: boolean }>`SELECT i.indexrelid::regclass::text AS name,
        ARRAY(SELECT CAST(a.attname AS TEXT) FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)) AS columns,
        i.indpred IS NOT NULL AS partial, i.indexprs IS NOT NULL AS expressions
      FROM pg_index i WHERE i.indrelid = 'deliveries'::regclass`.execute(db);
    expect(rows.map((row) => row.name).sort()).toEqual(['deliveries_event', 'deliveries_pkey', 'deliveries_uid_key', 'deliveries_webhook', 'deliveries_workspace']);
    for (const row of rows) {
      expect(row.partial || row.expressions, row.name).toBe(false);
      for (const column of row.columns) expect(['id', 'uid', 'event_id', 'webhook_id', 'workspace_id'], `${row.name}.${column}`).toContain(column);
    }
    const { rows: [table] } = await sql<{ options: string[] | null }>`SELECT reloptions AS options FROM pg_class WHERE oid = 'deliveries'::regclass`.execute(db);
    expect(table.options).toContain('fillfactor=80');
  });

  it('follows every kind of write to deliveries, in the writing statement', async () => {
    const ids = await insert(['pending', 'pending', 'pending', 'held', 'succeeded', 'pending']);
    await expectInStep();
    // A claim's mark and outcomes in one statement each, as hookd writes them.
    await sql`UPDATE deliveries SET status = 'sending', next_attempt_at = 99999 WHERE id = ANY(CAST(${ids.slice(0, 3)} AS BIGINT[]))`.execute(db);
    await expectInStep();
    await sql`WITH v(id, status, next_at) AS (SELECT * FROM unnest(CAST(${ids.slice(0, 3)} AS BIGINT[]), CAST(${['succeeded', 'pending', 'failed']} AS TEXT[]), CAST(${[null, 5000, null]} AS BIGINT[])))
      UPDATE deliveries SET status = v.status, next_attempt_at = v.next_at, attempt_count = attempt_count + 1 FROM v
      WHERE deliveries.id = v.id AND deliveries.status = 'sending'`.execute(db);
    let states = await expectInStep();
    expect(states.some((row) => row.id === ids[0])).toBe(false);
    // A succeeded delivery resent comes back; one updated without a change of state stays as it was.
    await sql`UPDATE deliveries SET status = 'pending', next_attempt_at = 7000 WHERE id IN (${ids[0]}, ${ids[4]})`.execute(db);
    await sql`UPDATE deliveries SET updated_at = 42, attempt_count = 3 WHERE id = ${ids[5]}`.execute(db);
    states = await expectInStep();
    expect(states.filter((row) => row.id === ids[0] || row.id === ids[4]).map((row) => row.next_attempt_at)).toEqual(['7000', '7000']);
    // Deleted, alone or with others in one statement.
    await sql`DELETE FROM deliveries WHERE id IN (${ids[1]}, ${ids[2]}, ${ids[4]})`.execute(db);
    await expectInStep();
    // An update that finds nothing, and a statement of no rows at all.
    await sql`UPDATE deliveries SET status = 'held' WHERE id = -1`.execute(db);
    await sql`DELETE FROM deliveries WHERE id = -1`.execute(db);
    await expectInStep();
  });

  it('is written with the transaction: seen by its next statement, gone with its rollback', async () => {
    const before = await both();
    const undo = new Error('rolled back');
    await expect(db.transaction().execute(async (trx) => {
      const [id] = await insert(['pending'], trx);
      expect((await expectInStep(trx)).some((row) => row.id === id)).toBe(true);
      await sql`UPDATE deliveries SET status = 'succeeded' WHERE id = ${id}`.execute(trx);
      expect((await expectInStep(trx)).some((row) => row.id === id)).toBe(false);
      throw undo;
    })).rejects.toBe(undo);
    expect(await both()).toEqual(before);
  });

  it('lets the claim and the outcome update a delivery without a new index entry (HOT)', async () => {
    const ids = await insert(Array.from({ length: 10 }, () => 'pending'));
    await db.transaction().execute(async (trx) => {
      const hot = async () => Number((await sql<{ n: string }>`SELECT pg_stat_get_xact_tuples_hot_updated('deliveries'::regclass) AS n`.execute(trx)).rows[0].n);
      const start = await hot();
      await sql`UPDATE deliveries SET status = 'sending', next_attempt_at = 50000, updated_at = 2 WHERE id = ANY(CAST(${ids} AS BIGINT[]))`.execute(trx);
      await sql`UPDATE deliveries SET status = 'succeeded', next_attempt_at = NULL, last_attempt_at = 3, attempt_count = 1, updated_at = 3
        WHERE id = ANY(CAST(${ids} AS BIGINT[]))`.execute(trx);
      expect(await hot() - start).toBe(20);
      await expectInStep(trx);
    });
  });
});
