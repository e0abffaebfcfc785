/**
 * A workspace's attempt log (GET /workspaces/{ws}/attempts, `hookd tail`) is read from the workspace's own
 * index (migration 029): a quiet workspace's page, or its log followed from an old attempt id, does not
 * step over the attempts of a busy workspace made since.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/store/schema.ts';
import { SqlDeliveries } from '../../../src/store/sql/deliveries.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { AttemptLog } from '../../../src/store/sql/rows.ts';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';

const BUSY_ATTEMPTS = 20_000;

describe("a workspace's attempts", () => {
  let server: TestHookd;
  let db: Kysely<Database>;
  let quiet: Awaited<ReturnType<typeof createWorkspace>>;
  /** The two workspaces' keys, quiet first. */
  let workspaceSeqs: number[];
  let quietAttempts: string[];

  /** `n` attempts of the webhook `uid`, written directly (the webhooks' URL is never called). */
  async function insertAttempts(uid: string, n: number, trigger: string): Promise<void> {
    await sql`INSERT INTO attempts (delivery_id, webhook_id, workspace_id, event_type, "trigger", success, request_url, request_headers,
        request_body, response_code, response_message, response_headers, response_body, duration_ms, error, created_at)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})
      SELECT NULL, w.id, w.workspace_id, 'order.created', ${trigger}, 1, 'http://127.0.0.1:9/', '{}', NULL, 200, 'OK', '{}', NULL, 1, NULL,
        CAST(${Date.now()} AS BIGINT) FROM n, webhooks w WHERE w.uid = ${uid}`.execute(db);
  }

  beforeAll(async () => {
    server = await startTestHookd();
    db = (server.hookd.store as SqlStore).db;
    quiet = await createWorkspace(server.api, 'quiet');
    const busy = await createWorkspace(server.api, 'busy');
    const webhookOf = async (ws: typeof quiet) => (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'log', url: 'http://127.0.0.1:9/log', events: ['order.created'] })).body.data.id as string;
    const [quietHook, busyHook] = [await webhookOf(quiet), await webhookOf(busy)];
    // The quiet workspace's attempts first, then many more of the busy one's, all newer.
    await insertAttempts(quietHook, 2, 'scheduled');
    await insertAttempts(quietHook, 1, 'manual');
    await insertAttempts(busyHook, BUSY_ATTEMPTS, 'scheduled');
    // PostgreSQL plans by the tables' statistics, which its autovacuum, or hookd's upkeep where that is
    // off (store/postgres-upkeep.ts), gathers soon after rows like these arrive.
    if (USE_POSTGRES) await sql`ANALYZE attempts`.execute(db);
    workspaceSeqs = await Promise.all([quietHook, busyHook].map(async (uid) => Number((await db.selectFrom('webhooks').select('workspace_id').where('uid', '=', uid).executeTakeFirstOrThrow()).workspace_id)));
    const listed = await quiet.api.get(`/workspaces/${quiet.id}/attempts?limit=10`);
    expect(listed.status, listed.text).toBe(200);
    quietAttempts = listed.body.data.map((attempt: { id: string }) => attempt.id);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('lists its own attempts, newest first, and follows them from an old id, oldest first', async () => {
    expect(quietAttempts).toHaveLength(3);
    const followed = await quiet.api.get(`/workspaces/${quiet.id}/attempts?newerThan=0&limit=10`);
    expect(followed.status).toBe(200);
    expect(followed.body.data.map((attempt: { id: string }) => attempt.id)).toEqual([...quietAttempts].reverse());
    expect(followed.body.page.nextCursor).toBeNull();
    const after = await quiet.api.get(`/workspaces/${quiet.id}/attempts?newerThan=${quietAttempts[0]}`);
    expect(after.body.data).toEqual([]);
    const manual = await quiet.api.get(`/workspaces/${quiet.id}/attempts?trigger=manual`);
    expect(manual.body.data.map((attempt: { id: string; trigger: string }) => [attempt.id, attempt.trigger])).toEqual([[quietAttempts[0], 'manual']]);
  });

  it('refuses to follow by trigger: a window without a match would leave the follower nowhere to go on from', async () => {
    const refused = await quiet.api.get(`/workspaces/${quiet.id}/attempts?newerThan=0&trigger=manual`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_ERROR');
    expect(refused.text).toContain('trigger');
  });

  /** The store's reading of a page of a workspace's log, each statement it ran captured as compiled. */
  async function readLog(on: Kysely<Database>, workspaceSeq: number, newerThan?: number): Promise<CompiledQuery[]> {
    const ran: CompiledQuery[] = [];
    const capturing = on.withPlugin({
      transformQuery: ({ node, queryId }) => { ran.push(on.getExecutor().compileQuery(node, queryId)); return node; },
      transformResult: async ({ result }) => result,
    });
    const deliveries = new SqlDeliveries(capturing, USE_POSTGRES ? 'postgres' : 'sqlite', new AttemptLog(USE_POSTGRES ? 'postgres' : 'sqlite'), (server.hookd.store as SqlStore).queuedMoves);
    const page = await deliveries.workspaceAttempts({ workspaceSeq, ...(newerThan === undefined ? {} : { newerThan }) }, { limit: 10 });
    expect(page.items).toHaveLength(workspaceSeq === workspaceSeqs[0] ? 3 : 10);
    return ran;
  }

  // Both workspaces: the quiet one's page must not step over the busy one's newer attempts, nor the busy
  // one's read all its attempts to sort them.
  it.skipIf(USE_POSTGRES)('on SQLite, a page and a follow search the workspace\'s index of attempts', async () => {
    for (const [workspaceSeq, newerThan] of workspaceSeqs.flatMap((seq) => [[seq, undefined], [seq, 0]] as const)) {
      const [query] = await readLog(db, workspaceSeq, newerThan);
      const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]));
      const attemptsStep = plan.rows.map((row) => row.detail).find((detail) => /^(SCAN|SEARCH) attempts\b/.test(detail));
      expect(attemptsStep).toMatch(/^SEARCH attempts USING INDEX attempts_workspace \(workspace_id=/);
    }
  });

  it.skipIf(!USE_POSTGRES)(`on PostgreSQL, a page and a follow read a few index entries, not every attempt of the workspace or the others'${USE_POSTGRES ? '' : ' (needs PostgreSQL, whose statistics count the rows read: runs in the postgres project)'}`, async () => {
    for (const [workspaceSeq, newerThan] of workspaceSeqs.flatMap((seq) => [[seq, undefined], [seq, 0]] as const)) {
      await db.transaction().execute(async (trx) => {
        const readSoFar = async () => Number((await sql<{ read: string }>`SELECT pg_stat_get_xact_tuples_returned(CAST('attempts' AS regclass))
          + (SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(indexrelid)), 0) FROM pg_index WHERE indrelid = CAST('attempts' AS regclass)) AS read`.execute(trx)).rows[0].read);
        const before = await readSoFar();
        await readLog(trx, workspaceSeq, newerThan);
        const read = await readSoFar() - before;
        console.log(`attempts read for a page of the ${workspaceSeq === workspaceSeqs[0] ? 'quiet' : 'busy'} workspace (newerThan ${newerThan}): ${read}`);
        expect(read).toBeLessThan(20);
      });
    }
  });
});
