/**
 * The operator's endpoints: /metrics, /openapi.json and the API reference at /docs, served by hookd
 * itself (every asset the page names comes from hookd: no CDN); put behind HOOKD_METRICS_TOKEN (bearer
 * or basic auth), or turned off with HOOKD_INFO_ENDPOINTS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

/** The answer, its body read (a big body left unread would keep the connection busy). */
async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(url, { headers, redirect: 'manual' });
  const body = await response.arrayBuffer();
  return new Response(response.status === 204 || response.status === 304 ? null : body, { status: response.status, headers: response.headers });
}

/** The page's own URLs (src=, href=, url=) as found in its HTML and initializer script. */
function referencedUrls(text: string): string[] {
  return [...text.matchAll(/(?:src|href)=["']([^"']+)["']|url:\s*["']([^"']+)["']/g)].map((match) => match[1] ?? match[2]);
}

describe('info endpoints, open (the default)', () => {
  let server: TestHookd;
  beforeAll(async () => { server = await startTestHookd(); });
  afterAll(async () => { await server?.stop(); });

  it('serves metrics and the OpenAPI document', async () => {
    const metrics = await get(`${server.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# HELP');
    const openapi = await get(`${server.url}/openapi.json`);
    expect(openapi.status).toBe(200);
    const document = await openapi.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/workspaces/{ws}/events', '/workspaces/{ws}/webhooks/{id}/secret']));
  });

  it('serves the API reference at /docs with every asset from hookd itself', async () => {
    let page = `${server.url}/docs`;
    let response = await get(page);
    for (let hops = 0; hops < 3 && response.status >= 300 && response.status < 400; hops++) {
      page = new URL(response.headers.get('location')!, page).href;
      response = await get(page);
    }
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    const assets = referencedUrls(html);
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      const url = new URL(asset, page);
      expect(url.origin, asset).toBe(new URL(server.url).origin);
      const fetched = await get(url.href);
      expect(fetched.status, asset).toBe(200);
      if (asset.endsWith('swagger-initializer.js')) {
        const script = await fetched.text();
        for (const inner of referencedUrls(script)) expect(new URL(inner, url).origin, inner).toBe(new URL(server.url).origin);
        expect(script).toContain('validatorUrl');
      }
    }
    // The document the page shows: the native routes, and the introduction with the other two APIs.
    const shown = await (await get(`${server.url}/docs/json`)).json() as { info: { description: string }; paths: Record<string, unknown> };
    expect(shown.info.description).toContain('/wc-api/v2');
    expect(shown.info.description).toContain('/api/jsonrpc');
    expect(Object.keys(shown.paths)).toContain('/workspaces/{ws}/deliveries');
  });
});

describe('info endpoints behind HOOKD_METRICS_TOKEN', () => {
  let server: TestHookd;
  beforeAll(async () => { server = await startTestHookd({ metricsToken: 'scrape-me' }); });
  afterAll(async () => { await server?.stop(); });

  it('refuses each without the token (401, native format, a basic-auth challenge), and serves it with', async () => {
    for (const path of ['/metrics', '/openapi.json', '/docs', '/docs/json', '/docs/static/swagger-initializer.js', '/docs/static/swagger-ui.css']) {
      const refused = await get(`${server.url}${path}`);
      expect(refused.status, path).toBe(401);
      expect(refused.headers.get('www-authenticate'), path).toMatch(/^Basic realm="hookd"/);
      expect(await refused.json(), path).toMatchObject({ data: null, error: { code: 'UNAUTHORIZED' } });
      expect((await get(`${server.url}${path}`, { authorization: 'Bearer wrong' })).status, path).toBe(401);
      expect((await get(`${server.url}${path}`, { authorization: `Basic ${Buffer.from('any:wrong').toString('base64')}` })).status, path).toBe(401);
      expect((await get(`${server.url}${path}`, { authorization: 'Bearer scrape-me' })).status, path).toBe(200);
      expect((await get(`${server.url}${path}`, { authorization: `Basic ${Buffer.from('prometheus:scrape-me').toString('base64')}` })).status, path).toBe(200);
    }
    // The admin token is not the metrics token, and /healthz stays open.
    expect((await get(`${server.url}/metrics`, { authorization: `Bearer ${server.api.token}` })).status).toBe(401);
    expect((await get(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('info endpoints turned off', () => {
  let none: TestHookd;
  let some: TestHookd;
  beforeAll(async () => {
    none = await startTestHookd({ infoEndpoints: 'none' });
    some = await startTestHookd({ infoEndpoints: 'metrics' });
  });
  afterAll(async () => {
    await none?.stop();
    await some?.stop();
  });

  it('answers 404 for those left out', async () => {
    for (const path of ['/metrics', '/openapi.json', '/docs', '/docs/json']) expect((await get(`${none.url}${path}`)).status, path).toBe(404);
    expect((await get(`${some.url}/metrics`)).status).toBe(200);
    expect((await get(`${some.url}/openapi.json`)).status).toBe(404);
    expect((await get(`${some.url}/docs`)).status).toBe(404);
    expect((await get(`${none.url}/healthz`)).status).toBe(200);
  });
});
