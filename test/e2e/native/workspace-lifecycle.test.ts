/**
 * A workspace's life after creation, on the native API: renamed; deleted (deliveries stop at once, its
 * credentials stop working on all three faces, its rows are removed, a deletion cut short is finished);
 * and its own event types changed, deprecated and deleted (not while a webhook subscribes to one).
 */
import { describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, hookdWithReceiver, sleep } from '../../helpers/hookd.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { basic } from '../woocommerce/support.ts';
import { expectData, expectError } from './envelope.ts';

describe('native API: workspace lifecycle and event types', () => {
  const fixture = hookdWithReceiver();

  const rpc = async (method: string, params: unknown[]) => {
    const response = await fetch(`${fixture.server.url}/api/jsonrpc`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    return response.json() as Promise<any>;
  };

  /** Rows of the workspace left in each table that holds workspace data. */
  async function rowsOf(workspaceId: string): Promise<Record<string, number>> {
    const db = (fixture.server.hookd.store as SqlStore).db;
    const ws = await db.selectFrom('workspaces').select('id').where('uid', '=', workspaceId).executeTakeFirst();
    if (!ws) return {};
    const counts: Record<string, number> = {};
    for (const table of ['api_keys', 'event_types', 'webhooks', 'events', 'deliveries', 'webhook_subscriptions', 'sessions'] as const) {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', ws.id).executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  }

  it('is renamed by the admin or its own key, not by another', async () => {
    const ws = await createWorkspace(fixture.server.api, 'before');
    expect(expectData(await ws.api.patch(`/workspaces/${ws.id}`, { name: 'after' }), 200)).toMatchObject({ id: ws.id, name: 'after' });
    expect(expectData(await fixture.server.api.patch(`/workspaces/${ws.id}`, { name: 'by admin' }), 200).name).toBe('by admin');
    expect(expectData(await fixture.server.api.get(`/workspaces/${ws.id}`), 200).name).toBe('by admin');
    const other = await createWorkspace(fixture.server.api, 'other');
    expectError(await other.api.patch(`/workspaces/${ws.id}`, { name: 'hijack' }), 404, 'RESOURCE_NOT_FOUND');
    expectError(await ws.api.patch(`/workspaces/${ws.id}`, { name: '' }), 400, 'VALIDATION_ERROR', 'name');
    expectError(await ws.api.patch(`/workspaces/${ws.id}`, { name: 'x'.repeat(201) }), 400, 'VALIDATION_ERROR', 'name');
    expectError(await ws.api.patch(`/workspaces/${ws.id}`, { name: 'ok', id: 'other' }), 400, 'VALIDATION_ERROR');
  });

  it('is deleted by the admin only: deliveries stop, every face refuses its keys, its rows go', async () => {
    const ws = await createWorkspace(fixture.server.api, 'doomed');
    const failing = await Receiver.start();
    failing.behaviour = { kind: 'status', status: 500, body: 'down' };
    try {
      const webhook = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'retrying', url: failing.url('/r'), events: ['order.created'], active: true }), 201);
      await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'doom.custom' });
      const session = (await rpc('login', [ws.consumerKey, ws.consumerSecret])).result as string;
      expect(typeof session).toBe('string');
      expect((await basic(fixture.server.url, 'GET', 'webhooks', [ws.consumerKey, ws.consumerSecret])).status).toBe(200);
      for (let i = 0; i < 5; i++) expectData(await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i } }), 202);
      // The first attempts arrive; retries (100 and 200 ms later in tests) would follow.
      await failing.waitFor(5);

      expectError(await ws.api.delete(`/workspaces/${ws.id}`), 403, 'FORBIDDEN');
      const deleted = await fixture.server.api.delete(`/workspaces/${ws.id}`);
      expect(deleted.status).toBe(204);
      const arrivedAtDelete = failing.requests.length;

      // Every face refuses its credentials at once.
      expectError(await ws.api.get(`/workspaces/${ws.id}/webhooks`), 401, 'UNAUTHORIZED');
      expect((await basic(fixture.server.url, 'GET', 'webhooks', [ws.consumerKey, ws.consumerSecret])).status).toBe(401);
      expect((await rpc('login', [ws.consumerKey, ws.consumerSecret])).error).toBeDefined();
      expect((await rpc('call', [session, 'webhook.list', []])).error).toBeDefined();
      // Gone for the admin too, and from the list; a second delete finds nothing.
      expectError(await fixture.server.api.get(`/workspaces/${ws.id}`), 404, 'RESOURCE_NOT_FOUND');
      expect(expectData(await fixture.server.api.get('/workspaces?limit=250'), 200).map((w: any) => w.id)).not.toContain(ws.id);
      expectError(await fixture.server.api.delete(`/workspaces/${ws.id}`), 404, 'RESOURCE_NOT_FOUND');
      expect(await rowsOf(ws.id)).toEqual({});

      // No retry goes out after the delete (an attempt under way at that moment may still land).
      await sleep(800);
      expect(failing.requests.length - arrivedAtDelete).toBeLessThanOrEqual(1);
      expect(webhook.id).toEqual(expect.any(String));
    } finally {
      await failing.close();
    }
  });

  it('finishes a deletion that a stop cut short', async () => {
    const ws = await createWorkspace(fixture.server.api, 'half deleted');
    await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'w', url: fixture.receiver.url('/w'), events: ['*'] });
    for (let i = 0; i < 3; i++) await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i } });
    const store = fixture.server.hookd.store as SqlStore;
    const workspace = (await store.workspaces.get(ws.id))!;
    // The first step only, as if the process stopped right after it.
    expect(await store.workspaces.markDeleted(workspace, Date.now())).not.toBeNull();
    expect((await rowsOf(ws.id)).events).toBe(3);
    expectError(await fixture.server.api.get(`/workspaces/${ws.id}`), 404, 'RESOURCE_NOT_FOUND');
    expect(await fixture.server.hookd.core.workspaces.finishDeletions()).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(ws.id)).toEqual({});
  });

  describe('event types', () => {
    it('are changed and deprecated, still published and subscribed to', async () => {
      const ws = await createWorkspace(fixture.server.api, 'types');
      const created = expectData(await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'invoice.paid', title: 'Paid' }), 201);
      expect(created).toMatchObject({ name: 'invoice.paid', title: 'Paid', deprecated: false, builtIn: false });
      const changed = expectData(await ws.api.patch(`/workspaces/${ws.id}/event-types/invoice.paid`, { deprecated: true, description: 'use invoice.settled', example: { id: 1 } }), 200);
      expect(changed).toMatchObject({ name: 'invoice.paid', title: 'Paid', description: 'use invoice.settled', deprecated: true, example: { id: 1 } });
      const listed = expectData(await ws.api.get(`/workspaces/${ws.id}/event-types`), 200).find((t: any) => t.name === 'invoice.paid');
      expect(listed).toEqual(changed);
      // Deprecated, not gone.
      await eventually(async () => (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'w', url: fixture.receiver.url('/i'), events: ['invoice.paid'] })).status === 201);
      expectData(await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'invoice.paid', data: {} }), 202);

      expectError(await ws.api.patch(`/workspaces/${ws.id}/event-types/order.created`, { deprecated: true }), 409, 'CONFLICT');
      expectError(await ws.api.patch(`/workspaces/${ws.id}/event-types/nope.nothing`, { deprecated: true }), 404, 'RESOURCE_NOT_FOUND');
      expectError(await ws.api.patch(`/workspaces/${ws.id}/event-types/invoice.paid`, { name: 'renamed' }), 400, 'VALIDATION_ERROR');
      expectError(await ws.api.patch(`/workspaces/${ws.id}/event-types/invoice.paid`, { deprecated: 'yes' }), 400, 'VALIDATION_ERROR');
      expectError(await ws.api.patch(`/workspaces/${ws.id}/event-types/constructor`, {}), 404, 'RESOURCE_NOT_FOUND');
    });

    it('are deleted only when no webhook subscribes to them by name (409 naming the webhooks)', async () => {
      const ws = await createWorkspace(fixture.server.api, 'type deletes');
      await ws.api.post(`/workspaces/${ws.id}/event-types`, { name: 'shipment.lost' });
      const a = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'Alpha', url: fixture.receiver.url('/a'), events: ['shipment.lost'] }), 201);
      const b = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'Beta', url: fixture.receiver.url('/b'), events: ['shipment.lost', 'order.created'] }), 201);
      const refused = await ws.api.delete(`/workspaces/${ws.id}/event-types/shipment.lost`);
      expectError(refused, 409, 'CONFLICT');
      expect(refused.body.error.message).toContain(`${a.id} (Alpha)`);
      expect(refused.body.error.message).toContain(`${b.id} (Beta)`);

      await ws.api.delete(`/workspaces/${ws.id}/webhooks/${a.id}`);
      await ws.api.put(`/workspaces/${ws.id}/webhooks/${b.id}`, { name: 'Beta', url: fixture.receiver.url('/b'), events: ['order.created'] });
      expect((await ws.api.delete(`/workspaces/${ws.id}/event-types/shipment.lost`)).status).toBe(204);
      expect(expectData(await ws.api.get(`/workspaces/${ws.id}/event-types`), 200).map((t: any) => t.name)).not.toContain('shipment.lost');
      expectError(await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'shipment.lost', data: {} }), 400, 'VALIDATION_ERROR', 'type');
      expectError(await ws.api.delete(`/workspaces/${ws.id}/event-types/shipment.lost`), 404, 'RESOURCE_NOT_FOUND');
      expectError(await ws.api.delete(`/workspaces/${ws.id}/event-types/order.created`), 409, 'CONFLICT');
    });
  });
});
