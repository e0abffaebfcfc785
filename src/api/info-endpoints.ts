/**
 * The operator's endpoints beside the APIs: Prometheus metrics, the OpenAPI document (and the JSON-RPC
 * face's OpenRPC document) and the API reference at /docs (Swagger UI, served from hookd itself: no CDN). Each can be left out
 * (HOOKD_INFO_ENDPOINTS), and all of them put behind a token (HOOKD_METRICS_TOKEN): a scraper sends it as
 * a bearer token, a browser as the password of basic auth (which it asks for).
 */
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sha256Hex, safeEqual } from '../core/crypto.ts';
import { Unauthorized } from '../core/errors.ts';
import { DOCS_INTRODUCTION } from './docs-introduction.ts';
import { basicCredentials } from './basic-auth.ts';
import { bearerToken } from './native/context.ts';
import { openRpcDocument } from './jsonrpc/openrpc.ts';
import type { InfoEndpoint } from '../config.ts';


export interface InfoOptions {
  /** Which of them this server answers; the others are 404. */
  endpoints: ReadonlySet<InfoEndpoint>;
  /** When set, each of them needs it. */
  token: string | undefined;
  metrics: { contentType: string; text(): Promise<string> };
}

/** The token from `Authorization: Bearer <token>` or `Authorization: Basic <base64 of any-user:token>`. */
function presentedToken(request: FastifyRequest): string | undefined {
  return bearerToken(request) ?? basicCredentials(request.headers.authorization)?.[1];
}

function guard(token: string | undefined) {
  if (token === undefined) return async () => undefined;
  const expected = sha256Hex(token);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const presented = presentedToken(request);
    if (presented !== undefined && safeEqual(sha256Hex(presented), expected)) return;
    reply.header('www-authenticate', 'Basic realm="hookd", charset="UTF-8"');
    throw new Unauthorized('send the metrics token (HOOKD_METRICS_TOKEN) as a bearer token, or as the password of basic auth');
  };
}

/** The scheme and host the caller used, if they make a URL (Host is the caller's to send). */
function originOf(request: FastifyRequest): string {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return 'http://localhost:8080';
  }
}

export function infoEndpoints(options: InfoOptions) {
  return async function register(app: FastifyInstance): Promise<void> {
    // On every route of this plugin, Swagger UI's static files included.
    app.addHook('onRequest', guard(options.token));
    if (options.endpoints.has('metrics')) {
      app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
        reply.header('content-type', options.metrics.contentType).send(await options.metrics.text()));
    }
    if (options.endpoints.has('openapi')) {
      app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      // The JSON-RPC face, which OpenAPI cannot describe.
      app.get('/openrpc.json', { schema: { hide: true } }, async (request) => openRpcDocument(originOf(request)));
    }
    if (options.endpoints.has('docs')) {
      await app.register(swaggerUi, {
        routePrefix: '/docs',
        // No call to swagger.io's validator, nor anything else off this server.
        uiConfig: { validatorUrl: null, docExpansion: 'list', deepLinking: true },
        transformSpecification: (document) => ({ ...document, info: { ...(document as { info: object }).info, description: DOCS_INTRODUCTION } }),
      });
    }
  };
}
