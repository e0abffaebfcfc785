/**
 * Sessions and portal links are made by anyone holding a key, as often as they like, and live for hours
 * or days: unbounded, a loop of logins grows their table without end. Each group keeps its newest rows
 * (the core says how many: core/sessions.ts, core/ui-sessions.ts); the oldest end first.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** Deletes the rows of a workspace (null: of no workspace, the admin's) beyond its `keep` newest, by creation time. */
export async function keepNewest(db: Kysely<Database>, table: 'sessions' | 'ui_sessions' | 'portal_links', workspaceSeq: number | null, keep: number): Promise<void> {
  const inGroup = workspaceSeq === null ? sql`workspace_id IS NULL` : sql`workspace_id = ${workspaceSeq}`;
  // The keep-th newest's time, NULL when there are fewer: then nothing is older than it.
  await sql`DELETE FROM ${sql.table(table)} WHERE ${inGroup} AND created_at < (
    SELECT created_at FROM ${sql.table(table)} WHERE ${inGroup} ORDER BY created_at DESC LIMIT 1 OFFSET ${sql.lit(Math.max(0, Math.trunc(keep) - 1))})`.execute(db);
}
