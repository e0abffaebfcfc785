/** Disabling, inside the transaction that records a batch of outcomes, the webhooks whose endpoint answered 410 Gone (core/endpoint-gone.ts). */
import type { Kysely } from 'kysely';
import { GONE_REASON, goneWebhooks } from '../../core/endpoint-gone.ts';
import type { AttemptOutcome, DisabledWebhook } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import { num, padded, webhookWorkspaceUid } from './rows.ts';

/** Only active webhooks: a paused one stays paused (its next attempt decides), a disabled one keeps its first reason. */
export async function disableGone(trx: Kysely<Database>, recorded: AttemptOutcome[], now: number): Promise<DisabledWebhook[]> {
  const gone = goneWebhooks(recorded);
  if (gone.length === 0) return [];
  const rows = await trx.updateTable('webhooks')
    .set({ status: 'disabled', disabled_reason: GONE_REASON, updated_at: now })
    .where('id', 'in', padded(gone)).where('status', '=', 'active')
    .returning(['id', 'uid', webhookWorkspaceUid()]).execute();
  return rows.map((row) => ({ seq: num(row.id), id: row.uid, workspaceId: row.workspace_uid, gone: true }));
}
