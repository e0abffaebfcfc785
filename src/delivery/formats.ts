/**
 * The wire shape of a delivery: body and headers, by the webhook's format. hookd's own format is a
 * Standard Webhooks envelope `{"type", "timestamp", "data"}`; ShipStream's and WooCommerce's shapes are
 * the formats of webhooks made through those faces.
 */
import type { DeliveryFormat } from '../core/model.ts';
import type { ClaimedDelivery } from '../store/store.ts';
import { toColonTopic } from '../core/topics.ts';
import { bodySignature, standardSignature } from './signing.ts';

export interface OutgoingRequest {
  body: string;
  headers: Record<string, string>;
}

export interface FormatContext {
  /** The secrets signing right now: the current one, plus the previous one during a rotation. */
  secrets: string[];
  now: number;
  userAgent: string;
}

/** hookd's headers on every format: content type, user agent, the webhook's extras, Standard Webhooks signature. */
function standardHeaders(delivery: ClaimedDelivery, context: FormatContext, body: string): Record<string, string> {
  const timestamp = Math.floor(context.now / 1000);
  const messageId = delivery.event.id;
  return {
    'content-type': 'application/json',
    'user-agent': context.userAgent,
    ...delivery.webhook.headers,
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': standardSignature(context.secrets, messageId, timestamp, body),
  };
}

/** The event's data is kept as JSON text, so bodies are assembled without parsing it again. */
function standardRequest(delivery: ClaimedDelivery, context: FormatContext): OutgoingRequest {
  const { event } = delivery;
  const body = `{"type":${JSON.stringify(event.type)},"timestamp":"${new Date(event.createdAt).toISOString()}","data":${event.dataJson}}`;
  return { body, headers: standardHeaders(delivery, context, body) };
}

/**
 * ShipStream's shape: `{"topic": "order:created", "message": {…}, "event_timestamp": <unix seconds>}`, signed
 * in `X-Plugin-Hmac-Sha256` (base64 HMAC-SHA256 of the body with the current secret), plus Standard Webhooks.
 */
function shipstreamRequest(delivery: ClaimedDelivery, context: FormatContext): OutgoingRequest {
  const { event } = delivery;
  const body = `{"topic":${JSON.stringify(toColonTopic(event.type))},"message":${event.dataJson},"event_timestamp":${Math.floor(event.createdAt / 1000)}}`;
  return {
    body,
    headers: { ...standardHeaders(delivery, context, body), 'x-plugin-hmac-sha256': bodySignature(context.secrets[0], body) },
  };
}

export function buildRequest(delivery: ClaimedDelivery, context: FormatContext): OutgoingRequest {
  switch (delivery.webhook.format) {
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
  return statusCode >= 200 && statusCode < 300;
}
