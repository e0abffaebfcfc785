/** A workspace's own event type can be marked deprecated (as Svix does): still published and subscribed to, shown as such. */
import type { Kysely } from 'kysely';

export function eventTypeDeprecation() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('event_types').addColumn('deprecated', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  };
}
