/**
 * How answers are written (src/api/response-check.ts): always JSON.stringify, whatever the schema says
 * (a schema never drops a field); and with the check on, an answer that does not match its documented
 * schema fails loudly instead of going out.
 */
import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { serializerCompiler } from '../../src/api/response-check.ts';

const schema = Type.Object({ data: Type.Object({ id: Type.String(), at: Type.String({ format: 'date-time' }) }), error: Type.Null() });
const route = { schema, url: '/things/:id', method: 'GET', httpStatus: '200' } as never;

describe('response serialization', () => {
  it('writes what the handler sent, fields the schema does not name included', () => {
    const serialize = serializerCompiler(false)(route);
    const sent = { data: { id: 'a', at: 'not a time', extra: [1, 2] }, error: null };
    expect(serialize(sent)).toBe(JSON.stringify(sent));
  });

  it('with the check on, passes a matching answer unchanged and refuses one that does not match', () => {
    const serialize = serializerCompiler(true)(route);
    const good = { data: { id: 'a', at: '2024-05-01T12:00:00.000Z' }, error: null };
    expect(serialize(good)).toBe(JSON.stringify(good));
    expect(() => serialize({ data: { id: 1, at: '2024-05-01T12:00:00.000Z' }, error: null })).toThrow(/GET \/things\/:id \(200\) does not match its documented schema: .*id/);
    expect(() => serialize({ data: { id: 'a', at: 'yesterday' }, error: null })).toThrow(/format/);
    expect(() => serialize({ data: { id: 'a' }, error: null })).toThrow(/at/);
  });
});
