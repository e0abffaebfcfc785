/**
 * Sessions of the web UI (core/ui-sessions.ts): the dashboard signs in with a token and gets a cookie; a
 * customer's portal link is traded once for one. Also the portal's settings, and the links themselves.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../../../core/hookd.ts';
import type { UiSession } from '../../../core/ui-sessions.ts';
import { Unauthorized } from '../../../core/errors.ts';
import type { NativeAccess, NativeApp } from '../context.ts';
import { ok } from '../envelope.ts';
import { iso, presentWorkspace } from '../present.ts';
import { CreatePortalSession, OpenPortal, PortalSettingsBody, SignIn, WorkspaceParams } from '../schemas.ts';
import { PortalLinkView, PortalSettingsView, UiSessionView, answers, noContent } from '../response-schemas.ts';
import { clearSessionCookie, sessionCookie, setSessionCookie } from '../ui-cookie.ts';

export interface UiSessionOptions {
  /** The base of portal links; unset: the scheme and host the request came to. */
  publicUrl: string | undefined;
}

export function uiSessionRoutes(app: NativeApp, core: Core, access: NativeAccess, options: UiSessionOptions): void {
  async function present(sessionId: string, session: UiSession) {
    const portal = session.kind === 'portal' && session.workspace ? await core.workspaces.portalSettings(session.workspace) : null;
    return {
      kind: session.kind,
      workspace: session.workspace ? presentWorkspace(session.workspace) : null,
      readOnly: session.readOnly,
      expiresAt: iso(session.expiresAt),
      csrfToken: core.uiSessions.csrfToken(sessionId),
      portal,
    };
  }

  async function started(request: FastifyRequest, reply: FastifyReply, { sessionId, session }: { sessionId: string; session: UiSession }) {
    setSessionCookie(request, reply, sessionId, session);
    reply.header('cache-control', 'no-store');
    return reply.status(201).send(ok(await present(sessionId, session)));
  }

  app.post('/ui-sessions', { schema: { tags: ['web ui'], operationId: 'signIn', summary: 'Sign in to the dashboard with the admin token or an API key: sets the session cookie', response: answers(201, UiSessionView), body: SignIn } }, async (request, reply) =>
    started(request, reply, await core.uiSessions.signIn(request.body.token, request.ip)));

  app.post('/ui-sessions/portal', { schema: { tags: ['web ui'], operationId: 'openPortal', summary: 'Trade a portal link\'s one-time token for a portal session cookie', response: answers(201, UiSessionView), body: OpenPortal } }, async (request, reply) =>
    started(request, reply, await core.uiSessions.openPortal(request.body.token, request.ip)));

  app.get('/ui-sessions/current', { schema: { tags: ['web ui'], operationId: 'getUiSession', summary: 'The session of this cookie, and its CSRF token', response: answers(200, UiSessionView) } }, async (request, reply) => {
    const sessionId = sessionCookie(request);
    if (sessionId === undefined) throw new Unauthorized('not signed in');
    const { session } = await core.uiSessions.resolve(sessionId, request.ip);
    reply.header('cache-control', 'no-store');
    return ok(await present(sessionId, session));
  });

  app.delete('/ui-sessions/current', { schema: { tags: ['web ui'], operationId: 'signOut', summary: 'Sign out: ends the session of this cookie', response: noContent } }, async (request, reply) => {
    const sessionId = sessionCookie(request);
    if (sessionId !== undefined) {
      await access.principal(request);
      await core.uiSessions.end(sessionId);
    }
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.post('/workspaces/:ws/portal-sessions', { schema: { tags: ['web ui'], operationId: 'createPortalSession', summary: 'A one-time link to the workspace\'s customer portal', response: answers(201, PortalLinkView), params: WorkspaceParams, body: CreatePortalSession } }, async (request, reply) => {
    const workspace = await access.workspace(request, request.params.ws);
    const { token, expiresAt } = await core.uiSessions.createPortalLink(workspace, {
      expiresInMs: request.body.expiresIn === undefined ? undefined : request.body.expiresIn * 1000,
      readOnly: request.body.readOnly,
    });
    const base = (options.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
    // The token rides in the fragment: browsers never send it to a server, nor in a Referer.
    const url = `${base}/ui/portal/${encodeURIComponent(workspace.id)}#token=${token}`;
    return reply.status(201).send(ok({ url, expiresAt: iso(expiresAt) }));
  });

  app.get('/workspaces/:ws/portal-settings', { schema: { tags: ['web ui'], operationId: 'getPortalSettings', summary: 'The customer portal\'s branding and which sites may frame it', response: answers(200, PortalSettingsView), params: WorkspaceParams } }, async (request) =>
    ok(await core.workspaces.portalSettings(await access.workspace(request, request.params.ws))));

  app.put('/workspaces/:ws/portal-settings', { schema: { tags: ['web ui'], operationId: 'setPortalSettings', summary: 'Set the customer portal\'s branding and the origins that may frame it', response: answers(200, PortalSettingsView), params: WorkspaceParams, body: PortalSettingsBody } }, async (request) =>
    ok(await core.workspaces.setPortalSettings(await access.workspace(request, request.params.ws), request.body)));
}
