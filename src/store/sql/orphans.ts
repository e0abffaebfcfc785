/**
 * Rows whose parent is gone. PostgreSQL has no foreign keys from the rows every delivery writes to the
 * rows they point at (migrations/025), so one race can leave such rows behind: a publish that looked up
 * a webhook just before it was deleted writes its deliveries just after, and a publish through a key
 * still cached in another process (core/workspaces.ts: up to 5 s) writes an event into a workspace being
 * removed. A claim that finds due deliveries of a deleted webhook deletes them at once (dispatch.ts); the
 * retention job sweeps the rest (held deliveries are never due), here. On SQLite, whose keys stay, there
 * are none.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { deleteInTurns, deleteWebhookHistory } from './chunks-in-turn.ts';
import { num } from './rows.ts';

/**
 * The values of `column` in `child` that no row of `parent` has as id. Read through the child's index
 * that begins with the column, one probe per distinct value (a skip scan, written out as a recursive
 * query: neither engine does it by itself), so the cost follows the number of webhooks or workspaces,
 * not of rows.
 */
async function gone(db: Kysely<Database>, child: 'deliveries' | 'attempts' | 'events', column: 'webhook_id' | 'workspace_id', parent: 'webhooks' | 'workspaces'): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`WITH RECURSIVE seen(id) AS (
      SELECT (SELECT ${sql.ref(column)} FROM ${sql.table(child)} ORDER BY ${sql.ref(column)} LIMIT 1)
      UNION ALL
      SELECT (SELECT c.${sql.ref(column)} FROM ${sql.table(child)} c WHERE c.${sql.ref(column)} > seen.id ORDER BY c.${sql.ref(column)} LIMIT 1)
      FROM seen WHERE seen.id IS NOT NULL)
    SELECT id FROM seen WHERE id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${sql.table(parent)} p WHERE p.id = seen.id)`.execute(db);
  return rows.map((row) => num(row.id));
}

/**
 * Deletes deliveries and attempts of webhooks that are gone, and events of workspaces that are gone
 * (their deliveries went with their webhooks).
 */
export async function sweepOrphans(db: Kysely<Database>): Promise<{ attempts: number; deliveries: number; events: number }> {
  const webhooks = new Set([...await gone(db, 'deliveries', 'webhook_id', 'webhooks'), ...await gone(db, 'attempts', 'webhook_id', 'webhooks')]);
  const { deliveries, attempts } = await deleteWebhookHistory(db, webhooks);
  let events = 0;
  for (const workspaceSeq of await gone(db, 'events', 'workspace_id', 'workspaces')) events += await deleteInTurns(db, 'events', 'workspace_id', workspaceSeq);
  return { attempts, deliveries, events };
}
