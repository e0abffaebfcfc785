/** A webhook's payload filter (core/payload-filter.ts), as JSON text; null: every subscribed event. */
import type { Kysely } from 'kysely';

export function webhookFilter() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('webhooks').addColumn('filter', 'text').execute();
    },
  };
}
