/**
 * A receiver that answers 410 Gone: its webhook is disabled at once (one attempt, not the failure rule),
 * with a reason that says so, as soon as that attempt's outcome is recorded; its queued deliveries are
 * held, and go out when it is set active again.
 * The same for a WooCommerce-format webhook, whose own rule would need seven failures. A test send that
 * gets 410 disables nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';
import { basic } from '../woocommerce/support.ts';
import { deliveryOf, getWebhook, listDeliveries, publish, workspaceWithWebhook } from './support.ts';

const receiver = receiversClosedAfterAll();
const GONE_REASON = 'the endpoint answered 410 Gone';

describe('410 Gone', () => {
  let server: TestHookd;

  beforeAll(async () => {
    // One attempt at a time per webhook, and a failure rule far from reach: only the 410 rule can disable.
    server = await startTestHookd({ webhookConcurrency: '1', disableAfterFailures: '50', retrySchedule: '50ms,50ms,50ms', retryJitter: '0', logLevel: 'error' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('disables the webhook at once and holds its queued deliveries; re-activated, it sends them', async () => {
    const r = await receiver();
    // Each answer takes 100 ms: the first outcome is recorded (a few milliseconds after it arrives) while
    // the second attempt is on its way, long before a third starts. Answered at once, as many attempts
    // went out as fit in the time the first outcome took to be recorded: 5 to 9 on a busy machine.
    r.behaviour = { kind: 'slow', ms: 100, status: 410 };
    // Paused, so that twenty deliveries are queued before the first attempt.
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'gone', r.url('/gone'), { active: false });
    for (let n = 1; n <= 20; n++) await publish(ws, { n });
    expect((await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: true })).status).toBe(200);

    const disabled = await eventually(async () => {
      const current = await getWebhook(ws, webhook.id);
      return current.status === 'disabled' ? current : null;
    });
    expect(disabled).toMatchObject({ active: false, disabledReason: GONE_REASON });
    const deliveries = await eventually(async () => {
      const list = await listDeliveries(ws, webhook.id);
      return list.every((d) => d.status === 'held') ? list : null;
    });
    expect(deliveries).toHaveLength(20);
    // The first 410 disabled it when its outcome was recorded: only an attempt the dispatcher had started by
    // then went out too (outcomes are recorded in batches, a few milliseconds later); the rest were held.
    await sleep(400);
    const sent = r.requests.length;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThanOrEqual(3);
    expect(deliveries.filter((d) => d.attemptCount > 0).length).toBe(sent);
    expect(deliveries.find((d) => d.attemptCount > 0)?.lastResponseCode).toBe(410);
    // Disabled: new events are not kept for it.
    expect((await publish(ws, { n: 4 })).deliveryCount).toBe(0);

    r.behaviour = { kind: 'status', status: 200 };
    const revived = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: true });
    expect(revived.body.data).toMatchObject({ status: 'active', disabledReason: null, failureCount: 0 });
    for (const d of deliveries) await deliveryOf(ws, webhook.id, d.eventId, 'succeeded');
    expect(r.requests).toHaveLength(sent + 20);
  });

  it('disables a WooCommerce-format webhook at once too, though WooCommerce\'s own rule would wait for seven failures', async () => {
    const r = await receiver();
    const { ws } = await workspaceWithWebhook(server.api, 'woo gone', r.url('/unused'));
    const created = await basic(server.url, 'POST', 'webhooks', [ws.consumerKey, ws.consumerSecret], {
      body: { webhook: { name: 'woo', topic: 'order.created', delivery_url: r.url('/woo'), secret: 'woo secret' } },
    });
    expect(created.status).toBe(201);
    r.behaviour = { kind: 'status', status: 410 };
    await publish(ws, { id: 9 });

    const woo = await eventually(async () => {
      const list = (await ws.api.get(`/workspaces/${ws.id}/webhooks?limit=250`)).body.data as any[];
      const found = list.find((w) => w.format === 'woocommerce');
      return found?.status === 'disabled' ? found : null;
    });
    expect(woo.disabledReason).toBe(GONE_REASON);
    expect(woo.failureCount).toBe(1);
    const read = await basic(server.url, 'GET', `webhooks/${created.body.webhook.id}`, [ws.consumerKey, ws.consumerSecret]);
    expect(read.body.webhook.status).toBe('disabled');
  });

  it('a test send answered 410 disables nothing: only deliveries do', async () => {
    const r = await receiver();
    r.behaviour = { kind: 'status', status: 410 };
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'tested', r.url('/tested'));
    const report = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/tests`, {});
    expect(report.body.data).toMatchObject({ testsRun: 1, testsFailed: 1, tests: [{ responseCode: 410 }] });
    expect(await getWebhook(ws, webhook.id)).toMatchObject({ status: 'active', disabledReason: null });
  });
});
