/**
 * Work on many rows done a chunk per statement, with other work let in between, so neither engine holds
 * a long lock and the API thread is never held for long: moving a webhook's queued work, removing a
 * deleted workspace; retention pruning walks its tables in chunks of its own (retention.ts).
 */

import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** Rows per statement. */
export const CHUNK = 1000;

/**
 * Runs `chunk` (one statement, returning the rows it touched) until one touches fewer than CHUNK, or
 * `stopped()` says so between chunks. Returns the total.
 */
export async function inTurns(chunk: () => Promise<number>, stopped: () => boolean = () => false): Promise<number> {
  let total = 0;
  for (;;) {
    const touched = await chunk();
    total += touched;
    if (touched < CHUNK) return total;
    await new Promise((resolve) => setImmediate(resolve));
    if (stopped()) return total;
  }
}

/**
 * Deletes the deliveries and attempts of webhooks, in turns, deliveries before attempts (PostgreSQL has
 * no foreign keys to do it: an outcome recorded meanwhile finds its delivery gone and logs nothing): a
 * webhook's deletion (webhooks.ts), and those of webhooks already gone (dispatch.ts, orphans.ts).
 */
export async function deleteWebhookHistory(db: Kysely<Database>, webhookSeqs: Iterable<number>): Promise<{ deliveries: number; attempts: number }> {
  const counts = { deliveries: 0, attempts: 0 };
  for (const webhookSeq of webhookSeqs) {
    counts.deliveries += await deleteInTurns(db, 'deliveries', 'webhook_id', webhookSeq);
    counts.attempts += await deleteInTurns(db, 'attempts', 'webhook_id', webhookSeq);
  }
  return counts;
}

/** Deletes the rows of `table` whose `column` is `value`, a chunk per statement in turns; returns how many. */
export function deleteInTurns(db: Kysely<Database>, table: 'attempts' | 'deliveries' | 'events', column: 'webhook_id' | 'workspace_id', value: number): Promise<number> {
  return inTurns(async () => Number((await db.deleteFrom(table)
    .where('id', 'in', (eb) => eb.selectFrom(table).select('id').where(column, '=', value).limit(CHUNK)).executeTakeFirst()).numDeletedRows));
}
