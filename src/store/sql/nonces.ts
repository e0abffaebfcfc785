import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { NoncesRepo } from '../../core/ports/store.ts';

export class SqlNonces implements NoncesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async remember(consumerKeyHash: string, nonce: string, now: number, forgetBefore: number): Promise<boolean> {
    await this.db.deleteFrom('oauth_nonces').where('created_at', '<', forgetBefore).execute();
    const inserted = await this.db.insertInto('oauth_nonces').values({ consumer_key_hash: consumerKeyHash, nonce, created_at: now })
      .onConflict((oc) => oc.columns(['consumer_key_hash', 'nonce']).doNothing()).returning('nonce').executeTakeFirst();
    return inserted !== undefined;
  }
}
