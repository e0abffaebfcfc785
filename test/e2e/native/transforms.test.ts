/**
 * Transforms (core/payload-transform.ts) through the native API, against a real receiver: the request a
 * transform makes (body bytes, method, extra header, path suffix) as received and verified with the
 * third-party `standardwebhooks`; a runaway expression stopped, its attempts failed with a clear error
 * and retried as usual, while another webhook gets its deliveries; bad expressions refused when saved;
 * `POST …/transform/check` on the saved expression and on one given to try.
 */
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { eventually, sleep, hookdWithWorkspace } from '../../helpers/hookd.ts';
import { expectData, expectError } from './envelope.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const RUNAWAY = '($f := function($n){ $f($n + 1) }; $f(0))';

describe('transforms', () => {
  const fixture = hookdWithWorkspace('transforms');

  const create = async (fields: Record<string, unknown>) =>
    expectData(await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/webhooks`, { name: 'transformed', events: ['order.created'], active: true, secret: SECRET, ...fields }), 201);
  const publish = async (data: object) => expectData(await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/events`, { type: 'order.created', data }), 202);

  it('sends the request the transform makes, signed over the transformed body', async () => {
    const transform = '{"body": {"order": data.id, "kind": type, "total": data.total}, "method": "PUT", "headers": {"X-Event": type, "X-Tenant": "override"}, "path": "/orders/" & data.id & "?v=1"}';
    const webhook = await create({ url: fixture.receiver.url('/shop?tenant=7'), transform, headers: { 'X-Tenant': 'acme', 'X-Kept': 'yes' } });
    expect(webhook.transform).toBe(transform);
    expect(expectData(await fixture.ws.api.get(`/workspaces/${fixture.ws.id}/webhooks/${webhook.id}`), 200).transform).toBe(transform);

    const event = await publish({ id: 42, total: 9.5, secret: 'not sent' });
    const request = await eventually(async () => fixture.receiver.requests.find((r) => r.path.startsWith('/shop')));
    expect(request.method).toBe('PUT');
    expect(request.path).toBe('/shop/orders/42?tenant=7&v=1');
    expect(request.body.toString('utf8')).toBe('{"order":42,"kind":"order.created","total":9.5}');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-event']).toBe('order.created');
    // The transform's header replaces the webhook's own of the same name; the others stay.
    expect(request.headers['x-tenant']).toBe('override');
    expect(request.headers['x-kept']).toBe('yes');
    expect(request.headers['webhook-id']).toBe(event.id);
    expect(new StandardWebhook(SECRET).verify(request.body.toString('utf8'), request.headers as Record<string, string>))
      .toEqual({ order: 42, kind: 'order.created', total: 9.5 });

    const [attempt] = await eventually(async () => {
      const page = expectData(await fixture.ws.api.get(`/workspaces/${fixture.ws.id}/webhooks/${webhook.id}/attempts`), 200);
      return page.length === 1 ? page : null;
    });
    expect(attempt).toMatchObject({ success: true, error: null, request: { url: fixture.receiver.url('/shop/orders/42?tenant=7&v=1'), body: '{"order":42,"kind":"order.created","total":9.5}' } });
  });

  it('stops a runaway expression: its attempts fail with a clear error and are retried, while another webhook gets its deliveries', async () => {
    const runaway = await create({ url: fixture.receiver.url('/runaway'), transform: RUNAWAY });
    const plain = await create({ url: fixture.receiver.url('/plain') });
    const events = [];
    for (let i = 0; i < 5; i++) events.push(await publish({ id: 100 + i }));

    await eventually(async () => fixture.receiver.requests.filter((r) => r.path === '/plain').length === 5 || null);
    const deliveries = await eventually(async () => {
      const page = expectData(await fixture.ws.api.get(`/workspaces/${fixture.ws.id}/webhooks/${runaway.id}/deliveries`), 200);
      return page.length === 5 && page.every((d: { status: string }) => d.status === 'failed') ? page : null;
    });
    // The test settings' schedule (100ms,200ms): three attempts each, every one stopped by the time limit.
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ attemptCount: 3, lastResponseCode: null, lastError: 'transform stopped: it ran longer than 50 ms' });
    }
    const attempts = expectData(await fixture.ws.api.get(`/workspaces/${fixture.ws.id}/webhooks/${runaway.id}/attempts?limit=250`), 200);
    expect(attempts).toHaveLength(15);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ success: false, response: null, error: 'transform stopped: it ran longer than 50 ms' });
      expect(attempt.durationMs).toBeGreaterThanOrEqual(40);
      expect(attempt.durationMs).toBeLessThan(1_000);
    }
    expect(fixture.receiver.requests.some((r) => r.path === '/runaway')).toBe(false);
    // hookd carries on.
    expect((await fixture.server.api.get('/healthz')).status).toBe(200);
    await fixture.ws.api.delete(`/workspaces/${fixture.ws.id}/webhooks/${runaway.id}`);
    await fixture.ws.api.delete(`/workspaces/${fixture.ws.id}/webhooks/${plain.id}`);
  });

  it('refuses a bad expression when the webhook is saved, naming the problem', async () => {
    const refused = async (transform: unknown, message: string | RegExp) => {
      const answer = await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/webhooks`, { name: 'bad', url: fixture.receiver.url('/bad'), events: ['order.*'], transform });
      expectError(answer, 400, 'VALIDATION_ERROR', 'transform', JSON.stringify(transform).slice(0, 80));
      expect(answer.body.error.message).toMatch(message);
    };
    await refused('{"body": data.id', /syntax error at character \d+/);
    await refused('$match(data.name, /(a+)+$/)', /regular expressions are not allowed/);
    await refused('   ', /must be a JSONata expression/);
    await refused('x'.repeat(8193), /8192/);
    await refused(42, /string|transform/);
    await refused({ body: 1 }, /string|transform/);

    const webhook = await create({ url: fixture.receiver.url('/later') });
    expect(webhook.transform).toBeNull();
    const base = `/workspaces/${fixture.ws.id}/webhooks/${webhook.id}`;
    expectError(await fixture.ws.api.patch(base, { transform: 'data.(' }), 400, 'VALIDATION_ERROR', 'transform');
    expect(expectData(await fixture.ws.api.patch(base, { transform: 'data' }), 200).transform).toBe('data');
    expect(expectData(await fixture.ws.api.patch(base, { transform: null }), 200).transform).toBeNull();
    expect(expectData(await fixture.ws.api.patch(base, { transform: 'data' }), 200).transform).toBe('data');
    // PUT without it: back to none.
    expect(expectData(await fixture.ws.api.put(base, { name: 'later', url: fixture.receiver.url('/later'), events: ['order.created'] }), 200).transform).toBeNull();
  });

  it('shows the request a transform makes of a sample, saved or given to try', async () => {
    const webhook = await create({ url: fixture.receiver.url('/check'), active: false, transform: '{"body": {"n": data.n}, "headers": {"Authorization": "Bearer " & data.token}, "path": "/x"}' });
    const check = (body: unknown) => fixture.ws.api.post(`/workspaces/${fixture.ws.id}/webhooks/${webhook.id}/transform/check`, body);

    expect(expectData(await check({ event: { type: 'order.created', data: { n: 1, token: 't0k' } } }), 200)).toEqual({
      request: { method: 'POST', url: fixture.receiver.url('/check/x'), headers: { Authorization: '********' }, body: '{"n":1}' },
      error: null,
    });
    expect(expectData(await check({ event: { type: 'order.created', id: 'msg_9', timestamp: '2024-05-01T12:00:00Z', data: {} }, transform: '{"body": [id, timestamp, type], "method": "PUT"}' }), 200)).toEqual({
      request: { method: 'PUT', url: fixture.receiver.url('/check'), headers: {}, body: '["msg_9","2024-05-01T12:00:00.000Z","order.created"]' },
      error: null,
    });
    expect(expectData(await check({ event: { type: 'order.created', data: {} }, transform: RUNAWAY }), 200)).toEqual({ request: null, error: 'transform stopped: it ran longer than 50 ms' });
    expect(expectData(await check({ event: { type: 'order.created', data: {} }, transform: '{"body": 1, "path": "/../admin"}' }), 200))
      .toEqual({ request: null, error: 'transform result: path must not have . or .. segments' });

    expectError(await check({ event: { type: 'order.created', data: {} }, transform: '{' }), 400, 'VALIDATION_ERROR', 'transform');
    expectError(await check({ event: { type: 'order.created', data: [] } }), 400, 'VALIDATION_ERROR', 'event.data');
    expectError(await check({ event: { type: 'order.created', data: {}, timestamp: 'yesterday' } }), 400, 'VALIDATION_ERROR', 'event.timestamp');
    expectError(await check({}), 400, 'VALIDATION_ERROR');
    const plain = await create({ url: fixture.receiver.url('/plain-check'), active: false });
    expectError(await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/webhooks/${plain.id}/transform/check`, { event: { type: 'order.created', data: {} } }), 400, 'VALIDATION_ERROR', 'transform');
    // Nothing was sent by checking.
    await sleep(50);
    expect(fixture.receiver.requests.some((r) => r.path.startsWith('/check'))).toBe(false);
  });

  it('transforms test sends too', async () => {
    const webhook = await create({ url: fixture.receiver.url('/tested'), active: false, transform: '{"body": {"test": type}, "path": "/t"}' });
    const report = expectData(await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/webhooks/${webhook.id}/tests`, {}), 200);
    expect(report).toMatchObject({ testsRun: 1, testsSucceeded: 1 });
    const request = await eventually(async () => fixture.receiver.requests.find((r) => r.path === '/tested/t'));
    expect(request.text).toBe('{"test":"order.created"}');
  });
});
