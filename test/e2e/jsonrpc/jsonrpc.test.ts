/**
 * The JSON-RPC face (ShipStream's Merchant API), driven by the third-party client `jayson` over real HTTP,
 * plus raw requests where the seed's wire form (`"jsonrpc": 2.0` as a number) matters.
 */
import { createHmac } from 'node:crypto';
import jayson from 'jayson';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

type Client = ReturnType<typeof jayson.client.http>;

function call(client: Client, method: string, params: unknown): Promise<{ error: any; result: any }> {
  return new Promise((resolve, reject) => {
    client.request(method, params as never, ((err: Error | null, error: any, result: any) => (err ? reject(err) : resolve({ error, result }))) as never);
  });
}

function raw(client: Client, request: unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    client.request(request as never, ((err: Error | null, response: any) => (err ? reject(err) : resolve(response))) as never);
  });
}

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, text: await response.text() };
}

describe('JSON-RPC webhook API', () => {
  let server: TestHookd;
  let receiver: Receiver;
  let client: Client;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let other: Awaited<ReturnType<typeof createWorkspace>>;
  let session: string;

  beforeAll(async () => {
    server = await startTestHookd({ sessionTtl: '1h' });
    receiver = await Receiver.start();
    const url = new URL(server.url);
    client = jayson.client.http({ host: url.hostname, port: Number(url.port), path: '/api/jsonrpc' });
    ws = await createWorkspace(server.api, 'shipstream');
    other = await createWorkspace(server.api, 'other');
    session = (await call(client, 'login', [ws.consumerKey, ws.consumerSecret])).result;
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });

  it('logs in with the key pair and returns a 32-hex session id', async () => {
    expect(session).toMatch(/^[0-9a-f]{32}$/);
    const bad = await call(client, 'login', [ws.consumerKey, 'cs_wrong']);
    expect(bad.error).toMatchObject({ code: -32002 });
    const wrongTypes = await call(client, 'login', [1, 2]);
    expect(wrongTypes.error).toMatchObject({ code: -32602 });
  });

  it('creates, lists, reads, updates, pauses and deletes webhooks', async () => {
    const created = await call(client, 'call', [session, 'webhook.create', [{
      name: 'Orders', url: receiver.url('/ss'), topics: ['order:created', 'order:shipped'], is_active: 1,
      extra_headers: 'X-Shop: 7\nX-Env: test', secret_key: '2RUJ8NXLnLRrAj3',
    }]]);
    expect(created.error).toBeNull();
    const id = created.result;
    expect(Number.isInteger(id)).toBe(true);

    const list = await call(client, 'call', [session, 'webhook.list', []]);
    expect(list.result).toContainEqual({ webhook_id: id, name: 'Orders' });

    const info = await call(client, 'call', [session, 'webhook.info', [id]]);
    expect(info.result).toMatchObject({
      webhook_id: id, name: 'Orders', is_active: 'Yes', topics: 'order:created,order:shipped', url: receiver.url('/ss'),
      extra_headers: 'X-Shop: 7\nX-Env: test',
    });
    expect(JSON.stringify(info.result)).not.toContain('2RUJ8NXLnLRrAj3');
    expect(info.result).not.toHaveProperty('secret_key');

    expect((await call(client, 'call', [session, 'webhook.update', [id, { name: 'Renamed', topics: 'order:*', extra_headers: { 'X-Shop': '8' } }]])).result).toBe(true);
    const updated = (await call(client, 'call', [session, 'webhook.info', [id]])).result;
    expect(updated).toMatchObject({ name: 'Renamed', topics: 'order:*', extra_headers: 'X-Shop: 8' });

    for (const [value, expected] of [['No', 'No'], [true, 'Yes'], [0, 'No'], ['1', 'Yes']] as const) {
      expect((await call(client, 'call', [session, 'webhook.update_status', [id, value]])).result).toBe(true);
      expect((await call(client, 'call', [session, 'webhook.info', [id]])).result.is_active).toBe(expected);
    }
    // The native API sees the same webhook.
    const native = await ws.api.get(`/workspaces/${ws.id}/webhooks`);
    expect(native.body.data.find((w: any) => w.name === 'Renamed')).toMatchObject({ events: ['order.*'], status: 'active', format: 'shipstream' });

    expect((await call(client, 'call', [session, 'webhook.delete', [id]])).result).toBe(true);
    expect((await call(client, 'call', [session, 'webhook.info', [id]])).error).toMatchObject({ code: -32103, message: 'Webhook not exists.' });
  });

  it('answers in the seed\'s shape, echoing "jsonrpc": 2.0 as a number', async () => {
    const login = JSON.stringify({ jsonrpc: 2, id: 1234, method: 'call', params: [session, 'webhook.list', []] }).replace('"jsonrpc":2', '"jsonrpc":2.0');
    const response = await post(server.url, login);
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/^\{"jsonrpc":2\.0,"id":1234,"error":null,"result":\[/);
    const stringForm = await post(server.url, JSON.stringify({ jsonrpc: '2.0', id: 'a', method: 'call', params: [session, 'webhook.list', []] }));
    expect(JSON.parse(stringForm.text)).toMatchObject({ jsonrpc: '2.0', id: 'a', error: null });
  });

  it('handles batches and notifications', async () => {
    const batch = [
      client.request('call', [session, 'webhook.list', []], 'one', false as never),
      client.request('call', [session, 'webhook.info', [999_999]], 'two', false as never),
      client.request('call', [session, 'webhook.list', []], null, false as never),
      client.request('nope', [], 'three', false as never),
    ];
    const responses = await raw(client, batch);
    expect(Array.isArray(responses)).toBe(true);
    expect(responses).toHaveLength(3);
    expect(responses.find((r: any) => r.id === 'one')).toMatchObject({ error: null, result: expect.any(Array) });
    expect(responses.find((r: any) => r.id === 'two').error.code).toBe(-32103);
    expect(responses.find((r: any) => r.id === 'three').error.code).toBe(-32601);

    const notification = await post(server.url, JSON.stringify({ jsonrpc: '2.0', method: 'call', params: [session, 'webhook.list', []] }));
    expect(notification.status).toBe(204);
    expect(notification.text).toBe('');
    const oneInBatch = await post(server.url, JSON.stringify([{ jsonrpc: '2.0', id: 9, method: 'call', params: [session, 'webhook.list', []] }]));
    expect(Array.isArray(JSON.parse(oneInBatch.text))).toBe(true);
    const empty = await post(server.url, '[]');
    expect(JSON.parse(empty.text).error.code).toBe(-32600);
  });

  it('refuses bad input with JSON-RPC errors over HTTP 200', async () => {
    const cases: Array<[string, number]> = [
      ['{bad json', -32700],
      [JSON.stringify({ jsonrpc: '1.0', id: 1, method: 'call', params: [] }), -32600],
      [JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'frobnicate', params: [] }), -32601],
      [JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: 'nope' }), -32602],
      [JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [session, 'webhook.info', ['abc']] }), -32602],
      [JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [session, 'webhook.info', 'notarray'] }), -32602],
      [JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [session, 'webhook.create', ['notanobject']] }), -32602],
      [JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [session, 'order.list', []] }), -32003],
      [JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [session, 'webhook.create', [{ url: 'ftp://x', topics: 'order:created' }]] }), -32101],
      [JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [session, 'webhook.create', [{ url: receiver.url(), topics: 'nope:nothing' }]] }), -32101],
      [JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [session, 'webhook.create', [{ url: receiver.url(), topics: 'order:created', bogus: 1 }]] }), -32101],
      [JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [session, 'webhook.create', [{ url: receiver.url(), topics: 'order:created', is_active: 'maybe' }]] }), -32101],
      [JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [null, 'webhook.list', []] }), -32002],
    ];
    for (const [body, code] of cases) {
      const response = await post(server.url, body);
      expect(response.status, body).toBe(200);
      expect(JSON.parse(response.text).error?.code, body).toBe(code);
    }
    const list = await call(client, 'call', [session, 'webhook.list', []]);
    expect(list.result.some((w: any) => w.name === undefined)).toBe(false);
  });

  it('expires sessions and ends them on endSession', async () => {
    const expired = await call(client, 'call', ['0123456789abcdef0123456789abcdef', 'webhook.list', []]);
    expect(expired.error).toEqual({ code: -32005, message: 'Session expired. Try to relogin.' });
    const short = await startTestHookd({ sessionTtl: '300ms' });
    try {
      const sws = await createWorkspace(short.api, 'short');
      const url = new URL(short.url);
      const shortClient = jayson.client.http({ host: url.hostname, port: Number(url.port), path: '/jsonrpc' });
      const sid = (await call(shortClient, 'login', [sws.consumerKey, sws.consumerSecret])).result;
      expect((await call(shortClient, 'call', [sid, 'webhook.list', []])).error).toBeNull();
      await sleep(400);
      expect((await call(shortClient, 'call', [sid, 'webhook.list', []])).error.code).toBe(-32005);
    } finally {
      await short.stop();
    }
    const sid = (await call(client, 'login', [ws.consumerKey, ws.consumerSecret])).result;
    expect((await call(client, 'endSession', [sid])).result).toBe(true);
    expect((await call(client, 'call', [sid, 'webhook.list', []])).error.code).toBe(-32005);
  });

  it('accepts HTTP Basic auth with a null session', async () => {
    const auth = `Basic ${Buffer.from(`${ws.consumerKey}:${ws.consumerSecret}`).toString('base64')}`;
    const ok = await post(server.url, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [null, 'webhook.list', []] }), { authorization: auth });
    expect(JSON.parse(ok.text)).toMatchObject({ error: null, result: expect.any(Array) });
    const wrong = `Basic ${Buffer.from(`${ws.consumerKey}:cs_nope`).toString('base64')}`;
    const refused = await post(server.url, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [null, 'webhook.list', []] }), { authorization: wrong });
    expect(JSON.parse(refused.text).error.code).toBe(-32002);
  });

  it("never shows or touches another workspace's webhooks", async () => {
    const otherHook = await other.api.post(`/workspaces/${other.id}/webhooks`, { name: 'theirs', url: receiver.url('/theirs'), events: ['order.created'], active: true });
    const theirs = (await other.api.get(`/workspaces/${other.id}/webhooks`)).body.data[0];
    expect(otherHook.status).toBe(201);
    // The integer id of the other workspace's webhook, as its own session sees it.
    const otherSession = (await call(client, 'login', [other.consumerKey, other.consumerSecret])).result;
    const theirId = (await call(client, 'call', [otherSession, 'webhook.list', []])).result[0].webhook_id;
    for (const method of ['webhook.info', 'webhook.delete']) {
      expect((await call(client, 'call', [session, method, [theirId]])).error.code).toBe(-32103);
    }
    expect((await call(client, 'call', [session, 'webhook.update_status', [theirId, 'No']])).error.code).toBe(-32103);
    expect((await other.api.get(`/workspaces/${other.id}/webhooks/${theirs.id}`)).body.data.status).toBe('active');
    expect((await call(client, 'call', [session, 'webhook.list', []])).result.some((w: any) => w.webhook_id === theirId)).toBe(false);
  });

  it('delivers ShipStream-shaped, signed requests with the extra headers', async () => {
    const secret = 'ssk_9f3kQ2mZx7';
    const id = (await call(client, 'call', [session, 'webhook.create', [{
      name: 'deliveries', url: receiver.url('/ship'), topics: 'inventory:adjusted', is_active: 'Yes',
      extra_headers: 'X-Warehouse: north', secret_key: secret,
    }]])).result;
    expect(Number.isInteger(id)).toBe(true);
    const before = receiver.requests.length;
    const published = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'inventory.adjusted', data: { sku: 'A-1', qty: -2 } });
    expect(published.body.data.deliveryCount).toBe(1);
    const request = (await receiver.waitFor(before + 1))[before];
    expect(request.path).toBe('/ship');
    expect(request.headers['x-warehouse']).toBe('north');
    const body = JSON.parse(request.text);
    expect(body).toEqual({ topic: 'inventory:adjusted', message: { sku: 'A-1', qty: -2 }, event_timestamp: expect.any(Number) });
    expect(body.event_timestamp).toBe(Math.floor(Date.parse(published.body.data.createdAt) / 1000));
    const expected = createHmac('sha256', secret).update(request.body).digest('base64');
    expect(request.headers['x-plugin-hmac-sha256']).toBe(expected);
    const verifier = new StandardWebhook(Buffer.from(secret) as unknown as string, { format: 'raw' });
    expect(verifier.verify(request.text, request.headers as Record<string, string>)).toEqual(body);
  });
});
