/**
 * The native API (UP42's shape, extended), against a real hookd and real HTTP receivers: workspaces, API
 * keys, webhook CRUD and paging, the secret shown once and read on demand, the event catalog and custom event types,
 * publishing and fan-out, idempotency, workspace isolation, and "test a webhook".
 */
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { Receiver, type Received } from '../../helpers/receiver.ts';
import { ADMIN, createWorkspace, eventually, hookdWithReceiver, sleep, type ApiResponse } from '../../helpers/hookd.ts';
import { allKeys, expectData, expectError } from './envelope.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const secretOf = (text: string) => 'whsec_' + Buffer.from(text.padEnd(32, '.')).toString('base64');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The request was signed with `secret` (Standard Webhooks, checked by the third-party verifier). */
function signedWith(request: Received, secret: string): boolean {
  try {
    new StandardWebhook(secret).verify(request.text, request.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

type Workspace = Awaited<ReturnType<typeof createWorkspace>>;

describe('native API', () => {
  const fixture = hookdWithReceiver();

  /** A receiver of its own, closed after the test body runs. */
  async function withReceiver<T>(run: (r: Receiver) => Promise<T>): Promise<T> {
    const r = await Receiver.start();
    try {
      return await run(r);
    } finally {
      await r.close();
    }
  }

  describe('workspaces', () => {
    it('are created and listed with the admin token only', async () => {
      const created = await fixture.server.api.post('/workspaces', { name: 'first' });
      const workspace = expectData(created, 201);
      expect(workspace).toEqual({ id: expect.any(String), name: 'first', createdAt: expect.stringMatching(ISO) });

      const listed = await fixture.server.api.get('/workspaces?limit=250');
      expect(expectData(listed, 200).map((w: any) => w.id)).toContain(workspace.id);
      expect(listed.body.page).toMatchObject({ limit: 250 });

      const ws = await createWorkspace(fixture.server.api, 'keyholder');
      const countBefore = (await fixture.server.api.get('/workspaces?limit=250')).body.data.length;
      expectError(await ws.api.post('/workspaces', { name: 'by a key' }), 403, 'FORBIDDEN', null);
      expectError(await ws.api.get('/workspaces'), 403, 'FORBIDDEN', null);
      for (const client of [fixture.server.api.as(''), fixture.server.api.as('not-a-token'), fixture.server.api.as(ADMIN + 'x')]) {
        expectError(await client.post('/workspaces', { name: 'anonymous' }), 401, 'UNAUTHORIZED', null);
        expectError(await client.get('/workspaces'), 401, 'UNAUTHORIZED', null);
      }
      // A token sent any other way than "Bearer" is no token.
      expectError(await fixture.server.api.request('GET', '/workspaces', undefined, { headers: { authorization: `Basic ${ADMIN}` } }), 401, 'UNAUTHORIZED');
      const after = (await fixture.server.api.get('/workspaces?limit=250')).body.data;
      expect(after.length).toBe(countBefore);
      expect(after.map((w: any) => w.name)).not.toContain('by a key');
      expect(after.map((w: any) => w.name)).not.toContain('anonymous');

      // A key sees its own workspace, and no other.
      expect(expectData(await ws.api.get(`/workspaces/${ws.id}`), 200)).toMatchObject({ id: ws.id, name: 'keyholder' });
      expectError(await ws.api.get(`/workspaces/${workspace.id}`), 404, 'RESOURCE_NOT_FOUND');
      expectError(await fixture.server.api.get('/workspaces/no-such-workspace'), 404, 'RESOURCE_NOT_FOUND');
    });

    it('pages through workspaces with a cursor', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 5; i++) ids.add(expectData(await fixture.server.api.post('/workspaces', { name: `paged ${i}` }), 201).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: ApiResponse = await fixture.server.api.get(`/workspaces?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        const data = expectData(page, 200);
        expect(data.length).toBeLessThanOrEqual(2);
        seen.push(...data.map((w: any) => w.id));
        cursor = page.body.page.nextCursor;
        expect(++pages).toBeLessThan(100);
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of ids) expect(seen).toContain(id);
    });
  });

  describe('API keys', () => {
    it('are shown once, listed without secrets, and stop working when revoked', async () => {
      const workspace = expectData(await fixture.server.api.post('/workspaces', { name: 'keys' }), 201);
      const issued = await fixture.server.api.post(`/workspaces/${workspace.id}/api-keys`, { name: 'ci' });
      const first = expectData(issued, 201);
      expect(first).toMatchObject({ id: expect.any(String), name: 'ci', key: expect.any(String), revokedAt: null });
      expect(first.key.length).toBeGreaterThanOrEqual(32);
      expect(first.consumerKey).toMatch(/^ck_[0-9a-f]{40}$/);
      expect(first.consumerSecret).toMatch(/^cs_[0-9a-f]{40}$/);
      const second = expectData(await fixture.server.api.post(`/workspaces/${workspace.id}/api-keys`, {}), 201);
      expect(second.key).not.toBe(first.key);

      const firstClient = fixture.server.api.as(first.key);
      const secondClient = fixture.server.api.as(second.key);
      expectData(await firstClient.get(`/workspaces/${workspace.id}/webhooks`), 200);
      expectData(await secondClient.get(`/workspaces/${workspace.id}/webhooks`), 200);

      // Keys are the admin's business, not a workspace key's.
      expectError(await firstClient.post(`/workspaces/${workspace.id}/api-keys`, {}), 403, 'FORBIDDEN');
      expectError(await firstClient.get(`/workspaces/${workspace.id}/api-keys`), 403, 'FORBIDDEN');
      expectError(await firstClient.delete(`/workspaces/${workspace.id}/api-keys/${second.id}`), 403, 'FORBIDDEN');

      const list = await fixture.server.api.get(`/workspaces/${workspace.id}/api-keys`);
      const keys = expectData(list, 200);
      expect(keys.map((k: any) => k.id).sort()).toEqual([first.id, second.id].sort());
      for (const secret of [first.key, first.consumerSecret, first.consumerKey, second.key, second.consumerSecret, second.consumerKey]) {
        expect(list.text).not.toContain(secret);
      }
      for (const key of keys) {
        expect(Object.keys(key)).not.toContain('key');
        expect(Object.keys(key)).not.toContain('consumerSecret');
        expect(Object.keys(key)).not.toContain('consumerKey');
      }

      const revoked = await fixture.server.api.delete(`/workspaces/${workspace.id}/api-keys/${first.id}`);
      expect(revoked.status).toBe(204);
      expect(revoked.text).toBe('');
      expectError(await firstClient.get(`/workspaces/${workspace.id}/webhooks`), 401, 'UNAUTHORIZED');
      expectError(await firstClient.post(`/workspaces/${workspace.id}/events`, { type: 'order.created', data: {} }), 401, 'UNAUTHORIZED');
      expectData(await secondClient.get(`/workspaces/${workspace.id}/webhooks`), 200);
      const afterRevoke = expectData(await fixture.server.api.get(`/workspaces/${workspace.id}/api-keys`), 200);
      expect(afterRevoke.find((k: any) => k.id === first.id)?.revokedAt).toMatch(ISO);
      expect(afterRevoke.find((k: any) => k.id === second.id)?.revokedAt).toBeNull();
      expectError(await fixture.server.api.delete(`/workspaces/${workspace.id}/api-keys/no-such-key`), 404, 'RESOURCE_NOT_FOUND');
    });
  });

  describe('webhooks', () => {
    let ws: Workspace;
    beforeAll(async () => {
      ws = await createWorkspace(fixture.server.api, 'crud');
    });

    it('are created paused unless active:true, with documented defaults, and read back', async () => {
      const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'My alert for order statuses', url: fixture.receiver.url('/up42'), events: ['order.status'] });
      const webhook = expectData(created, 201);
      expect(webhook).toEqual({
        id: expect.any(String), name: 'My alert for order statuses', url: fixture.receiver.url('/up42'), events: ['order.status'],
        active: false, status: 'paused', disabledReason: null, failureCount: 0, headers: {}, description: '', pausedBehavior: 'queue', format: 'standard', filter: null, retrySchedule: null, transform: null,
        signing: 'hmac', publicKey: null, keyId: null, ordering: 'none', rateLimit: null,
        createdAt: expect.stringMatching(ISO), updatedAt: expect.stringMatching(ISO),
        // Generated, so shown this once (GET …/secret reads it again).
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      });
      const { secret: _shownOnce, ...stored } = webhook;
      expect(expectData(await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}`), 200)).toEqual(stored);

      const active = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, {
        name: 'on', url: fixture.receiver.url('/on'), events: ['job.status', 'order.*'], active: true, headers: { 'X-Tenant': 'acme' }, description: 'about it', pausedBehavior: 'drop',
      }), 201);
      expect(active).toMatchObject({ active: true, status: 'active', events: ['job.status', 'order.*'], headers: { 'X-Tenant': 'acme' }, description: 'about it', pausedBehavior: 'drop' });
      expect(active.id).not.toBe(webhook.id);
      expect(expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'off', url: fixture.receiver.url('/off'), events: ['*'], active: false }), 201).status).toBe('paused');

      expectError(await ws.api.get(`/workspaces/${ws.id}/webhooks/no-such-webhook`), 404, 'RESOURCE_NOT_FOUND');
    });

    it('PUT replaces: fields left out go back to their defaults, the secret stays', async () => {
      await withReceiver(async (r) => {
        const webhook = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, {
          name: 'before', url: r.url('/before'), events: ['order.status'], secret: SECRET, headers: { 'X-A': '1' }, description: 'd', active: true, pausedBehavior: 'drop',
        }), 201);
        const replaced = expectData(await ws.api.put(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { name: 'after', url: r.url('/after'), events: ['job.status'] }), 200);
        expect(replaced).toEqual({
          ...webhook, name: 'after', url: r.url('/after'), events: ['job.status'], headers: {}, description: '', active: false, status: 'paused',
          pausedBehavior: 'queue', updatedAt: expect.stringMatching(ISO),
        });
        expect(expectData(await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}`), 200)).toEqual(replaced);

        // The secret was kept: a test send to the new URL is still signed with it.
        const tested = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/tests`, {}), 200);
        expect(tested).toMatchObject({ testsRun: 1, testsSucceeded: 1 });
        const [request] = await r.waitFor(1);
        expect(request.path).toBe('/after');
        expect(signedWith(request, SECRET)).toBe(true);

        const activeAgain = expectData(await ws.api.put(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { name: 'after', url: r.url('/after'), events: ['job.status'], active: true }), 200);
        expect(activeAgain).toMatchObject({ active: true, status: 'active' });
        expectError(await ws.api.put(`/workspaces/${ws.id}/webhooks/no-such-webhook`, { name: 'x', url: r.url('/x'), events: ['job.status'] }), 404, 'RESOURCE_NOT_FOUND');
      });
    });

    it('PATCH changes only the fields it names', async () => {
      await withReceiver(async (r) => {
        const original = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, {
          name: 'patchable', url: r.url('/patch'), events: ['order.created'], secret: SECRET, headers: { 'X-A': '1' }, description: 'd', pausedBehavior: 'drop',
        }), 201);
        const steps: Array<[Record<string, unknown>, Record<string, unknown>]> = [
          [{ description: 'only this' }, { description: 'only this' }],
          [{ active: true }, { active: true, status: 'active' }],
          [{ headers: { 'X-B': '2' } }, { headers: { 'X-B': '2' } }],
          [{ events: ['order.*', 'job.status'] }, { events: ['order.*', 'job.status'] }],
          [{ name: 'renamed' }, { name: 'renamed' }],
          [{ url: r.url('/patched') }, { url: r.url('/patched') }],
          [{ pausedBehavior: 'queue' }, { pausedBehavior: 'queue' }],
          [{ active: false }, { active: false, status: 'paused' }],
        ];
        let expected = original;
        for (const [patch, change] of steps) {
          const patched = expectData(await ws.api.patch(`/workspaces/${ws.id}/webhooks/${original.id}`, patch), 200, JSON.stringify(patch));
          expected = { ...expected, ...change, updatedAt: expect.stringMatching(ISO) };
          expect(patched, JSON.stringify(patch)).toEqual(expected);
        }
        expect(expectData(await ws.api.get(`/workspaces/${ws.id}/webhooks/${original.id}`), 200)).toEqual(expected);

        // PATCH of the secret alone replaces it (and nothing else).
        const next = secretOf('patched secret');
        expect(expectData(await ws.api.patch(`/workspaces/${ws.id}/webhooks/${original.id}`, { secret: next }), 200)).toEqual(expected);
        await ws.api.post(`/workspaces/${ws.id}/webhooks/${original.id}/tests`, { event: 'job.status' });
        const [request] = await r.waitFor(1);
        expect(request.path).toBe('/patched');
        expect(request.headers['x-b']).toBe('2');
        expect(request.headers['x-a']).toBeUndefined();
        expect(signedWith(request, next)).toBe(true);
        expect(signedWith(request, SECRET)).toBe(false);
        expectError(await ws.api.patch(`/workspaces/${ws.id}/webhooks/no-such-webhook`, { name: 'x' }), 404, 'RESOURCE_NOT_FOUND');
      });
    });

    it('DELETE answers 204 with an empty body; the webhook is gone', async () => {
      const webhook = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'doomed', url: fixture.receiver.url('/doomed'), events: ['order.created'] }), 201);
      const deleted = await ws.api.delete(`/workspaces/${ws.id}/webhooks/${webhook.id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expectError(await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}`), 404, 'RESOURCE_NOT_FOUND');
      expectError(await ws.api.delete(`/workspaces/${ws.id}/webhooks/${webhook.id}`), 404, 'RESOURCE_NOT_FOUND');
      expectError(await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { name: 'undead' }), 404, 'RESOURCE_NOT_FOUND');
      const list = expectData(await ws.api.get(`/workspaces/${ws.id}/webhooks?limit=250`), 200);
      expect(list.map((w: any) => w.id)).not.toContain(webhook.id);
    });

    it('shows a secret only in the answer that generated it, and through GET …/secret', async () => {
      const given = [SECRET, secretOf('put secret'), secretOf('patch secret'), secretOf('rotated secret'), 'QWZTFnMEXhqZKNmu'];
      const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'secretive', url: fixture.receiver.url('/s'), events: ['order.status'], secret: given[0] });
      const id = expectData(created, 201).id;
      const base = `/workspaces/${ws.id}/webhooks/${id}`;
      const responses: Array<[string, ApiResponse]> = [
        ['create', created],
        ['get', await ws.api.get(base)],
        ['list', await ws.api.get(`/workspaces/${ws.id}/webhooks?limit=250`)],
        ['put', await ws.api.put(base, { name: 'secretive', url: fixture.receiver.url('/s'), events: ['order.status'], secret: given[1] })],
        ['patch', await ws.api.patch(base, { secret: given[2] })],
        ['patch other', await ws.api.patch(base, { description: 'x' })],
        ['rotate given', await ws.api.post(`${base}/rotate-secret`, { secret: given[3] })],
        ['create raw', await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'raw', url: fixture.receiver.url('/raw'), events: ['job.status'], secret: given[4] })],
      ];
      const generated: Array<[string, ApiResponse]> = [
        ['rotate generated', await ws.api.post(`${base}/rotate-secret`, {})],
        ['rotate no body', await ws.api.post(`${base}/rotate-secret`)],
      ];
      const later: Array<[string, ApiResponse]> = [
        ['get after', await ws.api.get(base)],
        ['list after', await ws.api.get(`/workspaces/${ws.id}/webhooks?limit=250`)],
        ['patch after', await ws.api.patch(base, { description: 'y' })],
      ];
      for (const [label, response] of [...responses, ...later]) {
        expect(response.status, label).toBeLessThan(300);
        for (const secret of given) expect(response.text, label).not.toContain(secret);
        // Generated secrets are whsec_…: none may show up outside the answer that made it.
        expect(response.text, label).not.toContain('whsec_');
        expect(allKeys(response.body).filter((key) => /secret/i.test(key)), label).toEqual([]);
      }
      const shown = generated.map(([label, response]) => {
        const webhook = expectData(response, 200);
        for (const secret of given) expect(response.text, label).not.toContain(secret);
        expect(webhook.secret, label).toMatch(/^whsec_/);
        return webhook.secret as string;
      });
      expect(shown[0]).not.toBe(shown[1]);

      // GET …/secret: the current one (the last generated) and the one it replaced, for the grace period.
      const revealed = expectData(await ws.api.get(`${base}/secret`), 200);
      expect(revealed).toEqual({
        signing: 'hmac', secret: shown[1], publicKey: null, keyId: null,
        previousSecret: shown[0], previousPublicKey: null, previousKeyId: null, previousSecretExpiresAt: expect.stringMatching(ISO),
      });
      // Both sign a delivery now; none of the given ones does.
      await withReceiver(async (r) => {
        await ws.api.patch(base, { url: r.url('/rotated') });
        await ws.api.post(`${base}/tests`, { event: 'order.status' });
        const [request] = await r.waitFor(1);
        for (const secret of given) expect(signedWith(request, secret)).toBe(false);
        expect(signedWith(request, shown[1])).toBe(true);
        expect(signedWith(request, shown[0])).toBe(true);
        expect((request.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
      });
    });

    it('never shows a secret on the WooCommerce or JSON-RPC faces, whichever face set it', async () => {
      const generated = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'gen', url: fixture.receiver.url('/g'), events: ['order.created'] }), 201);
      const basic = `Basic ${Buffer.from(`${ws.consumerKey}:${ws.consumerSecret}`).toString('base64')}`;
      const woo = (method: string, path: string, body?: unknown) => fetch(`${fixture.server.url}/wc-api/v2/${path}`, {
        method, headers: { authorization: basic, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
      });
      const wooCreated = await woo('POST', 'webhooks', { webhook: { name: 'w', topic: 'order.created', delivery_url: fixture.receiver.url('/w'), secret: 'woo-set-secret-1234' } });
      const wooId = ((await wooCreated.clone().json()) as { webhook: { id: number } }).webhook.id;
      const rpc = async (method: string, params: unknown[]) => fetch(`${fixture.server.url}/api/jsonrpc`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      });
      const session = ((await (await rpc('login', [ws.consumerKey, ws.consumerSecret])).json()) as { result: string }).result;
      const answers = [
        wooCreated, await woo('GET', 'webhooks'), await woo('GET', `webhooks/${wooId}`),
        await woo('PUT', `webhooks/${wooId}`, { webhook: { secret: 'woo-set-secret-5678' } }),
        await rpc('call', [session, 'webhook.list', []]), await rpc('call', [session, 'webhook.info', [wooId]]),
        await rpc('call', [session, 'webhook.create', [{ url: fixture.receiver.url('/r'), topics: 'order:created', secret_key: 'rpc-set-secret-1234' }]]),
      ];
      for (const answer of answers) {
        const text = await answer.text();
        for (const secret of [generated.secret, 'woo-set-secret-1234', 'woo-set-secret-5678', 'rpc-set-secret-1234', 'whsec_']) expect(text, answer.url).not.toContain(secret);
        expect(text, answer.url).not.toMatch(/"secret(_key)?"\s*:/);
      }
    });

    it('reads a secret only with a key of its workspace or the admin token', async () => {
      const webhook = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'reveal', url: fixture.receiver.url('/reveal'), events: ['order.status'], secret: SECRET }), 201);
      expect(webhook.secret).toBeUndefined();
      const path = `/workspaces/${ws.id}/webhooks/${webhook.id}/secret`;
      expect(expectData(await ws.api.get(path), 200)).toEqual({
        signing: 'hmac', secret: SECRET, publicKey: null, keyId: null, previousSecret: null, previousPublicKey: null, previousKeyId: null, previousSecretExpiresAt: null,
      });
      expect(expectData(await fixture.server.api.get(path), 200).secret).toBe(SECRET);
      const other = await createWorkspace(fixture.server.api, 'someone else');
      expectError(await other.api.get(path), 404, 'RESOURCE_NOT_FOUND');
      expectError(await ws.api.get(`/workspaces/${ws.id}/webhooks/nope/secret`), 404, 'RESOURCE_NOT_FOUND');
    });

    it('pages through the list with a cursor, without duplicates, and filters by status', async () => {
      const pws = await createWorkspace(fixture.server.api, 'pages');
      const created: Record<string, string> = {};
      for (let i = 0; i < 7; i++) {
        const webhook = expectData(await pws.api.post(`/workspaces/${pws.id}/webhooks`, { name: `w${i}`, url: fixture.receiver.url(`/p${i}`), events: ['*'], active: i % 2 === 0 }), 201);
        created[webhook.id] = webhook.status;
      }
      const walk = async (query: string, limit: number) => {
        const seen: any[] = [];
        const sizes: number[] = [];
        let cursor: string | null = null;
        do {
          const page: ApiResponse = await pws.api.get(`/workspaces/${pws.id}/webhooks?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
          const data = expectData(page, 200);
          expect(page.body.page.limit).toBe(limit);
          sizes.push(data.length);
          seen.push(...data);
          cursor = page.body.page.nextCursor;
          expect(sizes.length).toBeLessThan(20);
        } while (cursor !== null);
        const ids = seen.map((w) => w.id);
        expect(new Set(ids).size).toBe(ids.length);
        return { seen, sizes };
      };

      const all = await walk('', 3);
      expect(all.sizes).toEqual([3, 3, 1]);
      expect(all.seen.map((w) => w.id).sort()).toEqual(Object.keys(created).sort());
      // Exactly a page's worth: the last page is full and says there is no next one.
      expect((await walk('', 7)).sizes).toEqual([7]);

      const active = await walk('&status=active', 2);
      expect(active.sizes).toEqual([2, 2]);
      expect(active.seen.map((w) => w.name).sort()).toEqual(['w0', 'w2', 'w4', 'w6']);
      expect(active.seen.every((w) => w.status === 'active' && w.active === true)).toBe(true);
      const paused = await walk('&status=paused', 2);
      expect(paused.seen.map((w) => w.name).sort()).toEqual(['w1', 'w3', 'w5']);
      expect((await walk('&status=disabled', 2)).seen).toEqual([]);

      const defaults = await pws.api.get(`/workspaces/${pws.id}/webhooks`);
      expect(defaults.body.page).toEqual({ limit: 50, nextCursor: null });
      expect(expectData(defaults, 200)).toHaveLength(7);
    });
  });

  describe('event catalog', () => {
    it('lists the built-in types for a workspace key, and for the admin token with ?workspaceId=', async () => {
      const ws = await createWorkspace(fixture.server.api, 'catalog');
      const catalog = expectData(await ws.api.get('/webhooks/events'), 200);
      const names = catalog.map((t: any) => t.name);
      for (const name of ['order.status', 'job.status', 'order.created', 'coupon.restored', 'inventory.adjusted', 'order.shipped']) expect(names).toContain(name);
      expect(new Set(names).size).toBe(names.length);
      for (const type of catalog) {
        for (const field of ['name', 'title', 'category', 'description']) {
          expect(typeof type[field], `${type.name}.${field}`).toBe('string');
          expect(type[field].length, `${type.name}.${field}`).toBeGreaterThan(0);
        }
        expect(type.name.startsWith(`${type.category}.`), type.name).toBe(true);
      }
      expect(catalog.find((t: any) => t.name === 'job.status')).toMatchObject({ title: 'Job Status Updates', category: 'job' });
      expect(catalog.find((t: any) => t.name === 'order.status')).toMatchObject({ title: 'Order Status Updates', category: 'order' });

      expectError(await fixture.server.api.get('/webhooks/events'), 400, 'VALIDATION_ERROR', 'workspaceId');
      expect(expectData(await fixture.server.api.get(`/webhooks/events?workspaceId=${ws.id}`), 200)).toEqual(catalog);
      expectError(await fixture.server.api.get('/webhooks/events?workspaceId=no-such-workspace'), 404, 'RESOURCE_NOT_FOUND');
      expect(expectData(await ws.api.get(`/webhooks/events?workspaceId=${ws.id}`), 200)).toEqual(catalog);
      expectError(await fixture.server.api.as('nope').get('/webhooks/events'), 401, 'UNAUTHORIZED');
    });

    it('takes custom event types that can be subscribed to and published', async () => {
      await withReceiver(async (r) => {
        const ws = await createWorkspace(fixture.server.api, 'custom types');
        const created = await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'invoice.paid', title: 'Invoice paid', description: 'an invoice was paid', example: { id: 'inv_1' } });
        expect(expectData(created, 201)).toMatchObject({ name: 'invoice.paid', title: 'Invoice paid', category: 'invoice', description: 'an invoice was paid', builtIn: false, example: { id: 'inv_1' } });
        expect(expectData(await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'invoice.voided' }), 201)).toMatchObject({ name: 'invoice.voided', category: 'invoice', builtIn: false });

        expectError(await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'invoice.paid' }), 409, 'CONFLICT');
        for (const builtIn of ['order.created', 'job.status', 'action.woocommerce_add_to_cart']) {
          expectError(await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: builtIn }), 409, 'CONFLICT', 'name', builtIn);
        }
        for (const bad of ['Not A Name', 'invoice', 'invoice.*', 'Invoice.Paid', '*.paid', 'invoice paid']) {
          expectError(await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: bad }), 400, 'VALIDATION_ERROR', 'name', bad);
        }

        const catalog = expectData(await ws.api.get('/webhooks/events'), 200);
        expect(catalog.filter((t: any) => t.name.startsWith('invoice.')).map((t: any) => t.name).sort()).toEqual(['invoice.paid', 'invoice.voided']);
        expect(expectData(await ws.api.get(`/workspaces/${ws.id}/event-types`), 200)).toEqual(catalog);

        const exact = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'inv', url: r.url('/exact'), events: ['invoice.paid'], active: true }), 201);
        const wildcard = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'inv*', url: r.url('/wild'), events: ['invoice.*'], active: true }), 201);
        const published = expectData(await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'invoice.paid', data: { id: 'inv_1', amount: 10 } }), 202);
        expect(published.deliveryCount).toBe(2);
        const requests = await r.waitFor(2);
        expect(requests.map((q) => q.path).sort()).toEqual(['/exact', '/wild']);
        for (const request of requests) expect(JSON.parse(request.text)).toMatchObject({ type: 'invoice.paid', data: { id: 'inv_1', amount: 10 } });
        const event = expectData(await ws.api.get(`/workspaces/${ws.id}/events/${published.id}`), 200);
        expect(event.deliveries.map((d: any) => d.webhookId).sort()).toEqual([exact.id, wildcard.id].sort());

        // Custom types belong to their workspace.
        const other = await createWorkspace(fixture.server.api, 'no custom types');
        expect(expectData(await other.api.get('/webhooks/events'), 200).map((t: any) => t.name)).not.toContain('invoice.paid');
        expectError(await other.api.post(`/workspaces/${other.id}/webhooks`, { name: 'x', url: r.url('/x'), events: ['invoice.paid'] }), 400, 'VALIDATION_ERROR', 'events');
        expectError(await other.api.post(`/workspaces/${other.id}/events`, { type: 'invoice.paid', data: {} }), 400, 'VALIDATION_ERROR', 'type');
        expect(expectData(await other.api.post(`/workspaces/${other.id}/event-types`, { name: 'invoice.paid' }), 201).name).toBe('invoice.paid');
      });
    });
  });

  describe('events', () => {
    it('answer 202 with the id and one delivery per subscribed webhook (0, 1, 3), and read back with their deliveries', async () => {
      await withReceiver(async (r) => {
        const ws = await createWorkspace(fixture.server.api, 'fanout');
        const publish = async (type: string, data: Record<string, unknown>) => {
          const response = await ws.api.post(`/workspaces/${ws.id}/events`, { type, data });
          const event = expectData(response, 202);
          expect(event).toMatchObject({ id: expect.any(String), type, data, replayed: false, idempotencyKey: null, createdAt: expect.stringMatching(ISO) });
          return event;
        };
        const none = await publish('order.created', { id: 0 });
        expect(none.deliveryCount).toBe(0);
        expect(expectData(await ws.api.get(`/workspaces/${ws.id}/events/${none.id}`), 200).deliveries).toEqual([]);

        const hook = async (name: string, events: string[]) =>
          expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name, url: r.url(`/${name}`), events, active: true }), 201).id as string;
        const exact = await hook('exact', ['order.created']);
        const one = await publish('order.created', { id: 1 });
        expect(one.deliveryCount).toBe(1);
        await r.waitFor(1);

        const star = await hook('star', ['*']);
        const prefix = await hook('prefix', ['order.*']);
        const coupon = await hook('coupon', ['coupon.created']);
        const three = await publish('order.created', { id: 3 });
        expect(three.deliveryCount).toBe(3);
        const requests = await r.waitFor(4);
        expect(requests.slice(1).map((q) => q.path).sort()).toEqual(['/exact', '/prefix', '/star']);
        for (const request of requests.slice(1)) {
          expect(request.headers['webhook-id']).toBe(three.id);
          expect(JSON.parse(request.text)).toEqual({ type: 'order.created', timestamp: three.createdAt, data: { id: 3 } });
        }

        const read = await eventually(async () => {
          const response = await ws.api.get(`/workspaces/${ws.id}/events/${three.id}`);
          return response.body.data.deliveries.every((d: any) => d.status === 'succeeded') ? response : null;
        });
        const event = expectData(read, 200);
        expect(event).toMatchObject({ id: three.id, type: 'order.created', data: { id: 3 }, createdAt: three.createdAt });
        expect(event.deliveries).toHaveLength(3);
        expect(event.deliveries.map((d: any) => d.webhookId).sort()).toEqual([exact, star, prefix].sort());
        for (const delivery of event.deliveries) expect(delivery).toMatchObject({ eventId: three.id, eventType: 'order.created', attemptCount: 1 });

        const other = await publish('coupon.created', { id: 11 });
        expect(other.deliveryCount).toBe(2);
        const couponRequests = (await r.waitFor(6)).slice(4);
        expect(couponRequests.map((q) => q.path).sort()).toEqual(['/coupon', '/star']);
        expect(expectData(await ws.api.get(`/workspaces/${ws.id}/events/${other.id}`), 200).deliveries.map((d: any) => d.webhookId).sort()).toEqual([coupon, star].sort());

        await sleep(200);
        expect(r.requests).toHaveLength(6);
        expectError(await ws.api.get(`/workspaces/${ws.id}/events/no-such-event`), 404, 'RESOURCE_NOT_FOUND');
      });
    });

    it('de-duplicate by idempotency key, given in the body or the Idempotency-Key header', async () => {
      await withReceiver(async (r) => {
        const ws = await createWorkspace(fixture.server.api, 'idempotency');
        await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'i', url: r.url('/i'), events: ['order.created'], active: true });
        const path = `/workspaces/${ws.id}/events`;

        const first = await ws.api.post(path, { type: 'order.created', data: { id: 1 }, idempotencyKey: 'order-1' });
        const firstEvent = expectData(first, 202);
        expect(firstEvent).toMatchObject({ replayed: false, idempotencyKey: 'order-1', deliveryCount: 1 });
        expect(first.headers.get('idempotent-replayed')).toBeNull();
        const again = await ws.api.post(path, { type: 'order.created', data: { id: 1 }, idempotencyKey: 'order-1' });
        expect(expectData(again, 202)).toEqual({ ...firstEvent, replayed: true });
        expect(again.headers.get('idempotent-replayed')).toBe('true');

        // The same key with the data's keys in another order is the same request; with other data or
        // another type it is a mistake, answered 409 naming the key, and nothing is published.
        const ordered = expectData(await ws.api.post(path, { type: 'order.created', data: { a: 1, b: { c: 2, d: 3 } }, idempotencyKey: 'order-r' }), 202);
        const reordered = await ws.api.post(path, { type: 'order.created', data: { b: { d: 3, c: 2 }, a: 1 }, idempotencyKey: 'order-r' });
        expect(expectData(reordered, 202)).toMatchObject({ id: ordered.id, replayed: true });
        for (const body of [{ type: 'order.created', data: { id: 99 } }, { type: 'order.updated', data: { id: 1 } }]) {
          expectError(await ws.api.post(path, { ...body, idempotencyKey: 'order-1' }), 409, 'CONFLICT', 'idempotencyKey');
        }
        const conflict = await ws.api.post(path, { type: 'order.created', data: { id: 1, extra: true }, idempotencyKey: 'order-1' });
        expect(conflict.body.error.message).toContain('"order-1"');

        const header = (key: string, data: Record<string, unknown>) => ws.api.request('POST', path, { type: 'order.created', data }, { headers: { 'Idempotency-Key': key } });
        const viaHeader = await header('order-2', { id: 2 });
        const headerEvent = expectData(viaHeader, 202);
        expect(headerEvent).toMatchObject({ replayed: false, idempotencyKey: 'order-2' });
        expect(viaHeader.headers.get('idempotent-replayed')).toBeNull();
        const viaHeaderAgain = await header('order-2', { id: 2 });
        expect(expectData(viaHeaderAgain, 202)).toEqual({ ...headerEvent, replayed: true });
        expect(viaHeaderAgain.headers.get('idempotent-replayed')).toBe('true');

        const different = expectData(await ws.api.post(path, { type: 'order.created', data: { id: 3 }, idempotencyKey: 'order-3' }), 202);
        expect(different.replayed).toBe(false);
        expect(different.id).not.toBe(firstEvent.id);
        expect(different.id).not.toBe(headerEvent.id);
        // No key: every publish is its own event.
        const plain = [
          expectData(await ws.api.post(path, { type: 'order.created', data: { id: 4 } }), 202),
          expectData(await ws.api.post(path, { type: 'order.created', data: { id: 4 } }), 202),
        ];
        expect(plain[0].id).not.toBe(plain[1].id);

        // The same key sent at once, five times: one event.
        const racing = await Promise.all([1, 2, 3, 4, 5].map(() => ws.api.post(path, { type: 'order.created', data: { id: 5 }, idempotencyKey: 'order-5' })));
        const racingIds = new Set(racing.map((response) => expectData(response, 202).id));
        expect(racingIds.size).toBe(1);
        expect(racing.filter((response) => response.body.data.replayed === false)).toHaveLength(1);

        // The receiver got one delivery per distinct event, none for the replays.
        const expected = [firstEvent.id, ordered.id, headerEvent.id, different.id, plain[0].id, plain[1].id, [...racingIds][0]];
        await r.waitFor(expected.length);
        await sleep(300);
        expect(r.requests.map((q) => q.headers['webhook-id']).sort()).toEqual([...expected].sort());

        // Keys are per workspace.
        const other = await createWorkspace(fixture.server.api, 'idempotency 2');
        const elsewhere = expectData(await other.api.post(`/workspaces/${other.id}/events`, { type: 'order.created', data: { id: 1 }, idempotencyKey: 'order-1' }), 202);
        expect(elsewhere.replayed).toBe(false);
        expect(elsewhere.id).not.toBe(firstEvent.id);
      });
    });
  });

  describe('workspace isolation', () => {
    it("answers 404 for another workspace's ids, in every path, and leaves its data as it was", async () => {
      await withReceiver(async (r) => {
        const a = await createWorkspace(fixture.server.api, 'A');
        const b = await createWorkspace(fixture.server.api, 'B');
        const bSecret = secretOf('B secret');
        const theirs = expectData(await b.api.post(`/workspaces/${b.id}/webhooks`, { name: 'b', url: r.url('/b'), events: ['order.created'], secret: bSecret, active: true }), 201);
        const mine = expectData(await a.api.post(`/workspaces/${a.id}/webhooks`, { name: 'a', url: r.url('/a'), events: ['order.created'], active: true }), 201);
        const event = expectData(await b.api.post(`/workspaces/${b.id}/events`, { type: 'order.created', data: { id: 1 } }), 202);
        await b.api.post(`/workspaces/${b.id}/event-types`, { name: 'invoice.paid' });
        await r.waitFor(1);
        const delivery = await eventually(async () => {
          const list = await b.api.get(`/workspaces/${b.id}/webhooks/${theirs.id}/deliveries`);
          return list.body.data[0]?.status === 'succeeded' ? list.body.data[0] : null;
        });

        const snapshot = async () => ({
          webhook: (await b.api.get(`/workspaces/${b.id}/webhooks/${theirs.id}`)).text,
          webhooks: (await b.api.get(`/workspaces/${b.id}/webhooks`)).text,
          event: (await b.api.get(`/workspaces/${b.id}/events/${event.id}`)).text,
          delivery: (await b.api.get(`/workspaces/${b.id}/webhooks/${theirs.id}/deliveries/${delivery.id}`)).text,
          attempts: (await b.api.get(`/workspaces/${b.id}/webhooks/${theirs.id}/attempts`)).text,
          catalog: (await b.api.get('/webhooks/events')).text,
        });
        const before = await snapshot();
        const requestsBefore = r.requests.length;

        const B = `/workspaces/${b.id}`;
        const A = `/workspaces/${a.id}`;
        const replacement = { name: 'hijacked', url: r.url('/evil'), events: ['*'], active: true };
        const attempts: Array<[string, Promise<ApiResponse>]> = [
          ['get workspace', a.api.get(B)],
          ['list webhooks', a.api.get(`${B}/webhooks`)],
          ['create webhook', a.api.post(`${B}/webhooks`, replacement)],
          ['get webhook', a.api.get(`${B}/webhooks/${theirs.id}`)],
          ['put webhook', a.api.put(`${B}/webhooks/${theirs.id}`, replacement)],
          ['patch webhook', a.api.patch(`${B}/webhooks/${theirs.id}`, { active: false })],
          ['delete webhook', a.api.delete(`${B}/webhooks/${theirs.id}`)],
          ['rotate secret', a.api.post(`${B}/webhooks/${theirs.id}/rotate-secret`, {})],
          ['test webhook', a.api.post(`${B}/webhooks/${theirs.id}/tests`, {})],
          ['publish', a.api.post(`${B}/events`, { type: 'order.created', data: { id: 666 } })],
          ['get event', a.api.get(`${B}/events/${event.id}`)],
          ['list deliveries', a.api.get(`${B}/webhooks/${theirs.id}/deliveries`)],
          ['get delivery', a.api.get(`${B}/webhooks/${theirs.id}/deliveries/${delivery.id}`)],
          ['resend delivery', a.api.post(`${B}/webhooks/${theirs.id}/deliveries/${delivery.id}/resend`)],
          ['recover', a.api.post(`${B}/webhooks/${theirs.id}/recover`, {})],
          ['list attempts', a.api.get(`${B}/webhooks/${theirs.id}/attempts`)],
          ['list event types', a.api.get(`${B}/event-types`)],
          ['create event type', a.api.post(`${B}/event-types`, { name: 'invoice.voided' })],
          ['catalog of B', a.api.get(`/webhooks/events?workspaceId=${b.id}`)],
          // A's own workspace in the path, B's ids after it.
          ['own path, their webhook', a.api.get(`${A}/webhooks/${theirs.id}`)],
          ['own path, put their webhook', a.api.put(`${A}/webhooks/${theirs.id}`, replacement)],
          ['own path, patch their webhook', a.api.patch(`${A}/webhooks/${theirs.id}`, { active: false })],
          ['own path, delete their webhook', a.api.delete(`${A}/webhooks/${theirs.id}`)],
          ['own path, rotate their secret', a.api.post(`${A}/webhooks/${theirs.id}/rotate-secret`, {})],
          ['own path, test their webhook', a.api.post(`${A}/webhooks/${theirs.id}/tests`, {})],
          ['own path, their deliveries', a.api.get(`${A}/webhooks/${theirs.id}/deliveries`)],
          ['own path, their attempts', a.api.get(`${A}/webhooks/${theirs.id}/attempts`)],
          ['own path, their event', a.api.get(`${A}/events/${event.id}`)],
          ['own webhook, their delivery', a.api.get(`${A}/webhooks/${mine.id}/deliveries/${delivery.id}`)],
          ['own webhook, resend their delivery', a.api.post(`${A}/webhooks/${mine.id}/deliveries/${delivery.id}/resend`)],
        ];
        for (const [label, pending] of attempts) expectError(await pending, 404, 'RESOURCE_NOT_FOUND', undefined, label);

        await sleep(300);
        expect(await snapshot()).toEqual(before);
        expect(r.requests.length).toBe(requestsBefore);
        // B's secret was not rotated: B's own test is signed with it alone.
        await b.api.post(`${B}/webhooks/${theirs.id}/tests`, { event: 'order.created' });
        const [request] = (await r.waitFor(requestsBefore + 1)).slice(requestsBefore);
        expect(request.path).toBe('/b');
        expect((request.headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
        expect(signedWith(request, bSecret)).toBe(true);
        // Nothing A tried landed in A's workspace either.
        expect(expectData(await a.api.get(`${A}/webhooks`), 200).map((w: any) => w.id)).toEqual([mine.id]);
      });
    });
  });

  describe('testing a webhook', () => {
    it('sends one signed test per subscribed type, synchronously, even while paused, and logs them', async () => {
      await withReceiver(async (r) => {
        const ws = await createWorkspace(fixture.server.api, 'tests');
        const catalog = expectData(await ws.api.get('/webhooks/events'), 200);
        const example = (name: string) => catalog.find((t: any) => t.name === name).example;
        const webhook = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 't', url: r.url('/t'), events: ['order.status', 'job.status'], secret: SECRET, headers: { 'X-Tenant': 'acme' } }), 201);
        expect(webhook.status).toBe('paused');
        const base = `/workspaces/${ws.id}/webhooks/${webhook.id}`;

        const all = await ws.api.post(`${base}/tests`, {});
        const report = expectData(all, 200);
        expect(Object.keys(report).sort()).toEqual(['startedAt', 'tests', 'testsFailed', 'testsRun', 'testsSucceeded']);
        expect(report).toMatchObject({ testsRun: 2, testsSucceeded: 2, testsFailed: 0, startedAt: expect.stringMatching(ISO) });
        expect(report.tests.map((t: any) => t.event).sort()).toEqual(['job.status', 'order.status']);
        for (const test of report.tests) {
          expect(test).toEqual({ event: expect.any(String), url: r.url('/t'), success: true, responseCode: 200, durationMs: expect.any(Number), error: null });
          expect(test.durationMs).toBeGreaterThanOrEqual(0);
        }
        // Synchronous: both requests arrived before the answer did.
        expect(r.requests).toHaveLength(2);
        for (const request of r.requests) {
          const body = JSON.parse(request.text);
          expect(['job.status', 'order.status']).toContain(body.type);
          expect(body.data).toEqual(example(body.type));
          expect(request.headers['x-tenant']).toBe('acme');
          expect(signedWith(request, SECRET)).toBe(true);
        }

        // No body at all means the same as {}.
        expect(expectData(await ws.api.post(`${base}/tests`), 200)).toMatchObject({ testsRun: 2, testsSucceeded: 2 });
        expect(r.requests).toHaveLength(4);

        // One named event, even one the webhook is not subscribed to; and the /test alias.
        const named = expectData(await ws.api.post(`${base}/tests`, { event: 'order.created' }), 200);
        expect(named).toMatchObject({ testsRun: 1, testsSucceeded: 1, testsFailed: 0 });
        expect(named.tests).toEqual([expect.objectContaining({ event: 'order.created', success: true, responseCode: 200 })]);
        expect(r.requests).toHaveLength(5);
        expect(JSON.parse(r.requests[4].text)).toMatchObject({ type: 'order.created', data: example('order.created') });
        const alias = expectData(await ws.api.post(`${base}/test`, { event: 'order.status' }), 200);
        expect(alias).toMatchObject({ testsRun: 1, testsSucceeded: 1 });
        expect(JSON.parse(r.requests[5].text).type).toBe('order.status');

        r.behaviour = { kind: 'status', status: 500, body: 'broken' };
        const failing = expectData(await ws.api.post(`${base}/tests`, { event: 'job.status' }), 200);
        expect(failing).toMatchObject({ testsRun: 1, testsSucceeded: 0, testsFailed: 1 });
        expect(failing.tests[0]).toMatchObject({ event: 'job.status', success: false, responseCode: 500 });
        const bothFailing = expectData(await ws.api.post(`${base}/tests`, {}), 200);
        expect(bothFailing).toMatchObject({ testsRun: 2, testsSucceeded: 0, testsFailed: 2 });
        r.behaviour = { kind: 'status', status: 200, body: 'ok' };

        expectError(await ws.api.post(`${base}/tests`, { event: 'no.such' }), 400, 'VALIDATION_ERROR', 'event');
        expectError(await ws.api.post(`${base}/tests`, { event: 'order.*' }), 400, 'VALIDATION_ERROR', 'event');
        expect(r.requests).toHaveLength(9);

        // Logged as test attempts, not as deliveries; the webhook is still paused.
        const logged = expectData(await ws.api.get(`${base}/attempts?trigger=test&limit=250`), 200);
        expect(logged).toHaveLength(9);
        for (const attempt of logged) expect(attempt).toMatchObject({ test: true, trigger: 'test', deliveryId: null, webhookId: webhook.id });
        expect(logged.filter((a: any) => a.success)).toHaveLength(6);
        expect(logged.filter((a: any) => a.response?.code === 500)).toHaveLength(3);
        expect(expectData(await ws.api.get(`${base}/attempts?trigger=scheduled`), 200)).toEqual([]);
        expect(expectData(await ws.api.get(`${base}/deliveries`), 200)).toEqual([]);
        expect(expectData(await ws.api.get(base), 200).status).toBe('paused');
      });
    });

    it('reports an unreachable receiver as a failed test, with an error', async () => {
      const gone = await Receiver.start();
      const url = gone.url('/gone');
      await gone.close();
      const ws = await createWorkspace(fixture.server.api, 'unreachable');
      const webhook = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'gone', url, events: ['job.status'] }), 201);
      const report = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/tests`, {}), 200);
      expect(report).toMatchObject({ testsRun: 1, testsSucceeded: 0, testsFailed: 1 });
      expect(report.tests[0]).toMatchObject({ event: 'job.status', url, success: false, responseCode: null });
      expect(typeof report.tests[0].error).toBe('string');
      expect(report.tests[0].error.length).toBeGreaterThan(0);
    });

    it('expands wildcard subscriptions to catalog types', async () => {
      await withReceiver(async (r) => {
        const ws = await createWorkspace(fixture.server.api, 'wildcard tests');
        const catalog = expectData(await ws.api.get('/webhooks/events'), 200);
        const orders = catalog.filter((t: any) => t.name.startsWith('order.')).map((t: any) => t.name).sort();
        const webhook = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'orders', url: r.url('/o'), events: ['order.*'] }), 201);
        const report = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/tests`, {}), 200);
        const sent = report.tests.map((t: any) => t.event);
        expect(report.testsRun).toBe(Math.min(orders.length, 20));
        expect(sent).toHaveLength(report.testsRun);
        expect(new Set(sent).size).toBe(sent.length);
        for (const name of sent) expect(orders).toContain(name);
        if (orders.length <= 20) expect(sent.sort()).toEqual(orders);
        expect(r.requests).toHaveLength(report.testsRun);
        expect(r.requests.every((q) => JSON.parse(q.text).type.startsWith('order.'))).toBe(true);
      });
    });
  });
});
