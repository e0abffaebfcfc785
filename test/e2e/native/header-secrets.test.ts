/**
 * Credentials in a webhook's extra headers: sent to the receiver as given, stored encrypted, and shown
 * masked everywhere else: webhook reads on every face, attempt logs on every face (request headers and
 * the receiver's response headers), and the rows in the store.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { expectData } from './envelope.ts';

const TOKEN = 'Bearer tok-7f3a9c1e5b';
const API_KEY = 'key-2b8d4f6a0c';
const SHOP = 'shop-value-93e1';
const COOKIE = 'sid=cookie-5a7c9e';
const MASKED = '********';

describe('secrets in extra headers', () => {
  let server: TestHookd;
  let receiver: Receiver;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let hook: any;
  let base: string;

  const basic = (ck: string, cs: string) => `Basic ${Buffer.from(`${ck}:${cs}`).toString('base64')}`;

  beforeAll(async () => {
    server = await startTestHookd();
    receiver = await Receiver.start();
    receiver.behaviour = { kind: 'status', status: 200, headers: { 'set-cookie': COOKIE, 'x-receiver-token': 'rcv-token-1d3f' }, body: 'ok' };
    ws = await createWorkspace(server.api, 'header-secrets');
    base = `/workspaces/${ws.id}/webhooks`;
    hook = expectData(await ws.api.post(base, {
      name: 'with credentials', url: receiver.url('/creds'), events: ['order.created'], active: true,
      headers: { Authorization: TOKEN, 'X-Api-Key': API_KEY, 'X-Shop': SHOP },
    }), 201);
  });
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });

  it('masks sensitive values in every read of the webhook, on every face', async () => {
    const shown = { Authorization: MASKED, 'X-Api-Key': MASKED, 'X-Shop': SHOP };
    expect(hook.headers).toEqual(shown);
    expect(expectData(await ws.api.get(`${base}/${hook.id}`), 200).headers).toEqual(shown);
    expect(expectData(await ws.api.get(base), 200).find((w: any) => w.id === hook.id).headers).toEqual(shown);
    const rpc = await fetch(`${server.url}/api/jsonrpc`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: basic(ws.consumerKey, ws.consumerSecret) },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [null, 'webhook.list', []] }),
    });
    const seq = ((await rpc.json()) as any).result.find((w: any) => w.name === 'with credentials').webhook_id;
    const info = await fetch(`${server.url}/api/jsonrpc`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: basic(ws.consumerKey, ws.consumerSecret) },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [null, 'webhook.info', [seq]] }),
    });
    const text = await info.text();
    expect(JSON.parse(text).result.extra_headers).toBe(`Authorization: ${MASKED}\nX-Api-Key: ${MASKED}\nX-Shop: ${SHOP}`);
    expect(text).not.toContain(TOKEN);
  });

  it('sends the real values, and logs the attempt with every sensitive value masked, on every face', async () => {
    const before = receiver.requests.length;
    expectData(await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 1 } }), 202);
    const request = (await receiver.waitFor(before + 1))[before];
    expect(request.headers.authorization).toBe(TOKEN);
    expect(request.headers['x-api-key']).toBe(API_KEY);
    expect(request.headers['x-shop']).toBe(SHOP);

    const delivery = await eventually(async () => {
      const list = await ws.api.get(`${base}/${hook.id}/deliveries`);
      return list.body.data[0]?.status === 'succeeded' ? list.body.data[0] : null;
    });
    const detail = await ws.api.get(`${base}/${hook.id}/deliveries/${delivery.id}`);
    const [attempt] = expectData(detail, 200).attempts;
    expect(attempt.request.headers).toMatchObject({ Authorization: MASKED, 'X-Api-Key': MASKED, 'X-Shop': SHOP, 'webhook-signature': MASKED });
    expect(attempt.response.headers).toMatchObject({ 'set-cookie': MASKED, 'x-receiver-token': MASKED });
    for (const secret of [TOKEN, API_KEY, COOKIE, 'rcv-token-1d3f', request.headers['webhook-signature'] as string]) expect(detail.text).not.toContain(secret);

    const attempts = await ws.api.get(`${base}/${hook.id}/attempts`);
    expect(attempts.text).not.toContain(TOKEN);
    expect(attempts.body.data[0].request.headers.Authorization).toBe(MASKED);

    const woo = await fetch(`${server.url}/wc-api/v2/webhooks`, { headers: { authorization: basic(ws.consumerKey, ws.consumerSecret) } });
    const wooId = ((await woo.json()) as any).webhooks.find((w: any) => w.name === 'with credentials').id;
    const wooDeliveries = await fetch(`${server.url}/wc-api/v2/webhooks/${wooId}/deliveries`, { headers: { authorization: basic(ws.consumerKey, ws.consumerSecret) } });
    const wooText = await wooDeliveries.text();
    expect(JSON.parse(wooText).webhook_deliveries[0].request_headers).toMatchObject({ Authorization: MASKED, 'X-Api-Key': MASKED, 'X-Shop': SHOP });
    expect(wooText).not.toContain(TOKEN);
  });

  it('stores no header value in clear', async () => {
    const { db } = server.hookd.store as SqlStore;
    const webhooks = await db.selectFrom('webhooks').select('headers').execute();
    const attempts = await db.selectFrom('attempts').select(['request_headers', 'response_headers']).execute();
    // The webhook's own headers: every value sealed.
    expect(JSON.stringify(webhooks)).toContain('X-Shop');
    for (const value of [TOKEN, API_KEY, SHOP]) expect(JSON.stringify(webhooks)).not.toContain(value);
    // The attempt log: sensitive values (sent and received) were masked before they were written.
    expect(JSON.stringify(attempts)).toContain(SHOP);
    for (const secret of [TOKEN, API_KEY, COOKIE]) expect(JSON.stringify(attempts)).not.toContain(secret);
    if (server.hookd.config.databaseUrl === undefined) {
      // Every byte SQLite wrote (the database and its write-ahead log).
      const files = readdirSync(server.dataDir).filter((name) => name.startsWith('hookd.sqlite'));
      const bytes = Buffer.concat(files.map((name) => readFileSync(join(server.dataDir, name))));
      for (const secret of [TOKEN, API_KEY, COOKIE]) expect(bytes.includes(secret)).toBe(false);
    }
  });

  it('keeps a stored value when an update sends the masked value back', async () => {
    const current = expectData(await ws.api.get(`${base}/${hook.id}`), 200);
    const patched = expectData(await ws.api.patch(`${base}/${hook.id}`, { headers: { ...current.headers, 'X-Shop': 'shop-2' } }), 200);
    expect(patched.headers).toEqual({ Authorization: MASKED, 'X-Api-Key': MASKED, 'X-Shop': 'shop-2' });
    const before = receiver.requests.length;
    expectData(await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 2 } }), 202);
    const request = (await receiver.waitFor(before + 1))[before];
    expect(request.headers).toMatchObject({ authorization: TOKEN, 'x-api-key': API_KEY, 'x-shop': 'shop-2' });
  });
});
