/**
 * Every bad input to the native API gets a 4xx in the envelope, naming the offending field where there is
 * one; never a 500, and nothing is written: the webhook list is unchanged after every refused write, and
 * no refused publish reaches a receiver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, sleep, startTestHookd, type ApiResponse, type TestHookd } from '../../helpers/hookd.ts';
import { expectData, expectError } from './envelope.ts';

const valid = { name: 'ok', url: 'https://example.com/hook', events: ['order.created'] };
const MIB = 1024 * 1024;

describe('bad input', () => {
  let server: TestHookd;
  let receiver: Receiver;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let webhookId: string;
  let hooks: string;

  beforeAll(async () => {
    server = await startTestHookd();
    receiver = await Receiver.start();
    ws = await createWorkspace(server.api, 'bad');
    hooks = `/workspaces/${ws.id}/webhooks`;
    // An active catch-all webhook: any event that slips through would reach the receiver.
    webhookId = expectData(await ws.api.post(hooks, { name: 'watcher', url: receiver.url('/watch'), events: ['*'], active: true }), 201).id;
  });
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });

  /** The workspace's webhooks, as the API lists them (text: any change at all shows). */
  const snapshot = async () => {
    const list = await ws.api.get(`${hooks}?limit=250`);
    expect(list.status).toBe(200);
    return list.text;
  };

  /** Sends each bad request; each must be refused as described and leave the webhooks exactly as they were. */
  type Case = readonly [label: string, send: () => Promise<ApiResponse>, status: number, code: string, field?: string | null];
  async function refuses(cases: Case[]) {
    const before = await snapshot();
    for (const [label, send, status, code, field] of cases) {
      expectError(await send(), status, code, field, label);
      expect(await snapshot(), `${label} wrote something`).toBe(before);
    }
  }

  const raw = (method: string, path: string, body: string, headers: Record<string, string> = {}) =>
    ws.api.request(method, path, undefined, { raw: body, headers });

  it('refuses webhook bodies with wrong types, unknown fields, bad URLs, events or headers (create, PUT and PATCH)', async () => {
    const bodies: Array<[string, Record<string, unknown>, string]> = [
      ['active as a string', { ...valid, active: 'true' }, 'active'],
      ['active as null', { ...valid, active: null }, 'active'],
      ['events as a string', { ...valid, events: 'order.created' }, 'events'],
      ['an event that is not a string', { ...valid, events: [5] }, 'events.0'],
      ['name as a number', { ...valid, name: 5 }, 'name'],
      ['blank name', { ...valid, name: '   ' }, 'name'],
      ['unknown field', { ...valid, zzz: 1 }, 'zzz'],
      ['ftp URL', { ...valid, url: 'ftp://example.com/x' }, 'url'],
      ['javascript URL', { ...valid, url: 'javascript:alert(1)' }, 'url'],
      ['file URL', { ...valid, url: 'file:///etc/passwd' }, 'url'],
      ['relative URL', { ...valid, url: '/hook' }, 'url'],
      ['URL with credentials', { ...valid, url: 'http://user:pass@example.com/' }, 'url'],
      ['URL with a user only', { ...valid, url: 'https://user@example.com/' }, 'url'],
      ['URL over 2048 characters', { ...valid, url: `https://example.com/${'a'.repeat(2049 - 'https://example.com/'.length)}` }, 'url'],
      ['unknown event', { ...valid, events: ['order.exploded'] }, 'events'],
      ['unknown event beside a known one', { ...valid, events: ['order.created', 'nope.none'] }, 'events'],
      ['wildcard that matches nothing', { ...valid, events: ['widget.*'] }, 'events'],
      ['no events', { ...valid, events: [] }, 'events'],
      ['reserved header webhook-signature', { ...valid, headers: { 'webhook-signature': 'v1,forged' } }, 'headers.webhook-signature'],
      ['reserved header Content-Type', { ...valid, headers: { 'Content-Type': 'text/plain' } }, 'headers.Content-Type'],
      ['reserved header Host', { ...valid, headers: { Host: 'evil.example' } }, 'headers.Host'],
      ['header value with CR LF', { ...valid, headers: { 'X-Evil': 'a\r\nInjected: 1' } }, 'headers.X-Evil'],
      ['header value with LF', { ...valid, headers: { 'X-Evil': 'a\nInjected: 1' } }, 'headers.X-Evil'],
      ['header value with CR', { ...valid, headers: { 'X-Evil': 'a\rInjected: 1' } }, 'headers.X-Evil'],
      ['header value with a control character', { ...valid, headers: { 'X-Ctl': 'a\u0001b' } }, 'headers.X-Ctl'],
      ['header value with DEL', { ...valid, headers: { 'X-Ctl': 'a\u007fb' } }, 'headers.X-Ctl'],
      ['header value with NUL', { ...valid, headers: { 'X-Ctl': 'a\u0000b' } }, 'headers.X-Ctl'],
      ['header value beyond Latin-1', { ...valid, headers: { 'X-Price': '5 €' } }, 'headers.X-Price'],
      ['header value with trailing white space', { ...valid, headers: { 'X-Pad': 'a ' } }, 'headers.X-Pad'],
      ['header value with leading tab', { ...valid, headers: { 'X-Pad': '\ta' } }, 'headers.X-Pad'],
      ['header value over 4096 characters', { ...valid, headers: { 'X-Long': 'a'.repeat(4097) } }, 'headers.X-Long'],
      ['more than 50 headers', { ...valid, headers: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`X-H${i}`, 'v'])) }, 'headers'],
      ['header value not a string', { ...valid, headers: { 'X-Number': 5 } }, 'headers.X-Number'],
      ['header name with a space', { ...valid, headers: { 'Bad Name': 'x' } }, 'headers.Bad Name'],
      ['headers as a list', { ...valid, headers: ['X-A: 1'] }, 'headers'],
      ['short secret', { ...valid, secret: 'short' }, 'secret'],
      ['whsec secret that is not base64', { ...valid, secret: 'whsec_***not-base64***' }, 'secret'],
      ['bad pausedBehavior', { ...valid, pausedBehavior: 'later' }, 'pausedBehavior'],
    ];
    const missing: Array<[string, Record<string, unknown>, string]> = [
      ['missing url', { name: 'x', events: ['order.created'] }, 'url'],
      ['missing name', { url: valid.url, events: ['order.created'] }, 'name'],
      ['missing events', { name: 'x', url: valid.url }, 'events'],
    ];
    await refuses([
      ...[...bodies, ...missing].map(([label, body, field]) => [`create: ${label}`, () => ws.api.post(hooks, body), 400, 'VALIDATION_ERROR', field] as const),
      ...[...bodies, ...missing].map(([label, body, field]) => [`put: ${label}`, () => ws.api.put(`${hooks}/${webhookId}`, body), 400, 'VALIDATION_ERROR', field] as const),
      ...bodies.map(([label, body, field]) => {
        // PATCH with only the bad field (the valid ones would be a change on their own).
        const only = Object.fromEntries(Object.entries(body).filter(([key]) => key === field.split('.')[0] || !(key in valid)));
        return [`patch: ${label}`, () => ws.api.patch(`${hooks}/${webhookId}`, only), 400, 'VALIDATION_ERROR', field] as const;
      }),
    ]);
    // A URL of exactly 2048 characters is fine (in a workspace of its own: this one's list must stay as it is).
    const longest = `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`;
    expect(longest).toHaveLength(2048);
    const other = await createWorkspace(server.api, 'long url');
    expect(expectData(await other.api.post(`/workspaces/${other.id}/webhooks`, { ...valid, url: longest }), 201).url).toBe(longest);
  });

  it('refuses malformed, empty, non-object, oversized and non-JSON bodies', async () => {
    await refuses([
      ['malformed JSON', () => raw('POST', hooks, '{bad'), 400, 'INVALID_JSON', null],
      ['truncated JSON', () => raw('POST', hooks, '{"name": "x", '), 400, 'INVALID_JSON', null],
      ['malformed JSON on PATCH', () => raw('PATCH', `${hooks}/${webhookId}`, '{bad'), 400, 'INVALID_JSON', null],
      ['empty body with content-type json', () => raw('POST', hooks, ''), 400, 'INVALID_JSON', null],
      ['no body at all', () => ws.api.request('POST', hooks), 400, 'VALIDATION_ERROR', 'name'],
      ['JSON null', () => raw('POST', hooks, 'null'), 400, 'VALIDATION_ERROR', 'body'],
      ['JSON array', () => raw('POST', hooks, JSON.stringify([valid])), 400, 'VALIDATION_ERROR', 'body'],
      ['JSON string', () => raw('POST', hooks, '"name=x"'), 400, 'VALIDATION_ERROR', 'body'],
      ['JSON number', () => raw('POST', hooks, '42'), 400, 'VALIDATION_ERROR', 'body'],
      ['__proto__ key', () => raw('POST', hooks, `{"__proto__": {"x": 1}, "name": "p", "url": "${valid.url}", "events": ["order.created"]}`), 400, 'INVALID_JSON', null],
      ['body over 1 MiB (create)', () => ws.api.post(hooks, { ...valid, description: 'x'.repeat(MIB) }), 413, 'PAYLOAD_TOO_LARGE', null],
      ['body over 1 MiB (put)', () => ws.api.put(`${hooks}/${webhookId}`, { ...valid, description: 'x'.repeat(MIB) }), 413, 'PAYLOAD_TOO_LARGE', null],
      ['text/plain', () => raw('POST', hooks, JSON.stringify(valid), { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE', null],
      ['form encoded', () => raw('POST', hooks, 'name=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE', null],
      ['text/plain on PATCH', () => raw('PATCH', `${hooks}/${webhookId}`, '{"name":"x"}', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE', null],
      ['PATCH with {}', () => ws.api.patch(`${hooks}/${webhookId}`, {}), 400, 'VALIDATION_ERROR', 'body'],
      ['PATCH with no body', () => ws.api.request('PATCH', `${hooks}/${webhookId}`), 400, 'VALIDATION_ERROR', 'body'],
    ]);
  });

  it('refuses bad events without publishing anything', async () => {
    const events = `/workspaces/${ws.id}/events`;
    const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
    const cases: Array<[string, () => Promise<ApiResponse>, number, string, (string | null)?]> = [
      ['unknown type', () => ws.api.post(events, { type: 'no.such', data: {} }), 400, 'VALIDATION_ERROR', 'type'],
      ['wildcard type', () => ws.api.post(events, { type: 'order.*', data: {} }), 400, 'VALIDATION_ERROR', 'type'],
      ['type not a string', () => ws.api.post(events, { type: 5, data: {} }), 400, 'VALIDATION_ERROR', 'type'],
      ['missing type', () => ws.api.post(events, { data: {} }), 400, 'VALIDATION_ERROR', 'type'],
      ['data is an array', () => ws.api.post(events, { type: 'order.created', data: [1, 2] }), 400, 'VALIDATION_ERROR', 'data'],
      ['data is a string', () => ws.api.post(events, { type: 'order.created', data: 'text' }), 400, 'VALIDATION_ERROR', 'data'],
      ['data is a number', () => ws.api.post(events, { type: 'order.created', data: 7 }), 400, 'VALIDATION_ERROR', 'data'],
      ['data is null', () => ws.api.post(events, { type: 'order.created', data: null }), 400, 'VALIDATION_ERROR', 'data'],
      ['missing data', () => ws.api.post(events, { type: 'order.created' }), 400, 'VALIDATION_ERROR', 'data'],
      ['data nested far too deep', () => raw('POST', events, `{"type":"order.created","data":${deep(50_000)}}`), 400, 'VALIDATION_ERROR', 'data'],
      ['unknown field', () => ws.api.post(events, { type: 'order.created', data: {}, zzz: 1 }), 400, 'VALIDATION_ERROR', 'zzz'],
      ['empty idempotency key', () => ws.api.post(events, { type: 'order.created', data: {}, idempotencyKey: '' }), 400, 'VALIDATION_ERROR', 'idempotencyKey'],
      ['idempotency key over 255', () => ws.api.post(events, { type: 'order.created', data: {}, idempotencyKey: 'k'.repeat(256) }), 400, 'VALIDATION_ERROR', 'idempotencyKey'],
      ['Idempotency-Key header over 255', () => ws.api.request('POST', events, { type: 'order.created', data: {} }, { headers: { 'Idempotency-Key': 'k'.repeat(256) } }), 400, 'VALIDATION_ERROR', 'idempotencyKey'],
      ['malformed JSON', () => raw('POST', events, '{bad'), 400, 'INVALID_JSON', null],
      ['empty body with content-type json', () => raw('POST', events, ''), 400, 'INVALID_JSON', null],
      ['text/plain', () => raw('POST', events, '{"type":"order.created","data":{}}', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE', null],
      ['body over 1 MiB', () => ws.api.post(events, { type: 'order.created', data: { blob: 'x'.repeat(MIB + 10) } }), 413, 'PAYLOAD_TOO_LARGE', null],
    ];
    for (const [label, send, status, code, field] of cases) expectError(await send(), status, code, field, label);
    await sleep(300);
    expect(receiver.requests).toHaveLength(0);
    const deliveries = await ws.api.get(`${hooks}/${webhookId}/deliveries`);
    expect(expectData(deliveries, 200)).toEqual([]);

    // The limits are limits, not bans: at them, the publish goes through (and is delivered).
    const atDepth = expectData(await raw('POST', events, `{"type":"order.created","data":${deep(100)}}`), 202);
    expect(atDepth.deliveryCount).toBe(1);
    await receiver.waitFor(1);
  });

  it('refuses bad list queries and cursors', async () => {
    for (const query of ['limit=0', 'limit=1000', 'limit=251', 'limit=abc', 'limit=-1', 'limit=1.5', 'cursor=garbage', `cursor=${'c'.repeat(300)}`, 'status=sleeping', 'nope=1']) {
      const field = query.split('=')[0];
      expectError(await ws.api.get(`${hooks}?${query}`), 400, 'VALIDATION_ERROR', field, query);
    }
    for (const query of ['limit=0', 'cursor=garbage']) {
      expectError(await ws.api.get(`${hooks}/${webhookId}/deliveries?${query}`), 400, 'VALIDATION_ERROR', query.split('=')[0], `deliveries ${query}`);
      expectError(await ws.api.get(`${hooks}/${webhookId}/attempts?${query}`), 400, 'VALIDATION_ERROR', query.split('=')[0], `attempts ${query}`);
      expectError(await server.api.get(`/workspaces?${query}`), 400, 'VALIDATION_ERROR', query.split('=')[0], `workspaces ${query}`);
    }
    expectError(await ws.api.get(`${hooks}/${webhookId}/attempts?trigger=sometimes`), 400, 'VALIDATION_ERROR', 'trigger');
    expectError(await ws.api.get(`${hooks}/${webhookId}/deliveries?status=lost`), 400, 'VALIDATION_ERROR', 'status');
    // A value outside a list is answered with the list.
    const retrying = await ws.api.get(`${hooks}/${webhookId}/deliveries?status=retrying`);
    expectError(retrying, 400, 'VALIDATION_ERROR', 'status');
    expect(retrying.body.error.message).toBe('querystring field "status" must be one of: pending, sending, held, queued, succeeded, failed');
    expect((await ws.api.get(`${hooks}?status=sleeping`)).body.error.message).toContain('must be one of: active, paused, disabled');
    // A NUL would end SQLite's LIKE pattern early and match every webhook (found by the fuzz campaign, seed 95).
    expectError(await ws.api.get(`${hooks}?name=%00`), 400, 'VALIDATION_ERROR', 'name');
    expectError(await ws.api.get(`${hooks}?url=a%00b`), 400, 'VALIDATION_ERROR', 'url');
    // Case is folded for ASCII only, on both stores: PostgreSQL's own lower() made `İ` an `i`, and the
    // search listed every webhook with an `i` in its name (found by the fuzz campaign on PostgreSQL, seed 31).
    const inbox = expectData(await ws.api.post(hooks, { name: 'inbox', url: receiver.url('/inbox'), events: ['order.created'] }), 201);
    expect(expectData(await ws.api.get(`${hooks}?name=%C4%B0`), 200)).toEqual([]);
    expect(expectData(await ws.api.get(`${hooks}?name=INB`), 200).map((hook: { name: string }) => hook.name)).toEqual(['inbox']);
    expect((await ws.api.request('DELETE', `${hooks}/${inbox.id}`)).status).toBe(204);
  });

  it('answers unknown routes, wrong methods and unusable paths with 4xx in the envelope', async () => {
    const route = await ws.api.get('/no/such/route');
    expect(route.status).toBe(404);
    expect(route.body).toEqual({ data: null, error: { code: 'RESOURCE_NOT_FOUND', message: expect.any(String), details: null } });
    expectError(await ws.api.post(`/workspaces/${ws.id}/nothing-here`, {}), 404, 'RESOURCE_NOT_FOUND', null);
    // A path that exists, with a method it does not take: 405 naming the methods it does.
    const patch = await server.api.request('PATCH', '/workspaces', { name: 'x' });
    expectError(patch, 405, 'METHOD_NOT_ALLOWED', null);
    expect(patch.headers.get('allow')).toBe('GET, HEAD, POST');
    expectError(await ws.api.request('DELETE', hooks), 405, 'METHOD_NOT_ALLOWED', null);

    const before = await snapshot();
    // Path segments the router cannot take: far too long, or badly percent-encoded.
    const tooLong = await ws.api.get(`${hooks}/${'x'.repeat(500)}`);
    expect(tooLong.status).toBeGreaterThanOrEqual(400);
    expect(tooLong.status).toBeLessThan(500);
    expect(tooLong.body).toMatchObject({ data: null, error: { code: expect.any(String), message: expect.any(String) } });
    const tooLongPatch = await ws.api.patch(`${hooks}/${'x'.repeat(500)}`, { name: 'x' });
    expect(tooLongPatch.status).toBeGreaterThanOrEqual(400);
    expect(tooLongPatch.status).toBeLessThan(500);
    expect(tooLongPatch.body.data).toBeNull();
    expectError(await ws.api.get(`/workspaces/%E0%A4%A/webhooks`), 400, 'BAD_REQUEST', null);
    expect(await snapshot()).toBe(before);
  });

  it('refuses private, loopback and metadata URLs unless private networks are allowed', async () => {
    const strict = await startTestHookd({ allowPrivateNetworks: 'false' });
    try {
      const sws = await createWorkspace(strict.api, 'strict');
      const path = `/workspaces/${sws.id}/webhooks`;
      const publicHook = expectData(await sws.api.post(path, valid), 201);
      const listed = async () => (await sws.api.get(`${path}?limit=250`)).text;
      const before = await listed();
      const urls = [
        'http://127.0.0.1/', 'http://localhost/', 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/',
        'http://localhost:8080/hook', 'http://LOCALHOST/', 'http://localhost./', 'http://api.localhost/', 'http://127.1/', 'http://2130706433/',
        'http://0x7f000001/', 'http://192.168.1.1/', 'http://172.16.0.1/', 'http://100.64.0.1/', 'http://0.0.0.0/', 'http://[::]/',
        'http://[::ffff:127.0.0.1]/', 'http://[fe80::1]/', 'http://[fd00::1]/', 'http://metadata.google.internal/computeMetadata/v1/',
        'https://169.254.169.254./', 'http://224.0.0.1/',
      ];
      for (const url of urls) {
        expectError(await sws.api.post(path, { ...valid, url }), 400, 'VALIDATION_ERROR', 'url', `create ${url}`);
        expectError(await sws.api.patch(`${path}/${publicHook.id}`, { url }), 400, 'VALIDATION_ERROR', 'url', `patch ${url}`);
        expectError(await sws.api.put(`${path}/${publicHook.id}`, { ...valid, url }), 400, 'VALIDATION_ERROR', 'url', `put ${url}`);
      }
      expect(await listed()).toBe(before);
      for (const url of ['https://example.com/hook', 'http://93.184.216.34/hook', 'http://[2606:2800:220:1:248:1893:25c8:1946]/hook']) {
        expect(expectData(await sws.api.post(path, { ...valid, url }), 201, url).url).toBe(url);
      }
    } finally {
      await strict.stop();
    }
  });
});
