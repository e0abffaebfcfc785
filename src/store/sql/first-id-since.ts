/**
 * The first row id of `attempts` or `deliveries` created at or after a time. Ids grow with time, so a
 * binary search over the primary key (about 25 point reads for tens of millions of rows) turns "created
 * since T" into an id range that the (webhook_id, id) and (workspace_id, id) indexes serve, instead of a
 * scan over a webhook's whole history.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { num } from './rows.ts';

export async function firstIdSince(db: Kysely<Database>, table: 'attempts' | 'deliveries', since: number): Promise<number> {
  // Each bound a query of its own: SQLite reads min() or max() alone from the end of the key, but both in
  // one query from every row (55 ms for 1 000 000 attempts, in the failure-rate check of a batch of outcomes).
  const bounds = await db.selectNoFrom([
    (eb) => eb.selectFrom(table).select(sql<number>`min(id)`.as('id')).as('low'),
    (eb) => eb.selectFrom(table).select(sql<number>`max(id)`.as('id')).as('high'),
  ]).executeTakeFirst();
  if (!bounds || bounds.low === null || bounds.high === null) return 0;
  let low = num(bounds.low);
  let high = num(bounds.high) + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const row = await db.selectFrom(table).select(['id', 'created_at']).where('id', '>=', middle).orderBy('id').limit(1).executeTakeFirst();
    if (!row) {
      high = middle;
    } else if (num(row.created_at) >= since) {
      high = middle;
    } else {
      low = num(row.id) + 1;
    }
  }
  return low;
}
