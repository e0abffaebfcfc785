/**
 * A claim's statements on PostgreSQL (store/sql/claim-plans.ts, store/postgres-framed-statements.ts): the
 * window runs with its planner settings in a transaction of its own; the transaction begins, with the
 * settings, in the round trip of the statement that opens it, and commits in that of the statement that
 * closes it; a failure inside it rolls back what it wrote and leaves its connection outside any
 * transaction. A real claim is three round trips, one when nothing is due.
 */
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { Workspace } from '../../../src/core/model.ts';
import type { Database } from '../../../src/store/schema.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { inClaimTransaction, PLANNED } from '../../../src/store/sql/claim-plans.ts';
import { frameStatements, framed, literal } from '../../../src/store/postgres-framed-statements.ts';
import { USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';
import { startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

type Settings = { sequential: string; bitmap: string; plans: string };
const SETTINGS = `SELECT current_setting('enable_seqscan') AS sequential, current_setting('enable_bitmapscan') AS bitmap,
  current_setting('plan_cache_mode') AS plans, CAST($1 AS INTEGER) AS n`;
const CLAIM_SETTINGS = { sequential: 'off', bitmap: 'off', plans: 'force_generic_plan' };

describe.skipIf(!USE_POSTGRES)(`a claim's transaction (${USE_POSTGRES ? 'running' : reason})`, () => {
  let db: Kysely<Database>;
  let pool: pg.Pool;

  beforeAll(async () => {
    const schema = await createTestSchema();
    // One connection: what follows runs on the connection the claim used.
    pool = new pg.Pool({ connectionString: schema.url, max: 1 });
    // Not named as well (postgres-named-statements.ts): the check that the connection is outside a
    // transaction compares the times its statement and its transaction began, one and the same message
    // only in the simple protocol.
    pool.on('connect', (client) => frameStatements(client));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await sql`CREATE TABLE probe (n INTEGER)`.execute(db);
  });

  afterAll(async () => {
    await db?.destroy();
  });

  const settings = async (on: Kysely<Database>, parameters: unknown[]) => {
    const { rows: [row] } = await on.executeQuery<Settings & { n: number }>(CompiledQuery.raw(SETTINGS, parameters));
    return row;
  };
  /** Outside an explicit transaction, each statement's own transaction starts with it. */
  const outsideTransaction = async () => (await sql<{ outside: boolean }>`SELECT xact_start = query_start AS outside
    FROM pg_stat_activity WHERE pid = pg_backend_pid()`.execute(db)).rows[0].outside;
  const probe = async () => (await sql<{ n: number[] | null }>`SELECT array_agg(n ORDER BY n) AS n FROM probe`.execute(db)).rows[0].n;

  it('plans a statement sent with the settings as a claim needs, and nothing after it', async () => {
    expect(await settings(db, framed([7], PLANNED))).toEqual({ ...CLAIM_SETTINGS, n: 7 });
    expect(await settings(db, [8])).toEqual({ sequential: 'on', bitmap: 'on', plans: 'auto', n: 8 });
    expect(await outsideTransaction()).toBe(true);
  });

  it('begins with its first statement, planned, and commits with its last', async () => {
    const seen = await inClaimTransaction(db, async (claim) => {
      const first = await settings(claim.db, framed([1], claim.opening()));
      await sql`INSERT INTO probe VALUES (1)`.execute(claim.db);
      const inside = await settings(claim.db, [2]);
      const { rows } = await claim.db.executeQuery<{ n: number }>(CompiledQuery.raw('INSERT INTO probe VALUES (CAST($1 AS INTEGER)) RETURNING n', framed([2], claim.closing())));
      return { first, inside, rows };
    });
    expect(seen).toEqual({ first: { ...CLAIM_SETTINGS, n: 1 }, inside: { ...CLAIM_SETTINGS, n: 2 }, rows: [{ n: 2 }] });
    expect(await outsideTransaction()).toBe(true);
    expect(await probe()).toEqual([1, 2]);
  });

  it('commits a transaction its last statement did not', async () => {
    await inClaimTransaction(db, async (claim) => {
      await settings(claim.db, framed([1], claim.opening()));
      await sql`INSERT INTO probe VALUES (3)`.execute(claim.db);
    });
    expect(await outsideTransaction()).toBe(true);
    expect(await probe()).toEqual([1, 2, 3]);
  });

  it('rolls back on a failure, and leaves its connection outside any transaction', async () => {
    const failure = new Error('the claim failed');
    await expect(inClaimTransaction(db, async (claim) => {
      await settings(claim.db, framed([1], claim.opening()));
      await sql`INSERT INTO probe VALUES (4)`.execute(claim.db);
      throw failure;
    })).rejects.toBe(failure);
    expect(await outsideTransaction()).toBe(true);
    expect(await probe()).toEqual([1, 2, 3]);
    // A statement that fails inside it, the one sent with the COMMIT: the same.
    await expect(inClaimTransaction(db, async (claim) => {
      await settings(claim.db, framed([1], claim.opening()));
      await sql`INSERT INTO probe VALUES (5)`.execute(claim.db);
      await claim.db.executeQuery(CompiledQuery.raw('SELECT 1 / CAST($1 AS INTEGER)', framed([0], claim.closing())));
    })).rejects.toThrow(/division by zero/);
    expect(await outsideTransaction()).toBe(true);
    // And the one it begins with.
    await expect(inClaimTransaction(db, async (claim) => {
      await claim.db.executeQuery(CompiledQuery.raw('SELECT 1 / CAST($1 AS INTEGER)', framed([0], claim.opening())));
    })).rejects.toThrow(/division by zero/);
    expect(await outsideTransaction()).toBe(true);
    expect(await probe()).toEqual([1, 2, 3]);
  });

  it('takes a statement already prepared on its connection as its own (a PREPARE whose answer was lost)', async () => {
    const client = await pool.connect();
    try {
      expect((await client.query(SETTINGS, framed([5], PLANNED))).rows[0]).toMatchObject({ n: 5 });
      // A second wrapper knows of no statement prepared on the connection: its PREPARE finds the name taken.
      frameStatements(client);
      expect((await client.query(SETTINGS, framed([6], PLANNED))).rows[0]).toMatchObject({ ...CLAIM_SETTINGS, n: 6 });
    } finally {
      client.release(true);
    }
  });

  it('writes parameters as literals the server reads back as they were', async () => {
    const values = [0, -42, 2 ** 53 - 1, 'it\'s \\ a "test" ; --', '', null, true, [1, 2, 3], [], ['a\'b', 'c"d', 'e\\f', null]];
    const { rows: [row] } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`SELECT CAST($1 AS BIGINT) AS a, CAST($2 AS BIGINT) AS b,
      CAST($3 AS BIGINT) AS c, CAST($4 AS TEXT) AS d, CAST($5 AS TEXT) AS e, CAST($6 AS TEXT) AS f, CAST($7 AS BOOLEAN) AS g,
      CAST($8 AS BIGINT[]) AS h, CAST($9 AS BIGINT[]) AS i, CAST($10 AS TEXT[]) AS j`, framed(values, PLANNED)));
    expect({ ...row, h: (row.h as unknown[]).map(Number) }).toEqual({ a: 0, b: -42, c: 2 ** 53 - 1, d: values[3], e: '', f: null, g: true, h: [1, 2, 3], i: [], j: values[9] });
    expect(() => literal(Buffer.from('x'))).toThrow(/no binary parameters/);
  });
});

describe.skipIf(!USE_POSTGRES)(`a claim's round trips (${USE_POSTGRES ? 'running' : reason})`, () => {
  let running: ApiRoleHookd;
  let hookd: Hookd;
  let store: SqlStore;
  let workspace: Workspace;
  // Every query any connection sends, by the connection that sends it (set before the store connects; only
  // when this block runs, so that a skipped block leaves pg as it was).
  const spyOnQueries = () => vi.spyOn(pg.Client.prototype, 'query');
  let sent: ReturnType<typeof spyOnQueries>;

  beforeAll(async () => {
    sent = spyOnQueries();
    running = await startApiRoleHookd('claim-round-trips');
    ({ hookd, store } = running);
    workspace = await hookd.core.workspaces.create({ name: 'round trips' });
    await hookd.core.webhooks.create(workspace, { name: 'w', url: 'http://127.0.0.1:9/w', events: ['order.created'], status: 'active' });
  });

  afterAll(async () => {
    sent?.mockRestore();
    await running?.stop();
  });

  const claim = () => {
    const now = Date.now() + 1_000;
    return store.dispatch.claim({
      now, leaseUntil: now + 60_000, limit: 16, perWebhookRoom: new Map(), perWebhookDefault: 16,
      perWorkspaceRoom: new Map(), perWorkspaceDefault: 1_000, webhookConcurrency: 16, settled: [], held: [],
    });
  };
  /** What `work` sent on the connection that sent the most (the claim's own: others may be busy meanwhile). */
  const roundTrips = async (work: () => Promise<unknown>) => {
    sent.mockClear();
    const result = await work();
    const byConnection = new Map<unknown, string[]>();
    for (const [index, call] of sent.mock.calls.entries()) {
      const client = sent.mock.contexts[index];
      byConnection.set(client, [...(byConnection.get(client) ?? []), String(typeof call[0] === 'string' ? call[0] : (call[0] as { text: string }).text)]);
    }
    const texts = [...byConnection.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    return { result, texts };
  };

  it('takes work in three round trips, and finds nothing in one', async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 3; i++) await hookd.core.events.publish(workspace, { type: 'order.created', data: { i } });
      const { result, texts } = await roundTrips(claim);
      expect(result).toHaveLength(3);
      // The first claim on a connection prepares its statements first, once each.
      const withoutPrepares = texts.filter((text) => !text.startsWith('PREPARE '));
      if (round === 1) expect(withoutPrepares).toEqual(texts);
      expect(withoutPrepares.map((text) => text.replace(/EXECUTE (hookd_framed_\d+).*$/s, 'EXECUTE $1').replace(/hookd_framed_\d+/, 'statement'))).toEqual([
        expect.stringMatching(/^SET LOCAL enable_seqscan = off; .*EXECUTE statement$/s),
        expect.stringMatching(/^BEGIN; SET LOCAL enable_seqscan = off; .*EXECUTE statement$/s),
        expect.stringMatching(/^EXECUTE statement$/),
      ]);
      expect(withoutPrepares[2]).toMatch(/; COMMIT$/);
    }
    const { result, texts } = await roundTrips(claim);
    expect(result).toHaveLength(0);
    expect(texts).toEqual([expect.stringMatching(/^SET LOCAL enable_seqscan = off; .*EXECUTE hookd_framed_\d+\(/s)]);
  });
});

// Last in the file: it fills the process's table of framed statements.
describe.skipIf(!USE_POSTGRES)(`framed statements past the table's bound (${USE_POSTGRES ? 'running' : reason})`, () => {
  it('are sent unprepared, their parameters written in, in one round trip as before', async () => {
    const schema = await createTestSchema();
    const pool = new pg.Pool({ connectionString: schema.url, max: 1 });
    const texts: string[] = [];
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
        texts.push(String(args[0]));
        return query(...args);
      };
      frameStatements(client);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      const text = (i: number) => SETTINGS.replace('CAST($1 AS INTEGER) AS n', `CAST($1 AS INTEGER) + ${i} AS n`);
      for (let i = 0; i < 101; i++) {
        texts.length = 0;
        const { rows: [row] } = await db.executeQuery<Settings & { n: number }>(CompiledQuery.raw(text(i), framed([1], PLANNED)));
        expect(row).toEqual({ ...CLAIM_SETTINGS, n: 1 + i });
      }
      // The 101st text: no PREPARE, no EXECUTE, the settings still in force.
      expect(texts).toEqual([[...PLANNED.before, text(100).replace('$1', "'1'")].join('; ')]);
    } finally {
      await db.destroy();
    }
  });
});
