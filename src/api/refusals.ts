/**
 * What is refused before a face's own routes run, answered in the shape of the face the path belongs to:
 * no route for the path (404), a method the path does not take (405 with Allow, CONNECT included), an
 * error before a face's handler (a body no route can parse), an `Expect` hookd cannot meet (417), an
 * HTTP/1.1 request without Host (400).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { faceOf, httpStatus, pathOf, refusalBody, type Face } from './faces.ts';
import { sendNativeError } from './native/envelope.ts';
import { writeRefusal } from './protocol-errors.ts';
import { discardBody } from './unread-body.ts';
import { RouteMethods } from './route-methods.ts';
import { sendWooError } from './woocommerce/errors.ts';

/** Node keeps this many headers of a request and drops the rest (http.Server's maxHeadersCount, 2000, counts names and values). */
const NODE_MAX_HEADERS = 1000;

/** Answers `error` in the shape of the face the request's path belongs to. */
export function answerInFace(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const face = faceOf(request.url);
  if (face === 'woocommerce') return sendWooError(error, request, reply);
  if (face === 'native') return sendNativeError(error, request, reply);
  const status = (error as { statusCode?: number }).statusCode ?? 500;
  if (status >= 500) request.log.error({ err: error }, 'unhandled error');
  return refuse(face, request, reply, status < 500 ? status : 400, (error as Error).message);
}

/** Answers `status` with `message` in the shape of `face`. */
function refuse(face: Face, request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.status(httpStatus(face, status, request.method)).type('application/json; charset=utf-8').send(refusalBody(face, status, message));
}

/** Sets up the answers above on `app`; `routes` learns every route's methods as they are added. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any logger and type provider: only hooks and handlers are set
export function registerRefusals(app: FastifyInstance<any, any, any, any, any>, routes: RouteMethods): void {
  // A route that takes every method to answer some itself (WooCommerce's) names the ones it serves in `config.allow`.
  app.addHook('onRoute', (route) => routes.add(route.url, route.config?.allow ?? route.method));
  // hookd is no proxy: CONNECT gets 405 (Node drops the connection when nobody listens for it).
  app.server.on('connect', (request: IncomingMessage, socket: Duplex) => writeRefusal(socket, 405, request.url ?? '', request.method, routes.allowed(request.url ?? '')));
  app.setNotFoundHandler(async (request, reply) => {
    const path = pathOf(request.url);
    const allow = routes.allowed(path);
    // A body no route reads is received first, so the answer reaches a client still sending it.
    await discardBody(request.raw);
    if (allow.length === 0) return refuse(faceOf(path), request, reply, 404, `no route ${request.method} ${path}`);
    reply.header('allow', allow.join(', '));
    return refuse(faceOf(path), request, reply, 405, `${request.method} is not allowed on ${path}: it takes ${allow.join(', ')}`);
  });
  // Node reads the first 1000 headers and drops the rest without a word: a Content-Length or Content-Type
  // among them would be lost, and the body with it (a request would run as if it had none). Refused instead.
  // HTTP/1.1 requires Host (RFC 9112 3.2).
  // A callback hook, not an async one: it runs on every request, publishes included.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.raw.rawHeaders.length >= 2 * NODE_MAX_HEADERS) {
      request.raw.resume();
      return refuse(faceOf(request.url), request, reply, 431, `the request has ${NODE_MAX_HEADERS} headers or more; hookd reads at most ${NODE_MAX_HEADERS - 1}`);
    }
    if (request.raw.httpVersion !== '1.1' || request.headers.host !== undefined) return done();
    refuse(faceOf(request.url), request, reply, 400, 'the request has no Host header, which HTTP/1.1 requires');
  });
  // Each face sets its own error handler; this one answers what fails outside them.
  app.setErrorHandler(answerInFace);
  // `Expect: <anything but 100-continue>`: Node answers 417 itself, with no body; here it has one, and
  // reaches a client still uploading (answered at once, a large upload failed with EPIPE instead).
  app.server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const face = faceOf(request.url ?? '/');
    const body = refusalBody(face, 417, `hookd does not meet the expectation "${String(request.headers.expect).slice(0, 100)}"`);
    void discardBody(request).then(() => {
      response.writeHead(httpStatus(face, 417, request.method), { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
      response.end(body);
    });
  });
}
