/**
 * The WooCommerce face under hostile input: names of Object.prototype's members where a field, topic,
 * method or parameter name goes, numbers past what a database column holds, and query strings whose
 * credentials or junk must not come back in paging links. Each gets a clear 4xx in WooCommerce's error
 * format, never a 500.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { basic, send, signedUrl, type WooReply } from './support.ts';

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

function expectWooError(response: WooReply, status: number, code: string | RegExp, label: string): void {
  expect(response.status, label).toBe(status);
  expect(response.body, label).toEqual({ errors: [{ code: expect.stringMatching(code), message: expect.any(String) }] });
}

describe('WooCommerce face: hostile input', () => {
  let server: TestHookd;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let credentials: [string, string];

  beforeAll(async () => {
    server = await startTestHookd();
    ws = await createWorkspace(server.api, 'hostile');
    credentials = [ws.consumerKey, ws.consumerSecret];
  });
  afterAll(async () => {
    await server.stop();
  });

  describe("names of Object.prototype's members", () => {
    it('as webhook fields: 400 invalid webhook data', async () => {
      const created = await basic(server.url, 'POST', 'webhooks', credentials, { body: { webhook: { name: 'kept', topic: 'order.created', delivery_url: 'https://example.com/' } } });
      expect(created.status).toBe(201);
      const before = (await basic(server.url, 'GET', 'webhooks/count', credentials)).body.count;
      for (const name of PROTOTYPE_NAMES) {
        // Written as text: an object literal's `__proto__` key would set the prototype instead.
        const body = `{"webhook": {"topic": "order.created", "delivery_url": "https://example.com/", "${name}": 1}}`;
        for (const [method, path] of [['POST', 'webhooks'], ['PUT', `webhooks/${created.body.webhook.id}`]]) {
          const response = await basic(server.url, method, path, credentials, { body });
          // JSON with a "__proto__" key is refused by the body parser itself, as invalid JSON.
          expectWooError(response, 400, /^woocommerce_api_invalid_(webhook_data|json)$/, `${method} ${name}`);
        }
      }
      expect((await basic(server.url, 'GET', 'webhooks/count', credentials)).body).toEqual({ count: before });
      expect((await basic(server.url, 'GET', `webhooks/${created.body.webhook.id}`, credentials)).body.webhook.name).toBe('kept');
    });

    it('as topics, resources or events: 400 invalid topic', async () => {
      const topics = PROTOTYPE_NAMES.flatMap((name) => [name, `${name}.created`, `order.${name}`, `${name}.${name}`]);
      for (const topic of topics) {
        const response = await basic(server.url, 'POST', 'webhooks', credentials, { body: { webhook: { topic, delivery_url: 'https://example.com/' } } });
        expectWooError(response, 400, 'woocommerce_api_invalid_webhook_topic', topic);
      }
    });

    it('as the OAuth signature method, with a known consumer key: 401', async () => {
      for (const method of PROTOTYPE_NAMES) {
        const query = new URLSearchParams({
          oauth_consumer_key: ws.consumerKey, oauth_timestamp: String(Math.floor(Date.now() / 1000)), oauth_nonce: randomBytes(8).toString('hex'),
          oauth_signature_method: method, oauth_signature: 'AAAA',
        });
        const response = await send(`${server.url}/wc-api/v2/webhooks?${query}`);
        expectWooError(response, 401, 'woocommerce_api_authentication_error', method);
      }
    });

    it('as query parameter names: ignored like any unknown parameter', async () => {
      const junk = PROTOTYPE_NAMES.map((name) => `${name}=1`).join('&');
      const list = await basic(server.url, 'GET', `webhooks?${junk}&fields=id`, credentials);
      expect(list.status).toBe(200);
      const count = await basic(server.url, 'GET', `webhooks/count?${junk}`, credentials);
      expect(count.body).toEqual({ count: expect.any(Number) });
      const fields = await basic(server.url, 'GET', `webhooks?fields=${PROTOTYPE_NAMES.join(',')}`, credentials);
      expect(fields.status).toBe(200);
    });
  });
});
