/**
 * ShipStream's webhook entity ↔ hookd's webhook: `webhook_id` is the integer key, `is_active` is
 * "Yes"/"No" (1/0 and true/false accepted), `topics` are `resource:event` names (a list or a
 * comma-separated string), `extra_headers` are "Header: value" lines (an object is accepted too), and
 * `secret_key` is write-only.
 */
import { Invalid } from '../../core/errors.ts';
import type { Webhook } from '../../core/model.ts';
import { fromColonTopic, toColonTopic } from '../../core/topics.ts';
import { MAX_HEADERS } from '../../core/validation.ts';
import type { WebhookPatch } from '../../core/webhooks.ts';

const FIELDS = new Set(['name', 'url', 'topics', 'is_active', 'extra_headers', 'secret_key']);

export function presentWebhook(webhook: Webhook) {
  return {
    webhook_id: webhook.seq,
    name: webhook.name,
    is_active: webhook.status === 'active' ? 'Yes' : 'No',
    status: webhook.status,
    topics: webhook.events.map(toColonTopic).join(','),
    url: webhook.url,
    extra_headers: Object.entries(webhook.headers).map(([name, value]) => `${name}: ${value}`).join('\n'),
  };
}

export function parseIsActive(value: unknown, field = 'is_active'): boolean {
  if (value === true || value === 1 || (typeof value === 'string' && /^(yes|1|true)$/i.test(value))) return true;
  if (value === false || value === 0 || (typeof value === 'string' && /^(no|0|false)$/i.test(value))) return false;
  throw new Invalid(field, 'must be "Yes" or "No" (1/0 and true/false are accepted too)');
}

function parseTopics(value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list) || list.some((topic) => typeof topic !== 'string')) {
    throw new Invalid('topics', 'must be a list of topics or a comma-separated string, e.g. "order:created,order:shipped"');
  }
  return list.map((topic: string) => fromColonTopic(topic.trim())).filter((topic) => topic !== '');
}

/** `"Header: value"` lines (ShipStream's form) or an object, as the name → value map the core validates. */
function parseHeaders(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined || value === '') return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value !== 'string') throw new Invalid('extra_headers', 'must be "Header: value" lines or an object');
  const lines = value.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length > MAX_HEADERS) throw new Invalid('extra_headers', `at most ${MAX_HEADERS} headers`);
  // Null prototype: a line named `__proto__` is a header like any other, not the object's prototype.
  const headers: Record<string, string> = Object.create(null);
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Invalid('extra_headers', `"${line.slice(0, 100)}" is not a "Header: value" line`);
    const name = line.slice(0, colon).trim();
    if (Object.hasOwn(headers, name)) throw new Invalid(`extra_headers.${name}`, 'is given twice');
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

const text = (value: unknown, field: string): string => {
  if (typeof value !== 'string') throw new Invalid(field, 'must be a string');
  return value;
};

/** The fields a create or update call gives, as the core's patch. */
export function toPatch(data: Record<string, unknown>): WebhookPatch {
  for (const key of Object.keys(data)) if (!FIELDS.has(key)) throw new Invalid(key, `unknown field "${key}"`);
  const patch: WebhookPatch = {};
  if (data.name !== undefined) patch.name = text(data.name, 'name');
  if (data.url !== undefined) patch.url = text(data.url, 'url');
  if (data.topics !== undefined) patch.events = parseTopics(data.topics);
  if (data.is_active !== undefined) patch.status = parseIsActive(data.is_active) ? 'active' : 'paused';
  if (data.extra_headers !== undefined) patch.headers = parseHeaders(data.extra_headers);
  if (data.secret_key !== undefined) patch.secret = text(data.secret_key, 'secret_key');
  return patch;
}
