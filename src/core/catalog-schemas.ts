/**
 * JSON Schemas of the built-in catalog's payloads, one per resource of the seed APIs: the fields their
 * examples carry and that the seed systems send, with their types. They document what a receiver of an
 * `order.*` event can count on, in the catalog answer and in /openapi.json's components.
 *
 * They stay open (extra fields allowed, nothing required but the id) and are not enforced at publish:
 * every application publishing `order.created` has its own order, and a workspace that wants its data
 * checked declares its own event type with its own schema (core/event-schemas.ts).
 *
 * Written in the subset that JSON Schema 2020-12 and OpenAPI 3.0 share (no type arrays), so the same
 * object serves the catalog and the OpenAPI document.
 */
type Schema = Record<string, unknown>;

/** `serial_number` → `Serial Number`: the catalog's titles. */
export const titleCase = (text: string): string => text.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');

const idOrString = { anyOf: [{ type: 'integer' }, { type: 'string' }] };
const money = { anyOf: [{ type: 'string' }, { type: 'number' }], description: 'an amount, as WooCommerce sends it (a decimal string) or a number' };

const object = (title: string, properties: Record<string, unknown>, required: string[] = []): Schema => ({
  type: 'object',
  title,
  properties,
  ...(required.length > 0 ? { required } : {}),
  additionalProperties: true,
});

const RESOURCE_SCHEMAS: ReadonlyMap<string, Schema> = new Map([
  ['order', object('Order', {
    id: idOrString,
    status: { type: 'string' },
    currency: { type: 'string', minLength: 3, maxLength: 3 },
    total: money,
    customer_id: idOrString,
    line_items: { type: 'array', items: object('Line item', { sku: { type: 'string' }, quantity: { type: 'number' } }) },
    event: { type: 'string', description: 'what happened to the order (created, updated, …)' },
  }, ['id'])],
  ['job', object('Job', {
    jobId: { type: 'string', format: 'uuid' },
    status: { type: 'string' },
    workspaceId: { type: 'string', format: 'uuid' },
  }, ['jobId', 'status'])],
  ['coupon', object('Coupon', { id: idOrString, code: { type: 'string' }, amount: money, discount_type: { type: 'string' }, event: { type: 'string' } }, ['id'])],
  ['customer', object('Customer', { id: idOrString, email: { type: 'string' }, first_name: { type: 'string' }, last_name: { type: 'string' }, event: { type: 'string' } }, ['id'])],
  ['product', object('Product', { id: idOrString, sku: { type: 'string' }, name: { type: 'string' }, price: money, event: { type: 'string' } }, ['id'])],
]);

/** ShipStream's other resources: an object with an id. */
const generic = (resource: string): Schema => object(titleCase(resource), { id: idOrString, event: { type: 'string' } }, ['id']);

export function builtInSchema(resource: string): Schema {
  return structuredClone(RESOURCE_SCHEMAS.get(resource) ?? generic(resource));
}
