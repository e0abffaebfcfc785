/**
 * Several dispatchers on one PostgreSQL, all told of every publish: one whose look finds due work it cannot
 * take (the webhook is at its concurrency limit with an attempt in another dispatcher) backs off. Notices of
 * new work do not make it claim again until its back-off timer, and the work still goes out once the limit
 * frees. Before, each notice meant another claim that came back empty: with four workers at 500 events/s,
 * nine claims in ten, and the workers fell seconds behind.
 * Two dispatchers in this process stand for two processes: they share only the store, as processes do.
 * Runs in the `postgres` project only (HOOKD_TEST_DATABASE_URL set).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHookd, type Hookd } from '../../../src/app.ts';
import { loadEncryptionKey } from '../../../src/bootstrap.ts';
import { loadConfig, type Config } from '../../../src/config.ts';
import { SecretBox } from '../../../src/core/crypto.ts';
import type { Workspace } from '../../../src/core/model.ts';
import type { Dispatcher } from '../../../src/delivery/dispatcher.ts';
import { attemptSending, newDispatcher, type AttemptSending } from '../../../src/delivery/setup.ts';
import { Metrics } from '../../../src/metrics.ts';
import type { DispatchRepo } from '../../../src/core/ports/store.ts';
import { eventually } from '../../helpers/hookd.ts';
import { USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';
import { Receiver } from '../../helpers/receiver.ts';
import { overriding } from '../../helpers/dispatch-repo.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

/** The store's dispatch calls, counting the claims. */
function counting(repo: DispatchRepo): DispatchRepo & { claims: number } {
  const counted = {
    claims: 0,
    ...overriding(repo, {
      claim: (request) => {
        counted.claims++;
        return repo.claim(request);
      },
    }),
  };
  return counted;
}

describe.skipIf(!USE_POSTGRES)(`dispatchers sharing one PostgreSQL (${USE_POSTGRES ? 'running' : reason})`, () => {
  let dir: string;
  let config: Config;
  let hookd: Hookd;
  let workspace: Workspace;
  let receiver: Receiver;
  let sending: AttemptSending;
  const dispatchers: Dispatcher[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hookd-backoff-'));
    const schema = await createTestSchema();
    // The API role: the dispatchers are the test's own. One attempt at a time per webhook, everywhere.
    config = loadConfig({}, {
      dataDir: dir, databaseUrl: schema.url, adminToken: 'admin', port: '0', host: '127.0.0.1',
      allowPrivateNetworks: 'true', logLevel: 'warn', webhookConcurrency: '1',
    }, 'api');
    hookd = await startHookd(config, pino({ level: 'warn' }));
    workspace = await hookd.core.workspaces.create({ name: 'backoff' });
    receiver = await Receiver.start();
    sending = attemptSending(config, new SecretBox(loadEncryptionKey(config)));
  });

  afterAll(async () => {
    for (const dispatcher of dispatchers) await dispatcher.stop();
    await sending.http.close();
    await receiver.close();
    await hookd.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ignores notices of new work while its webhook is at its limit elsewhere, then delivers', async () => {
    const webhook = await hookd.core.webhooks.create(workspace, { name: 'one at a time', url: receiver.url('/slow'), events: ['order.created'], status: 'active' });
    const log = pino({ level: 'warn' });
    const repos = [counting(hookd.store.dispatch), counting(hookd.store.dispatch)];
    for (const repo of repos) dispatchers.push(newDispatcher(config, repo, sending.runner, new Metrics({ processMetrics: false }), log));
    const [holder, other] = dispatchers;
    const [holderRepo, otherRepo] = repos;

    // The first attempt hangs for a while in `holder`: the webhook is then at its limit of one.
    receiver.script.push({ kind: 'slow', ms: 1500 });
    const first = await hookd.core.events.publish(workspace, { type: 'order.created', data: { n: 1 } });
    holder.start();
    await receiver.waitFor(1);

    // `other` starts and finds the second delivery due, but the webhook is busy in `holder`: it backs off.
    const second = await hookd.core.events.publish(workspace, { type: 'order.created', data: { n: 2 } });
    other.start();
    await eventually(async () => (otherRepo.claims >= 1 ? true : null), 5_000, 5);
    await new Promise((resolve) => setTimeout(resolve, 20));

    // Twenty notices of new work, as a stream of publishes sends them.
    const claimsBefore = otherRepo.claims;
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      other.wake();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const elapsed = Date.now() - started;
    // Only its back-off timer (every 50 ms) makes it look again, not the notices.
    expect(otherRepo.claims - claimsBefore).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 1);
    expect(otherRepo.claims - claimsBefore).toBeLessThan(20);
    expect(receiver.requests).toHaveLength(1);

    // Once the first attempt ends, the second delivery goes out (from whichever dispatcher looks first).
    await receiver.waitFor(2, 10_000);
    expect(receiver.requests.map((request) => request.headers['webhook-id'])).toEqual([first.event.id, second.event.id]);
    await eventually(async () => {
      const list = await hookd.core.deliveries.list(workspace, { webhook }, { limit: 10 });
      return list.items.length === 2 && list.items.every((delivery) => delivery.status === 'succeeded') ? list : null;
    }, 10_000, 20);
    expect(holderRepo.claims).toBeGreaterThanOrEqual(1);
  });
});
