/** OAuth 1.0a nonces seen recently (WooCommerce face), so a replayed request is refused by every process. */
import type { Kysely } from 'kysely';

export function oauthNonces() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createTable('oauth_nonces')
        .addColumn('consumer_key_hash', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('oauth_nonces_pk', ['consumer_key_hash', 'nonce'])
        .execute();
      await db.schema.createIndex('oauth_nonces_created').on('oauth_nonces').columns(['created_at']).execute();
    },
  };
}
