/**
 * A dispatcher alone on its store (SQLite) takes new work as soon as it is told of it, even while due work
 * it cannot take waits (a webhook resting after a 503, here): that work is its own, not another process's,
 * and the new work is for other webhooks. It used to back off as if another process held the work, and
 * took what was published meanwhile only at its next timed look, 50 ms later: behind a dead endpoint's
 * backlog, another webhook's deliveries waited that much more (docs/performance.md, 2026-12-04, night).
 * Where processes share the store, backing off stays (test/e2e/postgres/claim-backoff.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { sleep } from '../../helpers/hookd.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { overriding } from '../../helpers/dispatch-repo.ts';
import { ownDispatcher } from '../../helpers/own-dispatcher.ts';

const reason = 'SQLite only: on PostgreSQL processes share the store, and a dispatcher backs off (claim-backoff.test.ts)';

describe.skipIf(USE_POSTGRES)(`a dispatcher alone on its store, while a webhook rests (${USE_POSTGRES ? reason : 'running'})`, () => {
  // The API role: the dispatcher is the test's own.
  const setup = ownDispatcher('wake-resting');

  it('claims at each notice of new work, not only at its timed looks', { timeout: 30_000 }, async () => {
    const { hookd, receiver } = setup;
    const workspace = await hookd.core.workspaces.create({ name: 'wake-resting' });
    await hookd.core.webhooks.create(workspace, { name: 'resting', url: receiver.url('/resting'), events: ['order.created'], status: 'active' });
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
    // Its outcomes recorded and its next look planned, well within the rest.
    await sleep(300);

    // Twenty notices of new work, as a stream of publishes to other webhooks sends them.
    const before = claims;
    const requests = receiver.requests.length;
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      dispatcher.wake();
      await sleep(2);
    }
    const elapsed = Date.now() - started;
    // Backed off, only its timer (every 50 ms) would have looked.
    expect(claims - before).toBeGreaterThan(Math.ceil(elapsed / 50) + 1);
    // And the resting webhook got nothing from them.
    expect(receiver.requests).toHaveLength(requests);
  });
});
