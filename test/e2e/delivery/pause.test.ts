/**
 * Paused webhooks: they receive nothing; events published meanwhile are kept and sent on resume
 * (pausedBehavior "queue", the default) or never delivered ("drop"). A new webhook starts paused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { Receiver, receiversClosedAfterAll } from '../../helpers/receiver.ts';
import { deliveryOf, getWebhook, listDeliveries, publish, workspaceWithWebhook } from './support.ts';

describe('paused webhooks', () => {
  let server: TestHookd;
  const receiver = receiversClosedAfterAll();

  beforeAll(async () => {
    server = await startTestHookd();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('a webhook created without `active` is paused, with pausedBehavior "queue"', async () => {
    const r = await receiver();
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'default', r.url('/default'), {});
    expect(webhook).toMatchObject({ active: false, status: 'paused', pausedBehavior: 'queue' });
    expect(await getWebhook(ws, webhook.id)).toMatchObject({ active: false, status: 'paused' });
  });

  it('receives nothing while paused; what was published meanwhile is delivered after PATCH active:true', async () => {
    const r = await receiver();
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'queued', r.url('/queued'), {});
    const events = [];
    for (let i = 0; i < 3; i++) events.push(await publish(ws, { i }));
    expect(events.map((e) => e.deliveryCount)).toEqual([1, 1, 1]);
    const held = await listDeliveries(ws, webhook.id);
    expect(held.map((d) => d.status)).toEqual(['held', 'held', 'held']);

    await sleep(500);
    expect(r.requests).toHaveLength(0);

    const resumed = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: true });
    expect(resumed.status, resumed.text).toBe(200);
    expect(resumed.body.data).toMatchObject({ active: true, status: 'active' });

    const requests = await r.waitFor(3);
    expect(new Set(requests.map((q) => q.headers['webhook-id']))).toEqual(new Set(events.map((e) => e.id)));
    for (const event of events) await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    await sleep(200);
    expect(r.requests).toHaveLength(3);
  });

  it('pausing an active webhook (PATCH active:false) holds new events until it is resumed', async () => {
    const r = await receiver();
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'toggled', r.url('/toggled'));
    const before = await publish(ws, { phase: 'active' });
    await r.waitFor(1);
    await deliveryOf(ws, webhook.id, before.id, 'succeeded');

    const paused = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: false });
    expect(paused.body.data).toMatchObject({ active: false, status: 'paused' });
    const during = await publish(ws, { phase: 'paused' });
    expect(during.deliveryCount).toBe(1);
    await sleep(500);
    expect(r.requests).toHaveLength(1);
    expect((await listDeliveries(ws, webhook.id)).find((d) => d.eventId === during.id)?.status).toBe('held');

    await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: true });
    const requests = await r.waitFor(2);
    expect(requests[1].headers['webhook-id']).toBe(during.id);
    await deliveryOf(ws, webhook.id, during.id, 'succeeded');
  });

  it('with pausedBehavior "drop", events published while paused are never delivered', async () => {
    const r = await receiver();
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'dropping', r.url('/dropping'), { pausedBehavior: 'drop' });
    expect(webhook).toMatchObject({ active: false, pausedBehavior: 'drop' });
    const dropped = await publish(ws, { phase: 'paused' });
    expect(dropped.deliveryCount).toBe(0);
    expect(await listDeliveries(ws, webhook.id)).toHaveLength(0);

    const resumed = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: true });
    expect(resumed.body.data).toMatchObject({ active: true, status: 'active', pausedBehavior: 'drop' });

    // Once active it receives new events, and only those.
    const after = await publish(ws, { phase: 'active' });
    expect(after.deliveryCount).toBe(1);
    const [request] = await r.waitFor(1);
    expect(request.headers['webhook-id']).toBe(after.id);
    await deliveryOf(ws, webhook.id, after.id, 'succeeded');
    await sleep(300);
    expect(r.requests).toHaveLength(1);
    expect(r.requests.some((q) => q.headers['webhook-id'] === dropped.id)).toBe(false);
  });
});

describe('pausing a webhook with a backlog in the dispatcher', () => {
  let server: TestHookd;
  let r: Receiver;

  beforeAll(async () => {
    // One attempt at a time per webhook: the rest of the backlog waits, claimed, in the dispatcher's queue.
    server = await startTestHookd({ webhookConcurrency: '1', requestTimeout: '5s' });
    r = await Receiver.start();
  });
  afterAll(async () => {
    await server.stop();
    await r.close();
  });

  it('sends nothing more after the pause than the attempt that was already in flight; resuming sends the rest', async () => {
    r.behaviour = { kind: 'slow', ms: 1500, status: 200 };
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'backlog', r.url('/backlog'));
    const events = [];
    for (let i = 0; i < 5; i++) events.push(await publish(ws, { i }));
    await r.waitFor(1);

    const paused = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: false });
    expect(paused.body.data.status).toBe('paused');
    const inFlightAtPause = r.requests.length;
    expect(inFlightAtPause).toBe(1);
    // Past the moment the next queued delivery would start (1.5 s after the first): nothing else goes out.
    await sleep(2500);
    expect(r.requests).toHaveLength(inFlightAtPause);
    await deliveryOf(ws, webhook.id, events[0].id, 'succeeded');
    expect((await listDeliveries(ws, webhook.id)).filter((d) => d.status === 'held')).toHaveLength(4);

    r.behaviour = { kind: 'status', status: 200 };
    await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: true });
    await r.waitFor(5);
    for (const event of events) await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    expect(new Set(r.requests.map((q) => q.headers['webhook-id']))).toEqual(new Set(events.map((e) => e.id)));
    await sleep(200);
    expect(r.requests).toHaveLength(5);
  });

  it('sends nothing more to a deleted webhook than the attempt that was already in flight', async () => {
    const d = await Receiver.start();
    try {
      d.behaviour = { kind: 'slow', ms: 1500, status: 200 };
      const { ws, webhook } = await workspaceWithWebhook(server.api, 'deleted', d.url('/deleted'));
      for (let i = 0; i < 5; i++) await publish(ws, { i });
      await d.waitFor(1);
      const deleted = await ws.api.delete(`/workspaces/${ws.id}/webhooks/${webhook.id}`);
      expect(deleted.status).toBe(204);
      await sleep(2500);
      expect(d.requests).toHaveLength(1);
    } finally {
      await d.close();
    }
  });
});
