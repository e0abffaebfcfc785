/**
 * WooCommerce's legacy REST API v2, webhook part (seed 001), under /wc-api/v2. Routes take any method and
 * dispatch on the effective one, because WooCommerce lets `?_method=` and `X-HTTP-Method-Override`
 * replace it (and HEAD is GET). `/webhook/<id>` (singular, as the seed's docs write it) works too.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../../core/hookd.ts';
import { authenticate, lastValues } from './auth.ts';
import { WooError, sendWooError } from './errors.ts';
import {
  countWebhooks, createWebhook, deleteWebhook, editWebhook, listDeliveries, listWebhooks, viewDelivery, viewWebhook, type WooCall,
} from './routes.ts';

export const WOO_PREFIX = '/wc-api/v2';
const ANY = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const noRoute = () => new WooError(404, 'woocommerce_api_no_route', 'No route was found matching the URL and request method');

function effectiveMethod(request: FastifyRequest): string {
  const override = lastValues(request.query)._method ?? request.headers['x-http-method-override'];
  const method = (typeof override === 'string' && override !== '' ? override : request.method).toUpperCase();
  return method === 'HEAD' ? 'GET' : method;
}

type Handler = (call: WooCall, params: Record<string, string>) => Promise<unknown>;

export function wooCommerceApi(core: Core) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.setErrorHandler(sendWooError);
    app.setNotFoundHandler((request, reply) => sendWooError(noRoute(), request, reply));

    // The handler table is a Map: the method may come from the caller's override, and a plain object
    // would find `constructor` or `__proto__` in it.
    const route = (url: string, byMethod: Record<string, Handler>) => {
      const handlers = new Map(Object.entries(byMethod));
      app.route({
        method: [...ANY],
        url,
        schema: { hide: true },
        handler: async (request: FastifyRequest, reply: FastifyReply) => {
          const handler = handlers.get(effectiveMethod(request));
          if (!handler) throw noRoute();
          const { workspace, consumerSecret } = await authenticate(core, request);
          return handler({ core, workspace, consumerSecret, request, reply }, request.params as Record<string, string>);
        },
      });
    };

    route('/webhooks', { GET: (call) => listWebhooks(call), POST: (call) => createWebhook(call) });
    route('/webhooks/count', { GET: (call) => countWebhooks(call) });
    for (const url of ['/webhooks/:id', '/webhook/:id']) {
      const edit: Handler = (call, { id }) => editWebhook(call, id);
      route(url, { GET: (call, { id }) => viewWebhook(call, id), POST: edit, PUT: edit, PATCH: edit, DELETE: (call, { id }) => deleteWebhook(call, id) });
    }
    route('/webhooks/:id/deliveries', { GET: (call, { id }) => listDeliveries(call, id) });
    route('/webhooks/:id/deliveries/:deliveryId', { GET: (call, { id, deliveryId }) => viewDelivery(call, id, deliveryId) });
  };
}
