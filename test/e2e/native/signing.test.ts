/** Deliveries are signed per Standard Webhooks: verified here by the third-party `standardwebhooks` package. */
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('signed delivery', () => {
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

  it('delivers the Standard Webhooks envelope with headers a third-party verifier accepts', async () => {
    const ws = await createWorkspace(server.api);
    const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, {
      name: 'orders', url: receiver.url('/orders?x=1'), events: ['order.created'], secret: SECRET, active: true,
      headers: { 'X-Tenant': 'acme' },
    });
    expect(created.status).toBe(201);
    const published = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 42, total: '9.50' } });
    expect(published.status).toBe(202);
    expect(published.body.data.deliveryCount).toBe(1);

    const [request] = await receiver.waitFor(1);
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/orders?x=1');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/^hookd\/\d+\.\d+\.\d+$/);
    expect(request.headers['x-tenant']).toBe('acme');
    expect(request.headers['webhook-id']).toBe(published.body.data.id);
    const body = JSON.parse(request.text);
    expect(body).toEqual({ type: 'order.created', timestamp: published.body.data.createdAt, data: { id: 42, total: '9.50' } });

    const verified = new StandardWebhook(SECRET).verify(request.text, {
      'webhook-id': request.headers['webhook-id'] as string,
      'webhook-timestamp': request.headers['webhook-timestamp'] as string,
      'webhook-signature': request.headers['webhook-signature'] as string,
    });
    expect(verified).toEqual(body);
    expect(() => new StandardWebhook('whsec_' + Buffer.from('another secret of 24 bytes!').toString('base64')).verify(request.text, {
      'webhook-id': request.headers['webhook-id'] as string,
      'webhook-timestamp': request.headers['webhook-timestamp'] as string,
      'webhook-signature': request.headers['webhook-signature'] as string,
    })).toThrow();
  });

  it('signs with the raw bytes of a secret that is not whsec_ (verifiable with format "raw")', async () => {
    const ws = await createWorkspace(server.api, 'raw');
    await ws.api.post(`/workspaces/${ws.id}/webhooks`, {
      name: 'up42 style', url: receiver.url('/raw'), events: ['order.status'], secret: 'QWZTFnMEXhqZKNmu', active: true,
    });
    const before = receiver.requests.length;
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.status', data: { status: 'FULFILLED' } });
    const requests = await receiver.waitFor(before + 1);
    const request = requests[before];
    const verifier = new StandardWebhook(Buffer.from('QWZTFnMEXhqZKNmu') as unknown as string, { format: 'raw' });
    expect(verifier.verify(request.text, request.headers as Record<string, string>)).toMatchObject({ type: 'order.status' });
  });

  it('signs with both secrets while a rotated-out secret is in its grace period', async () => {
    const ws = await createWorkspace(server.api, 'rotate');
    const webhook = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, {
      name: 'rotating', url: receiver.url('/rotate'), events: ['order.updated'], secret: SECRET, active: true,
    })).body.data;
    const next = 'whsec_' + Buffer.from('a brand new secret, 32 bytes long').toString('base64');
    const rotated = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/rotate-secret`, { secret: next });
    expect(rotated.status).toBe(200);
    expect(JSON.stringify(rotated.body)).not.toContain(next);
    const before = receiver.requests.length;
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.updated', data: { id: 1 } });
    const request = (await receiver.waitFor(before + 1))[before];
    expect((request.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    for (const secret of [SECRET, next]) {
      expect(new StandardWebhook(secret).verify(request.text, request.headers as Record<string, string>)).toMatchObject({ data: { id: 1 } });
    }
  });

  it('logs the attempt with the exact request and the response', async () => {
    const ws = await createWorkspace(server.api, 'log');
    const webhook = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, {
      name: 'logged', url: receiver.url('/logged'), events: ['order.created'], secret: SECRET, active: true,
    })).body.data;
    const before = receiver.requests.length;
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 7 } });
    const request = (await receiver.waitFor(before + 1))[before];
    const delivery = await eventually(async () => {
      const list = await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries`);
      return list.body.data[0]?.status === 'succeeded' ? list.body.data[0] : null;
    });
    const detail = await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries/${delivery.id}`);
    expect(detail.status).toBe(200);
    const [attempt] = detail.body.data.attempts;
    expect(attempt.request.url).toBe(receiver.url('/logged'));
    expect(attempt.request.body).toBe(request.text);
    expect(attempt.request.headers['webhook-id']).toBe(request.headers['webhook-id']);
    // A signature header is sensitive: the log shows that it was sent, never its value.
    expect(attempt.request.headers['webhook-signature']).toBe('********');
    expect(attempt.response).toMatchObject({ code: 200, message: 'OK', body: 'ok' });
    expect(attempt.response.headers['content-type']).toBe('text/plain');
    expect(attempt.success).toBe(true);
    expect(attempt.test).toBe(false);
    expect(attempt.durationMs).toBeGreaterThan(0);
  });
});
