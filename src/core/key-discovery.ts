/**
 * Key discovery: each workspace publishes the Ed25519 public keys its webhooks sign with as a JWKS (RFC
 * 7517), so a receiver verifies a delivery by the key id it names (`webhook-key-id`) and picks up a
 * rotation on its own. The keys are public, so anyone may read them; HMAC secrets never appear.
 */
import type { CoreContext } from './context.ts';
import { NotFound } from './errors.ts';
import { toJwk, type PublicJwk } from './signing-keys.ts';

/**
 * At most this many keys (about 100 bytes each): two per webhook (current and, during a rotation, previous)
 * at the default HOOKD_MAX_WEBHOOKS_PER_WORKSPACE, so that an anonymous read stays small whatever the setting.
 */
export const MAX_JWKS_KEYS = 2000;

export class KeyDiscovery {
  constructor(private readonly ctx: CoreContext) {}

  async jwks(workspaceId: string): Promise<{ keys: PublicJwk[] }> {
    const workspace = await this.ctx.store.workspaces.get(workspaceId);
    if (!workspace) throw new NotFound('workspace');
    const keys = await this.ctx.store.webhooks.publicKeys(workspace, this.ctx.now(), MAX_JWKS_KEYS);
    return { keys: keys.map(toJwk) };
  }
}
