/**
 * On SQLite, `serve` runs the dispatcher in a thread of its own, its store calls run by the API thread: the
 * API thread then has no dispatcher, publishes reach the thread at once, and GET /metrics still counts
 * every attempt (the thread's metrics added to the API thread's). HOOKD_DISPATCH_THREAD=false keeps the
 * dispatcher in the API thread. (On PostgreSQL there is no thread: its scale-out is worker processes.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deliveryOf, publish, workspaceWithWebhook } from './support.ts';
import { startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { Receiver } from '../../helpers/receiver.ts';

/** The value of one sample line of the Prometheus text, e.g. `hookd_attempts_total{result="success"}`. */
function sample(metrics: string, name: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe.skipIf(USE_POSTGRES)('the dispatcher thread (SQLite)', () => {
  const servers: TestHookd[] = [];
  let receiver: Receiver;

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await receiver?.close();
  });

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
});
