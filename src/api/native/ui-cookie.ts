/**
 * The web UI's session cookie. HttpOnly (scripts never see the id), SameSite=Strict on the dashboard. A
 * portal is made to be framed by the customer's own site: behind https its cookie is SameSite=None, Secure
 * and Partitioned (CHIPS), so it works inside that frame and in that frame only; on plain http it is Lax.
 */
import { parse, serialize } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UiSession } from '../../core/ui-sessions.ts';

export const SESSION_COOKIE = 'hookd_session';

export function sessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header || header.length > 8192) return undefined;
  const value = parse(header)[SESSION_COOKIE];
  return value && /^[0-9a-f]{64}$/.test(value) ? value : undefined;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionId: string, session: UiSession): void {
  const secure = request.protocol === 'https';
  const framed = session.kind === 'portal' && secure;
  reply.header('set-cookie', serialize(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    secure,
    sameSite: framed ? 'none' : session.kind === 'portal' ? 'lax' : 'strict',
    partitioned: framed,
    path: '/',
    expires: new Date(session.expiresAt),
  }));
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.header('set-cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, path: '/', expires: new Date(0), sameSite: 'lax' }));
}
