/**
 * A dispatcher alone on its store (SQLite) takes new work as soon as it is told of it, even while due work
 * it cannot take waits (a webhook resting after a 503, here): that work is its own, not another process's,
 * and the new work is for other webhooks. It used to back off as if another process held the work, and
 * took what was published meanwhile only at its next timed look, 50 ms later: behind a dead endpoint's
 * backlog, another webhook's deliveries waited that much more (docs/performance.md, 2026-12-04, night).
 * Where processes share the store, backing off stays, but for work of the webhooks it left behind only
 * (test/e2e/postgres/claim-backoff.test.ts, named-notices.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { ownDispatcher } from '../../helpers/own-dispatcher.ts';
import { behindRestingWebhook, twentyNotices } from '../../helpers/resting-webhook.ts';

const reason = 'SQLite only: on PostgreSQL processes share the store, and a dispatcher backs off (claim-backoff.test.ts)';

describe.skipIf(USE_POSTGRES)(`a dispatcher alone on its store, while a webhook rests (${USE_POSTGRES ? reason : 'running'})`, () => {
  // The API role: the dispatcher is the test's own.
  const setup = ownDispatcher('wake-resting');

  it('claims at each notice of new work, not only at its timed looks', { timeout: 30_000 }, async () => {
    const behind = await behindRestingWebhook(setup, 'wake-resting');
    const requests = setup.receiver.requests.length;
    // Notices as a stream of publishes to other webhooks sends them. Backed off, only its timer would have looked.
    const notices = await twentyNotices(behind, () => behind.dispatcher.wake());
    expect(notices.claims).toBeGreaterThan(notices.timerLooks);
    // And the resting webhook got nothing from them.
    expect(setup.receiver.requests).toHaveLength(requests);
  });
});
