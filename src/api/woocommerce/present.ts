/**
 * hookd's webhooks and attempts as WooCommerce's legacy API shows them. A WooCommerce "delivery" is one
 * hookd attempt: that translation happens here and nowhere else.
 */
import type { Attempt, Webhook } from '../../core/model.ts';
import { describeTopic } from '../../core/woocommerce-topics.ts';

/** WooCommerce's date format: UTC, seconds, `Z` (2015-01-21T13:19:58Z). */
export const wooDate = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `Webhook created on Jan 17, 2015 @ 11:45 AM` (WordPress's `%b %d, %Y @ %I:%M %p`). */
export function defaultName(ms: number): string {
  const date = new Date(ms);
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const hours = date.getUTCHours() % 12 || 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `Webhook created on ${month} ${pad(date.getUTCDate())}, ${date.getUTCFullYear()} @ ${pad(hours)}:${pad(date.getUTCMinutes())} ${date.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

export function presentWebhook(webhook: Webhook) {
  // A webhook made elsewhere may subscribe to several events; WooCommerce shows one topic per webhook.
  const topic = describeTopic(webhook.events.length === 1 ? webhook.events[0] : webhook.events.join(','));
  return {
    id: webhook.seq,
    name: webhook.name,
    status: webhook.status,
    topic: topic.topic,
    resource: topic.resource,
    event: topic.event,
    hooks: topic.hooks,
    delivery_url: webhook.url,
    created_at: wooDate(webhook.createdAt),
    updated_at: wooDate(webhook.updatedAt),
  };
}

const NUMERIC_HEADERS = new Set(['x-wc-webhook-id', 'x-wc-webhook-delivery-id']);

export function presentDelivery(attempt: Attempt) {
  // Null prototype: header names are not ours, and a `__proto__` one must stay a header.
  const requestHeaders: Record<string, string | number> = Object.create(null);
  for (const [name, value] of Object.entries(attempt.requestHeaders)) {
    requestHeaders[name] = NUMERIC_HEADERS.has(name.toLowerCase()) && /^\d+$/.test(value) ? Number(value) : value;
  }
  const code = attempt.responseCode === null ? 'http_request_failed' : String(attempt.responseCode);
  const message = attempt.responseCode === null ? attempt.error ?? '' : attempt.responseMessage ?? '';
  const body = attempt.responseBody ?? '';
  return {
    id: attempt.seq,
    duration: (attempt.durationMs / 1000).toFixed(5),
    summary: `HTTP ${code} ${message}: ${body}`,
    request_method: 'POST',
    request_url: attempt.requestUrl,
    request_headers: requestHeaders,
    request_body: attempt.requestBody,
    response_code: code,
    response_message: message,
    response_headers: attempt.responseHeaders,
    response_body: body,
    created_at: wooDate(attempt.createdAt),
  };
}

/** `fields=id,name` keeps only those fields, as WooCommerce's legacy API does. */
export function pickFields<T extends Record<string, unknown>>(item: T, fields: string | undefined): Partial<T> {
  if (!fields) return item;
  const wanted = new Set(fields.split(',').map((field) => field.trim()).filter(Boolean));
  return Object.fromEntries(Object.entries(item).filter(([key]) => wanted.has(key))) as Partial<T>;
}
