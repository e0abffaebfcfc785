/** What every native route uses: the typed app, and who is calling and on which workspace. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Principal } from '../../core/auth.ts';
import { safeEqual } from '../../core/crypto.ts';
import { Forbidden } from '../../core/errors.ts';
import type { Core } from '../../core/hookd.ts';
import type { Webhook, Workspace } from '../../core/model.ts';
import { portalMay } from './portal-routes.ts';
import { sessionCookie } from './ui-cookie.ts';

export type NativeApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

export class NativeAccess {
  constructor(private readonly core: Core) {}

  /**
   * A bearer token (admin token or API key), or else the web UI's session cookie. A change made with the
   * cookie must carry the session's CSRF token in X-CSRF-Token (a page of another site cannot read it,
   * nor send that header without a CORS preflight hookd never grants). A portal session is held to the
   * routes in portal-routes.ts, and a read-only one to reading.
   */
  async principal(request: FastifyRequest): Promise<Principal> {
    const token = bearerToken(request);
    const cookie = token === undefined && request.headers.authorization === undefined ? sessionCookie(request) : undefined;
    if (cookie === undefined) return this.core.auth.bearer(token, request.ip);
    const { principal } = await this.core.uiSessions.resolve(cookie, request.ip);
    const safe = SAFE_METHODS.has(request.method);
    if (!safe) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, this.core.uiSessions.csrfToken(cookie))) throw new Forbidden('send the session\'s CSRF token in X-CSRF-Token');
    }
    if (principal.kind === 'workspace' && principal.portal) {
      if (!portalMay(request.method, request.routeOptions.url)) throw new Forbidden('a portal session cannot do this');
      if (principal.portal.readOnly && !safe) throw new Forbidden('this portal session is read-only');
    }
    return principal;
  }

  async admin(request: FastifyRequest): Promise<void> {
    const principal = await this.principal(request);
    if (principal.kind !== 'admin') throw new Forbidden('this needs the admin token');
  }

  async workspace(request: FastifyRequest, workspaceId: string): Promise<Workspace> {
    return this.core.auth.workspace(await this.principal(request), workspaceId);
  }

  /** The workspace and webhook a `/workspaces/:ws/webhooks/:id…` path names, if this caller may see them, and the caller. */
  async webhook(request: FastifyRequest & { params: { ws: string; id: string } }): Promise<{ workspace: Workspace; webhook: Webhook; principal: Principal }> {
    const principal = await this.principal(request);
    const workspace = await this.core.auth.workspace(principal, request.params.ws);
    return { workspace, webhook: await this.core.webhooks.get(workspace, request.params.id), principal };
  }
}
