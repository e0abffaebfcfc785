/**
 * Removing a deleted workspace's rows. Its history can be millions of attempts and deliveries, so they go
 * a chunk per statement with other work let in between (as retention pruning does); the workspace's own
 * row goes last and takes its small tables with it (keys, event types, webhooks: ON DELETE CASCADE).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { num } from './rows.ts';

const CHUNK = 1000;

const letOthersIn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function purgeWorkspace(db: Kysely<Database>, workspaceSeq: number): Promise<void> {
  const webhooks = (await db.selectFrom('webhooks').select('id').where('workspace_id', '=', workspaceSeq).execute()).map((row) => num(row.id));
  for (const webhookSeq of webhooks) {
    await repeat(() => db.deleteFrom('attempts')
      .where('id', 'in', (eb) => eb.selectFrom('attempts').select('id').where('webhook_id', '=', webhookSeq).limit(CHUNK)).executeTakeFirst());
  }
  await repeat(() => db.deleteFrom('deliveries')
    .where('id', 'in', (eb) => eb.selectFrom('deliveries').select('id').where('workspace_id', '=', workspaceSeq).limit(CHUNK)).executeTakeFirst());
  await repeat(() => db.deleteFrom('events')
    .where('id', 'in', (eb) => eb.selectFrom('events').select('id').where('workspace_id', '=', workspaceSeq).limit(CHUNK)).executeTakeFirst());
  await db.deleteFrom('workspaces').where('id', '=', workspaceSeq).execute();
}

async function repeat(chunk: () => Promise<{ numDeletedRows: bigint }>): Promise<void> {
  for (;;) {
    const deleted = Number((await chunk()).numDeletedRows);
    if (deleted < CHUNK) return;
    await letOthersIn();
  }
}
