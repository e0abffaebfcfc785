import { describe, expect, it } from 'vitest';
import { forbiddenHostReason, forbiddenReason } from '../../src/core/addresses.ts';
import { BUILT_IN_EVENT_TYPES } from '../../src/core/catalog.ts';
import { SecretBox } from '../../src/core/crypto.ts';
import { Invalid } from '../../src/core/errors.ts';
import { route } from '../../src/core/events.ts';
import { fromColonTopic, matches, toColonTopic, validateSubscription } from '../../src/core/topics.ts';
import { validateHeaders, validateSecret, validateUrl } from '../../src/core/validation.ts';
import { describeTopic, parseWooTopic } from '../../src/core/woocommerce-topics.ts';
import { parseDuration, parseDurationList } from '../../src/util/duration.ts';

describe('topics', () => {
  it('matches exact names, prefix wildcards and *', () => {
    expect(matches('order.created', 'order.created')).toBe(true);
    expect(matches('order.*', 'order.shipped')).toBe(true);
    expect(matches('order.*', 'orders.shipped')).toBe(false);
    expect(matches('*', 'anything.at_all')).toBe(true);
    expect(matches('order.created', 'order.updated')).toBe(false);
  });

  it('validates subscriptions against the catalog', () => {
    expect(validateSubscription(['order.created', 'order.created', 'job.*'], BUILT_IN_EVENT_TYPES)).toEqual(['order.created', 'job.*']);
    expect(() => validateSubscription([], BUILT_IN_EVENT_TYPES)).toThrow(Invalid);
    expect(() => validateSubscription(['nope.none'], BUILT_IN_EVENT_TYPES)).toThrow(/unknown event/);
    expect(() => validateSubscription(['nothing.*'], BUILT_IN_EVENT_TYPES)).toThrow(/matches no event/);
    expect(validateSubscription(['action.woocommerce_add_to_cart'], BUILT_IN_EVENT_TYPES)).toEqual(['action.woocommerce_add_to_cart']);
  });

  it("spells ShipStream's topics both ways", () => {
    expect(fromColonTopic('order:created')).toBe('order.created');
    expect(fromColonTopic('order:*')).toBe('order.*');
    expect(toColonTopic('delivery_label.voided')).toBe('delivery_label:voided');
  });

  it("parses WooCommerce's topics as WooCommerce does", () => {
    expect(parseWooTopic('Order.Created')).toMatchObject({ topic: 'order.created', resource: 'order', event: 'created' });
    expect(parseWooTopic('action.wc_foo').hooks).toEqual(['wc_foo']);
    for (const bad of ['order.exploded', 'customer.restored', 'action.do_it', 'widget.created', '', 42]) {
      expect(() => parseWooTopic(bad)).toThrow(/topic is required and must be valid/);
    }
    expect(describeTopic('job.status')).toMatchObject({ resource: 'job', event: 'status', hooks: [] });
  });

  it('routes events: active webhooks now, paused ones held (queue) or skipped (drop), others ignored', () => {
    const candidates = [
      { seq: 1, events: ['order.*'], status: 'active' as const, pausedBehavior: 'queue' as const },
      { seq: 2, events: ['order.created'], status: 'paused' as const, pausedBehavior: 'queue' as const },
      { seq: 3, events: ['*'], status: 'paused' as const, pausedBehavior: 'drop' as const },
      { seq: 4, events: ['coupon.created'], status: 'active' as const, pausedBehavior: 'queue' as const },
    ];
    expect(route('order.created', candidates)).toEqual([{ webhookSeq: 1, held: false }, { webhookSeq: 2, held: true }]);
  });
});

describe('validation', () => {
  it('accepts http(s) URLs and refuses the rest', () => {
    expect(validateUrl('https://example.com/hook?x=1', false)).toBe('https://example.com/hook?x=1');
    for (const bad of ['ftp://example.com', 'not a url', 'http://u:p@example.com/', 'http://127.0.0.1/', 'http://metadata.google.internal/']) {
      expect(() => validateUrl(bad, false)).toThrow(Invalid);
    }
    expect(validateUrl('http://127.0.0.1:9000/', true)).toBe('http://127.0.0.1:9000/');
  });

  it('keeps extra headers from replacing hookd\'s own', () => {
    expect(validateHeaders({ 'X-Tenant': 'a' })).toEqual({ 'X-Tenant': 'a' });
    expect(() => validateHeaders({ 'Webhook-Signature': 'x' })).toThrow(/cannot be overridden/);
    expect(() => validateHeaders({ 'X-A': 'a', 'x-a': 'b' })).toThrow(/twice/);
    expect(() => validateHeaders({ 'Bad Name': 'x' })).toThrow(/header name/);
  });

  it('checks secrets', () => {
    expect(validateSecret('QWZTFnMEXhqZKNmu')).toBe('QWZTFnMEXhqZKNmu');
    expect(() => validateSecret('short')).toThrow(Invalid);
    expect(() => validateSecret('whsec_AAAA')).toThrow(/16 to 64 bytes/);
  });
});

describe('addresses', () => {
  it('classifies addresses that are not public unicast', () => {
    expect(forbiddenReason('127.0.0.1')).toBe('loopback');
    expect(forbiddenReason('10.1.2.3')).toBe('private');
    expect(forbiddenReason('169.254.169.254')).toBe('linkLocal');
    expect(forbiddenReason('::ffff:192.168.0.1')).toBe('private');
    expect(forbiddenReason('fd00::1')).toBe('uniqueLocal');
    expect(forbiddenReason('93.184.216.34')).toBeNull();
    expect(forbiddenHostReason('localhost')).toBe('local host name');
    expect(forbiddenHostReason('[::1]')).toBe('loopback');
    expect(forbiddenHostReason('example.com')).toBeNull();
  });
});

describe('SecretBox', () => {
  const box = new SecretBox(Buffer.alloc(32, 7));

  it('round-trips and detects tampering', () => {
    const sealed = box.encrypt('whsec_abc');
    expect(sealed).not.toContain('whsec_abc');
    expect(box.decrypt(sealed)).toBe('whsec_abc');
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.decrypt(parts.join('.'))).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 8)).decrypt(sealed)).toThrow();
  });

  it('parses keys as hex or base64', () => {
    expect(SecretBox.parseKey('ab'.repeat(32))).toHaveLength(32);
    expect(SecretBox.parseKey(Buffer.alloc(32, 1).toString('base64'))).toHaveLength(32);
    expect(() => SecretBox.parseKey('too short')).toThrow(/32 bytes/);
  });
});

describe('durations', () => {
  it('parses single durations and lists', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('5s')).toBe(5000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDurationList('5s, 5m,30m')).toEqual([5000, 300_000, 1_800_000]);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });
});
