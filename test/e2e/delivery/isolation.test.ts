/**
 * Endpoint isolation: a webhook whose endpoint hangs until the request timeout occupies only its own
 * slots (webhookConcurrency), so another webhook's deliveries go straight through meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { HangingEndpoint } from '../../helpers/hanging-endpoint.ts';
import { Receiver } from '../../helpers/receiver.ts';

describe('endpoint isolation', () => {
  let server: TestHookd;
  let hanging: HangingEndpoint;
  let healthy: Receiver;

  beforeAll(async () => {
    server = await startTestHookd({ requestTimeout: '3s', webhookConcurrency: '2', retrySchedule: '100ms,200ms', retryJitter: '0', shutdownGrace: '200ms', logLevel: 'error' });
    hanging = new HangingEndpoint();
    await hanging.start();
    healthy = await Receiver.start();
  });
  afterAll(async () => {
    await server.stop();
    await hanging.close();
    await healthy.close();
  });

  it('delivers 20 events to a healthy webhook while another webhook\'s endpoint hangs, using at most 2 slots there', { timeout: 40_000 }, async () => {
    const ws = await createWorkspace(server.api);
    const slow = await ws.api.post(`/workspaces/${ws.id}/webhooks`, {
      name: 'hanging', url: `http://127.0.0.1:${hanging.port}/hang`, events: ['order.created'], active: true,
    });
    const fast = await ws.api.post(`/workspaces/${ws.id}/webhooks`, {
      name: 'healthy', url: healthy.url('/fast'), events: ['order.updated'], active: true,
    });
    expect([slow.status, fast.status]).toEqual([201, 201]);

    for (let i = 0; i < 10; i++) {
      const published = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i } });
      expect(published.body.data.deliveryCount).toBe(1);
    }
    // The hanging endpoint now holds both of its webhook's slots.
    await eventually(async () => hanging.inFlight === 2);

    const started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const published = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.updated', data: { i } });
      expect(published.body.data.deliveryCount).toBe(1);
      ids.push(published.body.data.id);
    }
    await healthy.waitFor(20, 10_000);
    const elapsed = Date.now() - started;
    console.log(`20 deliveries to the healthy webhook arrived ${elapsed} ms after publishing began, while the other endpoint hung (3 s timeout)`);

    expect(new Set(healthy.requests.map((q) => q.headers['webhook-id']))).toEqual(new Set(ids));
    // All of that happened while the first two hanging requests were still open: none had timed out yet.
    // (That, not a time limit, is the proof: a loaded machine may take seconds over 20 publishes.)
    expect(hanging.abandoned).toBe(0);
    expect(hanging.inFlight).toBe(2);
    expect(hanging.received).toBe(2);

    // After the timeouts the hanging webhook works through its backlog, never more than 2 at a time.
    await eventually(async () => hanging.received >= 4, 15_000);
    expect(hanging.abandoned).toBeGreaterThanOrEqual(2);
    expect(hanging.maxInFlight).toBe(2);
  });
});
