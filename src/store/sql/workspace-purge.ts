/**
 * Removing a deleted workspace's rows. Its history can be millions of attempts and deliveries, so they go
 * a chunk per statement with other work let in between (as retention pruning does); the workspace's own
 * row goes last and takes its small tables with it (keys, event types, webhooks: ON DELETE CASCADE).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { num } from './rows.ts';
import { CHUNK, inTurns } from './chunks-in-turn.ts';

/** A DELETE of at most CHUNK rows, counted for inTurns. */
type DeleteChunk = () => Promise<{ numDeletedRows: bigint }>;
const counted = (chunk: DeleteChunk) => async () => Number((await chunk()).numDeletedRows);

export async function purgeWorkspace(db: Kysely<Database>, workspaceSeq: number): Promise<void> {
  const webhooks = (await db.selectFrom('webhooks').select('id').where('workspace_id', '=', workspaceSeq).execute()).map((row) => num(row.id));
  for (const webhookSeq of webhooks) {
    await inTurns(counted(() => db.deleteFrom('attempts')
      .where('id', 'in', (eb) => eb.selectFrom('attempts').select('id').where('webhook_id', '=', webhookSeq).limit(CHUNK)).executeTakeFirst()));
  }
  await inTurns(counted(() => db.deleteFrom('deliveries')
    .where('id', 'in', (eb) => eb.selectFrom('deliveries').select('id').where('workspace_id', '=', workspaceSeq).limit(CHUNK)).executeTakeFirst()));
  await inTurns(counted(() => db.deleteFrom('events')
    .where('id', 'in', (eb) => eb.selectFrom('events').select('id').where('workspace_id', '=', workspaceSeq).limit(CHUNK)).executeTakeFirst()));
  await db.deleteFrom('workspaces').where('id', '=', workspaceSeq).execute();
}
