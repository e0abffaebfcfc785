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
    const never = { vacuumedAgoMs: null, analyzedAgoMs: null };
    expect(upkeepSteps([
      { table: 'quiet', live: 1000, dead: 250, changedSinceAnalyze: 150, ...never },
      { table: 'dead', live: 1000, dead: 251, changedSinceAnalyze: 150, ...never },
      { table: 'changed', live: 1000, dead: 0, changedSinceAnalyze: 151, ...never },
      { table: 'both', live: 1000, dead: 300, changedSinceAnalyze: 300, ...never },
      { table: 'new', live: 0, dead: 0, changedSinceAnalyze: 51, ...never },
    ])).toEqual([
      { table: 'dead', action: 'vacuum' },
      { table: 'changed', action: 'analyze' },
      { table: 'both', action: 'vacuum analyze' },
      { table: 'new', action: 'analyze' },
    ]);
  });

  it('leaves alone what anyone vacuumed or analyzed less than the gap ago', () => {
    const churned = { live: 1000, dead: 300, changedSinceAnalyze: 300 };
    expect(upkeepSteps([
      { table: 'vacuumed', ...churned, vacuumedAgoMs: 14_999, analyzedAgoMs: 60_000 },
      { table: 'analyzed', ...churned, vacuumedAgoMs: 60_000, analyzedAgoMs: 100 },
      { table: 'both', ...churned, vacuumedAgoMs: 100, analyzedAgoMs: 100 },
      { table: 'long ago', ...churned, vacuumedAgoMs: 15_000, analyzedAgoMs: 15_000 },
    ], 15_000)).toEqual([
      { table: 'vacuumed', action: 'analyze' },
      { table: 'analyzed', action: 'vacuum' },
      { table: 'long ago', action: 'vacuum analyze' },
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
    await admin.query(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await admin.end();
  });

  /** Statistics are flushed to the server's counters shortly after each transaction: waits for them. */
  /** A table of its own for each test (created on first use), churned: 1 000 rows updated three times. */
  async function churned(table: string): Promise<void> {
    await admin.query(`CREATE TABLE IF NOT EXISTS ${schema}.${table} (id int PRIMARY KEY, n int)`);
    const { rows: [before] } = await admin.query<{ dead: string }>('SELECT n_dead_tup AS dead FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2', [schema, table]);
    await admin.query(`INSERT INTO ${schema}.${table} SELECT i, 0 FROM generate_series(1, 1000) AS i ON CONFLICT (id) DO NOTHING`);
    for (let i = 0; i < 3; i++) await admin.query(`UPDATE ${schema}.${table} SET n = n + 1`);
    await eventually(async () => {
      const { rows } = await admin.query<{ dead: string }>('SELECT n_dead_tup AS dead FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2', [schema, table]);
      return Number(rows[0]?.dead ?? 0) >= Number(before?.dead ?? 0) + 2000;
    }, 15_000, 200);
  }

  /** A table of `count` rows, each updated once: as many dead versions, whose VACUUM at the upkeep's pace takes seconds. */
  async function withDeadRows(table: string, count: number): Promise<void> {
    await admin.query(`CREATE TABLE ${schema}.${table} (id int PRIMARY KEY, n int)`);
    await admin.query(`INSERT INTO ${schema}.${table} SELECT i, 0 FROM generate_series(1, ${count}) AS i`);
    await admin.query(`UPDATE ${schema}.${table} SET n = 1`);
    await eventually(async () => {
      const { rows } = await admin.query<{ dead: string }>('SELECT n_dead_tup AS dead FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2', [schema, table]);
      return Number(rows[0]?.dead ?? 0) >= count;
    }, 15_000, 200);
  }

  it('vacuums and analyzes a table that churned, says why once, and then has nothing to do', { timeout: 60_000 }, async (context) => {
    if (autovacuum === 'on') {
      console.log('skipped: this server runs autovacuum, so hookd leaves upkeep to it');
      context.skip();
    }
    await churned('churn');
    const lines: Array<{ level: number; msg: string }> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)); } });
    // No gap between passes: "nothing to do" below is then the thresholds' doing, not the gap's.
    const upkeep = new PostgresUpkeep(TEST_DATABASE_URL as string, schema, 5000, log, 0);
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
    await churned('taken_in_turn');
    const other = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await other.connect();
    try {
      expect((await other.query("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [`hookd upkeep ${schema}`])).rows[0].locked).toBe(true);
      const upkeep = new PostgresUpkeep(TEST_DATABASE_URL as string, schema, 5000);
      expect(await upkeep.runOnce()).toEqual([]);
      await other.query('SELECT pg_advisory_unlock_all()');
      expect((await upkeep.runOnce()).map((step) => step.table)).toEqual(['taken_in_turn']);
    } finally {
      await other.end();
    }
  });

  it('leaves a table another process has just vacuumed, however it churned since', { timeout: 60_000 }, async (context) => {
    if (autovacuum === 'on') {
      console.log('skipped: this server runs autovacuum, so hookd leaves upkeep to it');
      context.skip();
    }
    await churned('shared');
    const first = new PostgresUpkeep(TEST_DATABASE_URL as string, schema, 5000);
    expect((await first.runOnce()).filter((step) => step.table === 'shared')).toEqual([{ table: 'shared', action: 'vacuum analyze' }]);
    await churned('shared');
    const second = new PostgresUpkeep(TEST_DATABASE_URL as string, schema, 5000);
    expect((await second.runOnce()).filter((step) => step.table === 'shared')).toEqual([]);
    // Past the gap, it is due again.
    const noGap = new PostgresUpkeep(TEST_DATABASE_URL as string, schema, 5000, undefined, 0);
    expect((await noGap.runOnce()).filter((step) => step.table === 'shared')).toEqual([{ table: 'shared', action: 'vacuum analyze' }]);
  });

  it('gives way to a session waiting for its lock, as autovacuum does', { timeout: 90_000 }, async (context) => {
    if (autovacuum === 'on') {
      console.log('skipped: this server runs autovacuum, so hookd leaves upkeep to it');
      context.skip();
    }
    await withDeadRows('big', 400_000);
    const lines: Array<{ msg: string }> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)); } });
    const upkeep = new PostgresUpkeep(TEST_DATABASE_URL as string, schema, 5000, log, 15_000, 200);
    const pass = upkeep.runOnce();
    await eventually(async () => {
      const { rows } = await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name LIKE 'hookd % upkeep' AND query LIKE 'VACUUM%big%'");
      return rows.length === 1;
    }, 15_000, 50);
    // What a hookd process starting meanwhile does in its migrations: DDL, which waits for the VACUUM's lock.
    const migrating = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await migrating.connect();
    try {
      await migrating.query("SET statement_timeout = '5s'");
      await migrating.query(`ALTER TABLE ${schema}.big ALTER COLUMN n SET STATISTICS 50`);
    } finally {
      await migrating.end();
    }
    expect((await pass).map((step) => step.table)).not.toContain('big');
    expect(lines.map((line) => line.msg)).toContainEqual(expect.stringContaining('gave way'));
  });

  it("stops its pass's statement on the server, not only its own connection", { timeout: 90_000 }, async (context) => {
    if (autovacuum === 'on') {
      console.log('skipped: this server runs autovacuum, so hookd leaves upkeep to it');
      context.skip();
    }
    // First in name order, so the pass starts with it.
    await withDeadRows('a_big', 1_000_000);
    const running = async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'VACUUM%a_big%'")).rows.length > 0;
    const upkeep = new PostgresUpkeep(TEST_DATABASE_URL as string, schema, 5000, undefined, 15_000);
    const pass = upkeep.runOnce().catch(() => 'cut short');
    await eventually(running, 15_000, 50);
    await upkeep.stop();
    expect(await pass).toBe('cut short');
    // Its connection ended alone, the server would run the VACUUM to its end: several seconds more.
    const stopped = Date.now();
    await eventually(async () => !await running(), 10_000, 20);
    expect(Date.now() - stopped).toBeLessThan(1_000);
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
