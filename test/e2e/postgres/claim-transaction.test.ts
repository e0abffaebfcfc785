/**
 * A claim's transaction on PostgreSQL (store/sql/claim-plans.ts): begun together with its planner
 * settings in one round trip, those settings hold inside it and nowhere else, and a failure inside it
 * rolls back what it wrote and leaves its connection outside any transaction. One connection, so that
 * what follows runs on the connection the transaction used.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/store/schema.ts';
import { inClaimTransaction } from '../../../src/store/sql/claim-plans.ts';
import { USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`a claim's transaction (${USE_POSTGRES ? 'running' : reason})`, () => {
  let db: Kysely<Database>;

  beforeAll(async () => {
    const schema = await createTestSchema();
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: schema.url, max: 1 }) }) });
    await sql`CREATE TABLE probe (n INTEGER)`.execute(db);
  });

  afterAll(async () => {
    await db?.destroy();
  });

  const settings = async (on: Kysely<Database>) => (await sql<{ sequential: string; bitmap: string; plans: string }>`SELECT
    current_setting('enable_seqscan') AS sequential, current_setting('enable_bitmapscan') AS bitmap, current_setting('plan_cache_mode') AS plans`.execute(on)).rows[0];
  /** Outside an explicit transaction, each statement's own transaction starts with it. */
  const outsideTransaction = async () => (await sql<{ outside: boolean }>`SELECT xact_start = query_start AS outside
    FROM pg_stat_activity WHERE pid = pg_backend_pid()`.execute(db)).rows[0].outside;

  it('plans its statements as a claim needs, and only its own', async () => {
    expect(await inClaimTransaction(db, (trx) => settings(trx))).toEqual({ sequential: 'off', bitmap: 'off', plans: 'force_generic_plan' });
    expect(await settings(db)).toEqual({ sequential: 'on', bitmap: 'on', plans: 'auto' });
    expect(await outsideTransaction()).toBe(true);
  });

  it('commits what it wrote', async () => {
    await inClaimTransaction(db, async (trx) => {
      await sql`INSERT INTO probe VALUES (1)`.execute(trx);
    });
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM probe`.execute(db)).rows[0].n).toBe(1);
  });

  it('rolls back on a failure, and leaves its connection outside any transaction', async () => {
    const failure = new Error('the claim failed');
    await expect(inClaimTransaction(db, async (trx) => {
      await sql`INSERT INTO probe VALUES (2)`.execute(trx);
      throw failure;
    })).rejects.toBe(failure);
    expect(await outsideTransaction()).toBe(true);
    expect((await sql<{ n: number }>`SELECT array_agg(n) AS n FROM probe`.execute(db)).rows[0].n).toEqual([1]);
    // A statement that fails inside it: the same.
    await expect(inClaimTransaction(db, async (trx) => {
      await sql`INSERT INTO probe VALUES (3)`.execute(trx);
      await sql`SELECT 1 / 0`.execute(trx);
    })).rejects.toThrow(/division by zero/);
    expect(await outsideTransaction()).toBe(true);
    expect((await sql<{ n: number }>`SELECT array_agg(n) AS n FROM probe`.execute(db)).rows[0].n).toEqual([1]);
  });
});
