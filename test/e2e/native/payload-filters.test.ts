/**
 * Payload filters (core/payload-filter.ts) through the native API, against a real receiver: an event that
 * does not pass a webhook's filter creates no delivery for it; every operator, nested paths, array
 * elements and the publish's metadata, through `POST …/filter/check`; bad rules refused when the webhook
 * is saved, naming where; PUT and PATCH change or clear the filter.
 */
import { describe, expect, it } from 'vitest';
import { eventually, hookdWithWorkspace } from '../../helpers/hookd.ts';
import { expectData, expectError } from './envelope.ts';

describe('payload filters', () => {
  const fixture = hookdWithWorkspace('filters');

  const create = async (filter: unknown, path = '/f') =>
    expectData(await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/webhooks`, { name: 'filtered', url: fixture.receiver.url(path), events: ['order.*'], active: true, filter }), 201);

  it('delivers only the events that pass, decided at publish', async () => {
    const big = await create({ 'data.total': { $gte: 100 }, 'data.status': { $in: ['paid', 'refunded'] } }, '/big');
    expect(big.filter).toEqual({ 'data.total': { $gte: 100 }, 'data.status': { $in: ['paid', 'refunded'] } });
    const publish = async (data: object, metadata?: object) =>
      expectData(await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/events`, { type: 'order.created', data, ...(metadata ? { metadata } : {}) }), 202);

    // Only the unfiltered webhooks of other tests could take these; this one takes exactly the passing ones.
    expect((await publish({ id: 1, total: 150, status: 'paid' })).deliveryCount).toBe(1);
    expect((await publish({ id: 2, total: 50, status: 'paid' })).deliveryCount).toBe(0);
    expect((await publish({ id: 3, total: 150, status: 'pending' })).deliveryCount).toBe(0);
    expect((await publish({ id: 4, total: 100, status: 'refunded' })).deliveryCount).toBe(1);
    const received = await fixture.receiver.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fixture.receiver.requests.filter((r) => r.path === '/big').map((r) => JSON.parse(r.text).data.id).sort()).toEqual([1, 4]);
    expect(received.length).toBeGreaterThanOrEqual(2);

    // metadata.* is the publish's own, for routing: filtered on, never sent.
    const tenant = await create({ 'metadata.region': 'eu' }, '/eu');
    expect((await publish({ id: 5, total: 1 }, { region: 'eu' })).deliveryCount).toBe(1);
    expect((await publish({ id: 6, total: 1 }, { region: 'us' })).deliveryCount).toBe(0);
    const [eu] = await eventually(async () => {
      const got = fixture.receiver.requests.filter((r) => r.path === '/eu');
      return got.length === 1 ? got : null;
    });
    expect(JSON.parse(eu.text)).not.toHaveProperty('metadata');
    expect(eu.text).not.toContain('region');
    expect(tenant.id).toEqual(expect.any(String));
  });

  it('evaluates every operator, nested paths and array elements', async () => {
    const event = {
      type: 'order.created',
      data: { total: 150, currency: 'EUR', status: 'paid', customer: { email: 'jane@example.com', vip: true }, items: [{ sku: 'A1', qty: 2 }, { sku: 'B2', qty: 1 }], tags: ['gift', 'rush'], note: null },
      metadata: { region: 'eu' },
    };
    const cases: Array<[object, boolean]> = [
      [{ type: 'order.created' }, true],
      [{ type: { $startsWith: 'order.' } }, true],
      [{ type: { $endsWith: '.updated' } }, false],
      [{ 'data.total': { $eq: 150 } }, true],
      [{ 'data.total': { $neq: 150 } }, false],
      [{ 'data.total': { $gt: 150 } }, false],
      [{ 'data.total': { $gte: 150 } }, true],
      [{ 'data.total': { $lt: 200 } }, true],
      [{ 'data.total': { $lte: 149 } }, false],
      [{ 'data.currency': { $in: ['USD', 'EUR'] } }, true],
      [{ 'data.currency': { $nin: ['USD', 'EUR'] } }, false],
      [{ 'data.coupon': { $exists: false } }, true],
      [{ 'data.note': { $exists: true } }, true],
      [{ 'data.customer.email': { $endsWith: '@example.com' } }, true],
      [{ 'data.customer.email': { $contains: 'jane' } }, true],
      [{ 'data.customer.vip': true }, true],
      [{ 'data.items.sku': 'B2' }, true],
      [{ 'data.items.0.sku': 'B2' }, false],
      [{ 'data.items.1.qty': { $lt: 2 } }, true],
      [{ 'data.tags': 'rush' }, true],
      [{ 'data.tags': { $contains: 'gif' } }, true],
      [{ $and: [{ 'data.total': { $gt: 100 } }, { 'metadata.region': 'eu' }] }, true],
      [{ $or: [{ 'data.total': { $gt: 1000 } }, { 'data.status': 'refunded' }] }, false],
      [{ $not: { 'data.status': 'paid' } }, false],
      [{ 'data.total': { $not: { $lt: 100 } } }, true],
      [{ 'data.missing.deeper': { $exists: true } }, false],
    ];
    for (const [filter, expected] of cases) {
      const webhook = await create(filter);
      const check = await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/webhooks/${webhook.id}/filter/check`, { event });
      expect(expectData(check, 200), JSON.stringify(filter)).toEqual({ matches: expected });
      await fixture.ws.api.delete(`/workspaces/${fixture.ws.id}/webhooks/${webhook.id}`);
    }
    // Without a filter every event passes.
    const open = await create(null);
    expect(expectData(await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/webhooks/${open.id}/filter/check`, { event }), 200)).toEqual({ matches: true });
  });

  it('refuses a bad rule when the webhook is saved, naming where it is', async () => {
    const refused = async (filter: unknown, field: string, label = JSON.stringify(filter)) => {
      const answer = await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/webhooks`, { name: 'bad', url: fixture.receiver.url('/bad'), events: ['order.*'], filter });
      expectError(answer, 400, 'VALIDATION_ERROR', field, label);
    };
    await refused({ 'data.total': { $where: 'this.total > 1' } }, 'filter.data.total.$where');
    await refused({ 'data.total': { $regex: '^1' } }, 'filter.data.total.$regex');
    await refused({ 'data.total': { $gte: [1] } }, 'filter.data.total.$gte');
    await refused({ 'data.total': { $in: 'paid' } }, 'filter.data.total.$in');
    await refused({ 'data.total': { $exists: 'yes' } }, 'filter.data.total.$exists');
    await refused({ $or: [{ 'data.a': 1 }, 'x'] }, 'filter.$or.1');
    await refused({ $or: [] }, 'filter.$or');
    await refused({ $nor: [{ 'data.a': 1 }] }, 'filter.$nor');
    await refused({ total: 1 }, 'filter.total');
    await refused({ 'data.constructor.name': 'Object' }, 'filter.data.constructor.name');
    await refused({ 'data.__proto__': 1 }, 'filter.data.__proto__');
    await refused({ 'data..x': 1 }, 'filter.data..x');
    await refused({}, 'filter');
    await refused([{ 'data.a': 1 }], 'filter');
    await refused({ 'data.a': { $in: Array.from({ length: 101 }, (_, i) => i) } }, 'filter.data.a.$in');
    let deep: Record<string, unknown> = { 'data.a': 1 };
    for (let i = 0; i < 10; i++) deep = { $and: [deep] };
    await refused(deep, expect.stringMatching(/^filter(\.\$and\.0)+$/) as unknown as string, 'ten levels deep');
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`data.f${i}`, i]));
    await refused(many, 'filter.data.f64');
  });

  it('is changed by PATCH, cleared with null, and reset by PUT', async () => {
    const webhook = await create({ 'data.total': { $gte: 100 } });
    const base = `/workspaces/${fixture.ws.id}/webhooks/${webhook.id}`;
    expect(expectData(await fixture.ws.api.patch(base, { filter: { 'data.total': { $lt: 10 } } }), 200).filter).toEqual({ 'data.total': { $lt: 10 } });
    expect(expectData(await fixture.ws.api.get(base), 200).filter).toEqual({ 'data.total': { $lt: 10 } });
    expectError(await fixture.ws.api.patch(base, { filter: { 'data.total': { $bogus: 1 } } }), 400, 'VALIDATION_ERROR', 'filter.data.total.$bogus');
    expect(expectData(await fixture.ws.api.get(base), 200).filter).toEqual({ 'data.total': { $lt: 10 } });
    expect(expectData(await fixture.ws.api.patch(base, { filter: null }), 200).filter).toBeNull();
    await fixture.ws.api.patch(base, { filter: { type: 'order.created' } });
    expect(expectData(await fixture.ws.api.put(base, { name: 'again', url: fixture.receiver.url('/f'), events: ['order.*'] }), 200).filter).toBeNull();
    expectError(await fixture.ws.api.post(`${base}/filter/check`, { event: { type: 'order.created', data: [] } }), 400, 'VALIDATION_ERROR', 'event.data');
    expectError(await fixture.ws.api.post(`${base}/filter/check`, {}), 400, 'VALIDATION_ERROR');
  });
});
