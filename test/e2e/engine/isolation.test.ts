/**
 * A slow endpoint only uses its own slots: while one webhook's receiver hangs until the timeout, another
 * webhook's deliveries go straight through, and publish-to-receipt needs no polling wait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

describe('endpoint isolation', () => {
  let server: TestHookd;
  let hanging: Receiver;
  let healthy: Receiver;

  beforeAll(async () => {
    server = await startTestHookd({ requestTimeout: '3s', webhookConcurrency: '2', concurrency: '16' });
    hanging = await Receiver.start();
    healthy = await Receiver.start();
    hanging.behaviour = { kind: 'hang' };
  });
  afterAll(async () => {
    await server.stop();
    await hanging.close();
    await healthy.close();
  });

  it('delivers to a healthy webhook while another one hangs', async () => {
    const ws = await createWorkspace(server.api);
    await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'slow', url: hanging.url('/slow'), events: ['order.created'], active: true });
    await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'fast', url: healthy.url('/fast'), events: ['order.updated'], active: true });
    for (let i = 0; i < 10; i++) await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i } });
    await hanging.waitFor(2);
    const started = Date.now();
    for (let i = 0; i < 20; i++) await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.updated', data: { i } });
    await healthy.waitFor(20, 2500);
    const elapsed = Date.now() - started;
    console.log(`20 deliveries to the healthy webhook took ${elapsed} ms while the other one hung`);
    // Well inside the 3 s timeout the hanging endpoint holds its slots for.
    expect(elapsed).toBeLessThan(2500);
    // The hanging endpoint never had more than its 2 slots.
    expect(hanging.requests).toHaveLength(2);
  });

  it('wakes at once on publish, with no polling wait', async () => {
    const ws = await createWorkspace(server.api, 'wake');
    await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'now', url: healthy.url('/now'), events: ['coupon.created'], active: true });
    await sleep(1500);
    const before = healthy.requests.length;
    const started = Date.now();
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'coupon.created', data: { id: 1 } });
    await healthy.waitFor(before + 1, 4000);
    const latency = Date.now() - started;
    console.log(`publish to receipt after an idle period: ${latency} ms`);
    // The safety poll is 5 s; arriving well before it proves the publish woke the dispatcher.
    expect(latency).toBeLessThan(1000);
  });
});
