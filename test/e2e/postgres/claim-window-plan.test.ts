/**
 * A claim's look at the front of the due order walks the due index, whatever the statistics said when
 * its plan was made (store/sql/claim-plans.ts). The claim keeps one generic plan per connection; made
 * while the table was small and mostly due, early in a run, it was a sequential scan and a sort, and once
 * the table had grown every claim read all of it: 4 ms a claim instead of 0.15, and in one benchmark run
 * in three the dispatcher fell behind (docs/performance.md, 2026-12-05). Here the table is small and
 * mostly due when the plan is made; the scans of the table are counted with PostgreSQL's per-transaction
 * statistics, on the real store of an API-role process.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { ClaimRequest } from '../../../src/core/ports/store.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import type { Database } from '../../../src/store/schema.ts';
import { DueScan } from '../../../src/store/sql/due-scan.ts';
import { PLANNED } from '../../../src/store/sql/claim-plans.ts';
import { Rooms } from '../../../src/store/sql/rooms.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { insertBacklog, startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

/** Sequential scans of the deliveries table so far in this transaction. */
async function tableScans(trx: Kysely<Database>): Promise<number> {
  const { rows: [stats] } = await sql<{ scans: string }>`SELECT pg_stat_get_xact_numscans('deliveries'::regclass) AS scans`.execute(trx);
  return Number(stats.scans);
}

describe.skipIf(!USE_POSTGRES)(`the plan of a claim's due window (${USE_POSTGRES ? 'running' : reason})`, () => {
  let running: ApiRoleHookd;
  let hookd: Hookd;
  let store: SqlStore;

  beforeAll(async () => {
    running = await startApiRoleHookd('window-plan');
    ({ hookd, store } = running);
    const workspace = await hookd.core.workspaces.create({ name: 'window-plan' });
    const webhook = await hookd.core.webhooks.create(workspace, { name: 'busy', url: 'http://127.0.0.1:9/busy', events: ['order.created'], status: 'active' });
    const eventSeq = (await hookd.core.events.publish(workspace, { type: 'order.created', data: { i: 0 } })).event.seq;
    // Early in a busy run: a small table, all of it due (nothing delivered yet).
    await insertBacklog(store, { eventSeq, webhookSeq: webhook.seq, workspaceSeq: workspace.seq }, 1000, Date.now() - 60_000);
    await sql`ANALYZE deliveries`.execute(store.db);
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('reads the due index, not the whole table', async () => {
    const now = Date.now();
    const request: ClaimRequest = {
      now, leaseUntil: now + 60_000, limit: 400, perWebhookRoom: new Map(), perWebhookDefault: 32,
      perWorkspaceRoom: new Map(), perWorkspaceDefault: 1_000, webhookConcurrency: 16, settled: [], held: [],
    };
    const scan = new DueScan('postgres');
    // A few times: the statement is named (prepared) at its second run on a connection, then planned once.
    for (let round = 0; round < 6; round++) {
      // In a transaction of the test's, to read its counters; the window sent as a claim sends it.
      const { found, scans } = await store.db.transaction().execute(async (trx) => {
        const before = await tableScans(trx);
        const { rows: found } = await scan.find(trx, now, 400, new Rooms(request), PLANNED);
        return { found, scans: await tableScans(trx) - before };
      });
      expect(found).toHaveLength(32);
      expect(scans, `round ${round}: sequential scans of deliveries`).toBe(0);
    }
  });
});
