/**
 * WooCommerce's error envelope `{"errors": [{"code": "woocommerce_api_…", "message": "…"}]}` and its
 * status codes: 401 authentication, 404 unknown id or route, 400 invalid data.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, NotFound } from '../../core/errors.ts';
import { logServerError, retryAfterHeader } from '../server-errors.ts';

export class WooError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export const missingWebhookData = (action: string) =>
  new WooError(400, 'woocommerce_api_missing_webhook_data', `No webhook data specified to ${action} webhook`);

/**
 * Which WooCommerce code an invalid core field becomes. A Map: the field may be a name the caller chose
 * (an unknown webhook field), and a plain object would find `constructor` or `toString` in it.
 */
const INVALID_FIELD = new Map<string, [string, string?]>([
  ['topic', ['woocommerce_api_invalid_webhook_topic', 'Webhook topic is required and must be valid.']],
  ['events', ['woocommerce_api_invalid_webhook_topic', 'Webhook topic is required and must be valid.']],
  ['url', ['woocommerce_api_invalid_webhook_delivery_url', 'Webhook delivery URL must be a valid URL starting with http:// or https://']],
  ['delivery_url', ['woocommerce_api_invalid_webhook_delivery_url', 'Webhook delivery URL must be a valid URL starting with http:// or https://']],
  ['status', ['woocommerce_api_invalid_webhook_status']],
  ['secret', ['woocommerce_api_invalid_webhook_secret']],
  ['name', ['woocommerce_api_invalid_webhook_name']],
]);

export function toWooError(error: unknown): WooError {
  if (error instanceof WooError) return error;
  if (error instanceof NotFound) {
    if (error.entity === 'attempt') return new WooError(400, 'woocommerce_api_invalid_webhook_delivery_id', 'Invalid webhook delivery ID');
    if (error.entity === 'route') return new WooError(404, 'woocommerce_api_no_route', 'No route was found matching the URL and request method');
    return new WooError(404, 'woocommerce_api_invalid_webhook_id', 'Invalid webhook ID');
  }
  if (error instanceof DomainError) {
    switch (error.kind) {
      case 'unauthorized':
      case 'forbidden':
        return new WooError(401, 'woocommerce_api_authentication_error', error.message);
      case 'rate_limited':
        return new WooError(429, 'woocommerce_api_too_many_requests', error.message);
      case 'unavailable':
        return new WooError(503, 'woocommerce_api_unavailable', error.message);
      case 'invalid':
      case 'unprocessable':
      case 'conflict':
      case 'too_large': {
        const [code, message] = INVALID_FIELD.get(error.field ?? '') ?? ['woocommerce_api_invalid_webhook_data'];
        return new WooError(400, code, message ?? (error.field ? `${error.field}: ${error.message}` : error.message));
      }
      default:
        break;
    }
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.statusCode === 413) return new WooError(413, 'woocommerce_api_request_too_large', 'The request body is too large');
  if (fastifyError.statusCode !== undefined && fastifyError.statusCode < 500) {
    const invalidJson = /JSON/i.test(fastifyError.message ?? '') || fastifyError.code?.startsWith('FST_ERR_CTP');
    return new WooError(400, invalidJson ? 'woocommerce_api_invalid_json' : 'woocommerce_api_invalid_request', invalidJson ? 'The request body is not valid JSON' : fastifyError.message);
  }
  return new WooError(500, 'woocommerce_api_internal_error', 'An unexpected error occurred; it has been logged');
}

export function sendWooError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const wooError = toWooError(error);
  logServerError(request, error, wooError.status);
  retryAfterHeader(reply, error);
  return reply.status(wooError.status).send({ errors: [{ code: wooError.code, message: wooError.message }] });
}
