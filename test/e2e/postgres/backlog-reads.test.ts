/**
 * What a backlog for one dead endpoint costs the statements around it on PostgreSQL, counted with
 * PostgreSQL's own per-transaction statistics (index entries returned), on the real store of an API-role
 * process (no dispatcher of its own claims meanwhile), with the backlog written by SQL:
 *
 * - A claim's look for a healthy webhook's first due rows reads that webhook's rows only
 *   (store/sql/due-scan.ts). It was planned as a walk of the all-webhooks due index filtered by webhook,
 *   and behind a 165 000-row backlog read every backlog row to find the healthy webhook's few.
 * - Marking the rows a claim takes reads them through the primary key, not the due index that holds the
 *   backlog (store/sql/mark-sending.ts).
 * - Pausing the dead webhook reads each backlog row a few times, not once per chunk moved before it
 *   (store/sql/queued-work.ts): each moved row leaves a dead entry, and chunks that started from the
 *   webhook's first entry walked all of them again wherever they could not be pruned meanwhile.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { ClaimRequest } from '../../../src/core/ports/store.ts';
import type { Webhook, Workspace } from '../../../src/core/model.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import type { Database } from '../../../src/store/schema.ts';
import { DueScan } from '../../../src/store/sql/due-scan.ts';
import { CHUNK } from '../../../src/store/sql/chunks-in-turn.ts';
import { holdQueued } from '../../../src/store/sql/queued-work.ts';
import { MarkSending } from '../../../src/store/sql/mark-sending.ts';
import { Rooms } from '../../../src/store/sql/rooms.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { startApiRoleHookd, type ApiRoleHookd } from '../../helpers/api-role-hookd.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';
const BACKLOG = 30_000;

/**
 * Index entries of deliveries returned so far by this connection's scans and not yet reported to the
 * shared statistics: take the difference of two readings in one transaction.
 */
async function entriesRead(trx: Kysely<Database>): Promise<number> {
  const { rows: [stats] } = await sql<{ read: string }>`SELECT sum(pg_stat_get_xact_tuples_returned(indexrelid)) AS read
    FROM pg_index WHERE indrelid = 'deliveries'::regclass`.execute(trx);
  return Number(stats.read);
}

describe.skipIf(!USE_POSTGRES)(`statements behind a webhook's backlog (${USE_POSTGRES ? 'running' : reason})`, () => {
  let running: ApiRoleHookd;
  let hookd: Hookd;
  let store: SqlStore;
  let workspace: Workspace;
  let dead: Webhook;
  let healthy: Webhook;

  beforeAll(async () => {
    running = await startApiRoleHookd('backlog-reads');
    ({ hookd, store } = running);
    workspace = await hookd.core.workspaces.create({ name: 'due-scan' });
    dead = await hookd.core.webhooks.create(workspace, { name: 'dead', url: 'http://127.0.0.1:9/dead', events: ['order.created'], status: 'active' });
    healthy = await hookd.core.webhooks.create(workspace, { name: 'healthy', url: 'http://127.0.0.1:9/healthy', events: ['order.updated'], status: 'active' });
    await hookd.core.events.publish(workspace, { type: 'order.created', data: { i: 0 } });
    for (let i = 0; i < 3; i++) await hookd.core.events.publish(workspace, { type: 'order.updated', data: { i } });
    // The dead webhook's backlog, all due a minute ago (ahead of the healthy webhook's), among deliveries
    // the healthy one has sent meanwhile, as they were published: copies of each one's first delivery.
    await sql`INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, next_attempt_at, last_attempt_at, "trigger", created_at, updated_at)
      SELECT 'copy-' || n, d.event_id, d.webhook_id, d.workspace_id, CASE WHEN d.webhook_id = CAST(${dead.seq} AS BIGINT) THEN 'pending' ELSE 'succeeded' END, 1,
        CASE WHEN d.webhook_id = CAST(${dead.seq} AS BIGINT) THEN CAST(${Date.now() - 60_000} AS BIGINT) END, NULL, d."trigger", d.created_at, d.updated_at
      FROM generate_series(1, CAST(${BACKLOG + BACKLOG / 5} AS INT)) AS n
      CROSS JOIN LATERAL (SELECT * FROM deliveries WHERE webhook_id = CASE WHEN n % 6 = 0 THEN CAST(${healthy.seq} AS BIGINT) ELSE CAST(${dead.seq} AS BIGINT) END ORDER BY id LIMIT 1) AS d`.execute(store.db);
    await sql`ANALYZE deliveries`.execute(store.db);
  });

  afterAll(async () => {
    await running?.close();
  });

  it("finds the healthy webhook's due deliveries without reading the backlog's rows", async () => {
    const now = Date.now();
    // The dead webhook is full (its lanes taken): the front of the due order, all its, gives nothing.
    const request: ClaimRequest = {
      now, leaseUntil: now + 60_000, limit: 16, perWebhookRoom: new Map([[dead.seq, 0]]), perWebhookDefault: 16,
      perWorkspaceRoom: new Map(), perWorkspaceDefault: 1_000, webhookConcurrency: 16, settled: [], held: [],
    };
    const scan = new DueScan('postgres');
    // A few times: PostgreSQL plans a prepared statement afresh for its first executions, then generically.
    for (let round = 0; round < 8; round++) {
      const { found, read } = await store.db.transaction().execute(async (trx) => {
        const before = await entriesRead(trx);
        const found = await scan.find(trx, now, 16, new Rooms(request));
        return { found, read: await entriesRead(trx) - before };
      });
      expect(found.map((row) => Number(row.webhook_id))).toEqual([healthy.seq, healthy.seq, healthy.seq]);
      // The front's window (16 + 64 rows), one probe per webhook with waiting work, the healthy one's 3
      // rows: 87 entries when written, not the backlog's 30 000 (60 089 before).
      expect(read).toBeLessThan(1_000);
    }
  });

  it('marks the rows a claim takes without reading the backlog', async () => {
    const now = Date.now();
    const mark = new MarkSending('postgres');
    const { rows: picked } = await sql<{ id: string }>`SELECT id FROM deliveries WHERE webhook_id = ${dead.seq} AND status = 'pending' ORDER BY id LIMIT 16`.execute(store.db);
    const undo = new Error('rolled back: the backlog stays as it was');
    // A few times: PostgreSQL plans a prepared statement afresh for its first executions, then generically.
    for (let round = 0; round < 8; round++) {
      let read = 0;
      await expect(store.db.transaction().execute(async (trx) => {
        const before = await entriesRead(trx);
        const marked = await mark.run(trx, picked.map((row) => Number(row.id)), now + 60_000, now);
        read = await entriesRead(trx) - before;
        expect(marked).toHaveLength(16);
        throw undo;
      })).rejects.toBe(undo);
      // 16 rows looked up by id, then again to update them: a few dozen entries, not the 30 000 due.
      expect(read).toBeLessThan(200);
    }
  });

  it('pauses the backlog reading each of its rows a few times, not once per chunk before it', async () => {
    let read = 0;
    const undo = new Error('rolled back: the backlog stays as it was');
    await expect(store.db.transaction().execute(async (trx) => {
      await sql`UPDATE webhooks SET status = 'paused' WHERE id = ${dead.seq}`.execute(trx);
      // In one transaction the rows each chunk moved stay visible to the next chunk's walk, whatever
      // VACUUM or the hints of other scans would have cleared meanwhile: the walk's length is the code's.
      const before = await entriesRead(trx);
      expect(await holdQueued(trx, 'postgres', dead.seq, Date.now())).toBe(BACKLOG + 1);
      read = await entriesRead(trx) - before;
      throw undo;
    })).rejects.toBe(undo);
    expect(BACKLOG / CHUNK).toBeGreaterThan(20);
    // Two passes, each reading every row's entry and its moved version's (about 4 × 36 000 at most; 125 000
    // when written). Chunks that each started from the front read about 1 130 000 when written.
    expect(read).toBeLessThan(8 * BACKLOG);
  });
});
