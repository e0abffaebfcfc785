/**
 * WooCommerce's legacy REST API v2, webhook part (seed 001), under /wc-api/v2. Routes take any method and
 * dispatch on the effective one, because WooCommerce lets `?_method=` and `X-HTTP-Method-Override`
 * replace it (and HEAD is GET); a method a route does not serve gets 405 with `Allow`. `/webhook/<id>`
 * (singular, as the seed's docs write it) works too.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../../core/hookd.ts';
import { authenticate, lastValues } from './auth.ts';
import { WooError, sendWooError } from './errors.ts';
import { pathPattern } from '../route-methods.ts';
import { checkAnswer } from '../response-check.ts';
import { documentedAnswer } from './openapi.ts';
import { WOO_PREFIX } from './prefix.ts';
import { discardBody } from '../unread-body.ts';
import { pathOf } from '../faces.ts';
import {
  countWebhooks, createWebhook, deleteWebhook, editWebhook, listDeliveries, listWebhooks, viewDelivery, viewWebhook, type WooCall,
} from './routes.ts';

export { WOO_PREFIX };
/** No method is longer; a longer override is no method at all (and is not upper-cased). */
const MAX_METHOD_LENGTH = 16;

const noRoute = () => new WooError(404, 'woocommerce_api_no_route', 'No route was found matching the URL and request method');
const methodNotAllowed = () => new WooError(405, 'woocommerce_api_method_not_allowed', 'The route does not take this request method (see the Allow header)');

/** HEAD is GET for WooCommerce; anything too long to be a method reads as an unknown one. */
function normalMethod(method: string): string {
  const upper = method.length > MAX_METHOD_LENGTH ? '?' : method.toUpperCase();
  return upper === 'HEAD' ? 'GET' : upper;
}

/**
 * The method the caller asks for: `?_method=`, else X-HTTP-Method-Override, else the request's own.
 * `signedMethod` is the one an OAuth signature must cover: `_method` is in the signed query, but the
 * header is not signed, so when it changes the method the signature must have been made for the new one.
 */
function effectiveMethod(request: FastifyRequest): { method: string; signedMethod: string } {
  const query = lastValues(request.query)._method;
  if (query) return { method: normalMethod(query), signedMethod: request.method };
  const header = request.headers['x-http-method-override'];
  const own = normalMethod(request.method);
  if (typeof header !== 'string' || header === '') return { method: own, signedMethod: request.method };
  const method = normalMethod(header);
  return { method, signedMethod: method === own ? request.method : header.toUpperCase() };
}

type Handler = (call: WooCall, params: Record<string, string>) => Promise<unknown>;

/** `checkResponses`: check every answer against the face's OpenAPI description (openapi.ts), as in hookd's tests. */
export function wooCommerceApi(core: Core, options: { checkResponses: boolean } = { checkResponses: false }) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.setErrorHandler(sendWooError);
    if (options.checkResponses) {
      app.addHook('onSend', async (request, reply, payload) => {
        const schema = documentedAnswer(request.routeOptions.url?.slice(WOO_PREFIX.length) ?? '', effectiveMethod(request).method, reply.statusCode);
        if (schema && typeof payload === 'string') checkAnswer(schema, JSON.parse(payload), `${request.method} ${request.routeOptions.url ?? request.url} (${reply.statusCode})`);
        return payload;
      });
    }
    // A method Fastify routes cannot take (PROPFIND, MKCOL…) ends here even on a route's path: there it
    // is still 405 with that route's Allow. Any other method here means the path matched no route.
    const allowByPath: Array<{ path: RegExp; allow: string }> = [];
    app.setNotFoundHandler(async (request, reply) => {
      // A body no route reads is received first, so the answer reaches a client still sending it.
      await discardBody(request.raw);
      const path = pathOf(request.url);
      const routable = app.supportedMethods.includes(request.method);
      const known = routable ? undefined : allowByPath.find((entry) => entry.path.test(path));
      if (!known) return sendWooError(noRoute(), request, reply);
      reply.header('Allow', known.allow);
      return sendWooError(methodNotAllowed(), request, reply);
    });

    // Each path takes every method Fastify knows, so that one the path does not serve gets 405 and Allow
    // (not 404). The handler table is a Map: the method may come from the caller's override, and a plain
    // object would find `constructor` or `__proto__` in it.
    const route = (url: string, byMethod: Record<string, Handler>) => {
      const handlers = new Map(Object.entries(byMethod));
      const methods = [...handlers.keys()].flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
      const allow = methods.join(', ');
      allowByPath.push({ path: pathPattern(`${WOO_PREFIX}${url}`), allow });
      app.route({
        method: app.supportedMethods,
        url,
        schema: { hide: true },
        config: { allow: methods },
        handler: async (request: FastifyRequest, reply: FastifyReply) => {
          const { method, signedMethod } = effectiveMethod(request);
          const handler = handlers.get(method);
          if (!handler) {
            reply.header('Allow', allow);
            throw methodNotAllowed();
          }
          const { workspace, consumerSecret } = await authenticate(core, request, signedMethod);
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
