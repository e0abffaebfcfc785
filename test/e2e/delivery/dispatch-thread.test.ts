/**
 * `serve` runs the dispatcher in a thread of its own (on SQLite its store calls run by the API thread, on
 * PostgreSQL on a store of its own): the API thread then has no dispatcher, publishes reach the thread at
 * once, and GET /metrics still counts every attempt (the thread's metrics added to the API thread's).
 * HOOKD_DISPATCH_THREAD=false keeps the dispatcher in the API thread.
 *
 * SQLite: if the real thread dies (ended from outside here, as a crash would end it), /healthz answers
 * 503, `hookd serve` exits 1 for its supervisor to restart it, and nothing published is lost: after the
 * restart it goes out at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { deliveryOf, listDeliveries, publish, workspaceWithWebhook } from './support.ts';
import { endNewestDispatcherThread } from '../../helpers/end-dispatcher-thread.mjs';
import { startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { spawnHookd, type HookdProcess } from '../../helpers/process.ts';
import { Receiver } from '../../helpers/receiver.ts';

const END_THREAD_PRELOAD = fileURLToPath(new URL('../../helpers/end-dispatcher-thread.mjs', import.meta.url));

/** The value of one sample line of the Prometheus text, e.g. `hookd_attempts_total{result="success"}`. */
function sample(metrics: string, name: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('the dispatcher thread', () => {
  const servers: TestHookd[] = [];
  const children: HookdProcess[] = [];
  const dataDirs: string[] = [];
  let receiver: Receiver;

  afterAll(async () => {
    // stop() may run twice for a server a test already stopped: closing hookd is idempotent.
    await Promise.all(servers.map((server) => server.stop()));
    for (const child of children) if (child.child.exitCode === null) child.child.kill('SIGKILL');
    await Promise.all(children.map((child) => child.exited));
    await receiver?.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A data dir that outlives one hookd (a restart uses it again); removed after the tests. */
  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'hookd-thread-'));
    dataDirs.push(dir);
    return dir;
  }

  it.each([
    { setting: 'true', threaded: true },
    { setting: 'false', threaded: false },
  ])('HOOKD_DISPATCH_THREAD=$setting: delivers, answers /healthz, and /metrics counts the attempts once', async ({ setting, threaded }) => {
    receiver ??= await Receiver.start();
    const server = await startTestHookd({ dispatchThread: setting });
    servers.push(server);
    expect(server.hookd.dispatcher === null).toBe(threaded);

    const { ws, webhook } = await workspaceWithWebhook(server.api, `thread-${setting}`, receiver.url(`/thread-${setting}`));
    receiver.script.push({ kind: 'status', status: 500 });
    const event = await publish(ws, { threaded });
    const delivery = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    expect(delivery.attempts.map((a: { success: boolean }) => a.success)).toEqual([false, true]);
    expect(receiver.requests.filter((r) => r.path === `/thread-${setting}`)).toHaveLength(2);

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(sample(metrics, 'hookd_attempts_total{result="success"}')).toBe(1);
    expect(sample(metrics, 'hookd_attempts_total{result="failure"}')).toBe(1);
    expect(sample(metrics, 'hookd_attempt_duration_seconds_count')).toBe(2);
    // Process figures come from the API thread only: one series, not one per thread.
    expect(metrics.split('\n').filter((l) => l.startsWith('process_cpu_user_seconds_total '))).toHaveLength(1);
  });

  it.skipIf(USE_POSTGRES)('SQLite: when the thread dies: /healthz answers 503, and what is published meanwhile waits as due work that a restart sends at once', { timeout: 30_000 }, async () => {
    receiver ??= await Receiver.start();
    const dir = dataDir();
    // A lease far longer than the test: a delivery left leased to the dead thread would not go out in time.
    const settings = { lease: '10m' };
    const first = await startTestHookd(settings, dir);
    servers.push(first);
    const { ws, webhook } = await workspaceWithWebhook(first.api, 'thread-dies', receiver.url('/thread-dies'));
    await deliveryOf(ws, webhook.id, (await publish(ws, { before: true })).id, 'succeeded');

    expect(await endNewestDispatcherThread()).toBe(true);
    expect((await first.hookd.failed).message).toMatch(/dispatcher thread exited/);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(503);

    const after = await publish(ws, { after: true });
    expect(after.deliveryCount).toBe(1);
    const waiting = (await listDeliveries(ws, webhook.id)).find((d) => d.eventId === after.id);
    expect(waiting.status).toBe('pending');
    await first.stop();

    const second = await startTestHookd(settings, dir);
    servers.push(second);
    const delivered = await deliveryOf({ ...ws, api: second.api.as(ws.key) }, webhook.id, after.id, 'succeeded', 5_000);
    expect(delivered.attempts).toHaveLength(1);
    expect(receiver.requests.filter((r) => r.path === '/thread-dies').map((r) => JSON.parse(r.text).data)).toEqual([{ before: true }, { after: true }]);
  });

  it.skipIf(USE_POSTGRES)('SQLite: `hookd serve` exits 1 when its dispatcher thread dies', { timeout: 30_000 }, async () => {
    const hookd = await spawnHookd(dataDir(), 'free', { logLevel: 'info' }, ['serve'], {
      nodeArgs: ['--import', END_THREAD_PRELOAD],
      env: { HOOKD_TEST_END_DISPATCHER_ON_SIGUSR2: '1' },
    });
    children.push(hookd);
    hookd.child.kill('SIGUSR2');
    expect(await hookd.exited).toBe(1);
    expect(hookd.output()).toContain('the dispatcher thread died');
  });
});
