/**
 * Methods on the WooCommerce face: the effective method (`?_method=`, X-HTTP-Method-Override, HEAD as
 * GET), what an OAuth signature must cover when a header overrides the method, and 405 with `Allow` for a
 * method a route does not take.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { basic, basicHeader, send, signedUrl, type WooReply } from './support.ts';

describe('WooCommerce face: methods', () => {
  let server: TestHookd;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let credentials: [string, string];

  beforeAll(async () => {
    server = await startTestHookd();
    ws = await createWorkspace(server.api, 'methods');
    credentials = [ws.consumerKey, ws.consumerSecret];
  });
  afterAll(async () => {
    await server.stop();
  });

  const createWebhook = async (): Promise<number> => {
    const created = await basic(server.url, 'POST', 'webhooks', credentials, { body: { webhook: { topic: 'order.created', delivery_url: 'https://example.com/' } } });
    expect(created.status).toBe(201);
    return created.body.webhook.id;
  };
  const exists = async (id: number) => (await basic(server.url, 'GET', `webhooks/${id}`, credentials)).status === 200;
  const deleted = (response: WooReply) => expect(response.body).toEqual({ message: 'Permanently deleted webhook' });

  describe('a method override and an OAuth signature', () => {
    it('refuses a header override the signature does not cover: a signed GET replayed as a DELETE', async () => {
      const id = await createWebhook();
      for (const method of ['GET', 'POST']) {
        const url = signedUrl(server.url, `webhooks/${id}`, ws.consumerKey, ws.consumerSecret, { method });
        const response = await send(url, method, { 'x-http-method-override': 'DELETE' });
        expect(response.status, method).toBe(401);
        expect(response.body.errors[0].code).toBe('woocommerce_api_authentication_error');
        expect(response.body.errors[0].message).toMatch(/X-HTTP-Method-Override/);
      }
      expect(await exists(id)).toBe(true);
    });

    it('takes a header override when the signature covers the overriding method', async () => {
      const id = await createWebhook();
      const url = signedUrl(server.url, `webhooks/${id}`, ws.consumerKey, ws.consumerSecret, { method: 'DELETE' });
      deleted(await send(url, 'POST', { 'x-http-method-override': 'delete' }));
      expect(await exists(id)).toBe(false);
    });

    it('takes ?_method= in the signed query, and a header that changes nothing', async () => {
      const id = await createWebhook();
      const same = signedUrl(server.url, `webhooks/${id}`, ws.consumerKey, ws.consumerSecret, { method: 'GET' });
      expect((await send(same, 'GET', { 'x-http-method-override': 'GET' })).status).toBe(200);
      // The signed `_method` wins over the header, as it does without OAuth.
      const query = signedUrl(server.url, `webhooks/${id}`, ws.consumerKey, ws.consumerSecret, { method: 'GET', query: { _method: 'GET' } });
      expect((await send(query, 'GET', { 'x-http-method-override': 'DELETE' })).status).toBe(200);
      expect(await exists(id)).toBe(true);
      const url = signedUrl(server.url, `webhooks/${id}`, ws.consumerKey, ws.consumerSecret, { method: 'GET', query: { _method: 'DELETE' } });
      deleted(await send(url));
      expect(await exists(id)).toBe(false);
    });

    it('leaves the header to callers who present the secret itself', async () => {
      const viaBasic = await createWebhook();
      deleted(await basic(server.url, 'GET', `webhooks/${viaBasic}`, credentials, { headers: { 'x-http-method-override': 'DELETE' } }));
      const viaQuery = await createWebhook();
      deleted(await send(`${server.url}/wc-api/v2/webhooks/${viaQuery}?consumer_key=${ws.consumerKey}&consumer_secret=${ws.consumerSecret}`, 'GET', { 'x-http-method-override': 'DELETE' }));
      expect(await exists(viaBasic)).toBe(false);
      expect(await exists(viaQuery)).toBe(false);
    });
  });

  describe('a method the route does not take', () => {
    const expect405 = (response: WooReply, allow: string, label: string) => {
      expect(response.status, label).toBe(405);
      expect(response.headers.get('allow'), label).toBe(allow);
      expect(response.body, label).toEqual({ errors: [{ code: 'woocommerce_api_method_not_allowed', message: expect.any(String) }] });
    };

    it("answers 405 with the route's methods in Allow", async () => {
      const id = await createWebhook();
      const cases: Array<[string, string, string]> = [
        ['DELETE', 'webhooks', 'GET, HEAD, POST'],
        ['PUT', 'webhooks', 'GET, HEAD, POST'],
        ['POST', 'webhooks/count', 'GET, HEAD'],
        ['OPTIONS', 'webhooks/count', 'GET, HEAD'],
        ['PATCH', `webhooks/${id}/deliveries`, 'GET, HEAD'],
        ['DELETE', `webhooks/${id}/deliveries/1`, 'GET, HEAD'],
        ['OPTIONS', `webhooks/${id}`, 'GET, HEAD, POST, PUT, PATCH, DELETE'],
        // Methods Node knows but Fastify routes do not take.
        ['PROPFIND', `webhook/${id}`, 'GET, HEAD, POST, PUT, PATCH, DELETE'],
        ['MKCOL', 'webhooks', 'GET, HEAD, POST'],
        ['SEARCH', `webhooks/${id}/deliveries`, 'GET, HEAD'],
      ];
      for (const [method, path, allow] of cases) {
        expect405(await basic(server.url, method, path, credentials), allow, `${method} ${path}`);
        expect405(await basic(server.url, method, path, null), allow, `${method} ${path} without credentials`);
      }
      expect(await exists(id)).toBe(true);
    });

    it('answers 405 to an override naming a method no route takes', async () => {
      for (const method of ['FOO', 'constructor', '__proto__', 'toString', 'TRACE', 'CONNECT', 'x'.repeat(5000)]) {
        expect405(await basic(server.url, 'GET', `webhooks/count?_method=${encodeURIComponent(method)}`, credentials), 'GET, HEAD', `_method=${method.slice(0, 20)}`);
        expect405(await basic(server.url, 'POST', 'webhooks', credentials, { headers: { 'x-http-method-override': method } }), 'GET, HEAD, POST', `header ${method.slice(0, 20)}`);
      }
    });

    it('keeps 404 for paths that do not exist, and HEAD working as GET', async () => {
      for (const [method, path] of [['GET', 'webhooks/1/nothing'], ['DELETE', 'nothing'], ['OPTIONS', 'webhooks/count/x'], ['PROPFIND', 'webhooks/1/x'], ['MKCOL', 'webhooks/']]) {
        const response = await basic(server.url, method, path, credentials);
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(response.body.errors[0].code).toBe('woocommerce_api_no_route');
      }
      const head = await fetch(`${server.url}/wc-api/v2/webhooks/count`, { method: 'HEAD', headers: { authorization: basicHeader(...credentials) } });
      expect(head.status).toBe(200);
      const viaOverride = await basic(server.url, 'POST', 'webhooks/count', credentials, { headers: { 'x-http-method-override': 'HEAD' } });
      expect(viaOverride.status).toBe(200);
      expect(viaOverride.body).toEqual({ count: expect.any(Number) });
    });
  });
});
