/**
 * A dispatcher of the test's own (own-dispatcher.ts) with due work it cannot take: a webhook whose
 * endpoint answered 503 rests for a second, its deliveries due again after it. Counts the dispatcher's
 * claims, so a test can tell a look at a notice of new work from one at the dispatcher's timer.
 */
import type { Workspace, Webhook } from '../../src/core/model.ts';
import type { Dispatcher } from '../../src/delivery/dispatcher.ts';
import { sleep } from './hookd.ts';
import { overriding } from './dispatch-repo.ts';
import type { OwnDispatcher } from './own-dispatcher.ts';

export interface BehindRestingWebhook {
  workspace: Workspace;
  resting: Webhook;
  dispatcher: Dispatcher;
  /** Claims the dispatcher has made so far. */
  claims(): number;
}

/**
 * In a new workspace named `name`, a resting webhook with due work, and the dispatcher started after its
 * first attempts. `before`: more of the workspace's work, set up before the dispatcher starts.
 */
export async function behindRestingWebhook(setup: OwnDispatcher, name: string, before?: (workspace: Workspace) => Promise<void>): Promise<BehindRestingWebhook> {
  const { hookd, receiver } = setup;
  const workspace = await hookd.core.workspaces.create({ name });
  const resting = await hookd.core.webhooks.create(workspace, { name: 'resting', url: receiver.url('/resting'), events: ['order.created'], status: 'active' });
  receiver.behaviour = { kind: 'status', status: 503 };
  // More than its concurrency (16): those it has not started when the first 503 comes go back, due.
  for (let n = 0; n < 50; n++) await hookd.core.events.publish(workspace, { type: 'order.created', data: { n } });
  await before?.(workspace);
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
  return { workspace, resting, dispatcher, claims: () => claims };
}

/** Twenty notices of new work, 2 ms apart, as a stream of publishes sends them: the claims they made, and how many the 50 ms back-off timer alone would have. */
export async function twentyNotices(behind: BehindRestingWebhook, notify: () => void): Promise<{ claims: number; timerLooks: number }> {
  const before = behind.claims();
  const started = Date.now();
  for (let i = 0; i < 20; i++) {
    notify();
    await sleep(2);
  }
  return { claims: behind.claims() - before, timerLooks: Math.ceil((Date.now() - started) / 50) + 1 };
}
