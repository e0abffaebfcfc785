/**
 * Guessing credentials: past the limit of failed authentications per minute, a client address is
 * answered 429 (native, with Retry-After) or "too many attempts" (JSON-RPC), even for a batch of logins.
 * Behind a trusted proxy the address is the one X-Forwarded-For names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { expectData, expectError } from './envelope.ts';

describe('failed authentications', () => {
  let server: TestHookd;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;

  beforeAll(async () => {
    server = await startTestHookd({ authFailureLimit: '5', trustProxy: 'true' });
    ws = await createWorkspace(server.api, 'guessed');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('answers 429 with Retry-After to an address that failed too often, whatever it sends next', async () => {
    const path = `/workspaces/${ws.id}/webhooks`;
    for (let i = 0; i < 4; i++) expectError(await server.api.as(`hk_guess_${i}`).request('GET', path, undefined, { headers: from('203.0.113.7') }), 401, 'UNAUTHORIZED');
    const limited = await server.api.as('hk_guess_5').request('GET', path, undefined, { headers: from('203.0.113.7') });
    expectError(limited, 429, 'TOO_MANY_REQUESTS');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right key, from that address, for the rest of the minute; from another address it works.
    expectError(await ws.api.request('GET', path, undefined, { headers: from('203.0.113.7') }), 429, 'TOO_MANY_REQUESTS');
    expectData(await ws.api.request('GET', path, undefined, { headers: from('203.0.113.8') }), 200);
  });

  it('answers WooCommerce callers 429 in its own format too', async () => {
    const basic = (secret: string) => `Basic ${Buffer.from(`${ws.consumerKey}:${secret}`).toString('base64')}`;
    const list = (secret: string, address: string) => fetch(`${server.url}/wc-api/v2/webhooks`, { headers: { authorization: basic(secret), ...from(address) } });
    for (let i = 0; i < 4; i++) expect((await list(`cs_wrong_${i}`, '203.0.113.20')).status).toBe(401);
    const limited = await list('cs_wrong_5', '203.0.113.20');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ errors: [{ code: 'woocommerce_api_too_many_requests', message: expect.stringContaining('too many') }] });
    expect((await list(ws.consumerSecret, '203.0.113.21')).status).toBe(200);
  });

  it('stops a batch of wrong logins after the limit, without a look-up each', async () => {
    // A workspace of its own: the WooCommerce test above used up the first key's failures.
    const fresh = await createWorkspace(server.api, 'logins');
    const logins = Array.from({ length: 100 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'login', params: [fresh.consumerKey, `cs_wrong_${i}`] }));
    const response = await fetch(`${server.url}/api/jsonrpc`, { method: 'POST', headers: { 'content-type': 'application/json', ...from('203.0.113.9') }, body: JSON.stringify(logins) });
    const answers = (await response.json()) as any[];
    expect(answers).toHaveLength(100);
    expect(answers.every((answer) => answer.error?.code === -32002)).toBe(true);
    expect(answers.filter((answer) => /too many/.test(answer.error.message))).toHaveLength(96);
    // The key's owner, elsewhere, logs in as usual.
    const ok = await fetch(`${server.url}/api/jsonrpc`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...from('203.0.113.10') },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'login', params: [fresh.consumerKey, fresh.consumerSecret] }),
    });
    expect(((await ok.json()) as any).result).toMatch(/^[0-9a-f]{32}$/);
  });
});
