/**
 * WooCommerce's topic grammar, shared by its API face (validation, `resource`/`event`/`hooks`) and its
 * delivery format (payload shape, X-WC-Webhook-* headers). Topics are `resource.event` for coupon,
 * customer, order and product, or `action.<hook>` for `woocommerce_*` and `wc_*` actions.
 */
import { Invalid } from './errors.ts';

export interface WooTopic {
  topic: string;
  resource: string;
  event: string;
  hooks: string[];
}

// Maps, not plain objects: topics come from callers, and `constructor` or `__proto__` would be found in an object.
export const WOO_RESOURCES: ReadonlyMap<string, readonly string[]> = new Map([
  ['coupon', ['created', 'updated', 'deleted', 'restored']],
  ['customer', ['created', 'updated', 'deleted']],
  ['order', ['created', 'updated', 'deleted', 'restored']],
  ['product', ['created', 'updated', 'deleted', 'restored']],
]);

const HOOKS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  'coupon.created': ['woocommerce_process_shop_coupon_meta', 'woocommerce_api_create_coupon'],
  'coupon.updated': ['woocommerce_process_shop_coupon_meta', 'woocommerce_api_edit_coupon'],
  'coupon.deleted': ['wp_trash_post'],
  'coupon.restored': ['untrashed_post'],
  'customer.created': ['woocommerce_created_customer'],
  'customer.updated': ['profile_update', 'woocommerce_api_edit_customer'],
  'customer.deleted': ['delete_user'],
  'order.created': ['woocommerce_checkout_order_processed', 'woocommerce_process_shop_order_meta', 'woocommerce_api_create_order'],
  'order.updated': ['woocommerce_process_shop_order_meta', 'woocommerce_api_edit_order'],
  'order.deleted': ['wp_trash_post'],
  'order.restored': ['untrashed_post'],
  'product.created': ['woocommerce_process_product_meta', 'woocommerce_api_create_product'],
  'product.updated': ['woocommerce_process_product_meta', 'woocommerce_api_edit_product'],
  'product.deleted': ['wp_trash_post'],
  'product.restored': ['untrashed_post'],
}));

/** Action events (`action.woocommerce_add_to_cart`, `action.wc_…`) form open families: any hook name is an event. */
export const ACTION_PREFIXES = ['action.woocommerce_', 'action.wc_'];
const HOOK_NAME = /^[a-z0-9_]+$/;

export function isActionEvent(name: string): boolean {
  return ACTION_PREFIXES.some((prefix) => name.startsWith(prefix) && name.length > prefix.length && HOOK_NAME.test(name.slice(7)));
}

/** Splits any dotted event name as WooCommerce would show it (non-WooCommerce names included). */
export function describeTopic(name: string): WooTopic {
  const dot = name.indexOf('.');
  const resource = dot < 0 ? name : name.slice(0, dot);
  const event = dot < 0 ? '' : name.slice(dot + 1);
  const hooks = resource === 'action' ? [event] : [...(HOOKS.get(name) ?? [])];
  return { topic: name, resource, event, hooks };
}

/** A topic as WooCommerce accepts it (lower-cased first), or the error WooCommerce gives. */
export function parseWooTopic(input: unknown): WooTopic {
  const topic = typeof input === 'string' ? input.trim().toLowerCase() : '';
  const { resource, event } = describeTopic(topic);
  const valid = resource === 'action' ? isActionEvent(topic) : (WOO_RESOURCES.get(resource)?.includes(event) ?? false);
  if (!valid) throw new Invalid('topic', 'Webhook topic is required and must be valid.');
  return describeTopic(topic);
}
