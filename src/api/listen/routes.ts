/**
 * `hookd listen` over the native API: open a session (a temporary webhook), hold its event stream, post
 * back what the local endpoint answered, end it. And the relay: where the session's webhook delivers,
 * on hookd's own port, handing each delivery to the session's stream (hub.ts).
 */
import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Core } from '../../core/hookd.ts';
import { NotFound } from '../../core/errors.ts';
import type { NativeAccess, NativeApp } from '../native/context.ts';
import { ok } from '../native/envelope.ts';
import { answers, noContent } from '../native/response-schemas.ts';
import type { ListenHub } from './hub.ts';

const strict = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 100 });
const SessionParams = Type.Object({ ws: Id, session: Id }, strict);
const OpenSession = Type.Object({
  events: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 200, description: 'what to forward (default: every event)' })),
}, strict);
const Answer = Type.Object({
  requestId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  status: Type.Optional(Type.Integer({ minimum: 200, maximum: 599, description: 'the local endpoint\'s status (an interim 1xx is not an answer)' })),
  body: Type.Optional(Type.String({ maxLength: 65_536 })),
  headers: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 1000 }), { maxProperties: 50 })),
  error: Type.Optional(Type.String({ maxLength: 1000, description: 'why the local endpoint could not be reached' })),
}, strict);
const SessionView = Type.Object({
  sessionId: Type.String(),
  webhookId: Type.String(),
  events: Type.Array(Type.String()),
  secret: Type.String({ description: 'the temporary webhook\'s signing secret: your local endpoint verifies with it' }),
  expiresAfterMs: Type.Integer({ description: 'how long the session lives without its stream connected' }),
}, { title: 'ListenSession', examples: [{ sessionId: 'nZkTXYuSE7Ewndmj1_wjTtBDiATruyCi', webhookId: '01a236c1-ff20-7101-94fd-4e52c24fcdd1', events: ['order.*'], secret: 'whsec_5ElO2EHeKB1aNfIUcetdwFViYi+5zC9QxkPxdGAXnBA=', expiresAfterMs: 60000 }] });

/** Where this process can be reached by hookd's dispatchers: its own address (loopback if it listens on all). */
function relayOrigin(request: FastifyRequest): string {
  const address = request.server.server.address();
  if (address === null || typeof address === 'string') return 'http://127.0.0.1';
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

export function listenRoutes(app: NativeApp, core: Core, access: NativeAccess, hub: ListenHub, graceMs: number): void {
  app.post('/workspaces/:ws/listen', { schema: { tags: ['listen'], operationId: 'openListenSession', summary: 'Open a `hookd listen` session: a temporary webhook whose deliveries come down its stream', response: answers(201, SessionView), params: Type.Object({ ws: Id }, strict), body: OpenSession } }, async (request, reply) => {
    const workspace = await access.workspace(request, request.params.ws);
    const opened = await core.listeners.open(workspace, request.body.events ?? ['*'], relayOrigin(request), graceMs);
    request.log.info({ workspaceId: workspace.id, webhookId: opened.webhook.id }, 'hookd listen session opened');
    return reply.status(201).send(ok({ sessionId: opened.sessionId, webhookId: opened.webhook.id, events: opened.webhook.events, secret: opened.secret, expiresAfterMs: graceMs }));
  });

  // Server-Sent Events, not JSON: `event: delivery` with {requestId, headers, body}; comments keep it alive.
  app.get('/workspaces/:ws/listen/:session/stream', { schema: { hide: true, params: SessionParams } }, async (request, reply) => {
    const workspace = await access.workspace(request, request.params.ws);
    const webhook = await core.listeners.find(workspace, request.params.session);
    reply.hijack();
    hub.attach(request.params.session, workspace.seq, webhook.seq, reply.raw);
  });

  app.post('/workspaces/:ws/listen/:session/answers', { schema: { tags: ['listen'], operationId: 'answerListenDelivery', summary: 'What the local endpoint answered to one delivery of the stream', response: noContent, params: SessionParams, body: Answer } }, async (request, reply) => {
    const workspace = await access.workspace(request, request.params.ws);
    const { requestId, ...answer } = request.body;
    // Answered from this process's open streams, not the store: one answer comes back per delivery.
    if (!hub.answer(workspace.seq, request.params.session, requestId, answer)) {
      throw new NotFound('listen_delivery', 'no delivery of this session waits for that requestId (answered already, or timed out)', 'requestId');
    }
    return reply.status(204).send();
  });

  app.delete('/workspaces/:ws/listen/:session', { schema: { tags: ['listen'], operationId: 'closeListenSession', summary: 'End a `hookd listen` session: its temporary webhook is deleted', response: noContent, params: SessionParams } }, async (request, reply) => {
    const workspace = await access.workspace(request, request.params.ws);
    const webhook = await core.listeners.find(workspace, request.params.session);
    hub.detach(request.params.session);
    await core.listeners.close(webhook.seq);
    return reply.status(204).send();
  });
}

/** The relay: the session's webhook delivers here; the answer is whatever the developer's endpoint said. */
export function listenRelay(hub: ListenHub) {
  return async function register(app: FastifyInstance): Promise<void> {
    // The body is passed on byte for byte (the signature covers it), whatever its type.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    app.post('/listen-relay/:session', { schema: { hide: true } }, async (request, reply) => {
      const { session } = request.params as { session: string };
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && (/^(webhook-|x-|content-type$|user-agent$)/.test(name))) headers[name] = value;
      }
      const result = await hub.relay(session, headers, typeof request.body === 'string' ? request.body : '');
      return reply.status(result.status).type(result.headers['content-type'] ?? 'text/plain; charset=utf-8').send(result.body);
    });
  };
}
