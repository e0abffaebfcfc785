/**
 * Recovering more failed deliveries than one chunk (store/sql/queued-work.ts): they are queued again a
 * chunk at a time, other requests going on meanwhile; the answer comes after a bounded wait with how many
 * so far and whether more follow, and the rest follow in the background; a delivery created before
 * `since` stays failed; a pause stops the recovery at its next chunk. On SQLite and on PostgreSQL.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { Webhook, Workspace } from '../../../src/core/model.ts';
import { CHUNK } from '../../../src/store/sql/chunks-in-turn.ts';
import { QueuedMoves } from '../../../src/store/sql/queued-moves.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { insertBacklog, startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';

/** Two chunks and a half. */
const FAILED = 2500;

describe(`recovering a webhook's failed deliveries in bulk (${USE_POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let started: ApiRoleHookd;
  let hookd: Hookd;
  let store: SqlStore;
  let workspace: Workspace;
  let webhook: Webhook;
  let eventSeq: number;
  const createdAt = Date.now() - 3_600_000;

  const counts = async (): Promise<Record<string, number>> => {
    const rows = await store.db.selectFrom('deliveries').select(['status', 'trigger', (eb) => eb.fn.countAll<number>().as('n')])
      .where('webhook_id', '=', webhook.seq).groupBy(['status', 'trigger']).execute();
    return Object.fromEntries(rows.map((row) => [`${row.status} ${row.trigger}`, Number(row.n)]));
  };

  /** Every delivery of the webhook failed again, and one more, created before the others, also failed. */
  async function allFailed(): Promise<void> {
    await store.db.updateTable('deliveries').set({ status: 'failed', next_attempt_at: null, trigger: 'scheduled' }).where('webhook_id', '=', webhook.seq).execute();
  }

  beforeAll(async () => {
    started = await startApiRoleHookd('recover-backlog');
    ({ hookd, store } = started);
    workspace = await hookd.core.workspaces.create({ name: 'recover-backlog' });
    webhook = await hookd.core.webhooks.create(workspace, { name: 'was down', url: 'http://127.0.0.1:9/down', events: ['order.created'], status: 'active' });
    eventSeq = (await hookd.core.events.publish(workspace, { type: 'order.created', data: {} })).event.seq;
    await store.db.deleteFrom('deliveries').execute();
    // One older delivery first (created a day before), then the backlog.
    await sql`INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, "trigger", next_attempt_at, created_at, updated_at)
      VALUES ('older', ${eventSeq}, ${webhook.seq}, ${workspace.seq}, 'failed', 6, 'scheduled', NULL, ${createdAt - 86_400_000}, ${createdAt})`.execute(store.db);
    await insertBacklog(store, { eventSeq, webhookSeq: webhook.seq, workspaceSeq: workspace.seq }, FAILED, createdAt);
  });

  afterAll(async () => {
    await started?.stop();
  });

  it('queues every failed delivery since the time again, for a manual attempt, letting other requests in', async () => {
    await allFailed();
    const order: string[] = [];
    const since = new Date(createdAt - 60_000).toISOString();
    const recovering = hookd.core.deliveries.recover(webhook, since).then((answer) => { order.push('recovered'); return answer; });
    const other = hookd.core.workspaces.list({ limit: 1 }).then(() => order.push('other request'));
    const [answer] = await Promise.all([recovering, other]);
    expect(order).toEqual(['other request', 'recovered']);
    // All of them within the second the answer waits, on any machine but a very slow one.
    if (answer.more) expect(answer.resent).toBeLessThan(FAILED);
    else expect(answer.resent).toBe(FAILED);
    await store.queuedMoves.idle();
    expect(await counts()).toEqual({ 'pending manual': FAILED, 'failed scheduled': 1 });
  });

  it('answers after a bounded wait with how many so far, and recovers the rest in the background', async () => {
    await allFailed();
    const moves = new QueuedMoves(store.db, store.dialect, 0);
    const answer = await moves.move(webhook.seq, { to: 'recovered', since: 0 }, Date.now());
    expect(answer.done).toBe(false);
    expect(answer.moved).toBeLessThan(FAILED + 1);
    await moves.idle();
    expect(await counts()).toEqual({ 'pending manual': FAILED + 1 });
  });

  it('stops at the next chunk once the webhook is paused', async () => {
    await allFailed();
    const moves = new QueuedMoves(store.db, store.dialect, 0);
    const answer = await moves.move(webhook.seq, { to: 'recovered', since: 0 }, Date.now());
    // The first chunk may be under way: the pause lands before the second.
    await store.db.updateTable('webhooks').set({ status: 'paused' }).where('id', '=', webhook.seq).execute();
    await moves.idle();
    const after = await counts();
    expect(after['pending manual'] ?? 0).toBeLessThanOrEqual(Math.max(answer.moved, CHUNK));
    expect(after['failed scheduled']).toBeGreaterThanOrEqual(FAILED + 1 - CHUNK);
    await store.db.updateTable('webhooks').set({ status: 'active' }).where('id', '=', webhook.seq).execute();
  });
});
