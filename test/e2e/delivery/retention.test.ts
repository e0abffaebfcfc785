/** Retention prunes old attempts, finished deliveries and their events, and never pending work. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

describe('retention', () => {
  let server: TestHookd;
  let receiver: Receiver;

  beforeAll(async () => {
    server = await startTestHookd({ retention: '1d' });
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });

  it('prunes history past the retention period, in batches, keeping held work', async () => {
    const ws = await createWorkspace(server.api);
    const live = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'live', url: receiver.url('/live'), events: ['order.created'], active: true })).body.data;
    const paused = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'paused', url: receiver.url('/paused'), events: ['order.created'] })).body.data;
    const events = [];
    for (let i = 0; i < 5; i++) events.push((await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i } })).body.data.id);
    await receiver.waitFor(5);
    await eventually(async () => {
      const list = await ws.api.get(`/workspaces/${ws.id}/webhooks/${live.id}/deliveries?status=succeeded`);
      return list.body.data.length === 5;
    });
    const job = server.hookd.retention!;
    expect(await job.runOnce()).toEqual({ attempts: 0, deliveries: 0, events: 0 });
    const counts = await job.runOnce(Date.now() + 2 * 86_400_000);
    expect(counts).toEqual({ attempts: 5, deliveries: 5, events: 0 });
    expect((await ws.api.get(`/workspaces/${ws.id}/webhooks/${live.id}/deliveries`)).body.data).toHaveLength(0);
    // The paused webhook's held deliveries (and so their events) are kept.
    expect((await ws.api.get(`/workspaces/${ws.id}/webhooks/${paused.id}/deliveries?status=held`)).body.data).toHaveLength(5);
    expect((await ws.api.get(`/workspaces/${ws.id}/events/${events[0]}`)).status).toBe(200);
    await ws.api.delete(`/workspaces/${ws.id}/webhooks/${paused.id}`);
    expect((await job.runOnce(Date.now() + 2 * 86_400_000)).events).toBe(5);
    expect((await ws.api.get(`/workspaces/${ws.id}/events/${events[0]}`)).status).toBe(404);
  });
});
