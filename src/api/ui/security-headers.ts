/**
 * Headers of every UI answer. The Content-Security-Policy allows scripts and styles from hookd only (no
 * inline script, no eval), images from hookd or https (a portal's logo), requests to hookd only, and
 * framing by nobody, or for a portal by the origins its workspace lists.
 */
import type { FastifyReply } from 'fastify';

export function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' https: data:",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length === 0 ? "'none'" : frameAncestors.join(' ')}`,
  ].join('; ');
}

export function setUiHeaders(reply: FastifyReply, frameAncestors: readonly string[]): void {
  reply.header('content-security-policy', contentSecurityPolicy(frameAncestors));
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  // Older browsers that do not read frame-ancestors: never framed unless the workspace allows it.
  if (frameAncestors.length === 0) reply.header('x-frame-options', 'DENY');
}
