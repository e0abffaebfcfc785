/**
 * The fast path of simple reshapes (core/transform-fast-path.ts) gives exactly what JSONata gives, or
 * declines: each expression is run both ways on the same inputs and the JSON compared.
 */
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileFastPath, DECLINE } from '../../src/core/transform-fast-path.ts';

const event = (data: unknown) => ({ id: 'msg_1', type: 'order.created', timestamp: '2026-12-02T10:00:00.000Z', data });

const INPUTS = [
  event({ id: 42, total: 19.5, status: 'paid', customer: { name: 'Ann', address: { city: 'Oslo' } } }),
  event({ id: '42', total: null, customer: null }),
  event({ total: 0, status: '', customer: { name: null } }),
  event({ id: 1, items: [{ sku: 'a' }, { sku: 'b' }], tags: ['x'], customer: [{ name: 'Ann' }] }),
  event({ id: 1, customer: 'not an object', total: true }),
  event('a string'),
  event(null),
  event({ __proto__: { id: 1 }, constructor: 'x', id: 5 }),
];

const COMPILED = [
  '{"order": data.id, "amount": data.total, "state": data.status, "event": type}',
  '{"who": data.customer.name, "city": data.customer.address.city, "id": id, "at": timestamp}',
  '{"body": {"order": data.id, "name": data.customer.name}, "method": "PUT", "headers": {"X-Kind": "order"}, "path": "/orders"}',
  '{"n": null, "t": true, "f": false, "k": 5, "s": "text", "whole": data}',
  '{"items": data.items, "tags": data.tags, "first": data.customer.name}',
  '{"a": data.items.sku}',
  '{"nested": {"deeper": {"id": data.id}}, "missing": data.nope.nothing}',
  'data.customer',
  'data',
  '"just a string"',
];

const NOT_COMPILED = [
  '{"sum": data.total + 1}', '{"sku": data.items[0].sku}', '$string(data.id)', '{"a": $}',
  '{"a": data.id, "a": data.total}', '{"k": data.constructor}', '{"x": data.id ? 1 : 2}', '{data.status: data.id}', '[data.id]',
];

describe('the transform fast path', () => {
  it('gives what JSONata gives, or declines', async () => {
    let fastRuns = 0;
    for (const text of COMPILED) {
      const fast = compileFastPath(jsonata(text).ast());
      expect(fast, text).not.toBeNull();
      for (const input of INPUTS) {
        const mine = fast!(input);
        if (mine === DECLINE) continue;
        fastRuns++;
        const theirs = await jsonata(text).evaluate(input);
        expect(JSON.stringify(mine), `${text} on ${JSON.stringify(input.data)}`).toBe(JSON.stringify(theirs));
      }
    }
    expect(fastRuns).toBeGreaterThan(40);
  });

  it('declines at run time when a path meets an array', () => {
    const fast = compileFastPath(jsonata('{"items": data.items}').ast())!;
    expect(fast(INPUTS[3])).toBe(DECLINE);
    expect(fast(INPUTS[0])).toEqual({});
  });

  it('does not compile anything but literals, plain paths and object constructors', () => {
    for (const text of NOT_COMPILED) expect(compileFastPath(jsonata(text).ast()), text).toBeNull();
  });
});
