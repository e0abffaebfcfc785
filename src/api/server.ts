/**
 * The HTTP server: Fastify with strict schema validation, health, the operator's endpoints (metrics,
 * OpenAPI, /docs), and each API face mounted as its own plugin with its own error format.
 */
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController } from 'fastify';
import type { Logger } from 'pino';
import type { Core } from '../core/hookd.ts';
import { VERSION } from '../version.ts';
import { jsonRpcApi } from './jsonrpc/index.ts';
import { nativeApi } from './native/index.ts';
import { WOO_PREFIX, wooCommerceApi } from './woocommerce/index.ts';
import { WOO_SECURITY_SCHEMES, wooCommercePaths } from './woocommerce/openapi.ts';
import { validatorCompiler } from './validation.ts';
import { BODY_LIMIT } from './unread-body.ts';
import { serializerCompiler } from './response-check.ts';
import { RouteMethods } from './route-methods.ts';
import { refuseUnparsed } from './protocol-errors.ts';
import { answerInFace, registerRefusals } from './refusals.ts';
import { infoEndpoints, type InfoOptions } from './info-endpoints.ts';
import { ListenHub } from './listen/hub.ts';
import { listenRelay } from './listen/routes.ts';
import { webUi } from './ui/index.ts';
import { builtInSchemaComponents } from '../core/catalog.ts';


export interface ServerOptions {
  logger: Logger;
  /** The exposition text of GET /metrics (this process's metrics, from every thread). */
  metrics: { contentType: string; text(): Promise<string> };
  /** What is wrong, by part (the dispatcher, the store), or nothing: /healthz answers 503 naming it. */
  health: () => Promise<Record<string, string | null>>;
  http: { requestTimeoutMs: number; connectionTimeoutMs: number; trustProxy: boolean };
  info: Omit<InfoOptions, 'metrics'>;
  /** Check every answer against its documented schema (hookd's own tests). */
  checkResponses: boolean;
  /** `hookd listen`: how long a session outlives its connection; how long the relay waits for the CLI. */
  listen: { graceMs: number; answerTimeoutMs: number };
  /** The base of the links hookd hands out (portal links); unset: the host a request came to. */
  publicUrl: string | undefined;
}

export async function buildServer(core: Core, options: ServerOptions) {
  const routes = new RouteMethods();
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: BODY_LIMIT,
    // A client trickling its request (slowloris) is cut off with 408 once the request timeout passes;
    // Node looks for such requests every connectionsCheckingInterval (30 s by default: too coarse).
    requestTimeout: options.http.requestTimeoutMs,
    connectionTimeout: options.http.connectionTimeoutMs,
    // Node answers an HTTP/1.1 request without Host with an empty 400 no hook sees: refusals.ts answers it
    // in the face's shape instead.
    http: { headersTimeout: options.http.requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, options.http.requestTimeoutMs), requireHostHeader: false },
    trustProxy: options.http.trustProxy,
    // Per-request log lines cost more than a delivery on the hot path; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Errors the router raises before any route is chosen (a path segment over 100 characters, bad
    // percent-encoding) are answered in the envelope of the face the path belongs to, like any other error.
    frameworkErrors: answerInFace,
    // What Node's HTTP parser refuses never reaches a route: answered here, in the face's own shape.
    clientErrorHandler: (error, socket) => refuseUnparsed(error as unknown as Parameters<typeof refuseUnparsed>[0], socket, routes),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler(options.checkResponses));
  registerRefusals(app, routes);

  // A POST with no body at all means "no options" (e.g. run every test); schemas then check it as {}.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'DELETE' && request.method !== 'HEAD') {
      request.body = {};
    }
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'hookd', version: VERSION, description: "hookd's native webhook API (UP42's shape, extended), and WooCommerce's legacy v2 webhooks under /wc-api/v2" },
      // The built-in event types' payloads, so generated clients of receivers get their types too.
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, ...WOO_SECURITY_SCHEMES }, schemas: { ...builtInSchemaComponents() } },
      security: [{ bearer: [] }],
    },
    // The WooCommerce face's routes take every method (woocommerce/index.ts): described by hand.
    transformObject: (documents) => {
      const document = 'openapiObject' in documents ? documents.openapiObject : documents.swaggerObject;
      return { ...document, paths: { ...document.paths, ...wooCommercePaths() } } as typeof document;
    },
  });

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    const problems = Object.fromEntries(Object.entries(await options.health()).filter(([, problem]) => problem !== null));
    const healthy = Object.keys(problems).length === 0;
    return reply.status(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'unavailable', version: VERSION, ...(healthy ? {} : { problems }) });
  });
  await app.register(infoEndpoints({ ...options.info, metrics: options.metrics }));

  const hub = new ListenHub(core, { ...options.listen, log: options.logger });
  // Its event streams never go idle: ended before the server waits for its connections to close.
  app.addHook('preClose', async () => hub.close());
  await app.register(nativeApi(core, { hub, graceMs: options.listen.graceMs }, { publicUrl: options.publicUrl }));
  await app.register(listenRelay(hub));
  await app.register(webUi(core));
  await app.register(jsonRpcApi(core));
  await app.register(wooCommerceApi(core, { checkResponses: options.checkResponses }), { prefix: WOO_PREFIX });
  return app;
}
