/**
 * Who gets an event: publishing looks the subscribed webhooks up by event name and pattern, and that
 * index follows every create, change and delete. And a workspace's webhooks are capped (on every face).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { expectData, expectError } from './envelope.ts';

describe('subscriptions', () => {
  let server: TestHookd;

  beforeAll(async () => {
    server = await startTestHookd({ maxWebhooksPerWorkspace: '8' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('routes by exact name, by every prefix pattern and by *, once per webhook, following changes', async () => {
    const ws = await createWorkspace(server.api, 'routes');
    const base = `/workspaces/${ws.id}`;
    expectData(await ws.api.post(`${base}/event-types`, { name: 'shop.cart.updated' }), 201);
    const make = async (name: string, events: string[], fields: Record<string, unknown> = { active: true }) =>
      expectData(await ws.api.post(`${base}/webhooks`, { name, url: 'https://example.com/h', events, ...fields }), 201).id as string;
    const ids = {
      all: await make('all', ['*']),
      shop: await make('shop', ['shop.*']),
      cart: await make('cart', ['shop.cart.*']),
      twice: await make('twice', ['shop.cart.updated', 'shop.*']),
      other: await make('other', ['order.created']),
      held: await make('held', ['shop.*'], { active: false }),
      dropped: await make('dropped', ['shop.*'], { active: false, pausedBehavior: 'drop' }),
    };
    const publish = async () => {
      const event = expectData(await ws.api.post(`${base}/events`, { type: 'shop.cart.updated', data: {} }), 202);
      const detail = expectData(await ws.api.get(`${base}/events/${event.id}`), 200);
      const byWebhook = new Map(detail.deliveries.map((d: any) => [d.webhookId, d.status]));
      expect(detail.deliveries).toHaveLength(byWebhook.size);
      return Object.fromEntries(Object.entries(ids).filter(([, id]) => byWebhook.has(id)).map(([name, id]) => [name, byWebhook.get(id) === 'held' ? 'held' : 'sent']));
    };
    expect(await publish()).toEqual({ all: 'sent', shop: 'sent', cart: 'sent', twice: 'sent', held: 'held' });

    expectData(await ws.api.patch(`${base}/webhooks/${ids.other}`, { events: ['shop.cart.updated'] }), 200);
    expectData(await ws.api.patch(`${base}/webhooks/${ids.cart}`, { events: ['order.created'] }), 200);
    expect((await ws.api.delete(`${base}/webhooks/${ids.shop}`)).status).toBe(204);
    expect(await publish()).toEqual({ all: 'sent', twice: 'sent', other: 'sent', held: 'held' });

    // Another workspace's identical subscriptions get nothing.
    const elsewhere = await createWorkspace(server.api, 'elsewhere');
    expectData(await elsewhere.api.post(`/workspaces/${elsewhere.id}/webhooks`, { name: 'x', url: 'https://example.com/x', events: ['*'], active: true }), 201);
    expect(await publish()).toEqual({ all: 'sent', twice: 'sent', other: 'sent', held: 'held' });
  });

  it('caps the webhooks of a workspace on every face, and frees a place on delete', async () => {
    const ws = await createWorkspace(server.api, 'capped');
    const base = `/workspaces/${ws.id}/webhooks`;
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(expectData(await ws.api.post(base, { name: `w${i}`, url: 'https://example.com/h', events: ['order.created'] }), 201).id);
    expectError(await ws.api.post(base, { name: 'one too many', url: 'https://example.com/h', events: ['order.created'] }), 409, 'CONFLICT');

    const basic = `Basic ${Buffer.from(`${ws.consumerKey}:${ws.consumerSecret}`).toString('base64')}`;
    const woo = await fetch(`${server.url}/wc-api/v2/webhooks`, {
      method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ webhook: { topic: 'order.created', delivery_url: 'https://example.com/woo' } }),
    });
    expect(woo.status).toBe(400);
    expect(((await woo.json()) as any).errors[0].message).toContain('limit of 8 webhooks');
    const rpc = await fetch(`${server.url}/api/jsonrpc`, {
      method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [null, 'webhook.create', [{ url: 'https://example.com/rpc', topics: 'order:created' }]] }),
    });
    expect(((await rpc.json()) as any).error).toMatchObject({ code: -32101, message: expect.stringContaining('limit of 8 webhooks') });

    expect((await ws.api.get(`${base}?limit=250`)).body.data).toHaveLength(8);
    expect((await ws.api.delete(`${base}/${ids[0]}`)).status).toBe(204);
    expectData(await ws.api.post(base, { name: 'after a delete', url: 'https://example.com/h', events: ['order.created'] }), 201);
  });
});
