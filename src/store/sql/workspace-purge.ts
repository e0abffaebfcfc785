/**
 * Removing a deleted workspace's rows. Its history can be millions of attempts and deliveries, so they go
 * a chunk per statement with other work let in between (as retention pruning does); the workspace's own
 * row goes last and takes its small tables with it (keys, event types, webhooks: ON DELETE CASCADE).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { num } from './rows.ts';
import { deleteInTurns } from './chunks-in-turn.ts';

export async function purgeWorkspace(db: Kysely<Database>, workspaceSeq: number): Promise<void> {
  const webhooks = (await db.selectFrom('webhooks').select('id').where('workspace_id', '=', workspaceSeq).execute()).map((row) => num(row.id));
  for (const webhookSeq of webhooks) await deleteInTurns(db, 'attempts', 'webhook_id', webhookSeq);
  await deleteInTurns(db, 'deliveries', 'workspace_id', workspaceSeq);
  await deleteInTurns(db, 'events', 'workspace_id', workspaceSeq);
  await db.deleteFrom('workspaces').where('id', '=', workspaceSeq).execute();
}
