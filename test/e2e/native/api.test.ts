/** The native API's resources: workspaces, keys, catalog, webhooks, events, idempotency, tests, isolation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { ADMIN, createWorkspace, eventually, sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('native API', () => {
  let server: TestHookd;
  let receiver: Receiver;

  beforeAll(async () => {
    server = await startTestHookd();
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });

  it('lets only the admin token manage workspaces and keys', async () => {
    const ws = await createWorkspace(server.api, 'keys');
    expect((await server.api.as('').get('/workspaces')).status).toBe(401);
    expect((await server.api.as('nope').get('/workspaces')).body.error.code).toBe('UNAUTHORIZED');
    const forbidden = await ws.api.get('/workspaces');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect((await ws.api.get(`/workspaces/${ws.id}`)).body.data.name).toBe('keys');

    const keys = await server.api.get(`/workspaces/${ws.id}/api-keys`);
    expect(keys.status).toBe(200);
    expect(keys.text).not.toContain(ws.key);
    expect(keys.text).not.toContain(ws.consumerSecret);
    const keyId = keys.body.data[0].id;
    expect((await server.api.delete(`/workspaces/${ws.id}/api-keys/${keyId}`)).status).toBe(204);
    expect((await ws.api.get(`/workspaces/${ws.id}/webhooks`)).status).toBe(401);
  });

  it('serves the event catalog and custom event types', async () => {
    const ws = await createWorkspace(server.api, 'catalog');
    const catalog = await ws.api.get('/webhooks/events');
    const names = catalog.body.data.map((t: any) => t.name);
    for (const name of ['order.status', 'job.status', 'order.created', 'coupon.restored', 'inventory.adjusted', 'order.shipped']) expect(names).toContain(name);
    expect(catalog.body.data.find((t: any) => t.name === 'job.status')).toMatchObject({ title: 'Job Status Updates', category: 'job', description: expect.any(String) });
    expect((await server.api.get('/webhooks/events')).status).toBe(400);
    expect((await server.api.get(`/webhooks/events?workspaceId=${ws.id}`)).body.data.length).toBe(names.length);

    const created = await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'invoice.paid', title: 'Invoice paid', example: { id: 'inv_1' } });
    expect(created.status).toBe(201);
    expect((await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'invoice.paid' })).status).toBe(409);
    expect((await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'order.created' })).status).toBe(409);
    expect((await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'Not A Name' })).status).toBe(400);
    expect((await ws.api.get('/webhooks/events')).body.data.map((t: any) => t.name)).toContain('invoice.paid');
    const webhook = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'inv', url: receiver.url('/inv'), events: ['invoice.paid'], active: true });
    expect(webhook.status).toBe(201);
    const published = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'invoice.paid', data: { id: 'inv_1' } });
    expect(published.body.data.deliveryCount).toBe(1);
  });

  it('creates, reads, lists, replaces, patches and deletes webhooks; the secret is never returned', async () => {
    const ws = await createWorkspace(server.api, 'crud');
    const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, {
      name: 'My alert for order statuses', url: receiver.url('/up42'), events: ['order.status'], secret: SECRET, headers: { 'X-A': '1' }, description: 'd',
    });
    expect(created.status).toBe(201);
    const webhook = created.body.data;
    expect(webhook).toMatchObject({ status: 'paused', active: false, failureCount: 0, disabledReason: null, headers: { 'X-A': '1' } });
    const responses = [created];
    responses.push(await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}`));
    responses.push(await ws.api.get(`/workspaces/${ws.id}/webhooks`));
    const replaced = await ws.api.put(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { name: 'Replaced', url: receiver.url('/up42'), events: ['job.status'], active: true });
    responses.push(replaced);
    expect(replaced.body.data).toMatchObject({ name: 'Replaced', events: ['job.status'], headers: {}, description: '', status: 'active' });
    const patched = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { description: 'only this' });
    responses.push(patched);
    expect(patched.body.data).toMatchObject({ name: 'Replaced', description: 'only this', status: 'active' });
    responses.push(await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/rotate-secret`, { secret: 'whsec_' + Buffer.from('x'.repeat(32)).toString('base64') }));
    for (const response of responses) {
      expect(response.text).not.toContain(SECRET);
      expect(response.text).not.toContain('"secret"');
    }
    // PUT kept the secret: a delivery is still signed with it.
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'job.status', data: { status: 'SUCCEEDED' } });
    await receiver.waitFor(1);
    expect((await ws.api.delete(`/workspaces/${ws.id}/webhooks/${webhook.id}`)).status).toBe(204);
    expect((await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}`)).status).toBe(404);
  });

  it('pages through webhooks with a cursor and filters by status', async () => {
    const ws = await createWorkspace(server.api, 'pages');
    for (let i = 0; i < 7; i++) {
      await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: `w${i}`, url: receiver.url(`/p${i}`), events: ['*'], active: i % 2 === 0 });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await ws.api.get(`/workspaces/${ws.id}/webhooks?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.data.map((w: any) => w.name));
      cursor = page.body.page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6']);
    const active = await ws.api.get(`/workspaces/${ws.id}/webhooks?status=active`);
    expect(active.body.data.map((w: any) => w.name).sort()).toEqual(['w0', 'w2', 'w4', 'w6']);
  });

  it('fans an event out to every subscribed webhook and shows its deliveries', async () => {
    const ws = await createWorkspace(server.api, 'fanout');
    expect((await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 0 } })).body.data.deliveryCount).toBe(0);
    for (const events of [['*'], ['order.*'], ['order.created'], ['coupon.created']]) {
      await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: events[0], url: receiver.url('/fan'), events, active: true });
    }
    const event = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 1 } });
    expect(event.status).toBe(202);
    expect(event.body.data.deliveryCount).toBe(3);
    const read = await eventually(async () => {
      const r = await ws.api.get(`/workspaces/${ws.id}/events/${event.body.data.id}`);
      return r.body.data.deliveries.every((d: any) => d.status === 'succeeded') ? r : null;
    });
    expect(read.body.data).toMatchObject({ type: 'order.created', data: { id: 1 } });
    expect(read.body.data.deliveries).toHaveLength(3);
  });

  it('de-duplicates publishes by idempotency key (body or header)', async () => {
    const ws = await createWorkspace(server.api, 'idem');
    const r = await Receiver.start();
    await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'i', url: r.url('/i'), events: ['order.created'], active: true });
    const first = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 1 }, idempotencyKey: 'order-1' });
    const again = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 1 }, idempotencyKey: 'order-1' });
    expect(again.status).toBe(202);
    expect(again.body.data.id).toBe(first.body.data.id);
    expect(again.body.data.replayed).toBe(true);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const viaHeader = await ws.api.request('POST', `/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 2 } }, { headers: { 'Idempotency-Key': 'order-2' } });
    const viaHeaderAgain = await ws.api.request('POST', `/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 2 } }, { headers: { 'Idempotency-Key': 'order-2' } });
    expect(viaHeaderAgain.body.data.id).toBe(viaHeader.body.data.id);
    const other = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 3 }, idempotencyKey: 'order-3' });
    expect(other.body.data.id).not.toBe(first.body.data.id);
    await r.waitFor(3);
    await sleep(200);
    expect(r.requests).toHaveLength(3);
    await r.close();
  });

  it("keeps workspaces apart: another workspace's ids are 404 and stay untouched", async () => {
    const a = await createWorkspace(server.api, 'A');
    const b = await createWorkspace(server.api, 'B');
    const theirs = (await b.api.post(`/workspaces/${b.id}/webhooks`, { name: 'b', url: receiver.url('/b'), events: ['order.created'], active: true })).body.data;
    const event = (await b.api.post(`/workspaces/${b.id}/events`, { type: 'order.created', data: { id: 1 } })).body.data;
    const attempts = [
      a.api.get(`/workspaces/${b.id}`),
      a.api.get(`/workspaces/${b.id}/webhooks`),
      a.api.get(`/workspaces/${b.id}/webhooks/${theirs.id}`),
      a.api.patch(`/workspaces/${b.id}/webhooks/${theirs.id}`, { active: false }),
      a.api.delete(`/workspaces/${b.id}/webhooks/${theirs.id}`),
      a.api.post(`/workspaces/${b.id}/events`, { type: 'order.created', data: {} }),
      a.api.get(`/workspaces/${b.id}/events/${event.id}`),
      a.api.get(`/workspaces/${a.id}/webhooks/${theirs.id}`),
      a.api.patch(`/workspaces/${a.id}/webhooks/${theirs.id}`, { active: false }),
      a.api.get(`/workspaces/${a.id}/events/${event.id}`),
      a.api.get(`/workspaces/${a.id}/webhooks/${theirs.id}/deliveries`),
      a.api.post(`/workspaces/${a.id}/webhooks/${theirs.id}/tests`, {}),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('RESOURCE_NOT_FOUND');
    }
    expect((await b.api.get(`/workspaces/${b.id}/webhooks/${theirs.id}`)).body.data.status).toBe('active');
  });

  it('runs webhook tests synchronously and logs them as test attempts', async () => {
    const ws = await createWorkspace(server.api, 'tests');
    const r = await Receiver.start();
    const webhook = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 't', url: r.url('/t'), events: ['order.status', 'job.status'], secret: SECRET })).body.data;
    const all = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/tests`);
    expect(all.status).toBe(200);
    expect(all.body.data).toMatchObject({ testsRun: 2, testsSucceeded: 2, testsFailed: 0, startedAt: expect.stringMatching(/Z$/) });
    expect(all.body.data.tests.map((t: any) => t.event).sort()).toEqual(['job.status', 'order.status']);
    expect(all.body.data.tests[0]).toMatchObject({ url: r.url('/t'), success: true, responseCode: 200, error: null, durationMs: expect.any(Number) });
    expect(r.requests).toHaveLength(2);
    const one = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/test`, { event: 'order.status' });
    expect(one.body.data.testsRun).toBe(1);
    expect(JSON.parse(r.requests[2].text).type).toBe('order.status');
    r.behaviour = { kind: 'status', status: 500 };
    const failing = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/tests`, { event: 'job.status' });
    expect(failing.body.data).toMatchObject({ testsRun: 1, testsSucceeded: 0, testsFailed: 1 });
    expect(failing.body.data.tests[0].responseCode).toBe(500);
    expect((await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/tests`, { event: 'no.such' })).status).toBe(400);
    const logged = await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/attempts?trigger=test`);
    expect(logged.body.data).toHaveLength(4);
    expect(logged.body.data.every((a: any) => a.test === true && a.deliveryId === null)).toBe(true);
    await r.close();
  });

  it('answers health and publishes an OpenAPI document', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const spec = await (await fetch(`${server.url}/openapi.json`)).json() as any;
    expect(spec.paths['/workspaces/{ws}/webhooks']).toBeDefined();
    expect(ADMIN).toBeTruthy();
  });
});
