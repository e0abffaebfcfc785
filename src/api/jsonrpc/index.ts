/**
 * ShipStream's Merchant API, webhook part (seed 000): JSON-RPC 2.0 at POST /api/jsonrpc (and /jsonrpc).
 * `login(user, key)` → session id; `call(session, "webhook.<method>", [args])`; `endSession(session)`.
 * A null session with HTTP Basic auth (consumer key:secret) works too.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { JSONRPCServer } from 'json-rpc-2.0';
import type { Principal } from '../../core/auth.ts';
import type { Core } from '../../core/hookd.ts';
import { basicCredentials } from '../basic-auth.ts';
import { PROTOCOL, SHIPSTREAM, invalidParams, shipstreamError, toJsonRpcError } from './errors.ts';
import { RESOURCE_METHODS } from './methods.ts';
import { handleBody } from './protocol.ts';

interface CallContext {
  authorization: string | undefined;
  /** The caller's address, for counting failed authentications. */
  client: string;
}

export const JSONRPC_PATHS = ['/api/jsonrpc', '/jsonrpc'];

function buildServer(core: Core, log: FastifyInstance['log']): JSONRPCServer<CallContext> {
  const server = new JSONRPCServer<CallContext>({ errorListener: () => undefined });
  server.mapErrorToJSONRPCErrorResponse = (id, error) => {
    const mapped = toJsonRpcError(error);
    if (!mapped) log.error({ err: error }, 'JSON-RPC method failed');
    const failure = mapped ?? { code: PROTOCOL.internalError, message: 'Internal error', data: undefined };
    return { jsonrpc: '2.0', id, error: { code: failure.code, message: failure.message, ...(failure.data === undefined ? {} : { data: failure.data }) } };
  };

  const strings = (params: unknown, count: number, names: string): string[] => {
    if (!Array.isArray(params) || params.length < count || params.slice(0, count).some((p) => typeof p !== 'string')) {
      throw invalidParams(`expected [${names}]`);
    }
    return params as string[];
  };

  server.addMethod('login', async (params, context) => {
    const [user, key] = strings(params, 2, 'api user, api key');
    return core.sessions.login(user, key, context.client);
  });

  server.addMethod('endSession', async (params) => {
    const [session] = strings(params, 1, 'session id');
    return core.sessions.end(session);
  });

  server.addMethod('call', async (params, context) => {
    if (!Array.isArray(params) || params.length < 2) throw invalidParams('expected [session id, "resource.method", [arguments]]');
    const [session, path, args = []] = params as [unknown, unknown, unknown];
    if (session !== null && typeof session !== 'string') throw invalidParams('the session id must be a string or null');
    if (typeof path !== 'string') throw invalidParams('the api path must be a string such as "webhook.list"');
    if (!Array.isArray(args)) throw invalidParams('the arguments must be an array');
    const principal = await authenticate(core, session, context);
    if (principal.kind !== 'workspace') throw shipstreamError(SHIPSTREAM.accessDenied);
    const method = RESOURCE_METHODS.get(path);
    if (!method) throw shipstreamError(SHIPSTREAM.invalidApiPath, `Unknown path "${path}".`);
    return method(core, principal.workspace, args);
  });
  return server;
}

async function authenticate(core: Core, session: string | null, context: CallContext): Promise<Principal> {
  // Each way in checks and counts the caller's failed attempts (core/auth.ts).
  if (session !== null) return core.sessions.resolve(session, context.client);
  const credentials = basicCredentials(context.authorization);
  if (!credentials) throw core.auth.failed(context.client, undefined, shipstreamError(SHIPSTREAM.accessDenied, 'Log in first, or send HTTP Basic auth with a null session.'));
  return (await core.auth.consumerPair(credentials[0], credentials[1], context.client)).principal;
}

export function jsonRpcApi(core: Core) {
  return async function register(app: FastifyInstance): Promise<void> {
    const server = buildServer(core, app.log);
    // The body is read as text: a parse error must become a JSON-RPC error, not an HTTP 400.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) request.log.error({ err: error }, 'JSON-RPC transport error');
      const code = status < 500 ? PROTOCOL.invalidRequest : PROTOCOL.internalError;
      return reply.status(200).header('content-type', 'application/json')
        .send(`{"jsonrpc":"2.0","id":null,"error":{"code":${code},"message":${JSON.stringify(status === 413 ? 'Request too large' : 'Invalid Request')}}}`);
    });
    const handler = async (request: FastifyRequest, reply: import('fastify').FastifyReply) => {
      const body = typeof request.body === 'string' ? request.body : '';
      const answer = await handleBody(server, body, { authorization: request.headers.authorization, client: request.ip });
      if (answer === null) return reply.status(204).send();
      return reply.status(200).header('content-type', 'application/json').send(answer);
    };
    for (const path of JSONRPC_PATHS) app.post(path, { schema: { hide: true } }, handler);
  };
}
