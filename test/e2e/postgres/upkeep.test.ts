/**
 * PostgreSQL upkeep (store/postgres-upkeep.ts): with the server's autovacuum off, hookd vacuums and
 * analyzes its own tables, by autovacuum's default thresholds, one process at a time.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresUpkeep, upkeepSteps } from '../../../src/store/postgres-upkeep.ts';
import { TEST_DATABASE_URL, USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';
import { createWorkspace, eventually, startTestHookd } from '../../helpers/hookd.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe('what PostgreSQL upkeep does to a table', () => {
  it('vacuums past 50 + 20% dead rows and analyzes past 50 + 10% changes, as autovacuum would', () => {
    expect(upkeepSteps([
      { table: 'quiet', live: 1000, dead: 250, changedSinceAnalyze: 150 },
      { table: 'dead', live: 1000, dead: 251, changedSinceAnalyze: 150 },
      { table: 'changed', live: 1000, dead: 0, changedSinceAnalyze: 151 },
      { table: 'both', live: 1000, dead: 300, changedSinceAnalyze: 300 },
      { table: 'new', live: 0, dead: 0, changedSinceAnalyze: 51 },
    ])).toEqual([
      { table: 'dead', action: 'vacuum' },
      { table: 'changed', action: 'analyze' },
      { table: 'both', action: 'vacuum analyze' },
      { table: 'new', action: 'analyze' },
    ]);
  });
});

describe.skipIf(!USE_POSTGRES)(`PostgreSQL upkeep (${USE_POSTGRES ? 'running' : reason})`, () => {
  // Left for the run's teardown, like every test schema: a DROP SCHEMA while other tests' hookd migrate
  // made their migration fail (Kysely's introspection reads every schema's tables).
  const schema = `hookd_test_upkeep_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client;
  let autovacuum = 'on';

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    autovacuum = (await admin.query<{ setting: string }>("SELECT current_setting('autovacuum') AS setting")).rows[0].setting;
    await admin.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.churn (id int PRIMARY KEY, n int)`);
  });
  afterAll(async () => {
    await admin.end();
  });

  /** Statistics are flushed to the server's counters shortly after each transaction: waits for them. */
  async function churned(): Promise<void> {
    await admin.query(`INSERT INTO ${schema}.churn SELECT i, 0 FROM generate_series(1, 1000) AS i`);
    for (let i = 0; i < 3; i++) await admin.query(`UPDATE ${schema}.churn SET n = n + 1`);
    await eventually(async () => {
      const { rows } = await admin.query<{ dead: string }>('SELECT n_dead_tup AS dead FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2', [schema, 'churn']);
      return Number(rows[0]?.dead ?? 0) >= 2000;
    }, 15_000, 200);
  }

  it('vacuums and analyzes a table that churned, says why once, and then has nothing to do', { timeout: 60_000 }, async (context) => {
    if (autovacuum === 'on') {
      console.log('skipped: this server runs autovacuum, so hookd leaves upkeep to it');
      context.skip();
    }
    await churned();
    const lines: Array<{ level: number; msg: string }> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)); } });
    const upkeep = new PostgresUpkeep(TEST_DATABASE_URL as string, schema, 5000, log);
    expect(await upkeep.runOnce()).toEqual([{ table: 'churn', action: 'vacuum analyze' }]);
    const { rows: [stats] } = await admin.query('SELECT last_vacuum, last_analyze FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2', [schema, 'churn']);
    expect(stats.last_vacuum).not.toBeNull();
    expect(stats.last_analyze).not.toBeNull();
    await eventually(async () => (await upkeep.runOnce()).length === 0, 15_000, 500);
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toContain('autovacuum is off');
  });

  it('is done by one process at a time', { timeout: 60_000 }, async (context) => {
    if (autovacuum === 'on') {
      console.log('skipped: this server runs autovacuum, so hookd leaves upkeep to it');
      context.skip();
    }
    await admin.query(`TRUNCATE ${schema}.churn`);
    await churned();
    const other = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await other.connect();
    try {
      expect((await other.query("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [`hookd upkeep ${schema}`])).rows[0].locked).toBe(true);
      const upkeep = new PostgresUpkeep(TEST_DATABASE_URL as string, schema, 5000);
      expect(await upkeep.runOnce()).toEqual([]);
      await other.query('SELECT pg_advisory_unlock_all()');
      expect((await upkeep.runOnce()).map((step) => step.table)).toEqual(['churn']);
    } finally {
      await other.end();
    }
  });

  it('runs in a hookd process: the events it took are analyzed within seconds', { timeout: 60_000 }, async (context) => {
    if (autovacuum === 'on') {
      console.log('skipped: this server runs autovacuum, so hookd leaves upkeep to it');
      context.skip();
    }
    const own = await createTestSchema();
    const ownSchema = (new URL(own.url).searchParams.get('options') ?? '').replace('-c search_path=', '');
    const hookd = await startTestHookd({ databaseUrl: own.url });
    try {
      const ws = await createWorkspace(hookd.api, 'upkeep');
      for (let i = 0; i < 120; i++) expect((await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i } })).status).toBe(202);
      await eventually(async () => {
        const { rows } = await admin.query('SELECT 1 FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2 AND last_analyze IS NOT NULL', [ownSchema, 'events']);
        return rows.length === 1;
      }, 30_000, 500);
    } finally {
      await hookd.stop();
    }
  });
});
