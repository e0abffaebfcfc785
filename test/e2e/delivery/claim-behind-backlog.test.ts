/**
 * A claim finds the due work of webhooks with room even when the front of the due order is all one full
 * webhook's backlog: thousands of due deliveries for a dead endpoint must not hide a healthy webhook's
 * (sql/due-scan.ts). On the real store of an API-role process (no dispatcher of its own competes), with
 * the claims made here by hand, on SQLite and on PostgreSQL.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { ClaimRequest } from '../../../src/core/ports/store.ts';
import type { Webhook, Workspace } from '../../../src/core/model.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { insertBacklog, startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';
import { DueScan } from '../../../src/store/sql/due-scan.ts';
import { Rooms } from '../../../src/store/sql/rooms.ts';

/** Far more than any claim reads from the front of the due order. */
const BACKLOG = 3000;

describe(`a claim behind a full webhook's backlog (${USE_POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let started: ApiRoleHookd;
  let hookd: Hookd;
  let store: SqlStore;
  let workspace: Workspace;
  let dead: Webhook;
  let healthy: Webhook;
  let healthyIds: number[];
  const healthyUids = [0, 1, 2, 3, 4].map((i) => `healthy_${i}`);

  const request = (room: Array<[number, number]>, workspaceRoom: Array<[number, number]> = []): ClaimRequest => {
    const now = Date.now();
    return {
      now, leaseUntil: now + 60_000, limit: 10, perWebhookRoom: new Map(room), perWebhookDefault: 8,
      perWorkspaceRoom: new Map(workspaceRoom), perWorkspaceDefault: 100, webhookConcurrency: 16, settled: [], held: [],
    };
  };

  beforeAll(async () => {
    started = await startApiRoleHookd('backlog');
    ({ hookd, store } = started);
    workspace = await hookd.core.workspaces.create({ name: 'backlog' });
    dead = await hookd.core.webhooks.create(workspace, { name: 'dead', url: 'http://127.0.0.1:9/dead', events: ['order.created'], status: 'active' });
    healthy = await hookd.core.webhooks.create(workspace, { name: 'healthy', url: 'http://127.0.0.1:9/healthy', events: ['coupon.created'], status: 'active' });

    // The backlog, due since long ago, in one statement; then the healthy webhook's work, due after all of it.
    const eventSeq = (await hookd.core.events.publish(workspace, { type: 'order.created', data: {} })).event.seq;
    await store.db.deleteFrom('deliveries').execute();
    const old = Date.now() - 3_600_000;
    await insertBacklog(store, { eventSeq, webhookSeq: dead.seq, workspaceSeq: workspace.seq }, BACKLOG, old);
    for (let i = 0; i < 5; i++) {
      await sql`INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, "trigger", next_attempt_at, created_at, updated_at)
        VALUES (${`healthy_${i}`}, ${eventSeq}, ${healthy.seq}, ${workspace.seq}, 'pending', 0, 'scheduled', CAST(${Date.now() - 1000 + i} AS BIGINT), CAST(${old} AS BIGINT), CAST(${old} AS BIGINT))`.execute(store.db);
    }
    healthyIds = (await store.db.selectFrom('deliveries').select('id').where('webhook_id', '=', healthy.seq).orderBy('id').execute()).map((row) => Number(row.id));
  });

  afterAll(async () => {
    await started?.stop();
  });

  it("takes the healthy webhook's due work, in due order, when the dead one has no room", async () => {
    const claimed = await store.dispatch.claim(request([[dead.seq, 0]]));
    expect(claimed.map((delivery) => delivery.seq)).toEqual(healthyIds);
    expect(claimed.every((delivery) => delivery.webhook.seq === healthy.seq)).toBe(true);
    // Claimed, so leased: the next claim finds nothing of it due.
    expect(await store.dispatch.claim(request([[dead.seq, 0]]))).toEqual([]);
    await store.dispatch.release(healthyIds, Date.now());
  });

  it('takes nothing of a workspace at its share, and the oldest of the backlog once its webhook has room', async () => {
    expect(await store.dispatch.claim(request([], [[workspace.seq, 0]]))).toEqual([]);
    const claimed = await store.dispatch.claim(request([[dead.seq, 3], [healthy.seq, 0]]));
    expect(claimed.map((delivery) => delivery.id)).toEqual(
      (await store.db.selectFrom('deliveries').select('uid').where('uid', 'in', ['backlog_1', 'backlog_2', 'backlog_3']).orderBy('id').execute()).map((row) => row.uid),
    );
  });

  it('takes as much of the backlog as its room, and the healthy webhook\'s work behind it in the same claim', async () => {
    const claimed = await store.dispatch.claim(request([[dead.seq, 3]]));
    expect(claimed.map((delivery) => delivery.id)).toEqual(['backlog_4', 'backlog_5', 'backlog_6', ...healthyUids]);
  });

  it('reads a backlog that outran its room by webhook, not off the front of the due order, until it runs out', async () => {
    // A scan of its own, on a store whose statements count the rows they return.
    let rowsRead = 0;
    const counted = store.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        rowsRead += args.result.rows.length;
        return args.result;
      },
    });
    const scan = new DueScan(USE_POSTGRES ? 'postgres' : 'sqlite');
    const find = async (deadRoom: number) => {
      rowsRead = 0;
      const { rows } = await scan.find(counted, Date.now(), 200, new Rooms({ ...request([[dead.seq, deadRoom]]), limit: 200 }));
      return { ids: rows.map((row) => Number(row.id)), rowsRead };
    };
    const firstThree = (await store.db.selectFrom('deliveries').select('id').where('uid', 'in', ['backlog_7', 'backlog_8', 'backlog_9']).orderBy('id').execute()).map((row) => Number(row.id));

    // The first look reads the front: the claim's limit and more, nearly all of them the backlog's.
    const first = await find(3);
    expect(first.ids).toEqual(firstThree);
    expect(first.rowsRead).toBeGreaterThan(200);
    // The next ones read its room's worth by webhook, and the front without it.
    const second = await find(3);
    expect(second.ids).toEqual(firstThree);
    expect(second.rowsRead).toBeLessThan(10);
    expect((await find(5)).ids).toHaveLength(5);

    // Once fewer are due than its room, it is read off the front again: it is due there, in due order.
    await store.db.updateTable('deliveries').set({ status: 'succeeded' }).where('webhook_id', '=', dead.seq).where('uid', 'not in', ['backlog_7', 'backlog_8']).execute();
    expect((await find(3)).ids).toEqual(firstThree.slice(0, 2));
    expect((await find(3)).ids).toEqual(firstThree.slice(0, 2));
  });
});
