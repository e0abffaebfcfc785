/**
 * Notices of new work name their webhooks (core/work-notice.ts), and a dispatcher backed off on a shared
 * store looks at once for work of a webhook it has lately been sending to (Dispatcher.wake). Behind a
 * resting endpoint's due work, one `serve` on PostgreSQL used to ignore every notice until its back-off
 * timer, so another webhook's deliveries waited up to 50 ms more (docs/performance.md, 2026-12-06, late
 * night). Runs in the `postgres` project only (HOOKD_TEST_DATABASE_URL set).
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import type { WorkFor } from '../../../src/core/work-notice.ts';
import type { Webhook } from '../../../src/core/model.ts';
import { eventually } from '../../helpers/hookd.ts';
import { schemaOfTestUrl, USE_POSTGRES } from '../../helpers/postgres.ts';
import { PostgresSignals } from '../../../src/store/postgres-signals.ts';
import { ownDispatcher } from '../../helpers/own-dispatcher.ts';
import { behindRestingWebhook, twentyNotices } from '../../helpers/resting-webhook.ts';
import { Receiver } from '../../helpers/receiver.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`named notices of new work on PostgreSQL (${USE_POSTGRES ? 'running' : reason})`, () => {
  // The API role: the dispatcher is the test's own.
  const setup = ownDispatcher('named-notices');

  it('a publish notifies the webhooks it has due work for', async () => {
    const { hookd, receiver } = setup;
    const workspace = await hookd.core.workspaces.create({ name: 'named' });
    const first = await hookd.core.webhooks.create(workspace, { name: 'first', url: receiver.url('/first'), events: ['order.created'], status: 'active' });
    const second = await hookd.core.webhooks.create(workspace, { name: 'second', url: receiver.url('/second'), events: ['order.*'], status: 'active' });
    await hookd.core.webhooks.create(workspace, { name: 'other type', url: receiver.url('/other'), events: ['order.deleted'], status: 'active' });
    // Heard as another process hears them (a process that listens itself notifies only when others do).
    const url = hookd.config.databaseUrl as string;
    const other = new PostgresSignals(url, schemaOfTestUrl(url), 5000);
    onTestFinished(() => other.close());
    const heard: WorkFor[] = [];
    other.onWork((webhooks) => heard.push(webhooks));
    // Until the listener has subscribed, notifications pass it by: publish until one arrives.
    await eventually(async () => {
      await hookd.core.events.publish(workspace, { type: 'order.created', data: {} });
      return heard.length > 0 ? true : null;
    });
    expect(heard.every((webhooks) => webhooks !== null && [...webhooks].sort().join() === [first.seq, second.seq].sort().join())).toBe(true);
  });

  it('backed off behind a resting webhook, claims at notices of work for the webhook it has been sending to, not for the resting one', { timeout: 30_000 }, async () => {
    const { hookd } = setup;
    // Another webhook of the workspace, healthy, with one delivery the dispatcher's first claim takes too.
    const healthy = await Receiver.start();
    let other: Webhook | undefined;
    try {
      const behind = await behindRestingWebhook(setup, 'resting', async (workspace) => {
        other = await hookd.core.webhooks.create(workspace, { name: 'other', url: healthy.url('/other'), events: ['order.deleted'], status: 'active' });
        await hookd.core.events.publish(workspace, { type: 'order.deleted', data: {} });
      });
      const otherSeq = (other as Webhook).seq;
      await healthy.waitFor(1, 10_000);
      // Notices of work for the webhook it has lately been sending to (within the second it counts as
      // such: recently-taken.ts): a look at each.
      const forOther = await twentyNotices(behind, () => behind.dispatcher.wake([otherSeq]));
      expect(forOther.claims).toBeGreaterThan(forOther.timerLooks);
      // For the resting webhook: only the back-off's timer (every 50 ms) looks.
      const forResting = await twentyNotices(behind, () => behind.dispatcher.wake([behind.resting.seq]));
      expect(forResting.claims).toBeLessThanOrEqual(forResting.timerLooks);
      // For a webhook it has not sent to: the same.
      const forUnknown = await twentyNotices(behind, () => behind.dispatcher.wake([otherSeq + 1000]));
      expect(forUnknown.claims).toBeLessThanOrEqual(forUnknown.timerLooks);
      expect(healthy.requests).toHaveLength(1);
    } finally {
      await healthy.close();
    }
  });
});
