/**
 * Manual re-send (POST …/deliveries/{id}/resend): exactly one more attempt, logged with trigger "manual";
 * refused while the webhook is paused; 404 for a delivery that does not exist.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';
import { deliveryDetail, deliveryOf, publish, workspaceWithWebhook } from './support.ts';

describe('manual re-send', () => {
  let server: TestHookd;
  const receiver = receiversClosedAfterAll();

  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '100ms,200ms', retryJitter: '0' });
  });
  afterAll(async () => {
    await server.stop();
  });

  /** A webhook whose receiver answers 500 until the delivery of one event has failed for good. */
  async function failedDelivery(name: string) {
    const r = await receiver();
    r.behaviour = { kind: 'status', status: 500, body: 'down' };
    const { ws, webhook } = await workspaceWithWebhook(server.api, name, r.url(`/${name}`));
    const event = await publish(ws, { name });
    const delivery = await deliveryOf(ws, webhook.id, event.id, 'failed');
    expect(delivery.attemptCount).toBe(3);
    expect(r.requests).toHaveLength(3);
    return { r, ws, webhook, event, delivery };
  }

  it('re-sends a failed delivery once, with trigger "manual", and it succeeds when the receiver is back', async () => {
    const { r, ws, webhook, event, delivery } = await failedDelivery('back');
    r.behaviour = { kind: 'status', status: 200, body: 'thanks' };

    const resent = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries/${delivery.id}/resend`);
    expect(resent.status, resent.text).toBe(202);
    expect(resent.body.data).toMatchObject({ id: delivery.id, eventId: event.id });

    const requests = await r.waitFor(4);
    expect(requests[3].headers['webhook-id']).toBe(event.id);
    const done = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    expect(done.attemptCount).toBe(4);
    expect(done.attempts.map((a: any) => a.trigger)).toEqual(['scheduled', 'scheduled', 'scheduled', 'manual']);
    expect(done.attempts[3]).toMatchObject({ success: true, trigger: 'manual', response: { code: 200, body: 'thanks' } });

    await sleep(500);
    expect(r.requests).toHaveLength(4);
  });

  it('a re-send that fails again is a single attempt: no retries follow', async () => {
    const { r, ws, webhook, event, delivery } = await failedDelivery('still-down');

    const resent = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries/${delivery.id}/resend`);
    expect(resent.status, resent.text).toBe(202);
    await r.waitFor(4);
    const after = await deliveryOf(ws, webhook.id, event.id, 'failed');
    expect(after.attemptCount).toBe(4);
    expect(after.attempts[3]).toMatchObject({ success: false, trigger: 'manual', response: { code: 500 } });

    // Longer than the whole schedule: the manual attempt was the only one.
    await sleep(800);
    expect(r.requests).toHaveLength(4);
    expect((await deliveryDetail(ws, webhook.id, delivery.id)).attempts).toHaveLength(4);
  });

  it('refuses to re-send while the webhook is paused (409 CONFLICT) and sends nothing', async () => {
    const { r, ws, webhook, delivery } = await failedDelivery('paused');
    const paused = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: false });
    expect(paused.body.data.status).toBe('paused');
    r.behaviour = { kind: 'status', status: 200 };

    const resent = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries/${delivery.id}/resend`);
    expect(resent.status).toBe(409);
    expect(resent.body).toMatchObject({ data: null, error: { code: 'CONFLICT' } });

    await sleep(400);
    expect(r.requests).toHaveLength(3);
    expect(await deliveryDetail(ws, webhook.id, delivery.id)).toMatchObject({ status: 'failed', attemptCount: 3 });
  });

  it('answers 404 for an unknown delivery id', async () => {
    const r = await receiver();
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'unknown', r.url('/unknown'));
    const resent = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries/${randomUUID()}/resend`);
    expect(resent.status).toBe(404);
    expect(resent.body).toMatchObject({ data: null, error: { code: 'RESOURCE_NOT_FOUND' } });
    await sleep(200);
    expect(r.requests).toHaveLength(0);
  });
});
