/**
 * Auto-disable: a webhook is disabled after N consecutive failed attempts AND no success for D; a success
 * in between starts the count again; a disabled webhook receives nothing and gets no new deliveries until
 * it is re-activated, which forgets the failures and sends what was held.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHookd } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { ApiClient, TEST_SETTINGS, eventually, sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';
import { deliveryOf, getWebhook, listDeliveries, publish, workspaceWithWebhook } from './support.ts';

const receiver = receiversClosedAfterAll();

describe('auto-disable after 3 consecutive failures (disableAfter 0s)', () => {
  let server: TestHookd;

  beforeAll(async () => {
    server = await startTestHookd({
      disableAfterFailures: '3', disableAfter: '0s', retrySchedule: '50ms,50ms,50ms,50ms,50ms', retryJitter: '0', requestTimeout: '10s', logLevel: 'error',
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('disables the webhook after the third failed attempt; it then receives nothing and gets no new deliveries', async () => {
    const r = await receiver();
    r.behaviour = { kind: 'status', status: 500, body: 'down' };
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'dying', r.url('/dying'));
    const event = await publish(ws, { n: 1 });

    const disabled = await eventually(async () => {
      const current = await getWebhook(ws, webhook.id);
      return current.status === 'disabled' ? current : null;
    });
    expect(disabled.active).toBe(false);
    expect(typeof disabled.disabledReason).toBe('string');
    expect(disabled.disabledReason.length).toBeGreaterThan(0);
    expect(disabled.failureCount).toBe(3);

    // The schedule still had 3 retries left (50 ms apart): none of them goes out.
    await sleep(600);
    expect(r.requests).toHaveLength(3);
    const [delivery] = await listDeliveries(ws, webhook.id);
    expect(delivery).toMatchObject({ eventId: event.id, status: 'held', attemptCount: 3 });

    // Publishing while disabled creates no delivery for it.
    const later = await publish(ws, { n: 2 });
    expect(later.deliveryCount).toBe(0);
    await sleep(300);
    expect(r.requests).toHaveLength(3);
    expect(await listDeliveries(ws, webhook.id)).toHaveLength(1);
  });

  it('re-activating resets failureCount to 0 and sends the held delivery', async () => {
    const r = await receiver();
    r.behaviour = { kind: 'status', status: 500 };
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'revived', r.url('/revived'));
    const event = await publish(ws, { n: 1 });
    await eventually(async () => (await getWebhook(ws, webhook.id)).status === 'disabled');
    await eventually(async () => (await listDeliveries(ws, webhook.id))[0]?.status === 'held');
    const whileDisabled = await publish(ws, { n: 2 });
    expect(whileDisabled.deliveryCount).toBe(0);
    expect(r.requests).toHaveLength(3);

    r.behaviour = { kind: 'status', status: 200 };
    const patched = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: true });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.data).toMatchObject({ active: true, status: 'active', failureCount: 0, disabledReason: null });

    const requests = await r.waitFor(4);
    expect(requests[3].headers['webhook-id']).toBe(event.id);
    const delivery = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    expect(delivery.attemptCount).toBe(4);
    expect(delivery.attempts.map((a: any) => a.response.code)).toEqual([500, 500, 500, 200]);
    expect((await getWebhook(ws, webhook.id)).failureCount).toBe(0);

    // The event published while it was disabled never arrives.
    await sleep(300);
    expect(r.requests).toHaveLength(4);
    expect(r.requests.some((q) => q.headers['webhook-id'] === whileDisabled.id)).toBe(false);
  });

  it('a success in between resets the count: 500, 500, 200, 500, 500 does not disable', async () => {
    const r = await receiver();
    r.script.push(
      { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 200 },
      { kind: 'status', status: 500 }, { kind: 'status', status: 500 },
    );
    // The sixth request is answered 200, slowly, so the state after five answers can be read meanwhile.
    r.behaviour = { kind: 'slow', ms: 3000, status: 200 };
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'recovering', r.url('/recovering'));

    const first = await publish(ws, { n: 1 });
    await deliveryOf(ws, webhook.id, first.id, 'succeeded');
    expect(await getWebhook(ws, webhook.id)).toMatchObject({ status: 'active', failureCount: 0 });

    const second = await publish(ws, { n: 2 });
    await r.waitFor(6);
    // The 5th answer was recorded before the 6th attempt started: two failures since the success.
    expect(await getWebhook(ws, webhook.id)).toMatchObject({ status: 'active', active: true, failureCount: 2, disabledReason: null });

    await deliveryOf(ws, webhook.id, second.id, 'succeeded');
    expect(await getWebhook(ws, webhook.id)).toMatchObject({ status: 'active', failureCount: 0 });
    expect(r.requests).toHaveLength(6);
  });
});

describe('auto-disable with the default time condition (disableAfter 5d)', () => {
  let server: TestHookd;

  beforeAll(async () => {
    // disableAfterFailures and disableAfter left at their defaults (5 failures and 5 days).
    server = await startTestHookd({ retrySchedule: '50ms,50ms,50ms,50ms,50ms', retryJitter: '0' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('6 consecutive failures within minutes do not disable the webhook', async () => {
    const r = await receiver();
    r.behaviour = { kind: 'status', status: 500 };
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'patient', r.url('/patient'));
    const event = await publish(ws, { n: 1 });

    const delivery = await deliveryOf(ws, webhook.id, event.id, 'failed');
    expect(delivery.attemptCount).toBe(6);
    expect(r.requests).toHaveLength(6);
    const current = await getWebhook(ws, webhook.id);
    expect(current).toMatchObject({ status: 'active', active: true, disabledReason: null, failureCount: 6 });

    // Still subscribed: the next event gets a delivery, and it goes out.
    const next = await publish(ws, { n: 2 });
    expect(next.deliveryCount).toBe(1);
    const requests = await r.waitFor(7);
    expect(requests[6].headers['webhook-id']).toBe(next.id);
  });
});

describe('the log of a disable', () => {
  it('names the webhook by its public id', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } }));
    const dataDir = mkdtempSync(join(tmpdir(), 'hookd-disable-log-'));
    // The dispatcher in this thread (its thread would log to its own output).
    const config = loadConfig({}, { ...TEST_SETTINGS, dataDir, disableAfterFailures: '1', disableAfter: '0s', dispatchThread: 'false', ...(USE_POSTGRES ? { databaseUrl: (await createTestSchema()).url } : {}) });
    const hookd = await startHookd(config, log);
    try {
      const r = await receiver();
      r.behaviour = { kind: 'status', status: 500 };
      const { ws, webhook } = await workspaceWithWebhook(new ApiClient(hookd.url as string), 'logged', r.url('/logged'));
      await publish(ws, { n: 1 });
      await eventually(async () => (await getWebhook(ws, webhook.id)).status === 'disabled');
      const line = await eventually(async () => lines.map((text) => JSON.parse(text)).find((entry) => entry.msg === 'webhook disabled after repeated failures'));
      expect(line.webhook).toBe(webhook.id);
    } finally {
      await hookd.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
