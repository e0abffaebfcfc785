/**
 * The WooCommerce legacy v2 face, driven by the third-party npm client `woocommerce-api` (OAuth 1.0a
 * over plain HTTP) and by Basic auth, with deliveries checked at a real receiver.
 */
import { createHmac } from 'node:crypto';
import WooCommerceAPI from 'woocommerce-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

interface WooResponse { status: number; headers: Record<string, string>; body: any }

function client(url: string, consumerKey: string, consumerSecret: string) {
  const api = new WooCommerceAPI({ url, consumerKey, consumerSecret, version: 'v2' });
  const run = (method: 'get' | 'post' | 'put' | 'delete', endpoint: string, data?: unknown): Promise<WooResponse> =>
    new Promise((resolve, reject) => {
      const done = (err: Error | null, res: any, body: string) => {
        if (err) return reject(err);
        resolve({ status: res.statusCode, headers: res.headers, body: body ? JSON.parse(body) : null });
      };
      if (method === 'get' || method === 'delete') (api as any)[method](endpoint, done);
      else (api as any)[method](endpoint, data, done);
    });
  return {
    get: (endpoint: string) => run('get', endpoint),
    post: (endpoint: string, data: unknown) => run('post', endpoint, data),
    put: (endpoint: string, data: unknown) => run('put', endpoint, data),
    delete: (endpoint: string) => run('delete', endpoint),
  };
}

async function basic(url: string, method: string, path: string, key: string, secret: string, body?: unknown) {
  const response = await fetch(`${url}/wc-api/v2/${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

describe('WooCommerce legacy v2 webhooks API', () => {
  let server: TestHookd;
  let receiver: Receiver;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let woo: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '50ms,50ms,50ms,50ms,50ms,50ms,50ms,50ms,50ms,50ms', publicUrl: 'https://shop.example.com/' });
    receiver = await Receiver.start();
    ws = await createWorkspace(server.api, 'shop');
    woo = client(server.url, ws.consumerKey, ws.consumerSecret);
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });

  it('creates a webhook over OAuth 1.0a, pings it, and answers in the seed\'s shape', async () => {
    const before = receiver.requests.length;
    const created = await woo.post('webhooks', { webhook: { name: 'An add to cart webhook', secret: 'my-super-secret-private-key', topic: 'action.woocommerce_add_to_cart', delivery_url: receiver.url('/cart') } });
    expect(created.status).toBe(201);
    expect(created.body.webhook).toEqual({
      id: expect.any(Number), name: 'An add to cart webhook', status: 'active', topic: 'action.woocommerce_add_to_cart',
      resource: 'action', event: 'woocommerce_add_to_cart', hooks: ['woocommerce_add_to_cart'], delivery_url: receiver.url('/cart'),
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), updated_at: expect.stringMatching(/Z$/),
    });
    expect(JSON.stringify(created.body)).not.toContain('my-super-secret-private-key');
    // The ping arrived before the answer: form-encoded webhook_id, Hookshot user agent, unsigned.
    const ping = receiver.requests[before];
    // "Test a webhook" (native) covers WooCommerce action topics too.
    const nativeId = (await ws.api.get(`/workspaces/${ws.id}/webhooks?limit=250`)).body.data.find((w: any) => w.name === 'An add to cart webhook').id;
    const tested = await ws.api.post(`/workspaces/${ws.id}/webhooks/${nativeId}/tests`, {});
    expect(tested.body.data).toMatchObject({ testsRun: 1, testsSucceeded: 1, tests: [{ event: 'action.woocommerce_add_to_cart' }] });
    expect(ping.text).toBe(`webhook_id=${created.body.webhook.id}`);
    expect(ping.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(ping.headers['user-agent']).toBe('WooCommerce/2.3.0 Hookshot (WordPress/4.1)');
    expect(ping.headers['x-wc-webhook-signature']).toBeUndefined();
  });

  it('defaults the name and the secret (the caller\'s consumer secret), and derives hooks', async () => {
    const created = await woo.post('webhooks', { webhook: { topic: 'Order.Created', delivery_url: receiver.url('/orders') } });
    expect(created.status).toBe(201);
    const webhook = created.body.webhook;
    expect(webhook.name).toMatch(/^Webhook created on [A-Z][a-z]{2} \d{2}, \d{4} @ \d{2}:\d{2} (AM|PM)$/);
    expect(webhook).toMatchObject({ topic: 'order.created', resource: 'order', event: 'created', hooks: ['woocommerce_checkout_order_processed', 'woocommerce_process_shop_order_meta', 'woocommerce_api_create_order'] });

    const before = receiver.requests.length;
    const published = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 42, total: '9.50' } });
    expect(published.status).toBe(202);
    const request = (await receiver.waitFor(before + 1)).find((r, i) => i >= before && r.path === '/orders')!;
    expect(JSON.parse(request.text)).toEqual({ order: { id: 42, total: '9.50' } });
    const expected = createHmac('sha256', ws.consumerSecret).update(request.body).digest('base64');
    expect(request.headers['x-wc-webhook-signature']).toBe(expected);
    expect(request.headers).toMatchObject({
      'user-agent': 'WooCommerce/2.3.0 Hookshot (WordPress/4.1)', 'content-type': 'application/json',
      'x-wc-webhook-source': 'https://shop.example.com/', 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': 'created', 'x-wc-webhook-id': String(webhook.id), 'x-wc-webhook-delivery-id': expect.stringMatching(/^\d+$/),
    });
  });

  it('accepts any secret, however short, as WooCommerce does (the native API keeps its own rule)', async () => {
    const created = await woo.post('webhooks', { webhook: { topic: 'coupon.created', delivery_url: receiver.url('/short'), secret: 'abc' } });
    expect(created.status).toBe(201);
    const before = receiver.requests.length;
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'coupon.created', data: { id: 5 } });
    const request = (await eventually(async () => receiver.requests.slice(before).find((r) => r.path === '/short')))!;
    expect(request.headers['x-wc-webhook-signature']).toBe(createHmac('sha256', 'abc').update(request.body).digest('base64'));
    expect((await woo.put(`webhooks/${created.body.webhook.id}`, { webhook: { secret: 'x' } })).status).toBe(200);
    const native = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'n', url: receiver.url('/n'), events: ['coupon.created'], secret: 'abc' });
    expect(native.status).toBe(400);
  });

  it('shapes action and deleted payloads as the legacy API did', async () => {
    const cart = (await woo.get('webhooks?filter[limit]=100')).body.webhooks.find((w: any) => w.topic === 'action.woocommerce_add_to_cart');
    const deleted = (await woo.post('webhooks', { webhook: { topic: 'product.deleted', delivery_url: receiver.url('/deleted'), secret: 'deleted-secret' } })).body.webhook;
    expect(deleted.hooks).toEqual(['wp_trash_post']);
    const before = receiver.requests.length;
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'action.woocommerce_add_to_cart', data: { arg: '7cbbc409ec990f19c78c75bd1e06f215' } });
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'product.deleted', data: { id: 99, name: 'gone' } });
    const requests = await eventually(async () => {
      const got = receiver.requests.slice(before);
      return got.some((r) => r.path === '/cart') && got.some((r) => r.path === '/deleted') ? got : null;
    });
    const cartRequest = requests.find((r) => r.path === '/cart')!;
    expect(cartRequest.text).toBe('{"action":"woocommerce_add_to_cart","arg":"7cbbc409ec990f19c78c75bd1e06f215"}');
    expect(cartRequest.headers['x-wc-webhook-signature']).toBe(createHmac('sha256', 'my-super-secret-private-key').update(cartRequest.body).digest('base64'));
    expect(cartRequest.headers['x-wc-webhook-id']).toBe(String(cart.id));
    const deletedRequest = requests.find((r) => r.path === '/deleted')!;
    expect(JSON.parse(deletedRequest.text)).toEqual({ id: 99 });
  });

  it('lists, counts, filters and pages with WooCommerce\'s parameters and headers', async () => {
    const all = await woo.get('webhooks');
    expect(all.status).toBe(200);
    const total = Number(all.headers['x-wc-total']);
    expect(total).toBeGreaterThanOrEqual(3);
    const page = await woo.get('webhooks?filter[limit]=2&page=2');
    expect(page.body.webhooks.length).toBeLessThanOrEqual(2);
    expect(page.headers['x-wc-totalpages']).toBe(String(Math.ceil(total / 2)));
    expect(page.headers.link).toContain('rel="prev"');
    const ascending = await woo.get('webhooks?filter[order]=ASC&filter[limit]=100&fields=id,name');
    const ids = ascending.body.webhooks.map((w: any) => w.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => a - b));
    expect(Object.keys(ascending.body.webhooks[0]).sort()).toEqual(['id', 'name']);
    expect((await woo.get('webhooks/count')).body).toEqual({ count: total });
    expect((await woo.get('webhooks/count?status=paused')).body).toEqual({ count: 0 });
    const future = await woo.get('webhooks?filter[created_at_min]=2999-01-01');
    expect(future.body.webhooks).toEqual([]);
  });

  it('edits with PUT on /webhooks/<id> and on the seed\'s /webhook/<id>, and with method overrides', async () => {
    const id = (await woo.post('webhooks', { webhook: { topic: 'coupon.updated', delivery_url: receiver.url('/coupons') } })).body.webhook.id;
    const paused = await woo.put(`webhook/${id}`, { webhook: { status: 'paused' } });
    expect(paused.status).toBe(200);
    expect(paused.body.webhook).toMatchObject({ id, status: 'paused', topic: 'coupon.updated' });
    const renamed = await woo.put(`webhooks/${id}`, { webhook: { name: 'Coupons', topic: 'coupon.created' } });
    expect(renamed.body.webhook).toMatchObject({ name: 'Coupons', topic: 'coupon.created', hooks: ['woocommerce_process_shop_coupon_meta', 'woocommerce_api_create_coupon'] });
    const overridden = await basic(server.url, 'POST', `webhooks/${id}?_method=PUT`, ws.consumerKey, ws.consumerSecret, { webhook: { status: 'active' } });
    expect(overridden.body.webhook.status).toBe('active');
    const headerOverride = await fetch(`${server.url}/wc-api/v2/webhooks/${id}`, {
      method: 'POST',
      headers: { 'x-http-method-override': 'DELETE', authorization: `Basic ${Buffer.from(`${ws.consumerKey}:${ws.consumerSecret}`).toString('base64')}` },
    });
    expect(await headerOverride.json()).toEqual({ message: 'Permanently deleted webhook' });
    const gone = await woo.get(`webhooks/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ errors: [{ code: 'woocommerce_api_invalid_webhook_id', message: 'Invalid webhook ID' }] });
  });

  it('shows attempts as WooCommerce deliveries', async () => {
    const id = (await woo.post('webhooks', { webhook: { topic: 'customer.created', delivery_url: receiver.url('/customers'), secret: 'cust-secret' } })).body.webhook.id;
    const before = receiver.requests.length;
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'customer.created', data: { id: 7, email: 'jane@example.com' } });
    const request = (await receiver.waitFor(before + 1)).slice(before).find((r) => r.path === '/customers')!;
    const list = await eventually(async () => {
      const response = await woo.get(`webhooks/${id}/deliveries`);
      return response.body.webhook_deliveries.length > 0 ? response : null;
    });
    const [delivery] = list.body.webhook_deliveries;
    expect(delivery).toMatchObject({
      id: expect.any(Number), duration: expect.stringMatching(/^\d+\.\d{5}$/), summary: 'HTTP 200 OK: ok', request_method: 'POST',
      request_url: receiver.url('/customers'), request_body: request.text, response_code: '200', response_message: 'OK', response_body: 'ok',
      created_at: expect.stringMatching(/Z$/),
    });
    expect(delivery.request_headers['X-WC-Webhook-ID']).toBe(id);
    // Signature headers are sensitive: the log shows that one was sent, never its value.
    expect(delivery.request_headers['X-WC-Webhook-Signature']).toBe('********');
    expect(delivery.response_headers['content-type']).toBe('text/plain');
    const one = await woo.get(`webhooks/${id}/deliveries/${delivery.id}`);
    expect(one.body.webhook_delivery).toEqual(delivery);
    const unknown = await woo.get(`webhooks/${id}/deliveries/999999`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].code).toBe('woocommerce_api_invalid_webhook_delivery_id');
  });

  it('disables a webhook after more than 5 consecutive failures (WooCommerce\'s rule), retrying until then', async () => {
    const failing = await Receiver.start();
    failing.behaviour = { kind: 'status', status: 500, body: 'down' };
    try {
      const id = (await woo.post('webhooks', { webhook: { topic: 'order.updated', delivery_url: failing.url('/down') } })).body.webhook.id;
      await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.updated', data: { id: 1 } });
      const disabled = await eventually(async () => {
        const response = await woo.get(`webhooks/${id}`);
        return response.body.webhook.status === 'disabled' ? response : null;
      });
      expect(disabled.body.webhook.status).toBe('disabled');
      // The ping plus one delivery retried: the failure that finds 6 already counted disables (the 7th).
      const attempts = failing.requests.filter((r) => r.text !== `webhook_id=${id}`);
      expect(attempts).toHaveLength(7);
      const more = failing.requests.length;
      await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.updated', data: { id: 2 } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(failing.requests.length).toBe(more);

      // Re-activated, it delivers again; a success resets the count.
      failing.behaviour = { kind: 'status', status: 302, headers: { location: 'http://example.com/' } };
      const activated = await woo.put(`webhooks/${id}`, { webhook: { status: 'active' } });
      expect(activated.body.webhook.status).toBe('active');
      await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.updated', data: { id: 3 } });
      await failing.waitFor(more + 1);
      const native = await eventually(async () => {
        const list = await ws.api.get(`/workspaces/${ws.id}/webhooks?limit=250`);
        const found = list.body.data.find((w: any) => w.name.startsWith('Webhook created') && w.url === failing.url('/down'));
        return found && found.failureCount === 0 ? found : null;
      });
      expect(native.status).toBe('active');
    } finally {
      await failing.close();
    }
  });

  it('refuses bad topics, URLs and bodies with WooCommerce\'s error codes', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ name: 'x' }, 400, 'woocommerce_api_missing_webhook_data'],
      [{ webhook: { topic: 'order.exploded', delivery_url: receiver.url() } }, 400, 'woocommerce_api_invalid_webhook_topic'],
      [{ webhook: { topic: 'action.do_something', delivery_url: receiver.url() } }, 400, 'woocommerce_api_invalid_webhook_topic'],
      [{ webhook: { topic: 'customer.restored', delivery_url: receiver.url() } }, 400, 'woocommerce_api_invalid_webhook_topic'],
      [{ webhook: { delivery_url: receiver.url() } }, 400, 'woocommerce_api_invalid_webhook_topic'],
      [{ webhook: { topic: 'order.created', delivery_url: 'ftp://example.com/' } }, 400, 'woocommerce_api_invalid_webhook_delivery_url'],
      [{ webhook: { topic: 'order.created' } }, 400, 'woocommerce_api_invalid_webhook_delivery_url'],
      [{ webhook: { topic: 'order.created', delivery_url: receiver.url(), surprise: 1 } }, 400, 'woocommerce_api_invalid_webhook_data'],
      ['{not json', 400, 'woocommerce_api_invalid_json'],
    ];
    const count = (await woo.get('webhooks/count')).body.count;
    for (const [body, status, code] of cases) {
      const response = await basic(server.url, 'POST', 'webhooks', ws.consumerKey, ws.consumerSecret, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.errors[0].code, JSON.stringify(body)).toBe(code);
    }
    expect((await woo.get('webhooks/count')).body.count).toBe(count);
    const badStatus = await woo.put(`webhooks/${(await woo.get('webhooks')).body.webhooks[0].id}`, { webhook: { status: 'sleeping' } });
    expect(badStatus.status).toBe(400);
    const noRoute = await woo.get('webhooks/1/nothing');
    expect(noRoute.status).toBe(404);
    expect(noRoute.body.errors[0].code).toBe('woocommerce_api_no_route');
  });

  it('refuses bad credentials: none, wrong secret, replayed nonce, stale timestamp', async () => {
    const none = await fetch(`${server.url}/wc-api/v2/webhooks`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as any).errors[0].code).toBe('woocommerce_api_authentication_error');
    const wrong = await client(server.url, ws.consumerKey, 'cs_wrong').get('webhooks');
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors[0].code).toBe('woocommerce_api_authentication_error');
    expect((await basic(server.url, 'GET', 'webhooks', ws.consumerKey, 'cs_wrong')).status).toBe(401);
    const query = await fetch(`${server.url}/wc-api/v2/webhooks/count?consumer_key=${ws.consumerKey}&consumer_secret=${ws.consumerSecret}`);
    expect(query.status).toBe(200);

    // Sign one request by hand (the same library and rules the client uses), then replay it.
    const OAuth = (await import('oauth-1.0a')).default;
    const signer = new OAuth({
      consumer: { key: ws.consumerKey, secret: ws.consumerSecret }, signature_method: 'HMAC-SHA256', last_ampersand: false,
      hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
    });
    const url = `${server.url}/wc-api/v2/webhooks/count`;
    const signed = (timestamp?: number) => {
      const data = signer.authorize({ url, method: 'GET' });
      if (timestamp !== undefined) {
        data.oauth_timestamp = timestamp;
        data.oauth_signature = signer.getSignature({ url, method: 'GET' }, undefined, { ...data, oauth_signature: undefined } as never);
      }
      return `${url}?${new URLSearchParams(data as unknown as Record<string, string>).toString()}`;
    };
    const once = signed();
    expect((await fetch(once)).status).toBe(200);
    const replay = await fetch(once);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as any).errors[0].message).toMatch(/nonce/i);
    const stale = await fetch(signed(Math.floor(Date.now() / 1000) - 3600));
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as any).errors[0].message).toMatch(/timestamp/i);
    // HMAC-SHA1 and a "secret&" key are accepted too.
    const sha1 = new OAuth({ consumer: { key: ws.consumerKey, secret: ws.consumerSecret }, signature_method: 'HMAC-SHA1', hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64') });
    const sha1Query = new URLSearchParams(sha1.authorize({ url, method: 'GET' }) as unknown as Record<string, string>).toString();
    expect((await fetch(`${url}?${sha1Query}`)).status).toBe(200);
  });

  it('shares webhooks with the native API, both ways', async () => {
    const native = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'native one', url: receiver.url('/native'), events: ['product.updated'], active: true });
    const listed = (await woo.get('webhooks?filter[limit]=100')).body.webhooks.find((w: any) => w.name === 'native one');
    expect(listed).toMatchObject({ topic: 'product.updated', status: 'active', delivery_url: receiver.url('/native') });
    const viaWoo = (await woo.post('webhooks', { webhook: { name: 'woo one', topic: 'coupon.deleted', delivery_url: receiver.url('/woo') } })).body.webhook;
    const nativeList = await ws.api.get(`/workspaces/${ws.id}/webhooks?limit=250`);
    expect(nativeList.body.data.find((w: any) => w.name === 'woo one')).toMatchObject({ events: ['coupon.deleted'], status: 'active' });
    expect(native.status).toBe(201);
    expect(viaWoo.id).toEqual(expect.any(Number));
  });
});
