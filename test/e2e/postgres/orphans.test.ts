/**
 * PostgreSQL keeps no foreign keys from events, deliveries and attempts to the rows they point at
 * (migrations/025): each check locked the busy webhook's row, and several processes' locks on one row cost
 * PostgreSQL a MultiXact each. What the keys did is done otherwise, and these tests show it: a webhook's
 * deletion leaves no attempt behind even while one is being recorded, a claim deletes due deliveries a
 * deleted webhook left behind, and the retention job sweeps the rest (store/sql/orphans.ts).
 *
 * The race that leaves rows behind (a publish that looked a webhook up just before its deletion writes
 * its deliveries just after) is played here by deleting the parent row directly.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { Webhook, Workspace } from '../../../src/core/model.ts';
import type { ClaimRequest } from '../../../src/core/ports/store.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { KEYS_DROPPED } from '../../../src/store/migrations/025_postgres_no_keys_to_hot_rows.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';
import { whileTransactionHolds } from '../../helpers/held-transaction.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

function request(now: number): ClaimRequest {
  return { now, leaseUntil: now + 60_000, limit: 50, perWebhookRoom: new Map(), perWebhookDefault: 16, perWorkspaceRoom: new Map(), perWorkspaceDefault: 1000, webhookConcurrency: 16, settled: [], held: [] };
}

describe.skipIf(!USE_POSTGRES)(`rows whose webhook or workspace is gone (${USE_POSTGRES ? 'running' : reason})`, () => {
  let running: ApiRoleHookd;
  let hookd: Hookd;
  let store: SqlStore;

  beforeAll(async () => {
    running = await startApiRoleHookd('orphans');
    ({ hookd, store } = running);
  });

  afterAll(async () => {
    await running?.stop();
  });

  async function webhookIn(workspace: Workspace, name: string, status: 'active' | 'paused' = 'active'): Promise<Webhook> {
    return hookd.core.webhooks.create(workspace, { name, url: `http://127.0.0.1:9/${name}`, events: ['order.created'], status });
  }

  const count = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(store.db)).rows[0].n);
  const deliveriesOf = (webhook: Webhook) => count(sql<{ n: string }>`SELECT count(*) AS n FROM deliveries WHERE webhook_id = ${webhook.seq}`);
  const attemptsOf = (webhook: Webhook) => count(sql<{ n: string }>`SELECT count(*) AS n FROM attempts WHERE webhook_id = ${webhook.seq}`);

  /** An attempt row for `webhook` (and `deliverySeq`), as a record writes one. */
  const attempt = (webhook: Webhook, deliverySeq: number | null) => ({
    delivery_id: deliverySeq, webhook_id: webhook.seq, workspace_id: webhook.workspaceSeq, event_type: 'order.created', trigger: 'scheduled', success: 1,
    request_url: webhook.url, request_headers: '{}', request_body: '{}', response_code: 200, response_message: 'OK',
    response_headers: '{}', response_body: '', duration_ms: 1, error: null, created_at: Date.now(),
  });

  it('has no foreign keys from events, deliveries and attempts to what they point at, and keeps the others', async () => {
    const { rows } = await sql<{ key: string }>`SELECT cl.relname || '.' || a.attname AS key FROM pg_constraint c
      JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND cl.relnamespace = to_regnamespace(current_schema())`.execute(store.db);
    const keys = rows.map((row) => row.key);
    for (const [table, columns] of KEYS_DROPPED) for (const column of columns) expect(keys).not.toContain(`${table}.${column}`);
    expect(keys).toEqual(expect.arrayContaining(['webhooks.workspace_id', 'webhook_subscriptions.webhook_id', 'api_keys.workspace_id']));
  });

  it("deletes a webhook's attempts even when one was being recorded as it was deleted", async () => {
    const workspace = await hookd.core.workspaces.create({ name: 'recording' });
    const webhook = await webhookIn(workspace, 'recording');
    await hookd.core.events.publish(workspace, { type: 'order.created', data: { n: 1 } });
    const [delivery] = await store.db.selectFrom('deliveries').select('id').where('webhook_id', '=', webhook.seq).execute();
    // A record's transaction: the delivery moved on and its attempt logged, not yet committed, as the deletion begins.
    const deleted = await whileTransactionHolds(store.db, async (trx) => {
      await trx.updateTable('deliveries').set({ status: 'succeeded', attempt_count: 1 }).where('id', '=', delivery.id).execute();
      await trx.insertInto('attempts').values(attempt(webhook, Number(delivery.id))).execute();
    }, async () => {
      const deletion = store.webhooks.delete(webhook.seq);
      // Until the deletion waits for the record's lock on the delivery.
      for (let i = 0; i < 200; i++) {
        const waiting = await count(sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'delete from "deliveries"%'`);
        if (waiting > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return { deletion };
    });
    await deleted.deletion;
    expect(await deliveriesOf(webhook)).toBe(0);
    expect(await attemptsOf(webhook)).toBe(0);
  });

  it("a claim deletes due deliveries whose webhook was deleted as they were published, and takes the others'", async () => {
    const workspace = await hookd.core.workspaces.create({ name: 'claimed' });
    const deleted = await webhookIn(workspace, 'deleted');
    const kept = await webhookIn(workspace, 'kept');
    for (let i = 0; i < 3; i++) await hookd.core.events.publish(workspace, { type: 'order.created', data: { i } });
    await sql`DELETE FROM webhooks WHERE id = ${deleted.seq}`.execute(store.db);
    expect(await deliveriesOf(deleted)).toBe(3);

    const claimed = await store.dispatch.claim(request(Date.now() + 1_000));
    expect(claimed.map((delivery) => delivery.webhook.seq)).toEqual([kept.seq, kept.seq, kept.seq]);
    expect(await deliveriesOf(deleted)).toBe(0);
    expect(await deliveriesOf(kept)).toBe(3);
  });

  it("retention sweeps held deliveries and attempts of deleted webhooks and events of deleted workspaces, and nothing else", async () => {
    const workspace = await hookd.core.workspaces.create({ name: 'swept' });
    const deleted = await webhookIn(workspace, 'held-deleted', 'paused');
    const kept = await webhookIn(workspace, 'held-kept', 'paused');
    for (let i = 0; i < 2; i++) await hookd.core.events.publish(workspace, { type: 'order.created', data: { i } });
    await store.db.insertInto('attempts').values([attempt(deleted, null), attempt(kept, null)]).execute();
    await sql`DELETE FROM webhooks WHERE id = ${deleted.seq}`.execute(store.db);
    const gone = await hookd.core.workspaces.create({ name: 'gone' });
    for (let i = 0; i < 3; i++) await hookd.core.events.publish(gone, { type: 'order.created', data: { i } });
    await sql`DELETE FROM workspaces WHERE id = ${gone.seq}`.execute(store.db);
    const eventsOf = (ws: Workspace) => count(sql<{ n: string }>`SELECT count(*) AS n FROM events WHERE workspace_id = ${ws.seq}`);
    expect(await eventsOf(gone)).toBe(3);

    // Nothing is old enough to prune by age: what goes, goes for its parent.
    const counts = await store.retention.prune(0);
    expect(counts).toEqual({ attempts: 1, deliveries: 2, events: 3 });
    expect([await deliveriesOf(deleted), await attemptsOf(deleted), await eventsOf(gone)]).toEqual([0, 0, 0]);
    expect([await deliveriesOf(kept), await attemptsOf(kept), await eventsOf(workspace)]).toEqual([2, 1, 2]);
    expect(await store.retention.prune(0)).toEqual({ attempts: 0, deliveries: 0, events: 0 });
  });
});
