/**
 * Endpoints that say "slow down" (delivery/endpoint-backoff.ts): with 1 000 deliveries queued for an
 * endpoint that answers 503, it gets a handful of requests over several seconds, not a retry storm; a
 * Retry-After is honoured for the whole endpoint (within the webhook's retry delays, as for its own retry); once it answers 200 again, everything is delivered at
 * the normal pace, none of the waiting deliveries failed. The same for an endpoint that refuses connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { Receiver } from '../../helpers/receiver.ts';
import { listDeliveries, workspaceWithWebhook } from './support.ts';

describe('back-off signals', () => {
  let server: TestHookd;
  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '100ms,200ms,400ms,800ms' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Failed attempts so far, as /metrics counts them. */
  async function failedAttempts(): Promise<number> {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const line = metrics.split('\n').find((l) => l.startsWith('hookd_attempts_total{result="failure"} '));
    return line === undefined ? 0 : Number(line.split(' ')[1]);
  }

  it('a dead endpoint with 1 000 deliveries queued gets a few requests, then all of them once it is back', async () => {
    const receiver = await Receiver.start();
    receiver.behaviour = { kind: 'status', status: 503, body: 'down' };
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'storm', receiver.url('/dead'));
    const total = 1000;
    for (let i = 0; i < total; i += 100) {
      const batch = Array.from({ length: 100 }, (_, j) => ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { n: i + j } }));
      for (const response of await Promise.all(batch)) expect(response.status).toBe(202);
    }
    const started = Date.now();
    await sleep(6000);
    const during = receiver.requests.length;
    // Rests of 1, 2 and 4 s after the first answers: a handful of probes. Without back-off: every delivery,
    // five times each, within the same seconds.
    console.log(`1 000 deliveries queued for an endpoint answering 503: ${during} requests in ${Date.now() - started} ms`);
    expect(during).toBeLessThan(30);
    const waiting = await listDeliveries(ws, webhook.id);
    expect(waiting.filter((d) => d.status === 'failed')).toHaveLength(0);

    receiver.behaviour = { kind: 'status', status: 200, body: 'ok' };
    await eventually(async () => new Set(receiver.requests.map((r) => JSON.parse(r.text).data.n)).size === total, 60_000, 250);
    await eventually(async () => (await listDeliveries(ws, webhook.id)).every((d) => d.status === 'succeeded'), 20_000, 250);
    await receiver.close();
  }, 90_000);

  it('an endpoint that refuses connections with 1 000 deliveries queued gets a few attempts, then all of them once it listens', async () => {
    // A port nothing listens on (a receiver started there and closed), until a receiver starts there again.
    const closed = await Receiver.start();
    const port = closed.port;
    await closed.close();
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'refused', `http://127.0.0.1:${port}/dead`);
    const failuresBefore = await failedAttempts();
    const total = 1000;
    for (let i = 0; i < total; i += 100) {
      const batch = Array.from({ length: 100 }, (_, j) => ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { n: i + j } }));
      for (const response of await Promise.all(batch)) expect(response.status).toBe(202);
    }
    await sleep(6000);
    const waiting = await listDeliveries(ws, webhook.id);
    const attempts = (await failedAttempts()) - failuresBefore;
    console.log(`1 000 deliveries queued for an endpoint refusing connections: ${attempts} attempts in 6 s`);
    // Rests of 1, 2 and 4 s after the first refusals. Without: every delivery, five times each.
    expect(attempts).toBeLessThan(30);
    expect(waiting.filter((d) => d.status === 'failed')).toHaveLength(0);

    const receiver = await Receiver.start(port);
    await eventually(async () => new Set(receiver.requests.map((r) => JSON.parse(r.text).data.n)).size === total, 60_000, 250);
    await eventually(async () => (await listDeliveries(ws, webhook.id)).every((d) => d.status === 'succeeded'), 20_000, 250);
    await receiver.close();
  }, 90_000);

  it('honours Retry-After for the whole endpoint', async () => {
    const receiver = await Receiver.start();
    receiver.script.push({ kind: 'status', status: 429, headers: { 'retry-after': '2' }, body: 'slow down' });
    // Its own schedule lets a retry wait up to 5 s: the 2 s asked for is honoured as it is (retry.ts).
    const { ws } = await workspaceWithWebhook(server.api, 'retry-after', receiver.url('/busy'), { active: true, retrySchedule: '1s,5s' });
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { n: 0 } });
    await receiver.waitFor(1);
    const first = receiver.requests[0].at;
    for (let n = 1; n <= 5; n++) await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { n } });
    await receiver.waitFor(7, 10_000);
    // Nothing reached it during the two seconds it asked for.
    const next = Math.min(...receiver.requests.slice(1).map((r) => r.at));
    expect(next - first).toBeGreaterThanOrEqual(1900);
    await receiver.close();
  }, 30_000);
});
