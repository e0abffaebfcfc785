/**
 * The built-in event catalog: the topics of the three seed APIs, merged under hookd's dotted names.
 * UP42's `order.status` / `job.status`, WooCommerce's resource × created/updated/deleted/restored,
 * and ShipStream's `resource:event` topics (spelled `resource.event` here; the JSON-RPC face maps them).
 */
import type { EventType } from './model.ts';
import { builtInSchema, titleCase } from './catalog-schemas.ts';
import { OPERATIONAL_EVENT_TYPES } from './operational-events.ts';


/** A small, realistic payload per resource, used as each event type's example and by "test a webhook". */
const EXAMPLES: Record<string, Record<string, unknown>> = {
  order: { id: 42, status: 'processing', currency: 'USD', total: '21.50', customer_id: 7, line_items: [{ sku: 'TSHIRT-M', quantity: 1 }] },
  job: { jobId: '0d1f6b3c-4c1e-4f7a-9a3f-2b1a3e4d5c6b', status: 'SUCCEEDED', workspaceId: 'e0f6a1d2-0000-4000-8000-000000000000' },
  coupon: { id: 11, code: 'summer10', amount: '10.00', discount_type: 'percent' },
  customer: { id: 7, email: 'jane@example.com', first_name: 'Jane', last_name: 'Doe' },
  product: { id: 99, sku: 'TSHIRT-M', name: 'T-shirt, medium', price: '19.00' },
};
const exampleFor = (resource: string, event: string): Record<string, unknown> => ({
  ...(EXAMPLES[resource] ?? { id: 1 }),
  ...(event === 'status' || event === 'status_changed' ? {} : { event }),
});

function entry(name: string, description: string, title?: string): EventType {
  const [resource, event] = name.split('.');
  return {
    name,
    title: title ?? `${titleCase(resource)} ${titleCase(event)}`,
    category: resource,
    description,
    example: exampleFor(resource, event),
    builtIn: true,
    deprecated: false,
    schema: builtInSchema(resource),
  };
}

const UP42 = [
  entry('order.status', 'Sent when an order status is updated (CREATED, BEING_PLACED, PLACED, BEING_FULFILLED, FULFILLED, FAILED_PERMANENTLY, CANCELED, PLACEMENT_FAILED)', 'Order Status Updates'),
  entry('job.status', 'Sent when job/task status is updated', 'Job Status Updates'),
];

const WOOCOMMERCE_EVENTS: Record<string, string[]> = {
  order: ['created', 'updated', 'deleted', 'restored'],
  coupon: ['created', 'updated', 'deleted', 'restored'],
  customer: ['created', 'updated', 'deleted'],
  product: ['created', 'updated', 'deleted', 'restored'],
};

const SHIPSTREAM_EVENTS: Record<string, string[]> = {
  delivery: ['created', 'canceled', 'accepted', 'processed', 'exception', 'putaway', 'committed', 'status_changed'],
  delivery_label: ['created', 'voided'],
  import: ['created', 'completed'],
  inventory: ['adjusted'],
  order: ['created', 'canceled', 'items_updated', 'holded', 'completed', 'shipped', 'delivered', 'address_validation_failed', 'address_changed', 'status_changed', 'shipments_updated', 'shipping_options_changed'],
  product: ['created', 'updated', 'sku_changed', 'deleted'],
  product_media: ['created', 'updated', 'deleted'],
  serial_number: ['created', 'updated', 'checkin', 'checkout'],
  shipment: ['packed', 'shipped', 'delivered', 'reverted', 'labels_voided'],
  package: ['packed', 'manifested', 'shipped', 'delivered'],
  tracker: ['updated', 'delivered', 'exception'],
  manifest: ['sealed', 'loaded'],
};

function build(): EventType[] {
  const byName = new Map<string, EventType>();
  for (const type of UP42) byName.set(type.name, type);
  for (const [resource, events] of Object.entries(WOOCOMMERCE_EVENTS)) {
    for (const event of events) {
      const name = `${resource}.${event}`;
      byName.set(name, entry(name, `Sent when a ${resource.replace('_', ' ')} is ${event}`));
    }
  }
  for (const [resource, events] of Object.entries(SHIPSTREAM_EVENTS)) {
    for (const event of events) {
      const name = `${resource}.${event}`;
      if (!byName.has(name)) byName.set(name, entry(name, `Sent when a ${resource.replace('_', ' ')} is ${event.replace('_', ' ')}`));
    }
  }
  // hookd's own events about endpoints (core/operational-events.ts): built in, subscribed to like any other.
  for (const type of OPERATIONAL_EVENT_TYPES) byName.set(type.name, type);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export const BUILT_IN_EVENT_TYPES: readonly EventType[] = build();

/** The built-in types' payload schemas by name (`event.order.created`), for /openapi.json's components. */
export function builtInSchemaComponents(): Record<string, Record<string, unknown>> {
  const components: Record<string, Record<string, unknown>> = Object.create(null);
  for (const type of BUILT_IN_EVENT_TYPES) {
    if (type.schema) components[`event.${type.name}`] = { ...type.schema, description: `The data of ${type.name} events: ${type.description}`, example: type.example };
  }
  return components;
}
