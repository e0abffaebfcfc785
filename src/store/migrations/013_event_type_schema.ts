/** A workspace's own event type may carry a JSON Schema its events' data must match (core/event-schemas.ts). */
import type { Kysely } from 'kysely';

export function eventTypeSchema() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('event_types').addColumn('schema', 'text').execute();
    },
  };
}
