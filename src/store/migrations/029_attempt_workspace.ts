/**
 * Each attempt names its workspace, and an index lists a workspace's attempts newest first
 * (GET /workspaces/{ws}/attempts, `hookd tail`). Before, attempts knew only their webhook: a workspace's
 * page joined the webhooks and stepped over every other workspace's newer attempts, index entry by index
 * entry (a quiet workspace among busy ones read the whole table), and following its log from an old
 * attempt id did the same forwards. The column is written once, at insert, as deliveries' is (008).
 *
 * Existing attempts take their webhook's workspace. The default only lets SQLite add a NOT NULL column
 * to rows that exist (it has no other way); PostgreSQL drops it, so that an insert that forgot the column
 * fails there rather than filing an attempt under no workspace.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

export function attemptWorkspace(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('attempts').addColumn('workspace_id', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await sql`UPDATE attempts SET workspace_id = webhooks.workspace_id FROM webhooks WHERE webhooks.id = attempts.webhook_id`.execute(db);
      if (dialect === 'postgres') await sql`ALTER TABLE attempts ALTER COLUMN workspace_id DROP DEFAULT`.execute(db);
      await db.schema.createIndex('attempts_workspace').on('attempts').columns(['workspace_id', 'id']).execute();
    },
  };
}
