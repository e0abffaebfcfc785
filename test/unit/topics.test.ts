import { describe, expect, it } from 'vitest';
import { BUILT_IN_EVENT_TYPES } from '../../src/core/catalog.ts';
import { Invalid } from '../../src/core/errors.ts';
import type { EventType } from '../../src/core/model.ts';
import {
  expandSubscription, fromColonTopic, isWildcard, matches, subscribes, toColonTopic, validateEventName, validateSubscription,
} from '../../src/core/topics.ts';
import { invalidField } from './support.ts';

const type = (name: string): EventType => ({ name, title: name, category: name.split('.')[0], description: '', example: {}, builtIn: false, deprecated: false, schema: null });
const catalog = ['order.created', 'order.updated', 'order.status', 'job.status', 'delivery_label.voided'].map(type);

describe('matches', () => {
  it('matches an exact name only to itself', () => {
    expect(matches('order.created', 'order.created')).toBe(true);
    expect(matches('order.created', 'order.updated')).toBe(false);
    expect(matches('order.created', 'order.created.extra')).toBe(false);
    expect(matches('order.created', 'order')).toBe(false);
  });

  it('matches "*" to everything', () => {
    for (const name of ['order.created', 'job.status', 'anything.at_all', 'action.woocommerce_add_to_cart']) expect(matches('*', name)).toBe(true);
  });

  it('matches "resource.*" to that resource only, on a whole segment', () => {
    expect(matches('order.*', 'order.created')).toBe(true);
    expect(matches('order.*', 'order.status')).toBe(true);
    expect(matches('order.*', 'orders.created')).toBe(false);
    expect(matches('order.*', 'order_note.created')).toBe(false);
    expect(matches('order.*', 'job.status')).toBe(false);
    expect(matches('order.*', 'order')).toBe(false);
    expect(matches('delivery_label.*', 'delivery_label.voided')).toBe(true);
  });

  it('takes no other wildcards', () => {
    expect(matches('order.creat*', 'order.created')).toBe(false);
    expect(matches('*.created', 'order.created')).toBe(false);
  });
});

describe('subscribes', () => {
  it('is true when any pattern matches', () => {
    expect(subscribes(['job.status', 'order.*'], 'order.created')).toBe(true);
    expect(subscribes(['job.status', 'order.*'], 'job.status')).toBe(true);
    expect(subscribes(['job.status', 'order.*'], 'coupon.created')).toBe(false);
    expect(subscribes(['*'], 'coupon.created')).toBe(true);
    expect(subscribes([], 'order.created')).toBe(false);
  });
});

describe('isWildcard', () => {
  it('recognises "*" and "resource.*"', () => {
    expect(isWildcard('*')).toBe(true);
    expect(isWildcard('order.*')).toBe(true);
    expect(isWildcard('order.created')).toBe(false);
  });
});

describe('validateEventName', () => {
  it('accepts lower-case dotted names', () => {
    for (const name of ['order.created', 'delivery_label.voided', 'invoice.paid', 'a.b.c', 'shipment.re-routed', 'x1.y2']) {
      expect(() => validateEventName(name), name).not.toThrow();
    }
  });

  it('refuses anything else, naming the field', () => {
    for (const name of ['order', 'Order.Created', 'order.*', '*', '.created', 'order.', 'order..created', 'order created', '1order.created', 'order:created', `order.${'x'.repeat(100)}`]) {
      expect(invalidField(() => validateEventName(name, 'name')), name).toBe('name');
    }
    expect(invalidField(() => validateEventName('Bad'))).toBe('type');
  });
});

describe('validateSubscription', () => {
  it('accepts names from the catalog, "*" and prefixes that match something, and de-duplicates in order', () => {
    expect(validateSubscription(['order.created'], catalog)).toEqual(['order.created']);
    expect(validateSubscription(['job.status', 'order.*', 'job.status', '*', 'order.*'], catalog)).toEqual(['job.status', 'order.*', '*']);
    expect(validateSubscription(['delivery_label.*'], catalog)).toEqual(['delivery_label.*']);
  });

  it('accepts WooCommerce action events, which are open families outside the catalog', () => {
    expect(validateSubscription(['action.woocommerce_add_to_cart', 'action.wc_custom_hook'], catalog)).toEqual(['action.woocommerce_add_to_cart', 'action.wc_custom_hook']);
  });

  it('refuses an empty list, unknown names and prefixes that match nothing, on the events field', () => {
    expect(invalidField(() => validateSubscription([], catalog))).toBe('events');
    expect(() => validateSubscription(['order.exploded'], catalog)).toThrow(/unknown event "order.exploded"/);
    expect(() => validateSubscription(['order.created', 'nope.none'], catalog)).toThrow(/unknown event "nope.none"/);
    expect(() => validateSubscription(['coupon.*'], catalog)).toThrow(/"coupon.\*" matches no event/);
    expect(() => validateSubscription(['ord.*'], catalog)).toThrow(/matches no event/);
    expect(() => validateSubscription(['action.do_it'], catalog)).toThrow(/unknown event/);
    expect(() => validateSubscription(['Order.Created'], catalog)).toThrow(Invalid);
    expect(invalidField(() => validateSubscription(['nope.none'], catalog, 'topic'))).toBe('topic');
  });

  it('checks against the catalog it is given (a custom type counts once it is in it)', () => {
    expect(() => validateSubscription(['invoice.paid'], catalog)).toThrow(Invalid);
    expect(validateSubscription(['invoice.paid', 'invoice.*'], [...catalog, type('invoice.paid')])).toEqual(['invoice.paid', 'invoice.*']);
  });

  it('knows the built-in catalog', () => {
    for (const name of ['order.status', 'job.status', 'order.created', 'coupon.restored', 'inventory.adjusted', 'order.shipped']) {
      expect(validateSubscription([name], BUILT_IN_EVENT_TYPES)).toEqual([name]);
    }
  });
});

describe('expandSubscription', () => {
  it('lists the catalog types a subscription covers', () => {
    expect(expandSubscription(['order.*'], catalog).map((t) => t.name)).toEqual(['order.created', 'order.updated', 'order.status']);
    expect(expandSubscription(['job.status', 'order.status'], catalog).map((t) => t.name)).toEqual(['order.status', 'job.status']);
    expect(expandSubscription(['*'], catalog)).toHaveLength(catalog.length);
    expect(expandSubscription(['nope.none'], catalog)).toEqual([]);
  });
});

describe('colon topics', () => {
  it("convert ShipStream's resource:event to resource.event and back", () => {
    expect(fromColonTopic('order:created')).toBe('order.created');
    expect(fromColonTopic('order:*')).toBe('order.*');
    expect(toColonTopic('delivery_label.voided')).toBe('delivery_label:voided');
    expect(toColonTopic('order.*')).toBe('order:*');
    for (const name of ['order.created', 'delivery_label.voided']) expect(fromColonTopic(toColonTopic(name))).toBe(name);
  });
});
