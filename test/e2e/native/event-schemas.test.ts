/**
 * JSON Schemas on a workspace's own event types (core/event-schemas.ts): a publish whose data does not
 * match is a 422 naming the failing place and rule, and nothing is stored or delivered; a schema is
 * checked when saved (usable, bounded, no regular expressions, its type's example matching it).
 */
import { describe, expect, it } from 'vitest';
import { hookdWithWorkspace } from '../../helpers/hookd.ts';
import { expectData, expectError } from './envelope.ts';

const INVOICE = {
  type: 'object',
  required: ['id', 'amount', 'currency'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    amount: { type: 'number', exclusiveMinimum: 0 },
    currency: { enum: ['EUR', 'USD'] },
    lines: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string', minLength: 1 } } } },
  },
};

describe('event types with JSON Schemas', () => {
  const fixture = hookdWithWorkspace('schemas');

  it('refuses data that does not match (422, naming where and which rule), storing and sending nothing', async () => {
    const created = expectData(await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/event-types`, { name: 'invoice.paid', schema: INVOICE, example: { id: 1, amount: 9.5, currency: 'EUR' } }), 201);
    expect(created.schema).toEqual(INVOICE);
    expect(expectData(await fixture.ws.api.get(`/workspaces/${fixture.ws.id}/event-types`), 200).find((t: any) => t.name === 'invoice.paid').schema).toEqual(INVOICE);
    await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/webhooks`, { name: 'invoices', url: fixture.receiver.url('/inv'), events: ['invoice.paid'], active: true });

    const ok = expectData(await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/events`, { type: 'invoice.paid', data: { id: 7, amount: 12.5, currency: 'EUR', lines: [{ sku: 'A' }] } }), 202);
    expect(ok.deliveryCount).toBe(1);
    const refusals: Array<[object, string, RegExp]> = [
      [{ id: 7, amount: 12.5 }, 'data', /required/],
      [{ id: 0, amount: 12.5, currency: 'EUR' }, 'data.id', /minimum/],
      [{ id: 7, amount: 12.5, currency: 'GBP' }, 'data.currency', /enum/],
      [{ id: 7, amount: 12.5, currency: 'EUR', lines: [{ sku: 'A' }, { sku: '' }] }, 'data.lines.1.sku', /minLength/],
    ];
    for (const [data, field, rule] of refusals) {
      const answer = await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/events`, { type: 'invoice.paid', data });
      expectError(answer, 422, 'SCHEMA_MISMATCH', field, JSON.stringify(data));
      expect(answer.body.error.message).toMatch(rule);
    }
    await fixture.receiver.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fixture.receiver.requests.filter((r) => r.path === '/inv')).toHaveLength(1);
    expect(expectData(await fixture.ws.api.get(`/workspaces/${fixture.ws.id}/events?type=invoice.paid`), 200).map((e: any) => e.id)).toEqual([ok.id]);

    // Removing the schema lets any object through again.
    expectData(await fixture.ws.api.patch(`/workspaces/${fixture.ws.id}/event-types/invoice.paid`, { schema: null }), 200);
    expect((await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/events`, { type: 'invoice.paid', data: { anything: true } })).status).toBe(202);
  });

  it('checks a schema when it is saved', async () => {
    const refused = async (body: object, status: number, field: string) =>
      expectError(await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/event-types`, { name: `bad.t${Math.floor(Math.random() * 1e9)}`, ...body }), status, 'VALIDATION_ERROR', field, JSON.stringify(body).slice(0, 80));
    await refused({ schema: { type: 'object', properties: { sku: { type: 'string', pattern: '^(a+)+$' } } } }, 400, 'schema.properties.sku.pattern');
    await refused({ schema: { type: 'object', patternProperties: { '^x': {} } } }, 400, 'schema.patternProperties');
    await refused({ schema: { type: 'object', properties: { lines: { type: 'array', uniqueItems: true } } } }, 400, 'schema.properties.lines.uniqueItems');
    await refused({ schema: { type: 'wibble' } }, 400, 'schema');
    await refused({ schema: { $ref: 'https://example.com/schema.json' } }, 400, 'schema');
    await refused({ schema: { type: 'object', unknownKeyword: 1 } }, 400, 'schema');
    await refused({ schema: { type: 'object', required: ['id'] }, example: { other: 1 } }, 400, 'example');
    let deep: object = { type: 'object' };
    for (let i = 0; i < 40; i++) deep = { type: 'object', properties: { a: deep } };
    await refused({ schema: deep }, 400, 'schema');
    await refused({ schema: { enum: Array.from({ length: 20_000 }, (_, i) => `value ${i}`) } }, 400, 'schema');
    // A property called "pattern", or data that holds the word, is no regular expression.
    expect((await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/event-types`, {
      name: 'search.run', schema: { type: 'object', properties: { pattern: { type: 'string' }, uniqueItems: { enum: [{ pattern: 'x' }] } } },
    })).status).toBe(201);
    // PATCH checks the same, and the example against a schema it keeps.
    expectData(await fixture.ws.api.post(`/workspaces/${fixture.ws.id}/event-types`, { name: 'refund.made', schema: { type: 'object', required: ['id'] }, example: { id: 1 } }), 201);
    expectError(await fixture.ws.api.patch(`/workspaces/${fixture.ws.id}/event-types/refund.made`, { example: { nope: 1 } }), 400, 'VALIDATION_ERROR', 'example');
    expectError(await fixture.ws.api.patch(`/workspaces/${fixture.ws.id}/event-types/refund.made`, { schema: { type: 'object', properties: { id: { pattern: 'x' } } } }), 400, 'VALIDATION_ERROR', 'schema.properties.id.pattern');
  });
});
