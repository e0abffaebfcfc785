/**
 * The native API's logs and lists, against a real hookd delivering to real receivers: the event log with
 * its per-outcome counts, a workspace's deliveries and a webhook's, the webhooks list's filters and its
 * count; every filter, its paging, and refusals of bad filters in the native error format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, sleep, startTestHookd, type ApiResponse, type TestHookd } from '../../helpers/hookd.ts';
import { expectData, expectError } from './envelope.ts';

type Workspace = Awaited<ReturnType<typeof createWorkspace>>;

describe('native API: event log, deliveries and webhook filters', () => {
  let server: TestHookd;
  let ok: Receiver;
  let failing: Receiver;
  let ws: Workspace;
  const hooks: Record<'orders' | 'coupons' | 'paused', string> = { orders: '', coupons: '', paused: '' };
  /** Event ids by what was published, in publishing order. */
  const published: Array<{ id: string; type: string }> = [];
  let middle: string;

  /** Every page of a list, following nextCursor. */
  async function all(path: string, limit = 2): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const separator = path.includes('?') ? '&' : '?';
      const response: ApiResponse = await ws.api.get(`${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...expectData(response, 200));
      cursor = response.body.page.nextCursor;
      if (!cursor) return items;
    }
    throw new Error('more than 100 pages');
  }

  beforeAll(async () => {
    server = await startTestHookd();
    ok = await Receiver.start();
    failing = await Receiver.start();
    failing.behaviour = { kind: 'status', status: 500, body: 'no' };
    ws = await createWorkspace(server.api, 'logs');
    const create = async (body: object) => expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, body), 201).id as string;
    hooks.orders = await create({ name: 'Orders to the warehouse', url: ok.url('/orders'), events: ['order.*'], active: true });
    hooks.coupons = await create({ name: 'coupon sync', url: failing.url('/coupons'), events: ['coupon.created'], active: true });
    hooks.paused = await create({ name: 'Everything, later', url: ok.url('/all'), events: ['*'], active: false });

    const publish = async (type: string) => {
      const event = expectData(await ws.api.post(`/workspaces/${ws.id}/events`, { type, data: { n: published.length } }), 202);
      published.push({ id: event.id, type });
    };
    await publish('order.created');
    await publish('order.updated');
    await sleep(20);
    middle = new Date().toISOString();
    await sleep(20);
    await publish('coupon.created');
    await publish('order.created');
    await publish('customer.created');
    // Orders succeed; the coupon webhook fails all three attempts (100 ms and 200 ms apart in tests).
    await eventually(async () => {
      const deliveries = await all(`/workspaces/${ws.id}/deliveries`, 50);
      return deliveries.filter((d) => d.status === 'succeeded').length === 3 && deliveries.some((d) => d.status === 'failed');
    });
  });

  afterAll(async () => {
    await server?.stop();
    await ok?.close();
    await failing?.close();
  });

  describe('GET /workspaces/{ws}/events', () => {
    it('lists the log newest first, with deliveries counted by outcome, page by page', async () => {
      const events = await all(`/workspaces/${ws.id}/events`);
      expect(events.map((e) => e.id)).toEqual([...published].reverse().map((e) => e.id));
      const byType = (type: string) => events.filter((e) => e.type === type);
      // order.* reaches the orders webhook (succeeded) and the paused one (held, so pending).
      for (const event of byType('order.created')) {
        expect(event).toEqual({
          id: expect.any(String), type: 'order.created', idempotencyKey: null, createdAt: expect.any(String),
          deliveryCount: 2, succeeded: 1, failed: 0, pending: 1,
        });
      }
      expect(byType('coupon.created')[0]).toMatchObject({ deliveryCount: 2, succeeded: 0, failed: 1, pending: 1 });
      expect(byType('customer.created')[0]).toMatchObject({ deliveryCount: 1, succeeded: 0, failed: 0, pending: 1 });
      expect(events[0]).not.toHaveProperty('data');
    });

    it('filters by exact type, by resource, and by time', async () => {
      const ids = (list: any[]) => list.map((e) => e.id);
      const ofType = (test: (type: string) => boolean) => [...published].reverse().filter((e) => test(e.type)).map((e) => e.id);
      expect(ids(await all(`/workspaces/${ws.id}/events?type=order.created`))).toEqual(ofType((t) => t === 'order.created'));
      expect(ids(await all(`/workspaces/${ws.id}/events?type=order.*`))).toEqual(ofType((t) => t.startsWith('order.')));
      expect(ids(await all(`/workspaces/${ws.id}/events?type=*`))).toEqual(ofType(() => true));
      // A resource is a whole word: `order.*` is not `orders.*` (nor is `coupon.*` `coupons.*`).
      expect(await all(`/workspaces/${ws.id}/events?type=orde.*`)).toEqual([]);
      expect(ids(await all(`/workspaces/${ws.id}/events?after=${middle}`))).toEqual(ofType(() => true).slice(0, 3));
      expect(ids(await all(`/workspaces/${ws.id}/events?before=${middle}`))).toEqual(ofType(() => true).slice(3));
      expect(ids(await all(`/workspaces/${ws.id}/events?type=order.*&after=${middle}`))).toEqual([published[3].id]);
    });

    it('refuses bad filters with a 400 naming the parameter', async () => {
      expectError(await ws.api.get(`/workspaces/${ws.id}/events?after=yesterday`), 400, 'VALIDATION_ERROR', 'after');
      expectError(await ws.api.get(`/workspaces/${ws.id}/events?type=*.created`), 400, 'VALIDATION_ERROR', 'type');
      expectError(await ws.api.get(`/workspaces/${ws.id}/events?type=.*`), 400, 'VALIDATION_ERROR', 'type');
      expectError(await ws.api.get(`/workspaces/${ws.id}/events?after=2030-01-01T00:00:00Z&before=2020-01-01T00:00:00Z`), 400, 'VALIDATION_ERROR', 'before');
      expectError(await ws.api.get(`/workspaces/${ws.id}/events?limit=251`), 400, 'VALIDATION_ERROR');
      expectError(await ws.api.get(`/workspaces/${ws.id}/events?type=${'a'.repeat(101)}`), 400, 'VALIDATION_ERROR');
      expectError(await ws.api.get(`/workspaces/${ws.id}/events?cursor=${'x'.repeat(201)}`), 400, 'VALIDATION_ERROR');
    });

    it("shows one workspace's events only", async () => {
      const other = await createWorkspace(server.api, 'other logs');
      expect(expectData(await other.api.get(`/workspaces/${other.id}/events`), 200)).toEqual([]);
      expectError(await other.api.get(`/workspaces/${ws.id}/events`), 404, 'RESOURCE_NOT_FOUND');
    });
  });

  describe('GET /workspaces/{ws}/deliveries', () => {
    it("lists every webhook's deliveries newest first, with the last attempt's answer", async () => {
      const deliveries = await all(`/workspaces/${ws.id}/deliveries`);
      expect(deliveries).toHaveLength(9);
      const seqs = deliveries.map((d) => d.createdAt);
      expect([...seqs].sort().reverse()).toEqual(seqs);
      const failed = deliveries.find((d) => d.status === 'failed');
      expect(failed).toMatchObject({ webhookId: hooks.coupons, eventType: 'coupon.created', attemptCount: 3, lastResponseCode: 500, lastDurationMs: expect.any(Number) });
      const succeeded = deliveries.find((d) => d.status === 'succeeded');
      expect(succeeded).toMatchObject({ webhookId: hooks.orders, lastResponseCode: 200, lastError: null });
    });

    it('filters by webhook, event type or resource, status and time, alone and together', async () => {
      const base = `/workspaces/${ws.id}/deliveries`;
      const check = async (query: string, expected: (d: any) => boolean) => {
        const everything = await all(base, 50);
        const filtered = await all(`${base}?${query}`);
        expect(filtered.map((d) => d.id), query).toEqual(everything.filter(expected).map((d) => d.id));
        expect(filtered.length, `${query} matches something`).toBeGreaterThan(0);
      };
      await check(`webhookId=${hooks.orders}`, (d) => d.webhookId === hooks.orders);
      await check('eventType=order.created', (d) => d.eventType === 'order.created');
      await check('eventType=order.*', (d) => d.eventType.startsWith('order.'));
      await check('status=held', (d) => d.status === 'held');
      await check('status=failed', (d) => d.status === 'failed');
      await check(`after=${middle}`, (d) => d.createdAt >= middle);
      await check(`before=${middle}`, (d) => d.createdAt <= middle);
      await check(`webhookId=${hooks.paused}&eventType=order.*&after=${middle}&status=held`,
        (d) => d.webhookId === hooks.paused && d.eventType.startsWith('order.') && d.createdAt >= middle && d.status === 'held');
      expect(await all(`${base}?webhookId=${hooks.coupons}&status=succeeded`)).toEqual([]);
    });

    it("takes the same filters on one webhook's list", async () => {
      const base = `/workspaces/${ws.id}/webhooks/${hooks.paused}/deliveries`;
      expect((await all(base)).map((d) => d.eventType)).toEqual([...published].reverse().map((e) => e.type));
      expect((await all(`${base}?eventType=order.*`)).map((d) => d.eventType)).toEqual(['order.created', 'order.updated', 'order.created']);
      expect((await all(`${base}?eventType=coupon.created&status=held`))).toHaveLength(1);
      expect((await all(`${base}?after=${middle}&status=held`))).toHaveLength(3);
    });

    it('refuses bad filters, and a webhook of no such id, in the native error format', async () => {
      expectError(await ws.api.get(`/workspaces/${ws.id}/deliveries?webhookId=nope`), 404, 'RESOURCE_NOT_FOUND');
      expectError(await ws.api.get(`/workspaces/${ws.id}/deliveries?status=lost`), 400, 'VALIDATION_ERROR');
      expectError(await ws.api.get(`/workspaces/${ws.id}/deliveries?before=2024-02-30T00:00:00Z`), 400, 'VALIDATION_ERROR', 'before');
      expectError(await ws.api.get(`/workspaces/${ws.id}/deliveries?eventType=order.**`), 400, 'VALIDATION_ERROR', 'eventType');
      expectError(await ws.api.get(`/workspaces/${ws.id}/deliveries?colour=red`), 400, 'VALIDATION_ERROR');
      expectError(await ws.api.get(`/workspaces/${ws.id}/webhooks/${hooks.orders}/deliveries?webhookId=${hooks.coupons}`), 400, 'VALIDATION_ERROR');
    });
  });

  describe('GET /workspaces/{ws}/attempts', () => {
    it("lists every webhook's attempts newest first, or those after an id oldest first, to follow the log", async () => {
      const attempts = await all(`/workspaces/${ws.id}/attempts`);
      // Three to the orders webhook (succeeded), three to the coupon webhook (failed): the paused one has none.
      expect(attempts).toHaveLength(6);
      const ids = attempts.map((a) => a.id);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);
      expect(new Set(attempts.map((a) => a.webhookId))).toEqual(new Set([hooks.orders, hooks.coupons]));

      const oldest = ids[ids.length - 1];
      const after = await ws.api.get(`/workspaces/${ws.id}/attempts?newerThan=${oldest}&limit=3`);
      expect(expectData(after, 200).map((a: any) => a.id)).toEqual([...ids].reverse().slice(1, 4));
      expect(after.body.page.nextCursor).toBeNull();
      expect(expectData(await ws.api.get(`/workspaces/${ws.id}/attempts?newerThan=${ids[0]}`), 200)).toEqual([]);
      const coupons = await all(`/workspaces/${ws.id}/attempts?webhookId=${hooks.coupons}`);
      expect(coupons.map((a) => a.response?.code)).toEqual([500, 500, 500]);
      expectError(await ws.api.get(`/workspaces/${ws.id}/attempts?newerThan=-1`), 400, 'VALIDATION_ERROR');
      expectError(await ws.api.get(`/workspaces/${ws.id}/attempts?newerThan=1e400`), 400, 'VALIDATION_ERROR');
      expectError(await ws.api.get(`/workspaces/${ws.id}/attempts?webhookId=nope`), 404, 'RESOURCE_NOT_FOUND');
    });
  });

  describe('GET /workspaces/{ws}/webhooks filters and count', () => {
    const names = async (query: string) => (await all(`/workspaces/${ws.id}/webhooks?${query}`)).map((w) => w.name).sort();
    const count = async (query: string) => expectData(await ws.api.get(`/workspaces/${ws.id}/webhooks/count?${query}`), 200).count as number;

    it('filters by the event a webhook would receive, by a pattern it subscribes to, by URL and name', async () => {
      expect(await names('event=order.created')).toEqual(['Everything, later', 'Orders to the warehouse']);
      expect(await names('event=coupon.created')).toEqual(['Everything, later', 'coupon sync']);
      expect(await names('event=customer.created')).toEqual(['Everything, later']);
      expect(await names('event=order.*')).toEqual(['Orders to the warehouse']);
      expect(await names('event=*')).toEqual(['Everything, later']);
      expect(await names('url=%2Fcoupons')).toEqual(['coupon sync']);
      expect(await names('name=EVERYTHING')).toEqual(['Everything, later']);
      // LIKE's wildcards are plain characters here.
      expect(await names('name=%25')).toEqual([]);
      expect(await names('name=_')).toEqual([]);
      expect(await names('status=active&event=order.created')).toEqual(['Orders to the warehouse']);
    });

    it('counts with the same filters', async () => {
      expect(await count('')).toBe(3);
      expect(await count('status=active')).toBe(2);
      expect(await count('event=coupon.created')).toBe(2);
      expect(await count('url=127.0.0.1&name=sync')).toBe(1);
      expect(await count(`after=${new Date(Date.now() + 60_000).toISOString()}`)).toBe(0);
      expectError(await ws.api.get(`/workspaces/${ws.id}/webhooks/count?limit=5`), 400, 'VALIDATION_ERROR');
      expectError(await ws.api.get(`/workspaces/${ws.id}/webhooks/count?after=soon`), 400, 'VALIDATION_ERROR', 'after');
    });
  });
});
