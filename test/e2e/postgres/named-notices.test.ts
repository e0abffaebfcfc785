/**
 * Notices of new work name their webhooks (core/work-notice.ts), and a dispatcher backed off on a shared
 * store looks at once for work of a webhook its claims did not leave behind (Dispatcher.wake). Behind a
 * resting endpoint's due work, one `serve` on PostgreSQL used to ignore every notice until its back-off
 * timer, so another webhook's deliveries waited up to 50 ms more (docs/performance.md, 2026-12-06, late
 * night). Runs in the `postgres` project only (HOOKD_TEST_DATABASE_URL set).
 */
import { describe, expect, it } from 'vitest';
import type { WorkFor } from '../../../src/core/work-notice.ts';
import { eventually, sleep } from '../../helpers/hookd.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { overriding } from '../../helpers/dispatch-repo.ts';
import { ownDispatcher } from '../../helpers/own-dispatcher.ts';

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
    const heard: WorkFor[] = [];
    hookd.store.signals.onWork((webhooks) => heard.push(webhooks));
    // Until the listener has subscribed, notifications pass it by: publish until one arrives.
    await eventually(async () => {
      await hookd.core.events.publish(workspace, { type: 'order.created', data: {} });
      return heard.length > 0 ? true : null;
    });
    expect(heard.every((webhooks) => webhooks !== null && [...webhooks].sort().join() === [first.seq, second.seq].sort().join())).toBe(true);
  });

  it('backed off behind a resting webhook, claims at notices of work for another, not for the resting one', { timeout: 30_000 }, async () => {
    const { hookd, receiver } = setup;
    const workspace = await hookd.core.workspaces.create({ name: 'resting' });
    const resting = await hookd.core.webhooks.create(workspace, { name: 'resting', url: receiver.url('/resting'), events: ['order.created'], status: 'active' });
    const other = await hookd.core.webhooks.create(workspace, { name: 'other', url: receiver.url('/other'), events: ['order.deleted'], status: 'active' });
    receiver.behaviour = { kind: 'status', status: 503 };
    // More than its concurrency (16): those it has not started when the first 503 comes go back, due.
    for (let n = 0; n < 50; n++) await hookd.core.events.publish(workspace, { type: 'order.created', data: { n } });
    let claims = 0;
    const repo = overriding(hookd.store.dispatch, {
      claim: (request) => {
        claims++;
        return hookd.store.dispatch.claim(request);
      },
    });
    const dispatcher = await setup.start(repo);
    // The first attempts answer 503: the webhook rests for a second (its deliveries due again after it).
    await receiver.waitFor(1, 10_000);
    // Its outcomes recorded and its next look planned (backed off: due work it cannot take), well within the rest.
    await sleep(300);

    // Twenty notices of work for the resting webhook: only the back-off's timer (every 50 ms) looks.
    const noticesOf = async (webhook: number) => {
      const before = claims;
      const started = Date.now();
      for (let i = 0; i < 20; i++) {
        dispatcher.wake([webhook]);
        await sleep(2);
      }
      return { claims: claims - before, timerLooks: Math.ceil((Date.now() - started) / 50) + 1 };
    };
    const forResting = await noticesOf(resting.seq);
    expect(forResting.claims).toBeLessThanOrEqual(forResting.timerLooks);
    // Twenty for the other webhook: a look at each.
    const forOther = await noticesOf(other.seq);
    expect(forOther.claims).toBeGreaterThan(forOther.timerLooks);
    expect(receiver.requests.filter((request) => request.path === '/other')).toHaveLength(0);
  });
});
