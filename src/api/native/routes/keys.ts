/**
 * Key discovery: `GET /workspaces/{ws}/.well-known/jwks.json`, the workspace's Ed25519 public keys as a
 * JWKS (core/key-discovery.ts). No authentication (the keys are public), and the document as it is, not in
 * the envelope, so that any JWKS client reads it; errors keep the native envelope.
 */
import type { Core } from '../../../core/hookd.ts';
import type { NativeApp } from '../context.ts';
import { JwksView, bare } from '../response-schemas.ts';
import { WorkspaceParams } from '../schemas.ts';

/**
 * Caches may keep it a minute: a rotation keeps the old key signing for the grace period, so a receiver
 * holding a copy a minute old still verifies; one that meets an unknown key id fetches it again.
 */
const CACHE_CONTROL = 'public, max-age=60';

export function keyRoutes(app: NativeApp, core: Core): void {
  app.get('/workspaces/:ws/.well-known/jwks.json', { schema: { tags: ['webhooks'], operationId: 'getWorkspaceJwks', summary: 'The Ed25519 public keys the workspace\'s webhooks sign with, as a JWKS (no authentication)', security: [], response: bare(JwksView), params: WorkspaceParams } }, async (request, reply) => {
    const jwks = await core.keys.jwks(request.params.ws);
    return reply.header('cache-control', CACHE_CONTROL).type('application/json').send(jwks);
  });
}
