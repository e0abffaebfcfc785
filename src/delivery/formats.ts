/**
 * The wire shape of a delivery: body and headers, by the webhook's format. hookd's own format is a
 * Standard Webhooks envelope `{"type", "timestamp", "data"}`; ShipStream's and WooCommerce's shapes are
 * the formats of webhooks made through those faces.
 */
import type { DeliveryFormat } from '../core/model.ts';
import type { ClaimedDelivery } from '../core/ports/store.ts';
import { toColonTopic } from '../core/topics.ts';
import { describeTopic, type WooTopic } from '../core/woocommerce-topics.ts';
import { bodySignature, signingKeyIds, standardSignature } from './signing.ts';

export interface OutgoingRequest {
  body: string;
  headers: Record<string, string>;
}

export interface FormatSettings {
  userAgent: string;
  woocommerce: { userAgent: string; source: string };
}

export interface FormatContext extends FormatSettings {
  /** The secrets signing right now: the current one, plus the previous one during a rotation (HMAC secrets or `whsk_` keys). */
  secrets: string[];
  /** The webhook's extra headers, opened (with its transform's). */
  headers: Record<string, string>;
  now: number;
  /** The body its transform made, sent (and signed) instead of the format's; null: the format's. */
  body: string | null;
}

/**
 * hookd's headers on every format: content type, user agent, the webhook's extras, Standard Webhooks
 * signature, and the ids of its Ed25519 keys (when one signs) for receivers that look them up in the JWKS.
 */
function standardHeaders(delivery: ClaimedDelivery, context: FormatContext, body: string): Record<string, string> {
  const timestamp = Math.floor(context.now / 1000);
  const messageId = delivery.event.id;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': context.userAgent,
    ...context.headers,
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': standardSignature(context.secrets, messageId, timestamp, body),
  };
  const keyIds = signingKeyIds(context.secrets);
  if (keyIds !== null) headers['webhook-key-id'] = keyIds;
  return headers;
}

/** The event's data is kept as JSON text, so bodies are assembled without parsing it again. */
function standardRequest(delivery: ClaimedDelivery, context: FormatContext): OutgoingRequest {
  const { event } = delivery;
  const body = context.body ?? `{"type":${JSON.stringify(event.type)},"timestamp":"${new Date(event.createdAt).toISOString()}","data":${event.dataJson}}`;
  return { body, headers: standardHeaders(delivery, context, body) };
}

/**
 * ShipStream's shape: `{"topic": "order:created", "message": {…}, "event_timestamp": <unix seconds>}`, signed
 * in `X-Plugin-Hmac-Sha256` (base64 HMAC-SHA256 of the body with the current secret), plus Standard Webhooks.
 */
function shipstreamRequest(delivery: ClaimedDelivery, context: FormatContext): OutgoingRequest {
  const { event } = delivery;
  const body = context.body ?? `{"topic":${JSON.stringify(toColonTopic(event.type))},"message":${event.dataJson},"event_timestamp":${Math.floor(event.createdAt / 1000)}}`;
  return {
    body,
    headers: Object.assign(standardHeaders(delivery, context, body), { 'x-plugin-hmac-sha256': bodySignature(context.secrets[0], body) }),
  };
}

/**
 * WooCommerce's legacy shape (class-wc-webhook.php): `{"order": {…}}` for resource topics, `{"id": …}` for
 * deleted, `{"action": …, "arg": …}` for action topics; X-WC-Webhook-* headers, the signature being
 * base64(HMAC-SHA256(body, secret)). X-WC-Webhook-Delivery-ID is hookd's delivery id, the same on every
 * retry, so receivers can de-duplicate. The Standard Webhooks headers come along too.
 */
function woocommerceRequest(delivery: ClaimedDelivery, context: FormatContext): OutgoingRequest {
  const { event, webhook } = delivery;
  const topic = describeTopic(event.type);
  const body = context.body ?? woocommercePayload(topic, event.dataJson);
  // WooCommerce's own spelling of these two replaces hookd's.
  const { 'content-type': _type, 'user-agent': _agent, ...standard } = standardHeaders(delivery, context, body);
  return {
    body,
    headers: {
      ...standard,
      'User-Agent': context.woocommerce.userAgent,
      'Content-Type': 'application/json',
      'X-WC-Webhook-Source': context.woocommerce.source,
      'X-WC-Webhook-Topic': topic.topic,
      'X-WC-Webhook-Resource': topic.resource,
      'X-WC-Webhook-Event': topic.event,
      'X-WC-Webhook-Signature': bodySignature(context.secrets[0], body),
      'X-WC-Webhook-ID': String(webhook.seq),
      'X-WC-Webhook-Delivery-ID': String(delivery.seq),
    },
  };
}

function woocommercePayload(topic: WooTopic, dataJson: string): string {
  if (topic.resource === 'action') {
    const data = JSON.parse(dataJson) as Record<string, unknown>;
    return JSON.stringify({ action: topic.event, arg: 'arg' in data ? data.arg : data });
  }
  if (topic.event === 'deleted') return JSON.stringify({ id: (JSON.parse(dataJson) as { id?: unknown }).id ?? null });
  return `{${JSON.stringify(topic.resource)}:${dataJson}}`;
}

/** WooCommerce's ping when a webhook is created: `webhook_id=<id>`, form-encoded, unsigned. */
export function woocommercePing(webhookSeq: number, settings: FormatSettings): OutgoingRequest {
  return {
    body: `webhook_id=${webhookSeq}`,
    headers: { 'User-Agent': settings.woocommerce.userAgent, 'Content-Type': 'application/x-www-form-urlencoded' },
  };
}

export function buildRequest(delivery: ClaimedDelivery, context: FormatContext): OutgoingRequest {
  switch (delivery.webhook.format) {
    case 'woocommerce':
      return woocommerceRequest(delivery, context);
    case 'shipstream':
      return shipstreamRequest(delivery, context);
    case 'standard':
    default:
      return standardRequest(delivery, context);
  }
}

/** What counts as delivered. */
export function isSuccess(format: DeliveryFormat, statusCode: number | null): boolean {
  if (statusCode === null) return false;
  // WooCommerce counts its own redirects as delivered (they are still not followed).
  if (format === 'woocommerce' && (statusCode === 301 || statusCode === 302)) return true;
  return statusCode >= 200 && statusCode < 300;
}
