/**
 * Operational webhooks, end to end: an endpoint that fails once and recovers, then fails for good, makes
 * hookd emit `hookd.webhook.failing`, `…recovered`, `hookd.delivery.exhausted` and `hookd.webhook.disabled`
 * once each; they reach the workspace's webhook subscribed to `hookd.*` and the operator's URL, signed
 * (verified with `standardwebhooks`), and never a webhook subscribed to `*`. When the operational endpoints
 * fail themselves (and get disabled), nothing is emitted about them: no loop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { createWorkspace, eventually, sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { receiversClosedAfterAll, type Receiver, type Received } from '../../helpers/receiver.ts';
import { getWebhook, publish } from './support.ts';

const receiver = receiversClosedAfterAll();
const OPERATOR_SECRET = `whsec_${Buffer.from('the operator secret, 32 bytes!!!').toString('base64')}`;
const WORKSPACE_SECRET = `whsec_${Buffer.from('a workspace secret of 32 bytes!!').toString('base64')}`;

const verified = (secret: string, request: Received) => new StandardWebhook(secret).verify(request.text, {
  'webhook-id': request.headers['webhook-id'] as string,
  'webhook-timestamp': request.headers['webhook-timestamp'] as string,
  'webhook-signature': request.headers['webhook-signature'] as string,
}) as { type: string; data: any };

const typesOf = (r: Receiver) => r.requests.map((request) => (JSON.parse(request.text) as { type: string }).type).sort();

describe('operational webhooks', () => {
  let server: TestHookd;
  let operator: Receiver;

  beforeAll(async () => {
    operator = await receiver();
    // Three attempts per delivery; three failures in a row (for at least 1ms) disable.
    server = await startTestHookd({
      operationalWebhookUrl: operator.url('/operator'), operationalWebhookSecret: OPERATOR_SECRET,
      retrySchedule: '50ms,50ms', disableAfterFailures: '3', disableAfter: '1ms', logLevel: 'error',
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('emits failing, recovered, exhausted and disabled once each, to hookd.* subscribers and the operator, signed', async () => {
    const target = await receiver();
    const ops = await receiver();
    const all = await receiver();
    const ws = await createWorkspace(server.api, 'ops');
    const create = async (name: string, url: string, events: string[]) => {
      const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name, url, events, active: true, secret: WORKSPACE_SECRET });
      expect(created.status, created.text).toBe(201);
      return created.body.data as { id: string };
    };
    const shop = await create('shop', target.url('/shop'), ['order.created']);
    await create('ops', ops.url('/ops'), ['hookd.*']);
    await create('everything', all.url('/all'), ['*']);

    // Fails once, then succeeds: failing, then recovered.
    target.script.push({ kind: 'status', status: 500 });
    await publish(ws, { id: 1 });
    await eventually(async () => (ops.requests.length >= 2 ? true : null));
    // Then fails for good: the delivery is given up after its third attempt, and the third failure disables it.
    target.behaviour = { kind: 'status', status: 503 };
    const second = await publish(ws, { id: 2 });
    await eventually(async () => (ops.requests.length >= 4 && operator.requests.length >= 4 ? true : null));
    await sleep(500);

    const expected = ['hookd.delivery.exhausted', 'hookd.webhook.disabled', 'hookd.webhook.failing', 'hookd.webhook.recovered'];
    expect(typesOf(ops)).toEqual(expected);
    expect(typesOf(operator)).toEqual(expected);
    // `*` means the application's events only.
    expect(all.requests.map((r) => JSON.parse(r.text).type)).toEqual(['order.created', 'order.created']);

    const byType = new Map(ops.requests.map((request) => {
      const message = verified(WORKSPACE_SECRET, request);
      return [message.type, message.data];
    }));
    for (const request of operator.requests) {
      const message = verified(OPERATOR_SECRET, request);
      // The operator's copy carries the same data (the event is another, in the operator's workspace).
      expect(message.data).toEqual(byType.get(message.type));
    }
    const about = { workspaceId: ws.id, webhook: { id: shop.id, name: 'shop', url: target.url('/shop') } };
    expect(byType.get('hookd.webhook.failing')).toMatchObject({ ...about, trigger: 'first_failure', failureCount: 1, window: null, lastAttempt: { responseCode: 500, eventType: 'order.created' } });
    expect(byType.get('hookd.webhook.recovered')).toMatchObject(about);
    expect(byType.get('hookd.delivery.exhausted')).toMatchObject({ ...about, delivery: { eventId: second.id, eventType: 'order.created', attempts: 3 }, lastAttempt: { responseCode: 503 } });
    const disabled = byType.get('hookd.webhook.disabled');
    expect(disabled).toMatchObject({ ...about, failureCount: 3, reason: expect.stringContaining('3 or more consecutive failed attempts') });
    // Its last five attempts, newest first: the three of the second event, and the two of the first.
    expect(disabled.lastAttempts.map((a: { responseCode: number }) => a.responseCode)).toEqual([503, 503, 503, 200, 500]);
    expect((await getWebhook(ws, shop.id)).disabledReason).toBe(disabled.reason);

    // Each event once in the workspace's log too.
    const logged = await ws.api.get(`/workspaces/${ws.id}/events?type=hookd.*&limit=100`);
    expect(logged.status).toBe(200);
    expect((logged.body.data as Array<{ type: string }>).map((e) => e.type).sort()).toEqual(expected);
  });

  it('emits nothing about a failing operational endpoint, nor about the operator\'s: no loop', async () => {
    const target = await receiver();
    const ops = await receiver();
    const ws = await createWorkspace(server.api, 'no loop');
    const shop = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'shop', url: target.url('/shop'), events: ['order.created'], active: true });
    const opsHook = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'ops', url: ops.url('/ops'), events: ['order.updated', 'hookd.webhook.disabled'], active: true });
    expect(opsHook.status, opsHook.text).toBe(201);
    operator.requests.length = 0;
    operator.behaviour = { kind: 'status', status: 500 };
    ops.behaviour = { kind: 'status', status: 500 };
    target.behaviour = { kind: 'status', status: 410 };
    await publish(ws, { id: 3 });

    // The 410 is the shop's first failure and disables it: `failing` and `disabled`. The ops webhook takes only
    // `disabled` and fails it three times (and is disabled); the operator's takes both and fails until disabled.
    await eventually(async () => (ops.requests.length >= 3 ? true : null));
    const opsWebhook = await eventually(async () => {
      const current = await getWebhook(ws, opsHook.body.data.id);
      return current.status === 'disabled' ? current : null;
    });
    expect(opsWebhook.failureCount).toBe(3);
    const admin = server.api;
    const operatorWs = ((await admin.get('/workspaces?limit=100')).body.data as Array<{ id: string; name: string }>).find((w) => w.name === 'hookd operational webhooks')!;
    const operatorHook = ((await admin.get(`/workspaces/${operatorWs.id}/webhooks`)).body.data as Array<{ id: string; name: string }>).find((w) => w.name === 'operator')!;
    await eventually(async () => ((await admin.get(`/workspaces/${operatorWs.id}/webhooks/${operatorHook.id}`)).body.data.status === 'disabled' ? true : null));
    await sleep(800);
    expect(ops.requests).toHaveLength(3);
    const sentToOperator = operator.requests.length;
    expect(new Set(operator.requests.map((r) => verified(OPERATOR_SECRET, r).type))).toEqual(new Set(['hookd.webhook.disabled', 'hookd.webhook.failing']));
    const disabled = operator.requests.map((r) => verified(OPERATOR_SECRET, r)).find((m) => m.type === 'hookd.webhook.disabled')!;
    expect(disabled.data).toMatchObject({ webhook: { id: shop.body.data.id }, reason: 'the endpoint answered 410 Gone' });

    // Only the shop's two events were emitted: none about the ops webhook's or the operator's failures,
    // exhausted deliveries or disabling, in the workspace or in the operator's. The workspace keeps only
    // the one its webhook subscribes to.
    const logged = await ws.api.get(`/workspaces/${ws.id}/events?type=hookd.*&limit=100`);
    expect((logged.body.data as Array<{ type: string }>).map((e) => e.type)).toEqual(['hookd.webhook.disabled']);
    const operatorLog = await admin.get(`/workspaces/${operatorWs.id}/events?limit=100`);
    expect(operatorLog.body.data).toHaveLength(6);
    for (const event of operatorLog.body.data as Array<{ id: string }>) {
      const detail = await admin.get(`/workspaces/${operatorWs.id}/events/${event.id}`);
      expect(detail.body.data.data.webhook.id).not.toBe(operatorHook.id);
      expect(detail.body.data.data.webhook.id).not.toBe(opsHook.body.data.id);
    }
    await sleep(300);
    expect(operator.requests).toHaveLength(sentToOperator);
    operator.behaviour = { kind: 'status', status: 200 };
  });

  it('keeps hookd.* for hookd: not published nor declared through the API, but subscribed to like any event', async () => {
    const ws = await createWorkspace(server.api, 'reserved');
    const published = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'hookd.webhook.disabled', data: {} });
    expect(published.status).toBe(400);
    expect(published.body.error.message).toMatch(/published by hookd itself/);
    const declared = await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'hookd.custom.thing', description: 'x' });
    expect(declared.status).toBeGreaterThanOrEqual(400);
    expect(declared.status).toBeLessThan(500);
    const catalog = await ws.api.get('/webhooks/events');
    const disabled = (catalog.body.data as Array<{ name: string; schema: unknown }>).find((type) => type.name === 'hookd.webhook.disabled');
    expect(disabled?.schema).toMatchObject({ type: 'object', required: expect.arrayContaining(['reason', 'lastAttempts']) });
  });

  // SQLite only: a PostgreSQL test hookd gets a fresh schema at each start.
  it.skipIf(USE_POSTGRES)('keeps one operator webhook across restarts, put back to the settings, its secret rotated only when it changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookd-operator-'));
    const other = `whsec_${Buffer.from('another operator secret of 32 b').toString('base64')}`;
    const settings = { operationalWebhookUrl: operator.url('/first'), operationalWebhookSecret: OPERATOR_SECRET, logLevel: 'error' };
    const read = async (s: TestHookd) => {
      const ws = ((await s.api.get('/workspaces?limit=100')).body.data as Array<{ id: string; name: string }>).filter((w) => w.name === 'hookd operational webhooks');
      expect(ws).toHaveLength(1);
      const hooks = (await s.api.get(`/workspaces/${ws[0].id}/webhooks`)).body.data as Array<{ id: string; url: string; events: string[] }>;
      expect(hooks).toHaveLength(1);
      const secret = (await s.api.get(`/workspaces/${ws[0].id}/webhooks/${hooks[0].id}/secret`)).body.data;
      return { ws: ws[0].id, hook: hooks[0], secret };
    };
    try {
      let s = await startTestHookd(settings, dir);
      const first = await read(s);
      await s.stop();
      s = await startTestHookd(settings, dir);
      const again = await read(s);
      expect(again).toEqual(first);
      expect(again.secret).toMatchObject({ secret: OPERATOR_SECRET, previousSecret: null });
      await s.stop();
      s = await startTestHookd({ ...settings, operationalWebhookUrl: operator.url('/second'), operationalWebhookSecret: other }, dir);
      const changed = await read(s);
      expect(changed.ws).toBe(first.ws);
      expect(changed.hook).toMatchObject({ id: first.hook.id, url: operator.url('/second'), events: ['hookd.*'] });
      expect(changed.secret).toMatchObject({ secret: other, previousSecret: OPERATOR_SECRET });
      await s.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
