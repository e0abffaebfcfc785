/** Every built-in event type carries a schema that its own example payload satisfies (core/catalog-schemas.ts). */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_EVENT_TYPES, builtInSchemaComponents } from '../../src/core/catalog.ts';
import { checkEventData, validateEventSchema } from '../../src/core/event-schemas.ts';

describe('the built-in catalog\'s schemas', () => {
  it('are valid schemas that every example satisfies', () => {
    expect(BUILT_IN_EVENT_TYPES.length).toBeGreaterThan(50);
    for (const type of BUILT_IN_EVENT_TYPES) {
      expect(type.schema, type.name).not.toBeNull();
      validateEventSchema(type.schema);
      expect(() => checkEventData(JSON.stringify(type.schema), type.example), type.name).not.toThrow();
    }
  });

  it('say what they require and of which type', () => {
    const order = BUILT_IN_EVENT_TYPES.find((type) => type.name === 'order.created')!;
    expect(() => checkEventData(JSON.stringify(order.schema), { status: 'x' })).toThrow(/id/);
    expect(() => checkEventData(JSON.stringify(order.schema), { id: 1, total: true })).toThrow(/total/);
    expect(() => checkEventData(JSON.stringify(order.schema), { id: '42', total: 19.5, extra: true })).not.toThrow();
  });

  it('are named after their types for the OpenAPI document', () => {
    const components = builtInSchemaComponents();
    expect(Object.keys(components)).toHaveLength(BUILT_IN_EVENT_TYPES.length);
    expect(components['event.order.created']).toMatchObject({ type: 'object', required: ['id'] });
  });
});
