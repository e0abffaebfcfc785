/**
 * Slots are shared fairly: a workspace whose many endpoints hang cannot hold up another workspace, and
 * hanging endpoints, however many, do not hold up the healthy endpoints of their own workspace. With the
 * default concurrency settings, and a request timeout long enough that no hanging request ends during the
 * test: every healthy delivery must arrive while all of them are still open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HangingEndpoint } from '../../helpers/hanging-endpoint.ts';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

describe('fair shares of the dispatcher', () => {
  let server: TestHookd;
  let hanging: HangingEndpoint;
  const newReceiver = receiversClosedAfterAll();

  beforeAll(async () => {
    server = await startTestHookd({ requestTimeout: '60s', shutdownGrace: '100ms', logLevel: 'error' });
    hanging = new HangingEndpoint();
    await hanging.start();
  });
  afterAll(async () => {
    await server?.stop();
    await hanging?.close();
  });

  async function webhooks(ws: Awaited<ReturnType<typeof createWorkspace>>, count: number, url: string, event: string) {
    for (let i = 0; i < count; i++) {
      const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: `${event} ${i}`, url, events: [event], active: true });
      expect(created.status, created.text).toBe(201);
    }
  }

  async function publish(ws: Awaited<ReturnType<typeof createWorkspace>>, type: string, count: number) {
    for (let i = 0; i < count; i++) expect((await ws.api.post(`/workspaces/${ws.id}/events`, { type, data: { i } })).status).toBe(202);
  }

  it("delivers another workspace's event at once while 140 webhooks of one workspace hang", { timeout: 60_000 }, async () => {
    const noisy = await createWorkspace(server.api, 'noisy');
    await webhooks(noisy, 140, hanging.url('/noisy'), 'order.created');
    await publish(noisy, 'order.created', 1);
    // More requests hang than hookd has slots (128): before, they held every one of them.
    await eventually(async () => hanging.inFlight >= 128, 20_000);

    const quiet = await createWorkspace(server.api, 'quiet');
    const receiver = await newReceiver();
    await webhooks(quiet, 1, receiver.url('/quiet'), 'order.created');
    await publish(quiet, 'order.created', 3);
    await receiver.waitFor(3, 20_000);
    expect(hanging.abandoned).toBe(0);
  });

  it('keeps delivering to healthy webhooks while 50 webhooks of the same workspace hang with a backlog', { timeout: 90_000 }, async () => {
    const ws = await createWorkspace(server.api, 'mixed');
    await webhooks(ws, 50, hanging.url('/mixed'), 'order.updated');
    const healthy = await newReceiver();
    await webhooks(ws, 2, healthy.url('/healthy'), 'coupon.created');
    const before = hanging.received;
    await publish(ws, 'order.updated', 20);
    await eventually(async () => hanging.received - before >= 50, 20_000);

    await publish(ws, 'coupon.created', 200);
    await healthy.waitFor(400, 40_000);
    expect(hanging.abandoned).toBe(0);
    // The hanging webhooks learnt to hold few connections: far fewer than their 50 × 16 slots.
    expect(hanging.inFlight).toBeLessThan(50 * 16);
  });
});
