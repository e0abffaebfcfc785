/**
 * A workspace keeps its newest login sessions only (sql/keep-newest.ts): they are found by workspace
 * and creation time. Also what a workspace's deletion needs to find its sessions.
 */
import type { Kysely } from 'kysely';

export function sessionBounds() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('sessions_workspace').on('sessions').columns(['workspace_id', 'created_at']).execute();
    },
  };
}
