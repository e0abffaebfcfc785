/**
 * Flow control per webhook (core/flow-control.ts) against a real receiver, on each store:
 * - `ordering: "fifo"`: deliveries go one at a time in publish order; a failing one holds back the ones
 *   behind it until it succeeds, so the receiver never gets event n+1 before event n; those behind wait
 *   `queued`; switching a webhook with a backlog to fifo, and back, keeps or frees its order.
 * - `rateLimit`: the receiver never gets more than perSecond requests in any one-second window, and
 *   deliveries beyond the limit wait, they are not failed.
 * Several processes (PostgreSQL, one killed): test/e2e/postgres/flow-control.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { Receiver } from '../../helpers/receiver.ts';
import { listDeliveries, publish, workspaceWithWebhook } from './support.ts';
import { expectError } from '../native/envelope.ts';
import { busiestSecond, checkFifo, randomFailures } from '../../helpers/flow.ts';

describe('flow control', () => {
  let server: TestHookd;
  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '20ms,20ms,20ms,20ms,20ms,20ms,20ms,20ms,20ms,20ms' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('fifo: one at a time in publish order, a failing delivery holding back those behind it', async () => {
    const receiver = await Receiver.start();
    const total = 150;
    // One answer per request, in order: which arrivals were delivered is known from the plan.
    const plan = randomFailures(total * 3, 0.3);
    receiver.script.push(...plan);
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'fifo', receiver.url('/fifo'), { active: true, ordering: 'fifo' });
    expect(webhook).toMatchObject({ ordering: 'fifo', rateLimit: null });
    for (let n = 0; n < total; n++) await publish(ws, { n });
    await eventually(async () => {
      const deliveries = await listDeliveries(ws, webhook.id);
      return deliveries.length === total && deliveries.every((d) => d.status === 'succeeded');
    }, 60_000, 100);
    const received = receiver.requests.map((request, i) => ({ n: JSON.parse(request.text).data.n as number, ok: plan[i]?.status === 200 }));
    expect(received.some((r) => !r.ok), 'some attempts failed').toBe(true);
    checkFifo(received, total);
    await receiver.close();
  }, 90_000);

  it('fifo: those behind wait queued; a pause holds the head only; a change of order queues or frees a backlog', async () => {
    const receiver = await Receiver.start();
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'fifo-queue', receiver.url('/q'), { active: false });
    for (let n = 0; n < 5; n++) await publish(ws, { n });
    // Paused, not ordered: all held.
    expect((await listDeliveries(ws, webhook.id)).map((d) => d.status)).toEqual(['held', 'held', 'held', 'held', 'held']);
    expect((await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { ordering: 'fifo' })).status).toBe(200);
    // Newest first: the oldest is the head, held; the others queue behind it.
    expect((await listDeliveries(ws, webhook.id)).map((d) => d.status)).toEqual(['queued', 'queued', 'queued', 'queued', 'held']);
    await publish(ws, { n: 5 });
    expect((await listDeliveries(ws, webhook.id))[0].status).toBe('queued');
    expect((await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries?status=queued`)).body.data).toHaveLength(5);
    expect((await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: true })).status).toBe(200);
    await receiver.waitFor(6);
    expect(receiver.requests.map((r) => JSON.parse(r.text).data.n)).toEqual([0, 1, 2, 3, 4, 5]);

    // Back to parallel: a queued backlog is freed.
    expect((await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: false })).status).toBe(200);
    for (let n = 6; n < 9; n++) await publish(ws, { n });
    expect((await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { ordering: 'none' })).status).toBe(200);
    const statuses = (await listDeliveries(ws, webhook.id)).slice(0, 3).map((d) => d.status);
    expect(statuses).toEqual(['held', 'held', 'held']);
    await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: true });
    await receiver.waitFor(9);
    await receiver.close();
  }, 30_000);

  it('rateLimit: never more than perSecond requests in any second; the rest wait and succeed', async () => {
    const receiver = await Receiver.start();
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'rate', receiver.url('/rate'), { active: true, rateLimit: { perSecond: 8 } });
    expect(webhook).toMatchObject({ rateLimit: { perSecond: 8 } });
    const total = 30;
    await Promise.all(Array.from({ length: total }, (_, n) => publish(ws, { n })));
    await receiver.waitFor(total, 20_000);
    const times = receiver.requests.map((r) => r.at);
    expect(busiestSecond(times)).toBeLessThanOrEqual(8);
    // 30 at 8 per second need more than three seconds.
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(3000);
    await eventually(async () => (await listDeliveries(ws, webhook.id)).every((d) => d.status === 'succeeded' && d.attemptCount === 1), 10_000);
    await receiver.close();
  }, 30_000);

  it('refuses bad values', async () => {
    const receiver = await Receiver.start();
    const { ws } = await workspaceWithWebhook(server.api, 'flow-bad', receiver.url('/bad'));
    const create = (fields: object) => ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'x', url: receiver.url('/x'), events: ['order.created'], ...fields });
    expectError(await create({ ordering: 'lifo' }), 400, 'VALIDATION_ERROR', 'ordering');
    expectError(await create({ rateLimit: { perSecond: 0 } }), 400, 'VALIDATION_ERROR');
    expectError(await create({ rateLimit: { perSecond: 1.5 } }), 400, 'VALIDATION_ERROR');
    expectError(await create({ rateLimit: { perSecond: 10_001 } }), 400, 'VALIDATION_ERROR');
    expectError(await create({ rateLimit: { perMinute: 5 } }), 400, 'VALIDATION_ERROR');
    expectError(await create({ rateLimit: 5 }), 400, 'VALIDATION_ERROR');
    await receiver.close();
  });
});
