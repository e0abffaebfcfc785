/**
 * A deleted workspace is marked first (its keys stop working, its webhooks stop) and its rows removed
 * afterwards a chunk at a time (sql/workspace-purge.ts). The mark lets a purge cut short by a stop be
 * finished when hookd starts again, and keeps the half-removed workspace out of every answer meanwhile.
 */
import type { Kysely } from 'kysely';

export function workspaceDeletion() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('workspaces').addColumn('deleted_at', 'bigint').execute();
    },
  };
}
