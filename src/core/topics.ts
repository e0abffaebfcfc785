/**
 * Event names and subscription patterns. A webhook subscribes to exact names, to `*` (everything),
 * or to a prefix wildcard such as `order.*` (ShipStream's `order:*`).
 *
 * `*` means every event of the application, not hookd's own `hookd.*` operational events: those are
 * opt-in (named, or `hookd.*`), so that a catch-all webhook does not start receiving reports about
 * itself and its neighbours (core/operational-events.ts).
 */
import { Invalid, UnknownEvent } from './errors.ts';
import type { EventType } from './model.ts';
import { isActionEvent } from './woocommerce-topics.ts';
import { isOperationalType } from './operational-events.ts';

export const EVENT_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)+$/;
const MAX_NAME = 100;
/** Event names and patterns one webhook may list, on every face. */
export const MAX_SUBSCRIPTIONS = 200;

export function isWildcard(pattern: string): boolean {
  return pattern === '*' || pattern.endsWith('.*');
}

export function matches(pattern: string, eventType: string): boolean {
  if (pattern === '*') return !isOperationalType(eventType);
  if (pattern.endsWith('.*')) return eventType.startsWith(pattern.slice(0, -1));
  return pattern === eventType;
}

/** Every pattern that `matches` an event name: the name itself, each of its `prefix.*`, and `*`. */
export function patternsMatching(eventType: string): string[] {
  const patterns = isOperationalType(eventType) ? [eventType] : [eventType, '*'];
  for (let dot = eventType.indexOf('.'); dot > 0; dot = eventType.indexOf('.', dot + 1)) patterns.push(`${eventType.slice(0, dot)}.*`);
  return patterns;
}

export function subscribes(patterns: readonly string[], eventType: string): boolean {
  return patterns.some((pattern) => matches(pattern, eventType));
}

export function validateEventName(name: string, field = 'type'): void {
  if (name.length > MAX_NAME || !EVENT_NAME.test(name)) {
    throw new Invalid(field, `"${name}" is not an event name (lower-case words joined by dots, e.g. order.created)`);
  }
}

/** Checks a webhook's subscription list against the workspace's catalog; returns it de-duplicated. */
export function validateSubscription(patterns: readonly string[], catalog: readonly EventType[], field = 'events'): string[] {
  if (patterns.length === 0) throw new Invalid(field, 'subscribe to at least one event (or "*" for all)');
  if (patterns.length > MAX_SUBSCRIPTIONS) throw new Invalid(field, `subscribe to at most ${MAX_SUBSCRIPTIONS} events (use "resource.*" or "*" for more)`);
  const known = new Set(catalog.map((type) => type.name));
  for (const pattern of patterns) {
    if (pattern === '*') continue;
    if (pattern.endsWith('.*')) {
      const prefix = pattern.slice(0, -1);
      if (!catalog.some((type) => type.name.startsWith(prefix))) {
        throw new UnknownEvent(field, pattern, true);
      }
      continue;
    }
    if (!known.has(pattern) && !isActionEvent(pattern)) throw new UnknownEvent(field, pattern);
  }
  return [...new Set(patterns)];
}

/** The catalog event types a subscription covers (what "test a webhook" sends when no event is named). */
export function expandSubscription(patterns: readonly string[], catalog: readonly EventType[]): EventType[] {
  return catalog.filter((type) => subscribes(patterns, type.name));
}

/**
 * ShipStream spells topics `resource:event` (and `resource:*`); hookd spells them `resource.event`.
 * Both the JSON-RPC face and ShipStream-format deliveries use these two functions.
 */
export const fromColonTopic = (topic: string): string => topic.replace(':', '.');
export const toColonTopic = (name: string): string => name.replace('.', ':');
