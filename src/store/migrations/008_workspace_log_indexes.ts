/**
 * A workspace's event log and its deliveries, newest first (GET /workspaces/{ws}/events and /deliveries):
 * without these a page walked every workspace's rows. Both columns are written once, at insert, so a
 * delivery's status updates stay in place (PostgreSQL's HOT updates).
 */
import type { Kysely } from 'kysely';

export function workspaceLogIndexes() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('events_workspace').on('events').columns(['workspace_id', 'id']).execute();
      await db.schema.createIndex('deliveries_workspace').on('deliveries').columns(['workspace_id', 'id']).execute();
    },
  };
}
