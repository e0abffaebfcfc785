/**
 * A claim on PostgreSQL locks only the rows it takes, when it marks them (store/sql/mark-sending.ts):
 * a row another process marked since this claim read its window is left to that process, and a row
 * someone holds locked right now is skipped at once, not waited for.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { Webhook, Workspace } from '../../../src/core/model.ts';
import type { ClaimRequest } from '../../../src/core/ports/store.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { MarkSending } from '../../../src/store/sql/mark-sending.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';
import { whileTransactionHolds } from '../../helpers/held-transaction.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`marking claimed deliveries (${USE_POSTGRES ? 'running' : reason})`, () => {
  let running: ApiRoleHookd;
  let hookd: Hookd;
  let store: SqlStore;
  let workspace: Workspace;
  let webhook: Webhook;
  const mark = new MarkSending('postgres');

  beforeAll(async () => {
    running = await startApiRoleHookd('mark-sending');
    ({ hookd, store } = running);
    workspace = await hookd.core.workspaces.create({ name: 'mark' });
    webhook = await hookd.core.webhooks.create(workspace, { name: 'w', url: 'http://127.0.0.1:9/w', events: ['order.created'], status: 'active' });
  });

  afterAll(async () => {
    await running?.stop();
  });

  /** Three new deliveries, due now; their ids. Those of earlier tests are settled first. */
  async function due(): Promise<number[]> {
    await sql`UPDATE deliveries SET status = 'succeeded', next_attempt_at = NULL WHERE webhook_id = ${webhook.seq}`.execute(store.db);
    for (let i = 0; i < 3; i++) await hookd.core.events.publish(workspace, { type: 'order.created', data: { i } });
    const { rows } = await sql<{ id: string }>`UPDATE deliveries SET status = 'pending', next_attempt_at = ${Date.now() - 1_000}
      WHERE webhook_id = ${webhook.seq} AND status IN ('pending', 'sending') RETURNING id`.execute(store.db);
    return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  }

  it('marks due rows, and leaves one another claim marked meanwhile', async () => {
    const ids = await due();
    const now = Date.now();
    const first = await store.db.transaction().execute((trx) => mark.run(trx, ids.slice(0, 1), now + 60_000, now).then((marked) => marked.rows));
    expect(first.map((row) => Number(row.id))).toEqual(ids.slice(0, 1));
    // A second claim that read all three as due before the first committed: its lease is in the future now.
    const second = await store.db.transaction().execute((trx) => mark.run(trx, ids, now + 60_000, now).then((marked) => marked.rows));
    expect(second.map((row) => Number(row.id)).sort((a, b) => a - b)).toEqual(ids.slice(1));
    const { rows } = await sql<{ status: string }>`SELECT status FROM deliveries WHERE id = ANY(${ids})`.execute(store.db);
    expect(rows.map((row) => row.status)).toEqual(['sending', 'sending', 'sending']);
  });

  it('takes a row whose lease ran out again, and none that is not due', async () => {
    const ids = await due();
    const now = Date.now();
    await sql`UPDATE deliveries SET status = 'sending', next_attempt_at = ${now - 1} WHERE id = ${ids[0]}`.execute(store.db);
    await sql`UPDATE deliveries SET next_attempt_at = ${now + 60_000} WHERE id = ${ids[1]}`.execute(store.db);
    await sql`UPDATE deliveries SET status = 'held' WHERE id = ${ids[2]}`.execute(store.db);
    const marked = await store.db.transaction().execute((trx) => mark.run(trx, ids, now + 60_000, now).then((marked) => marked.rows));
    expect(marked.map((row) => Number(row.id))).toEqual([ids[0]]);
  });

  it('skips a row another transaction holds locked, without waiting for it', async () => {
    const ids = await due();
    const now = Date.now();
    // Were the row waited for, this would wait for the holder, which waits for this: the test's timeout.
    const marked = await whileTransactionHolds(store.db, (trx) => sql`SELECT id FROM deliveries WHERE id = ${ids[0]} FOR UPDATE`.execute(trx),
      () => store.db.transaction().execute((trx) => mark.run(trx, ids, now + 60_000, now).then((marked) => marked.rows)));
    expect(marked.map((row) => Number(row.id)).sort((a, b) => a - b)).toEqual(ids.slice(1));
  });

  it('reads the webhooks and events of the rows it marked, and only those', async () => {
    const ids = await due();
    const now = Date.now();
    // The first row is locked elsewhere: not marked, and its event not read.
    const marked = await whileTransactionHolds(store.db, (trx) => sql`SELECT id FROM deliveries WHERE id = ${ids[0]} FOR UPDATE`.execute(trx),
      () => store.db.transaction().execute((trx) => mark.run(trx, ids, now + 60_000, now)));
    expect(marked.rows.map((row) => Number(row.id)).sort((a, b) => a - b)).toEqual(ids.slice(1));
    const { rows: events } = await sql<{ id: string; uid: string; data: string; created_at: string }>`SELECT e.id, e.uid, e.data, e.created_at
      FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.id = ANY(${ids}) ORDER BY d.id`.execute(store.db);
    expect([...marked.read!.events.values()].sort((a, b) => a.seq - b.seq)).toEqual(events.slice(1).map((row) => ({
      seq: Number(row.id), id: row.uid, type: 'order.created', dataJson: row.data, createdAt: Number(row.created_at), traceParent: null,
    })));
    expect([...marked.read!.webhooks.keys()]).toEqual([webhook.seq]);
    const read = marked.read!.webhooks.get(webhook.seq)!;
    expect(read.status).toBe('active');
    expect(read.target).toMatchObject({ seq: webhook.seq, id: webhook.id, workspaceSeq: workspace.seq, workspaceId: workspace.id, url: webhook.url, fifo: false, rateLimited: false, retrySchedule: null, transform: null });
    expect(read.target.secrets.secretEnc).toEqual(expect.any(String));
  });

  it('says whether a claim left due work behind', async () => {
    const claim = (limit: number) => {
      const now = Date.now();
      return store.dispatch.claim({
        now, leaseUntil: now + 60_000, limit, perWebhookRoom: new Map(), perWebhookDefault: 16,
        perWorkspaceRoom: new Map(), perWorkspaceDefault: 1_000, webhookConcurrency: 16, settled: [], held: [],
      });
    };
    // All it saw: taken.
    let ids = await due();
    let claimed = await claim(16);
    expect(claimed.map((delivery) => delivery.seq).sort((a, b) => a - b)).toEqual(ids);
    expect(claimed.leftDue).toBe(false);
    // Nothing due at all.
    claimed = await claim(16);
    expect([claimed.length, claimed.leftDue]).toEqual([0, false]);
    // Beyond its limit.
    ids = await due();
    claimed = await claim(1);
    expect([claimed.length, claimed.leftDue]).toEqual([1, true]);
    // A row locked elsewhere (being taken by another claim) when it marks them.
    ids = await due();
    claimed = await whileTransactionHolds(store.db, (trx) => sql`SELECT id FROM deliveries WHERE id = ${ids[0]} FOR UPDATE`.execute(trx), () => claim(16));
    expect([claimed.length, claimed.leftDue]).toEqual([2, true]);
  });

  it('counts against a rate limit only the rows a claim marked', async () => {
    const limited = await hookd.core.webhooks.create(workspace, { name: 'limited', url: 'http://127.0.0.1:9/l', events: ['order.updated'], status: 'active', rateLimit: { perSecond: 100 } });
    for (let i = 0; i < 3; i++) await hookd.core.events.publish(workspace, { type: 'order.updated', data: { i } });
    await sql`UPDATE deliveries SET status = 'succeeded', next_attempt_at = NULL WHERE webhook_id = ${webhook.seq}`.execute(store.db);
    const now = Date.now();
    const { rows } = await sql<{ id: string }>`UPDATE deliveries SET status = 'pending', next_attempt_at = ${now - 1_000}
      WHERE webhook_id = ${limited.seq} RETURNING id`.execute(store.db);
    const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
    const request: ClaimRequest = {
      now, leaseUntil: now + 60_000, limit: 16, perWebhookRoom: new Map(), perWebhookDefault: 16,
      perWorkspaceRoom: new Map(), perWorkspaceDefault: 1_000, webhookConcurrency: 16, settled: [], held: [],
    };
    // The claim finds all three due; one is locked elsewhere when it marks them.
    const claimed = await whileTransactionHolds(store.db, (trx) => sql`SELECT id FROM deliveries WHERE id = ${ids[0]} FOR UPDATE`.execute(trx),
      () => store.dispatch.claim(request));
    expect(claimed.map((delivery) => delivery.seq).sort((a, b) => a - b)).toEqual(ids.slice(1));
    const { rows: [webhookRow] } = await sql<{ rate_log: string }>`SELECT rate_log FROM webhooks WHERE id = ${limited.seq}`.execute(store.db);
    expect(JSON.parse(webhookRow.rate_log)).toEqual([[now, 2]]);
  });
});
