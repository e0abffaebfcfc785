/**
 * Pausing and resuming a webhook with a backlog larger than one chunk (store/sql/queued-work.ts): every
 * queued delivery is held, then freed; other work runs while the rows move; a move only goes the way the
 * webhook's current status says; and a resume cut short is mended when hookd starts. On the real store of
 * an API-role process (no dispatcher takes the freed work away), on SQLite and on PostgreSQL.
 */
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHookd, type Hookd } from '../../../src/app.ts';
import type { Webhook, Workspace } from '../../../src/core/model.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { freeHeld, holdQueued } from '../../../src/store/sql/queued-work.ts';
import { QueuedMoves } from '../../../src/store/sql/queued-moves.ts';
import { CHUNK } from '../../../src/store/sql/chunks-in-turn.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { insertBacklog, startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';
import { whileTransactionHolds } from '../../helpers/held-transaction.ts';

/** Two chunks and a half. */
const BACKLOG = 2500;

describe(`pausing and resuming a webhook with a large backlog (${USE_POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let started: ApiRoleHookd;
  let hookd: Hookd;
  let store: SqlStore;
  let workspace: Workspace;
  let webhook: Webhook;

  const counts = async (): Promise<Record<string, number>> => {
    const rows = await store.db.selectFrom('deliveries').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('webhook_id', '=', webhook.seq).groupBy('status').execute();
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  };

  beforeAll(async () => {
    started = await startApiRoleHookd('pause-backlog');
    ({ hookd, store } = started);
    workspace = await hookd.core.workspaces.create({ name: 'pause-backlog' });
    webhook = await hookd.core.webhooks.create(workspace, { name: 'dead', url: 'http://127.0.0.1:9/dead', events: ['order.created'], status: 'active' });
    const eventSeq = (await hookd.core.events.publish(workspace, { type: 'order.created', data: {} })).event.seq;
    await store.db.deleteFrom('deliveries').execute();
    await insertBacklog(store, { eventSeq, webhookSeq: webhook.seq, workspaceSeq: workspace.seq }, BACKLOG, Date.now() - 3_600_000);
  });

  afterAll(async () => {
    await started?.stop();
  });

  it('holds every queued delivery on pause, letting other requests in while the rows move', async () => {
    const order: string[] = [];
    const pausing = hookd.core.webhooks.setStatus(webhook, 'paused').then(() => order.push('paused'));
    // Issued after the pause began: it must not wait for the whole backlog to move.
    const other = hookd.core.workspaces.list({ limit: 1 }).then(() => order.push('other request'));
    await Promise.all([pausing, other]);
    expect(order).toEqual(['other request', 'paused']);
    expect(await counts()).toEqual({ held: BACKLOG });
  });

  it('frees every held delivery on resume, due now', async () => {
    const before = Date.now();
    await hookd.core.webhooks.setStatus(webhook, 'active');
    expect(await counts()).toEqual({ pending: BACKLOG });
    const due = await store.db.selectFrom('deliveries').select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('webhook_id', '=', webhook.seq).executeTakeFirstOrThrow();
    expect(Number(due.at)).toBeGreaterThanOrEqual(before);
  });

  it('moves nothing against the webhook\'s current status (a pause and a resume racing)', async () => {
    // Active: a hold that arrives late holds nothing.
    expect(await holdQueued(store.db, store.dialect, webhook.seq, Date.now())).toBe(0);
    await hookd.core.webhooks.setStatus(webhook, 'paused');
    // Paused: a free that arrives late frees nothing.
    expect(await freeHeld(store.db, store.dialect, webhook.seq, Date.now())).toBe(0);
    expect(await counts()).toEqual({ held: BACKLOG });
  });

  it('frees, when hookd starts, what a resume cut short left held behind an active webhook', async () => {
    // The webhook's row says active, as after a resume whose process died before its first chunk.
    await store.db.updateTable('webhooks').set({ status: 'active' }).where('id', '=', webhook.seq).execute();
    await hookd.close();
    hookd = await startHookd(started.config, pino({ level: 'warn' }));
    started.hookd = hookd;
    store = hookd.store as SqlStore;
    expect(await counts()).toEqual({ pending: BACKLOG });
  });

  /** Runs `during` while no move can write: on PostgreSQL the deliveries table is locked, on SQLite the store's one connection is held. */
  const whileMovesWait = (during: () => Promise<void>) => whileTransactionHolds(store.db, (trx) => store.dialect === 'postgres'
    ? sql`LOCK TABLE deliveries IN EXCLUSIVE MODE`.execute(trx)
    : sql`UPDATE webhooks SET updated_at = updated_at WHERE id = ${webhook.seq}`.execute(trx), during);

  it('answers a status change after a bounded wait, and moves the rest after', async () => {
    const moves = new QueuedMoves(store.db, store.dialect, 100);
    await store.db.updateTable('webhooks').set({ status: 'paused' }).where('id', '=', webhook.seq).execute();
    let answered = false;
    await whileMovesWait(async () => {
      await moves.move(webhook.seq, { to: 'held' }, Date.now());
      answered = true;
    });
    // Answered while no row could move yet; they all move once the way is clear.
    expect(answered).toBe(true);
    await moves.idle();
    expect(await counts()).toEqual({ held: BACKLOG });
  });

  it('stops a move between chunks when the store closes', async () => {
    const moves = new QueuedMoves(store.db, store.dialect, 0);
    await store.db.updateTable('webhooks').set({ status: 'active' }).where('id', '=', webhook.seq).execute();
    let closed: Promise<void> = Promise.resolve();
    await whileMovesWait(async () => {
      await moves.move(webhook.seq, { to: 'pending' }, Date.now());
      closed = moves.close();
    });
    await closed;
    // The chunk under way when it closed, and no other.
    expect(await counts()).toEqual({ pending: CHUNK, held: BACKLOG - CHUNK });
    // Closed, it moves nothing more; hookd's start frees the rest (the test before).
    await moves.move(webhook.seq, { to: 'pending' }, Date.now());
    expect(await counts()).toEqual({ pending: CHUNK, held: BACKLOG - CHUNK });
  });
});
