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

  describe('numbers and dates past what a column holds', () => {
    const HUGE = ['99999999999999999999', '9223372036854775808', '9007199254740993', '1'.repeat(400)];

    it('in filter[offset], page and filter[limit]: 400 naming the parameter', async () => {
      const hook = await basic(server.url, 'POST', 'webhooks', credentials, { body: { webhook: { topic: 'order.updated', delivery_url: 'https://example.com/n' } } });
      const lists = ['webhooks', 'webhooks/count', `webhooks/${hook.body.webhook.id}/deliveries`];
      for (const list of lists) {
        for (const parameter of ['filter[offset]', 'page', 'filter[limit]']) {
          for (const value of [...HUGE, `-${HUGE[0]}`]) {
            const response = await basic(server.url, 'GET', `${list}?${encodeURIComponent(parameter)}=${value}`, credentials);
            const label = `${list} ${parameter}=${value.slice(0, 30)}`;
            expectWooError(response, 400, 'woocommerce_api_invalid_parameter', label);
            expect(response.body.errors[0].message, label).toContain(parameter);
          }
        }
        // Each page number is fine alone, but the offset it leads to is not.
        const far = await basic(server.url, 'GET', `${list}?page=2147483647&filter%5Blimit%5D=1000`, credentials);
        expectWooError(far, 400, 'woocommerce_api_invalid_parameter', `${list} far page`);
        expect(far.body.errors[0].message).toContain('page');
      }
    });

    it('still pages within bounds, past the last item', async () => {
      const beyond = await basic(server.url, 'GET', 'webhooks?page=1000000&filter%5Blimit%5D=1000', credentials);
      expect(beyond.status).toBe(200);
      expect(beyond.body.webhooks).toEqual([]);
      const offset = await basic(server.url, 'GET', 'webhooks?filter%5Boffset%5D=2000000000', credentials);
      expect(offset.status).toBe(200);
      expect(offset.body.webhooks).toEqual([]);
    });

    it('in dates: 400 naming the parameter', async () => {
      for (const parameter of ['filter[created_at_min]', 'filter[created_at_max]']) {
        for (const value of ['+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '+099999-01-01T00:00:00Z', `2015-01-21${'0'.repeat(300)}`]) {
          const response = await basic(server.url, 'GET', `webhooks?${encodeURIComponent(parameter)}=${encodeURIComponent(value)}`, credentials);
          expectWooError(response, 400, 'woocommerce_api_invalid_parameter', `${parameter}=${value.slice(0, 30)}`);
          expect(response.body.errors[0].message).toContain(parameter);
        }
      }
      const fine = await basic(server.url, 'GET', 'webhooks?filter%5Bcreated_at_min%5D=2015-01-21T13:19:58Z&filter%5Bcreated_at_max%5D=9999-12-31', credentials);
      expect(fine.status).toBe(200);
    });

    it('in webhook and delivery ids: unknown, not a crash', async () => {
      const hook = await basic(server.url, 'POST', 'webhooks', credentials, { body: { webhook: { topic: 'order.deleted', delivery_url: 'https://example.com/ids' } } });
      for (const value of HUGE.slice(0, 3)) {
        for (const method of ['GET', 'PUT', 'DELETE']) {
          const response = await basic(server.url, method, `webhooks/${value}`, credentials, method === 'PUT' ? { body: { webhook: { status: 'paused' } } } : {});
          expectWooError(response, 404, 'woocommerce_api_invalid_webhook_id', `${method} webhook ${value}`);
        }
        expectWooError(await basic(server.url, 'GET', `webhooks/${value}/deliveries`, credentials), 404, 'woocommerce_api_invalid_webhook_id', `deliveries of ${value}`);
        const delivery = await basic(server.url, 'GET', `webhooks/${hook.body.webhook.id}/deliveries/${value}`, credentials);
        expectWooError(delivery, 400, 'woocommerce_api_invalid_webhook_delivery_id', `delivery ${value}`);
      }
    });
  });

  describe('paging links', () => {
    let shop: Awaited<ReturnType<typeof createWorkspace>>;

    beforeAll(async () => {
      shop = await createWorkspace(server.api, 'links');
      for (let i = 0; i < 4; i += 1) {
        const created = await basic(server.url, 'POST', 'webhooks', [shop.consumerKey, shop.consumerSecret], { body: { webhook: { topic: 'order.created', delivery_url: `https://example.com/${i}` } } });
        expect(created.status).toBe(201);
      }
    });

    const links = (header: string | null) => Object.fromEntries((header ?? '').split(', ').map((part) => {
      const [, url, rel] = /^<([^>]*)>; rel="(\w+)"$/.exec(part) ?? [];
      return [rel, new URL(url)];
    }));

    it('leave out the credentials and every parameter paging does not need, and stay small', async () => {
      const junk = 'j'.repeat(4000);
      const query = `consumer_key=${shop.consumerKey}&consumer_secret=${shop.consumerSecret}&filter%5Blimit%5D=1&page=2&filter%5Border%5D=asc&status=active&fields=id,name&junk=${junk}&oauth_token=t`;
      const response = await send(`${server.url}/wc-api/v2/webhooks?${query}`);
      expect(response.status).toBe(200);
      expect(response.body.webhooks).toHaveLength(1);
      const header = response.headers.get('link');
      expect(header).not.toContain(shop.consumerSecret);
      expect(header).not.toContain(shop.consumerKey);
      expect(header).not.toContain('consumer_');
      expect(header).not.toContain('oauth_');
      expect(header).not.toContain('junk');
      expect(header!.length).toBeLessThan(1200);
      const byRel = links(header);
      expect(Object.keys(byRel).sort()).toEqual(['first', 'last', 'next', 'prev']);
      for (const [rel, page] of [['first', '1'], ['prev', '1'], ['next', '3'], ['last', '4']]) {
        const url = byRel[rel];
        expect(url.pathname, rel).toBe('/wc-api/v2/webhooks');
        expect(Object.fromEntries(url.searchParams), rel).toEqual({ 'filter[limit]': '1', 'filter[order]': 'ASC', status: 'active', fields: 'id,name', page });
      }
      // Followed with the caller's own credentials, a link gives the page it names.
      const next = await send(`${byRel.next.toString()}&consumer_key=${shop.consumerKey}&consumer_secret=${shop.consumerSecret}`);
      expect(next.status).toBe(200);
      expect(next.body.webhooks).toHaveLength(1);
      expect(next.body.webhooks[0].id).toBeGreaterThan(response.body.webhooks[0].id);
    });

    it('leave out OAuth parameters of a signed request', async () => {
      const url = signedUrl(server.url, 'webhooks', shop.consumerKey, shop.consumerSecret, { query: { 'filter[limit]': '2', 'filter[created_at_min]': '2015-01-21' } });
      const response = await send(url);
      expect(response.status).toBe(200);
      const header = response.headers.get('link');
      expect(header).not.toMatch(/oauth_|consumer/);
      expect(Object.fromEntries(links(header).next.searchParams)).toEqual({ 'filter[limit]': '2', 'filter[created_at_min]': '2015-01-21T00:00:00Z', page: '2' });
    });

    it('refuse a fields list past any real one', async () => {
      const response = await send(`${server.url}/wc-api/v2/webhooks?consumer_key=${shop.consumerKey}&consumer_secret=${shop.consumerSecret}&fields=${'id,'.repeat(1000)}`);
      expectWooError(response, 400, 'woocommerce_api_invalid_parameter', 'long fields');
      expect(response.body.errors[0].message).toContain('fields');
    });
  });

  describe('OAuth parameters past any real client', () => {
    it('refuses a nonce longer than 128 characters or a timestamp that is not a whole number of seconds, even signed', async () => {
      const now = Math.floor(Date.now() / 1000);
      const cases: Array<[Parameters<typeof signedUrl>[4], RegExp]> = [
        [{ nonce: 'n'.repeat(129) }, /nonce/i],
        [{ nonce: 'n'.repeat(5000) }, /nonce/i],
        [{ timestamp: `${now}.5` }, /timestamp/i],
        [{ timestamp: ` ${now}` }, /timestamp/i],
        [{ timestamp: `0x${now.toString(16)}` }, /timestamp/i],
        [{ timestamp: `${now}${'0'.repeat(400)}e-400` }, /timestamp/i],
      ];
      for (const [options, message] of cases) {
        const response = await send(signedUrl(server.url, 'webhooks/count', ws.consumerKey, ws.consumerSecret, options));
        expectWooError(response, 401, 'woocommerce_api_authentication_error', JSON.stringify(options).slice(0, 60));
        expect(response.body.errors[0].message).toMatch(message);
      }
      expect((await send(signedUrl(server.url, 'webhooks/count', ws.consumerKey, ws.consumerSecret, { nonce: 'n'.repeat(128) }))).status).toBe(200);
    });
  });
});
