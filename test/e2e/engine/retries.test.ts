/** Failures are retried on the schedule until success or exhaustion; every attempt is logged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

describe('retries', () => {
  let server: TestHookd;
  let receiver: Receiver;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;

  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '100ms,200ms', requestTimeout: '400ms' });
    ws = await createWorkspace(server.api);
  });
  afterAll(async () => {
    await server.stop();
  });

  async function subscribe(path: string) {
    receiver = await Receiver.start();
    const webhook = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: path, url: receiver.url(path), events: ['order.created'], active: true })).body.data;
    return webhook;
  }

  async function deliveryOf(webhookId: string, status: string) {
    return eventually(async () => {
      const list = await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhookId}/deliveries`);
      const delivery = list.body.data[0];
      return delivery?.status === status ? delivery : null;
    });
  }

  it('retries after failures and succeeds, with the same webhook-id on every attempt', async () => {
    const webhook = await subscribe('/flaky');
    receiver.script.push({ kind: 'status', status: 500, body: 'boom' }, { kind: 'status', status: 503, body: 'busy' });
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 1 } });
    const requests = await receiver.waitFor(3);
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(requests[1].at - requests[0].at).toBeGreaterThanOrEqual(90);
    const delivery = await deliveryOf(webhook.id, 'succeeded');
    expect(delivery.attemptCount).toBe(3);
    const detail = await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries/${delivery.id}`);
    expect(detail.body.data.attempts.map((a: any) => a.response.code)).toEqual([500, 503, 200]);
    expect(detail.body.data.attempts[0].response.body).toBe('boom');
    expect(detail.body.data.attempts.map((a: any) => a.success)).toEqual([false, false, true]);
    await receiver.close();
  });

  it('gives up after the last retry and marks the delivery failed', async () => {
    const webhook = await subscribe('/down');
    receiver.behaviour = { kind: 'status', status: 500 };
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 2 } });
    await receiver.waitFor(3);
    const delivery = await deliveryOf(webhook.id, 'failed');
    expect(delivery.attemptCount).toBe(3);
    expect(delivery.nextAttemptAt).toBeNull();
    await sleep(600);
    expect(receiver.requests).toHaveLength(3);
    await receiver.close();
  });

  it('counts a timeout, a reset connection and a redirect as failures (redirects are not followed)', async () => {
    const webhook = await subscribe('/odd');
    const target = await Receiver.start();
    receiver.script.push({ kind: 'hang' }, { kind: 'reset' }, { kind: 'status', status: 302, headers: { location: target.url('/elsewhere') } });
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 3 } });
    const delivery = await deliveryOf(webhook.id, 'failed');
    const detail = await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries/${delivery.id}`);
    const [timeout, reset, redirect] = detail.body.data.attempts;
    expect(timeout.error).toMatch(/timeout/);
    expect(timeout.response).toBeNull();
    expect(reset.error).toMatch(/ECONNRESET|socket|closed/i);
    expect(redirect.response.code).toBe(302);
    expect(redirect.success).toBe(false);
    expect(target.requests).toHaveLength(0);
    await target.close();
    await receiver.close();
  });

  it('honours Retry-After on 429 within the schedule (here: waits ~1 s, not 100 ms)', async () => {
    const slow = await startTestHookd({ retrySchedule: '100ms,2s' });
    try {
      const sws = await createWorkspace(slow.api, 'retry-after');
      const r = await Receiver.start();
      await sws.api.post(`/workspaces/${sws.id}/webhooks`, { name: 'ra', url: r.url('/ra'), events: ['order.created'], active: true });
      r.script.push({ kind: 'status', status: 429, headers: { 'retry-after': '1' } });
      await sws.api.post(`/workspaces/${sws.id}/events`, { type: 'order.created', data: { id: 4 } });
      const [first, second] = await r.waitFor(2, 5000);
      expect(second.at - first.at).toBeGreaterThanOrEqual(900);
      await r.close();
    } finally {
      await slow.stop();
    }
  });

  it('caps the recorded response body at 64 KiB', async () => {
    const webhook = await subscribe('/big');
    receiver.behaviour = { kind: 'status', status: 200, body: 'x'.repeat(200 * 1024) };
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 5 } });
    const delivery = await deliveryOf(webhook.id, 'succeeded');
    const detail = await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries/${delivery.id}`);
    expect(detail.body.data.attempts[0].response.body).toHaveLength(64 * 1024);
    await receiver.close();
  });
});
