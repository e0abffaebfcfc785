/**
 * Cookie sessions of the web UI. The dashboard signs in with the admin token or a workspace API key; a
 * customer portal session starts from a one-time link (`POST /workspaces/{ws}/portal-sessions`) and is held
 * to that one workspace, and to the routes a portal may use (api/native/context.ts).
 *
 * Only hashes are stored: of the session id, of the link token, and for an admin session of the admin
 * token's hash it was made with, so changing the admin token ends every admin session. The CSRF token is
 * derived from the session id, which the page never sees (HttpOnly cookie), so it needs no storage.
 */
import type { Auth, Principal } from './auth.ts';
import type { AdminToken } from './admin-token.ts';
import type { CoreContext } from './context.ts';
import { randomHex, safeEqual, sha256Hex } from './crypto.ts';
import { Invalid, Unauthorized } from './errors.ts';
import type { Workspace } from './model.ts';

export type UiSessionKind = 'admin' | 'workspace' | 'portal';

export interface UiSession {
  kind: UiSessionKind;
  /** null for an admin session (every workspace). */
  workspace: Workspace | null;
  readOnly: boolean;
  expiresAt: number;
}

export interface PortalLinkRequest {
  /** How long the link, and the session opened with it, lasts. */
  expiresInMs?: number;
  readOnly?: boolean;
}

export const PORTAL_DEFAULT_MS = 60 * 60_000;
export const PORTAL_MIN_MS = 60_000;
export const PORTAL_MAX_MS = 7 * 24 * 60 * 60_000;
/** A dashboard session lasts at most this long (or the configured session lifetime, if shorter). */
const DASHBOARD_MAX_MS = 12 * 60 * 60_000;
/**
 * Live web sessions a workspace keeps (its dashboard and portal sessions together; the admin's, of no
 * workspace, as many), and portal links: the newest, the oldest ending first. Each sign-in makes one, as
 * often as a key holder asks: without a bound, a loop of them grows the store without end.
 */
export const MAX_UI_SESSIONS_PER_WORKSPACE = 1_000;
export const MAX_PORTAL_LINKS_PER_WORKSPACE = 1_000;

export class UiSessions {
  constructor(private readonly ctx: CoreContext, private readonly auth: Auth, private readonly adminToken: AdminToken) {}

  /** Signs in with the admin token or an API key; returns the new session's id (for the cookie). */
  async signIn(token: string | undefined, client?: string): Promise<{ sessionId: string; session: UiSession }> {
    const principal = await this.auth.bearer(token, client);
    const now = this.ctx.now();
    const expiresAt = now + Math.min(DASHBOARD_MAX_MS, this.ctx.settings.sessionTtlMs);
    const sessionId = randomHex(32);
    if (principal.kind === 'admin') {
      const check = await this.adminCheck();
      await this.ctx.store.uiSessions.create({ idHash: sha256Hex(sessionId), kind: 'admin', workspaceSeq: null, apiKeySeq: null, adminTokenCheck: check, readOnly: false, now, expiresAt });
      await this.ctx.store.uiSessions.keepNewest(null, MAX_UI_SESSIONS_PER_WORKSPACE);
      void this.ctx.store.uiSessions.prune(now).catch(() => undefined);
      return { sessionId, session: { kind: 'admin', workspace: null, readOnly: false, expiresAt } };
    }
    const key = await this.ctx.store.workspaces.findKeyByHash(sha256Hex(token ?? ''));
    if (!key) throw new Unauthorized('unknown or revoked token');
    await this.ctx.store.uiSessions.create({ idHash: sha256Hex(sessionId), kind: 'workspace', workspaceSeq: principal.workspace.seq, apiKeySeq: key.key.seq, adminTokenCheck: null, readOnly: false, now, expiresAt });
    await this.ctx.store.uiSessions.keepNewest(principal.workspace.seq, MAX_UI_SESSIONS_PER_WORKSPACE);
    void this.ctx.store.uiSessions.prune(now).catch(() => undefined);
    return { sessionId, session: { kind: 'workspace', workspace: principal.workspace, readOnly: false, expiresAt } };
  }

  /** The session a cookie names, and who it acts as. Unknown, expired or outdated: Unauthorized. */
  async resolve(sessionId: string, client?: string): Promise<{ principal: Principal; session: UiSession }> {
    this.auth.admit(client);
    const match = sessionId.length === 64 ? await this.ctx.store.uiSessions.find(sha256Hex(sessionId)) : null;
    const expired = () => this.auth.failed(client, undefined, new Unauthorized('the session has ended: sign in again'));
    if (!match || match.expiresAt <= this.ctx.now()) throw expired();
    const session: UiSession = { kind: match.kind, workspace: match.workspace, readOnly: match.readOnly, expiresAt: match.expiresAt };
    if (match.kind === 'admin') {
      const check = await this.adminCheck();
      if (check === null || match.adminTokenCheck === null || !safeEqual(check, match.adminTokenCheck)) throw expired();
      return { principal: { kind: 'admin' }, session };
    }
    if (!match.workspace) throw expired();
    const keyId = match.kind === 'portal' ? 'portal-session' : match.apiKeyId ?? 'ui-session';
    const principal: Principal = { kind: 'workspace', workspace: match.workspace, keyId, ...(match.kind === 'portal' ? { portal: { readOnly: match.readOnly } } : {}) };
    return { principal, session };
  }

  async end(sessionId: string): Promise<void> {
    if (sessionId.length === 64) await this.ctx.store.uiSessions.delete(sha256Hex(sessionId));
  }

  /** What a page must send back in X-CSRF-Token with every change it makes. */
  csrfToken(sessionId: string): string {
    return sha256Hex(`hookd-csrf:${sessionId}`);
  }

  /** A one-time link token for the portal of `workspace`; the session it opens ends at `expiresAt`. */
  async createPortalLink(workspace: Workspace, request: PortalLinkRequest): Promise<{ token: string; expiresAt: number }> {
    const lifetime = request.expiresInMs ?? PORTAL_DEFAULT_MS;
    if (!Number.isInteger(lifetime) || lifetime < PORTAL_MIN_MS || lifetime > PORTAL_MAX_MS) {
      throw new Invalid('expiresIn', `between ${PORTAL_MIN_MS / 1000} and ${PORTAL_MAX_MS / 1000} seconds`);
    }
    const token = randomHex(32);
    const now = this.ctx.now();
    const expiresAt = now + lifetime;
    await this.ctx.store.uiSessions.createPortalLink({ tokenHash: sha256Hex(token), workspaceSeq: workspace.seq, readOnly: request.readOnly ?? false, now, expiresAt });
    await this.ctx.store.uiSessions.keepNewestPortalLinks(workspace.seq, MAX_PORTAL_LINKS_PER_WORKSPACE);
    return { token, expiresAt };
  }

  /** Trades a portal link's token, once, for a portal session. A used, unknown or expired token: Unauthorized. */
  async openPortal(token: string, client?: string): Promise<{ sessionId: string; session: UiSession }> {
    this.auth.admit(client);
    const now = this.ctx.now();
    const link = token.length === 64 ? await this.ctx.store.uiSessions.usePortalLink(sha256Hex(token), now) : null;
    if (!link) throw this.auth.failed(client, undefined, new Unauthorized('this portal link is used, expired or unknown: ask for a new one'));
    const sessionId = randomHex(32);
    await this.ctx.store.uiSessions.create({ idHash: sha256Hex(sessionId), kind: 'portal', workspaceSeq: link.workspace.seq, apiKeySeq: null, adminTokenCheck: null, readOnly: link.readOnly, now, expiresAt: link.expiresAt });
    await this.ctx.store.uiSessions.keepNewest(link.workspace.seq, MAX_UI_SESSIONS_PER_WORKSPACE);
    void this.ctx.store.uiSessions.prune(now).catch(() => undefined);
    return { sessionId, session: { kind: 'portal', workspace: link.workspace, readOnly: link.readOnly, expiresAt: link.expiresAt } };
  }

  private async adminCheck(): Promise<string | null> {
    const hash = await this.adminToken.hash();
    return hash === null ? null : sha256Hex(`hookd-ui-admin:${hash}`);
  }
}
