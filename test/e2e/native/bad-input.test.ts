/** Every bad input gets a 4xx in the envelope, naming the field; never a 500, never a partial write. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

describe('bad input', () => {
  let server: TestHookd;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let webhookId: string;
  const valid = { name: 'ok', url: 'https://example.com/hook', events: ['order.created'] };

  beforeAll(async () => {
    server = await startTestHookd();
    ws = await createWorkspace(server.api, 'bad');
    webhookId = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, valid)).body.data.id;
  });
  afterAll(async () => {
    await server.stop();
  });

  const count = async () => (await ws.api.get(`/workspaces/${ws.id}/webhooks?limit=250`)).body.data.length;

  it('refuses bad webhook bodies without writing anything', async () => {
    const before = await count();
    const cases: Array<[string, unknown, string | undefined, number?]> = [
      ['wrong type for active', { ...valid, active: 'true' }, 'active'],
      ['events as a string', { ...valid, events: 'order.created' }, 'events'],
      ['name as a number', { ...valid, name: 5 }, 'name'],
      ['unknown field', { ...valid, zzz: 1 }, 'zzz'],
      ['ftp URL', { ...valid, url: 'ftp://example.com/x' }, 'url'],
      ['javascript URL', { ...valid, url: 'javascript:alert(1)' }, 'url'],
      ['URL with credentials', { ...valid, url: 'http://user:pass@example.com/' }, 'url'],
      ['URL too long', { ...valid, url: `https://example.com/${'a'.repeat(2100)}` }, 'url'],
      ['unknown event', { ...valid, events: ['order.exploded'] }, 'events'],
      ['no events', { ...valid, events: [] }, 'events'],
      ['missing url', { name: 'x', events: ['order.created'] }, 'url'],
      ['reserved header', { ...valid, headers: { 'webhook-signature': 'v1,forged' } }, 'headers.webhook-signature'],
      ['reserved Content-Type', { ...valid, headers: { 'Content-Type': 'text/plain' } }, 'headers.Content-Type'],
      ['header with a line break', { ...valid, headers: { 'X-Evil': 'a\r\nInjected: 1' } }, 'headers.X-Evil'],
      ['short secret', { ...valid, secret: 'short' }, 'secret'],
      ['bad whsec secret', { ...valid, secret: 'whsec_***not-base64***' }, 'secret'],
      ['bad pausedBehavior', { ...valid, pausedBehavior: 'later' }, 'pausedBehavior'],
    ];
    for (const [label, body, field] of cases) {
      const response = await ws.api.post(`/workspaces/${ws.id}/webhooks`, body);
      expect(response.status, label).toBe(400);
      expect(response.body.data, label).toBeNull();
      expect(response.body.error.code, label).toBe('VALIDATION_ERROR');
      expect(response.body.error.details?.field, label).toBe(field);
    }
    expect(await count()).toBe(before);
  });

  it('refuses malformed, empty, oversized and mistyped requests', async () => {
    const before = await count();
    const malformed = await ws.api.request('POST', `/workspaces/${ws.id}/webhooks`, undefined, { raw: '{bad' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_JSON');
    const empty = await ws.api.request('POST', `/workspaces/${ws.id}/webhooks`, undefined, { raw: '' });
    expect(empty.status).toBe(400);
    const huge = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { blob: 'x'.repeat(1024 * 1024 + 10) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await ws.api.request('POST', `/workspaces/${ws.id}/webhooks`, undefined, { raw: 'name=x', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const proto = await ws.api.request('POST', `/workspaces/${ws.id}/webhooks`, undefined, { raw: '{"__proto__": {"x": 1}, "name": "p"}' });
    expect(proto.status).toBe(400);
    expect((await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhookId}`, {})).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('refuses bad events and queries', async () => {
    const cases: Array<[unknown, string]> = [
      [{ type: 'no.such', data: {} }, 'type'],
      [{ type: 'order.created', data: [1, 2] }, 'data'],
      [{ type: 'order.created', data: 'text' }, 'data'],
      [{ type: 'order.created', data: null }, 'data'],
      [{ type: 'order.created' }, 'data'],
      [{ type: 'order.created', data: {}, idempotencyKey: '' }, 'idempotencyKey'],
    ];
    for (const [body, field] of cases) {
      const response = await ws.api.post(`/workspaces/${ws.id}/events`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.details.field, JSON.stringify(body)).toBe(field);
    }
    for (const query of ['limit=0', 'limit=1000', 'limit=abc', 'cursor=garbage', 'status=sleeping', 'nope=1']) {
      const response = await ws.api.get(`/workspaces/${ws.id}/webhooks?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code, query).toBe('VALIDATION_ERROR');
    }
    const route = await ws.api.get('/no/such/route');
    expect(route.status).toBe(404);
    expect(route.body).toEqual({ data: null, error: { code: 'RESOURCE_NOT_FOUND', message: expect.any(String), details: null } });
  });

  it('refuses private, loopback and metadata URLs unless private networks are allowed', async () => {
    const strict = await startTestHookd({ allowPrivateNetworks: 'false' });
    try {
      const sws = await createWorkspace(strict.api, 'strict');
      for (const url of ['http://127.0.0.1/', 'http://localhost:8080/', 'http://10.0.0.1/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/']) {
        const response = await sws.api.post(`/workspaces/${sws.id}/webhooks`, { ...valid, url });
        expect(response.status, url).toBe(400);
        expect(response.body.error.details.field, url).toBe('url');
      }
      expect((await sws.api.post(`/workspaces/${sws.id}/webhooks`, valid)).status).toBe(201);
    } finally {
      await strict.stop();
    }
  });
});
