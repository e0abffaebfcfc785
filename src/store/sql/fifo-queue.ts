/**
 * The queue of a FIFO webhook (core/flow-control.ts). Its oldest unfinished delivery is its head: pending,
 * sending or held, the only one a dispatcher can claim. Those published behind it are `queued`, found in
 * publish (id) order by the partial index of migrations/016.
 *
 * - A publish gives a FIFO webhook a head only when it has no unfinished delivery; otherwise the new one
 *   queues (`openOf`). On PostgreSQL, publishes to the same FIFO webhook take turns (an advisory lock per
 *   webhook, for the transaction), so two processes cannot both see "none" and both make a head.
 * - When a head finishes (succeeded, or failed for good), the recording of its outcome promotes the next
 *   queued delivery, due now, in the same transaction (`promoteNext`).
 * - Races that leave a queue with no head (a publish and the recording of the head's end in two processes
 *   at once) cannot send anything out of order; they can only leave a queue waiting. `promoteStalled`,
 *   run by each dispatcher every few seconds, finds such queues and moves them on.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import { CHUNK, inTurns } from './chunks-in-turn.ts';
import { num, padded } from './rows.ts';

/** Namespaces hookd's advisory locks (the first key of the two-key form); the second is the webhook id. */
const FIFO_LOCK_SPACE = 0x686b6466; // "hkdf"

/**
 * Whether webhook `w` has a head. Two probes, each in the words of a partial index's condition (SQLite uses
 * a partial index only where it can prove a query's rows are in it): waiting ones in the due index
 * (migrations/007), held ones in the per-webhook status index (migrations/004). One condition over the
 * three statuses would walk the webhook's whole history.
 */
const hasHead = (webhook: string) => sql.raw(`(EXISTS (SELECT 1 FROM deliveries o WHERE o.webhook_id = ${webhook} AND o.status IN ('pending', 'sending'))
  OR EXISTS (SELECT 1 FROM deliveries o WHERE o.webhook_id = ${webhook} AND (o.status = 'held')))`);

/** PostgreSQL: the publishes (and reorders) of these FIFO webhooks wait for one another until this transaction ends. */
export async function lockFifoWebhooks(trx: Kysely<Database>, dialect: Dialect, webhookSeqs: number[]): Promise<void> {
  if (dialect !== 'postgres' || webhookSeqs.length === 0) return;
  for (const seq of [...new Set(webhookSeqs)].sort((a, b) => a - b)) {
    await sql`SELECT pg_advisory_xact_lock(${FIFO_LOCK_SPACE}, CAST(${seq} AS INTEGER))`.execute(trx);
  }
}

/** Of these FIFO webhooks, those with an unfinished delivery (a head, or queued ones): new deliveries queue behind it. */
export async function openOf(trx: Kysely<Database>, webhookSeqs: number[]): Promise<Set<number>> {
  if (webhookSeqs.length === 0) return new Set();
  const ids = padded(webhookSeqs);
  // Each status probed on the index that holds it: waiting ones on the due index (migrations/007), held on
  // the per-webhook status index, queued on the queue's own (migrations/016).
  const rows = await sql<{ webhook_id: number }>`
    SELECT DISTINCT webhook_id FROM deliveries WHERE webhook_id IN (${sql.join(ids)}) AND status IN ('pending', 'sending')
    UNION SELECT DISTINCT webhook_id FROM deliveries WHERE webhook_id IN (${sql.join(ids)}) AND (status = 'held')
    UNION SELECT DISTINCT webhook_id FROM deliveries WHERE webhook_id IN (${sql.join(ids)}) AND status = 'queued'`.execute(trx);
  return new Set(rows.rows.map((row) => num(row.webhook_id)));
}

/**
 * Makes the next queued delivery of each of these webhooks pending, due now, where the webhook has no
 * head any more. Webhooks without queued deliveries (every non-FIFO one) cost one index probe.
 */
export async function promoteNext(trx: Kysely<Database>, webhookSeqs: number[], now: number): Promise<number> {
  if (webhookSeqs.length === 0) return 0;
  const ids = padded([...new Set(webhookSeqs)]);
  const result = await sql`
    UPDATE deliveries SET status = (CASE WHEN EXISTS (SELECT 1 FROM webhooks w WHERE w.id = deliveries.webhook_id AND w.status = 'active') THEN 'pending' ELSE 'held' END),
      next_attempt_at = CAST(${now} AS BIGINT), updated_at = CAST(${now} AS BIGINT)
    WHERE status = 'queued' AND id IN (
      SELECT (SELECT q.id FROM deliveries q WHERE q.webhook_id = w.id AND q.status = 'queued' ORDER BY q.id LIMIT 1)
      FROM webhooks w WHERE w.id IN (${sql.join(ids)})
        AND NOT ${hasHead('w.id')})`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}

/** Every FIFO webhook left with queued deliveries and no head (see the file's comment) moves on. */
export async function promoteStalled(db: Kysely<Database>, now: number): Promise<number> {
  // A literal, not a bound value: only then can SQLite prove the partial index (migrations/016) applies.
  const fifo = await db.selectFrom('webhooks').select('id').where(sql<boolean>`ordering = 'fifo'`).execute();
  let promoted = 0;
  for (let i = 0; i < fifo.length; i += CHUNK) {
    promoted += await db.transaction().execute((trx) => promoteNext(trx, fifo.slice(i, i + CHUNK).map((row) => num(row.id)), now));
  }
  return promoted;
}

/**
 * A webhook changed its order. To fifo: of its waiting deliveries, the oldest stays the head and the rest
 * queue behind it, in order. To none: its queue is freed (pending, or held while the webhook is inactive).
 * A chunk per statement, as holding and freeing do (queued-work.ts): a backlog can be a million.
 */
export async function reorder(db: Kysely<Database>, dialect: Dialect, webhookSeq: number, ordering: 'none' | 'fifo', now: number): Promise<void> {
  if (ordering === 'none') {
    await inTurns(async () => {
      const result = await sql`
        UPDATE deliveries SET status = (CASE WHEN EXISTS (SELECT 1 FROM webhooks w WHERE w.id = ${webhookSeq} AND w.status = 'active') THEN 'pending' ELSE 'held' END),
          next_attempt_at = CAST(${now} AS BIGINT), updated_at = CAST(${now} AS BIGINT)
        WHERE status = 'queued' AND id IN (SELECT id FROM deliveries WHERE webhook_id = ${webhookSeq} AND status = 'queued' ORDER BY id LIMIT ${CHUNK})`.execute(db);
      return Number(result.numAffectedRows ?? 0n);
    });
    return;
  }
  await inTurns(async () => db.transaction().execute(async (trx) => {
    await lockFifoWebhooks(trx, dialect, [webhookSeq]);
    const heads = await sql<{ id: number | null }>`
      SELECT min(id) AS id FROM deliveries WHERE webhook_id = ${webhookSeq} AND status IN ('pending', 'sending')
      UNION ALL SELECT min(id) AS id FROM deliveries WHERE webhook_id = ${webhookSeq} AND (status = 'held')`.execute(trx);
    const found = heads.rows.map((row) => row.id).filter((id): id is number => id !== null).map(num);
    if (found.length === 0) return 0;
    const head = { id: Math.min(...found) };
    // Waiting ones behind the head (not those being sent: they finish, and the queue waits for them).
    const result = await sql`
      UPDATE deliveries SET status = 'queued', updated_at = CAST(${now} AS BIGINT)
      WHERE id IN (SELECT id FROM deliveries WHERE webhook_id = ${webhookSeq} AND status IN ('pending', 'held') AND id > ${num(head.id)} ORDER BY id LIMIT ${CHUNK})
        AND status IN ('pending', 'held')`.execute(trx);
    return Number(result.numAffectedRows ?? 0n);
  }));
}
