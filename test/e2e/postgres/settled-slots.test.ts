/**
 * The per-webhook concurrency limit shared by processes on PostgreSQL bounds requests open to the
 * endpoint: a delivery this process has sent, whose outcome waits to be recorded with its batch, no
 * longer takes one of the webhook's slots (ClaimRequest.settled). A process leaves a webhook to the one
 * sending to it while that one keeps up (store/sql/dispatch.ts, JOIN_AFTER_MS), and does not even lock it
 * meanwhile (in-flight-counts.ts). On the real store of an API-role process (no dispatcher of its own
 * competes), with the claims made here by hand.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { ClaimRequest } from '../../../src/core/ports/store.ts';
import type { Webhook, Workspace } from '../../../src/core/model.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { JOIN_AFTER_MS } from '../../../src/store/sql/dispatch.ts';
import { InFlightCounts } from '../../../src/store/sql/in-flight-counts.ts';
import { inClaimTransaction } from '../../../src/store/sql/claim-plans.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`a webhook's slots across processes (${USE_POSTGRES ? 'running' : reason})`, () => {
  let running: ApiRoleHookd;
  let hookd: Hookd;
  let store: SqlStore;
  let workspace: Workspace;
  let webhook: Webhook;

  /** `room`: this process's own room for the webhook (one: it takes one at a time, claiming nothing ahead). */
  const request = (settled: number[], held: number[] = [], room = 8): ClaimRequest => {
    const now = Date.now();
    return {
      now, leaseUntil: now + 60_000, limit: 10, perWebhookRoom: new Map(), perWebhookDefault: room,
      perWorkspaceRoom: new Map(), perWorkspaceDefault: 100, webhookConcurrency: 1, settled, held,
    };
  };

  beforeAll(async () => {
    running = await startApiRoleHookd('settled');
    ({ hookd, store } = running);
    workspace = await hookd.core.workspaces.create({ name: 'settled' });
    webhook = await hookd.core.webhooks.create(workspace, { name: 'one at a time', url: 'http://127.0.0.1:9/x', events: ['order.created'], status: 'active' });
    for (let i = 0; i < 2; i++) await hookd.core.events.publish(workspace, { type: 'order.created', data: { i } });
  });

  afterAll(async () => {
    await running?.stop();
  });

  it('frees a slot once its attempt has ended, before its outcome is recorded', async () => {
    const [first] = await store.dispatch.claim(request([], [], 1));
    expect(first.webhook.seq).toBe(webhook.seq);
    // Its attempt is open (or its end unknown here): the webhook's one slot is taken.
    expect(await store.dispatch.claim(request([], [], 1))).toEqual([]);
    // Its attempt has ended; the outcome is not recorded yet (the delivery is still claimed in the store).
    const [second] = await store.dispatch.claim(request([first.seq], [], 1));
    expect(second.seq).not.toBe(first.seq);
    expect(second.webhook.seq).toBe(webhook.seq);
  });

  it('lets a process claim ahead for a webhook no other process holds work for, and tells it what the others leave', async () => {
    const ahead = await hookd.core.webhooks.create(workspace, { name: 'claimed ahead', url: 'http://127.0.0.1:9/y', events: ['order.updated'], status: 'active' });
    for (let i = 0; i < 3; i++) await hookd.core.events.publish(workspace, { type: 'order.updated', data: { i } });
    // No other process holds its work: this one takes all three, ahead of its one slot, and may run one.
    const mine = await store.dispatch.claim(request([]));
    expect(mine.map((d) => d.webhook.seq)).toEqual([ahead.seq, ahead.seq, ahead.seq]);
    expect(mine.map((d) => d.webhookShare)).toEqual([1, 1, 1]);

    await hookd.core.events.publish(workspace, { type: 'order.updated', data: { i: 3 } });
    // Another process, which holds none of them, takes nothing while this one holds three.
    expect(await store.dispatch.claim(request([]))).toEqual([]);
    // This one, holding them, takes the fourth ahead too.
    const more = await store.dispatch.claim(request([], mine.map((d) => d.seq)));
    expect(more.map((d) => [d.webhook.seq, d.webhookShare])).toEqual([[ahead.seq, 1]]);

    // Its four attempts have ended here (outcomes not recorded yet): a fifth goes to it as well, with a
    // share of the whole limit, since no other process holds any.
    await hookd.core.events.publish(workspace, { type: 'order.updated', data: { i: 4 } });
    const fifth = await store.dispatch.claim(request([...mine, ...more].map((d) => d.seq)));
    expect(fifth.map((d) => [d.webhook.seq, d.webhookShare])).toEqual([[ahead.seq, 1]]);
    // Another process still counts all five, claimed in the store: its claim takes nothing.
    await hookd.core.events.publish(workspace, { type: 'order.updated', data: { i: 5 } });
    expect(await store.dispatch.claim(request([]))).toEqual([]);
  });

  it('leaves a webhook to the process sending to it while that one keeps up, and joins once its work waits', async () => {
    const shared = await hookd.core.webhooks.create(workspace, { name: 'shared', url: 'http://127.0.0.1:9/z', events: ['order.shipped'], status: 'active' });
    // `room`: the process's own room for the webhook; the earlier tests' webhooks are left out.
    const claim = (held: number[], room: number) => {
      const now = Date.now();
      return store.dispatch.claim({
        now, leaseUntil: now + 60_000, limit: 10, perWebhookRoom: new Map([[shared.seq, room]]), perWebhookDefault: 0,
        perWorkspaceRoom: new Map(), perWorkspaceDefault: 100, webhookConcurrency: 4, settled: [], held,
      });
    };
    for (let i = 0; i < 4; i++) await hookd.core.events.publish(workspace, { type: 'order.shipped', data: { i } });
    // Process A sends one of them.
    const a = await claim([], 1);
    expect(a.map((d) => d.webhook.seq)).toEqual([shared.seq]);
    // Process B, sending none, leaves the rest to A, though the webhook has three slots free (their
    // work due just now: however long the publishes took on a loaded machine, A keeps up).
    const dueNow = () => sql`UPDATE deliveries SET next_attempt_at = ${Date.now()} WHERE webhook_id = ${shared.seq} AND status = 'pending'`.execute(store.db);
    await dueNow();
    expect(await claim([], 10)).toEqual([]);
    // A, sending one, takes another.
    const again = await claim(a.map((d) => d.seq), 1);
    expect(again.map((d) => d.webhook.seq)).toEqual([shared.seq]);
    // The last two have waited longer than A should let them: B joins, within what the limit leaves it.
    await sql`UPDATE deliveries SET next_attempt_at = next_attempt_at - ${JOIN_AFTER_MS + 1_000} WHERE webhook_id = ${shared.seq} AND status = 'pending'`.execute(store.db);
    const b = await claim([], 10);
    expect(b.map((d) => [d.webhook.seq, d.webhookShare])).toEqual([[shared.seq, 2], [shared.seq, 2]]);
  });

  it("does not lock a webhook it leaves to the process sending to it, so that process's claims are not held up", async () => {
    const kept = await hookd.core.webhooks.create(workspace, { name: 'kept', url: 'http://127.0.0.1:9/k', events: ['order.deleted'], status: 'active' });
    for (let i = 0; i < 2; i++) await hookd.core.events.publish(workspace, { type: 'order.deleted', data: { i } });
    const now = Date.now();
    // Process A sends one of them.
    const a = await store.dispatch.claim({
      now, leaseUntil: now + 60_000, limit: 1, perWebhookRoom: new Map([[kept.seq, 1]]), perWebhookDefault: 0,
      perWorkspaceRoom: new Map(), perWorkspaceDefault: 100, webhookConcurrency: 4, settled: [], held: [],
    });
    expect(a.map((d) => d.webhook.seq)).toEqual([kept.seq]);
    // A's claims lock what they count with SKIP LOCKED: a webhook locked by B's claim would be left out of them.
    const lockedElsewhere = async () => (await sql`SELECT id FROM webhooks WHERE id = ${kept.seq} FOR NO KEY UPDATE SKIP LOCKED`.execute(store.db)).rows.length === 0;
    const counts = new InFlightCounts();
    // Process B's claim, its work fresh: B leaves the webhook to A, and A can still lock it meanwhile.
    const left = await inClaimTransaction(store.db, async (claim) => {
      const { locked: rows } = await counts.lockAndCount(claim.db, [kept.seq], [], [], Date.now(), [kept.seq], claim.opening());
      return { rows, lockedElsewhere: await lockedElsewhere() };
    });
    expect(left).toEqual({ rows: [], lockedElsewhere: false });
    // Its work waited long enough for B to join: B locks it, and counts A's attempt.
    const joined = await inClaimTransaction(store.db, async (claim) => {
      const { locked: rows } = await counts.lockAndCount(claim.db, [kept.seq], [], [], Date.now(), [], claim.opening());
      return { rows, lockedElsewhere: await lockedElsewhere() };
    });
    expect(joined).toMatchObject({ rows: [{ id: kept.seq, others: 1, ours: 0 }], lockedElsewhere: true });
  });
});
