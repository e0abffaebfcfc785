/**
 * The JSON-RPC face under hostile input: inherited property names as api paths, ids that are not ids,
 * oversized batches and answers, `__proto__` as a header name. Every answer is a JSON-RPC error over
 * HTTP 200 (never an internal error), and nothing internal ever appears in one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'toLocaleString'];

describe('JSON-RPC under hostile input', () => {
  let server: TestHookd;
  let receiver: Receiver;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let session: string;

  const rpc = async (body: unknown): Promise<any> => {
    const response = await fetch(`${server.url}/api/jsonrpc`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const internal of ['adminTokenHash', 'secretEnc', 'secret_enc', 'consumerSecretHash', 'ctx']) expect(text).not.toContain(internal);
    return JSON.parse(text);
  };
  const call = (path: string, args: unknown[] = [], id: unknown = 1) => rpc({ jsonrpc: '2.0', id, method: 'call', params: [session, path, args] });

  beforeAll(async () => {
    server = await startTestHookd();
    receiver = await Receiver.start();
    ws = await createWorkspace(server.api, 'hostile-rpc');
    session = (await rpc({ jsonrpc: '2.0', id: 1, method: 'login', params: [ws.consumerKey, ws.consumerSecret] })).result;
  });
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });

  it('finds no method under an inherited property name, as an api path or a method', async () => {
    for (const name of INHERITED) {
      const answer = await call(name);
      expect(answer.error, name).toMatchObject({ code: -32003 });
      expect(answer).not.toHaveProperty('result');
      const viaResource = await call(`webhook.${name}`);
      expect(viaResource.error, name).toMatchObject({ code: -32003 });
      const topLevel = await rpc({ jsonrpc: '2.0', id: 2, method: name, params: [] });
      expect(topLevel.error, name).toMatchObject({ code: -32601 });
    }
  });

  it('answers an id that is not a string, a number or null with -32600 and a null id', async () => {
    // Nested 100 000 deep: more than any recursive walk of it survives.
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    for (const id of ['{"a":1}', '[1,2]', 'true', deep, `{"a":${deep}}`]) {
      const answer = await rpc(`{"jsonrpc":"2.0","id":${id},"method":"call","params":["${session}","webhook.list",[]]}`);
      expect(answer).toMatchObject({ id: null, error: { code: -32600 } });
    }
    // A deeply nested id inside a batch gets the same answer, and its neighbours are still answered.
    const batch = await rpc(`[{"jsonrpc":"2.0","id":${deep},"method":"call","params":[]},{"jsonrpc":"2.0","id":7,"method":"call","params":["${session}","webhook.list",[]]}]`);
    expect(batch).toEqual([
      expect.objectContaining({ id: null, error: expect.objectContaining({ code: -32600 }) }),
      expect.objectContaining({ id: 7, error: null, result: expect.any(Array) }),
    ]);
  });

  it('refuses a batch of more than 100 calls without running any of it', async () => {
    const calls = (n: number) => Array.from({ length: n }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'call', params: [session, 'webhook.create', [{ url: receiver.url(`/b${i}`), topics: 'order:created' }]] }));
    const before = (await call('webhook.list')).result.length;
    const refused = await rpc(calls(101));
    expect(refused).toMatchObject({ id: null, error: { code: -32600, message: expect.stringContaining('at most 100') } });
    expect((await call('webhook.list')).result.length).toBe(before);
    const answered = await rpc(calls(100).map((c) => ({ ...c, params: [session, 'webhook.list', []] })));
    expect(answered).toHaveLength(100);
  });

  it('stops answering a batch whose answers pass 4 MiB, saying so for each call left', async () => {
    // A webhook whose answer is about 200 KB: 50 headers of 4 000 characters.
    const headers = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`X-Big-${i}`, 'x'.repeat(4000)]));
    const id = (await call('webhook.create', [{ url: receiver.url('/big'), topics: 'order:created', extra_headers: headers }])).result;
    expect(Number.isInteger(id)).toBe(true);
    const answers = await rpc(Array.from({ length: 40 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'call', params: [session, 'webhook.info', [id]] })));
    expect(answers).toHaveLength(40);
    const full = answers.filter((a: any) => a.error === null);
    const cut = answers.filter((a: any) => a.error !== null);
    expect(full.length).toBeGreaterThan(10);
    expect(cut.length).toBeGreaterThan(0);
    for (const answer of cut) expect(answer.error).toMatchObject({ code: -32600, message: expect.stringContaining('4 MiB') });
    expect(answers.map((a: any) => a.id)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect((await call('webhook.delete', [id])).result).toBe(true);
  });

  it('keeps a header named __proto__, given as an object or as a line, and sends it', async () => {
    for (const extra of ['{"__proto__":"object-form"}', '"__proto__: line-form"']) {
      const text = `{"jsonrpc":"2.0","id":1,"method":"call","params":["${session}","webhook.create",[{"url":"${receiver.url('/proto')}","topics":"inventory:adjusted","extra_headers":${extra}}]]}`;
      const created = await rpc(text);
      expect(created.error).toBeNull();
      const info = await call('webhook.info', [created.result]);
      const value = extra.includes('object') ? 'object-form' : 'line-form';
      expect(info.result.extra_headers).toBe(`__proto__: ${value}`);
      const before = receiver.requests.length;
      await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'inventory.adjusted', data: { sku: 'P' } });
      const request = (await receiver.waitFor(before + 1))[before];
      const raw = request.rawHeaders;
      expect(raw[raw.indexOf('__proto__') + 1]).toBe(value);
      expect((await call('webhook.delete', [created.result])).result).toBe(true);
    }
    const twice = await call('webhook.create', [{ url: receiver.url('/twice'), topics: 'order:created', extra_headers: 'X-A: 1\nx-a: 2' }]);
    expect(twice.error).toMatchObject({ code: -32101, data: { field: 'extra_headers.x-a' } });
  });

  it('speaks of topics in its own words: resource:event, and no native URL', async () => {
    const unknown = await call('webhook.create', [{ url: receiver.url('/x'), topics: 'order:exploded' }]);
    expect(unknown.error).toEqual({ code: -32101, message: 'Invalid data given. Unknown topic "order:exploded".', data: { field: 'topics' } });
    const pattern = await call('webhook.create', [{ url: receiver.url('/x'), topics: ['nothing:*'] }]);
    expect(pattern.error.message).toBe('Invalid data given. Topic pattern "nothing:*" matches no topic.');
  });

  it('bounds topics by the same core limit as every face', async () => {
    const topics = Array.from({ length: 201 }, () => 'order:created');
    const refused = await call('webhook.create', [{ url: receiver.url('/many'), topics }]);
    expect(refused.error).toMatchObject({ code: -32101, data: { field: 'topics' } });
    const joined = await call('webhook.create', [{ url: receiver.url('/many'), topics: topics.join(',') }]);
    expect(joined.error).toMatchObject({ code: -32101 });
  });
});
