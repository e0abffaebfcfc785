import { describe, expect, it } from 'vitest';
import { describeTopic, isActionEvent, parseWooTopic } from '../../src/core/woocommerce-topics.ts';

describe("WooCommerce's topics", () => {
  it('parses them as WooCommerce does, lower-casing first', () => {
    expect(parseWooTopic('Order.Created')).toEqual({
      topic: 'order.created', resource: 'order', event: 'created',
      hooks: ['woocommerce_checkout_order_processed', 'woocommerce_process_shop_order_meta', 'woocommerce_api_create_order'],
    });
    expect(parseWooTopic('customer.deleted').hooks).toEqual(['delete_user']);
    expect(parseWooTopic('action.wc_foo')).toMatchObject({ resource: 'action', event: 'wc_foo', hooks: ['wc_foo'] });
  });

  it('refuses what WooCommerce refuses', () => {
    for (const bad of ['order.exploded', 'customer.restored', 'action.do_it', 'action.woocommerce_', 'widget.created', '', 42, null]) {
      expect(() => parseWooTopic(bad)).toThrow(/topic is required and must be valid/);
    }
  });

  it('describes any event name, and knows the open action families', () => {
    expect(describeTopic('job.status')).toEqual({ topic: 'job.status', resource: 'job', event: 'status', hooks: [] });
    expect(isActionEvent('action.woocommerce_add_to_cart')).toBe(true);
    expect(isActionEvent('action.wc_x')).toBe(true);
    expect(isActionEvent('action.other')).toBe(false);
  });
});

describe("WooCommerce's topics named like Object.prototype's members", () => {
  const names = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

  it('are refused, not a crash', () => {
    for (const name of names) {
      for (const topic of [name, `${name}.created`, `order.${name}`, `${name}.${name}`]) {
        expect(() => parseWooTopic(topic), topic).toThrow(/topic is required and must be valid/);
      }
    }
  });

  it('describe with no hooks', () => {
    for (const name of names) {
      for (const topic of [name, `${name}.created`, `order.${name}`]) expect(describeTopic(topic).hooks, topic).toEqual([]);
    }
  });
});
