/**
 * How a webhook signs (core/signing-keys.ts): `signing` is `hmac` (every webhook so far) or `ed25519`. For
 * an Ed25519 webhook, `secret_enc` holds its sealed private key and `public_key` its public key, kept in the
 * clear (it is public) so that a workspace's JWKS is read without opening a single secret;
 * `previous_public_key` is the rotated-out key's, published until `previous_secret_expires_at`.
 *
 * Numbered 017: 016 belongs to a change made at the same time.
 */
import type { Kysely } from 'kysely';

export function webhookSigningKeys() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('webhooks').addColumn('signing', 'text', (column) => column.notNull().defaultTo('hmac')).execute();
      await db.schema.alterTable('webhooks').addColumn('public_key', 'text').execute();
      await db.schema.alterTable('webhooks').addColumn('previous_public_key', 'text').execute();
    },
  };
}
