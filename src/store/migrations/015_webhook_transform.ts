/** A webhook's transform, a JSONata expression (core/payload-transform.ts); null: none. */
import type { Kysely } from 'kysely';

export function webhookTransform() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('webhooks').addColumn('transform', 'text').execute();
    },
  };
}
