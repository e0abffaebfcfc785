/**
 * The wire shape of a delivery: body and headers, by the webhook's format. hookd's own format is a
 * Standard Webhooks envelope `{"type", "timestamp", "data"}`; the dialect formats join in later issues.
 */
import type { DeliveryFormat } from '../core/model.ts';
import type { ClaimedDelivery } from '../store/store.ts';
import { standardSignature } from './signing.ts';

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

/** The event's data is kept as JSON text, so the body is assembled without parsing it again. */
function standardRequest(delivery: ClaimedDelivery, context: FormatContext): OutgoingRequest {
  const { event } = delivery;
  const body = `{"type":${JSON.stringify(event.type)},"timestamp":"${new Date(event.createdAt).toISOString()}","data":${event.dataJson}}`;
  const timestamp = Math.floor(context.now / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': context.userAgent,
      ...delivery.webhook.headers,
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': standardSignature(context.secrets, event.id, timestamp, body),
    },
  };
}

export function buildRequest(delivery: ClaimedDelivery, context: FormatContext): OutgoingRequest {
  switch (delivery.webhook.format) {
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
