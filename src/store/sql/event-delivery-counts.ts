/**
 * The deliveries of a page of events, counted by status (the events list). Through the deliveries' event
 * index, but each delivery's row is read for its status: a page of 250 events each sent to 1 000 webhooks
 * is 250 000 rows, 75–96 ms on SQLite, which would hold every other request meanwhile. So the count runs
 * on the store's own connection up to COUNTED_INLINE rows (a few milliseconds), and past that as
 * a long read (long-reads.ts: on SQLite, off the event loop). Not always a long read: the background
 * connection runs one read at a time, and an ordinary page would wait behind a health report or a
 * /metrics scrape of a big store, which take seconds there.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { LongReads } from './long-reads.ts';
import { num } from './rows.ts';

/**
 * Deliveries counted on the store's own connection, at most. A page of 250 events with 5 000 deliveries
 * was listed in 4–9 ms on SQLite, one with 500 in 2–3; with a bound of 20 000, such a page took 8–15.
 */
export const COUNTED_INLINE = 5_000;

export interface DeliveryCounts {
  deliveryCount: number;
  succeeded: number;
  failed: number;
  pending: number;
}

/** Each of `eventSeqs`' deliveries, by status (every one of them listed, with zeros if it has none). */
export async function deliveryCountsOf(db: Kysely<Database>, longReads: LongReads, eventSeqs: readonly number[]): Promise<Map<number, DeliveryCounts>> {
  const counts = new Map<number, DeliveryCounts>();
  for (const seq of eventSeqs) counts.set(seq, { deliveryCount: 0, succeeded: 0, failed: 0, pending: 0 });
  if (eventSeqs.length === 0) return counts;
  const ofPage = db.selectFrom('deliveries').where('event_id', 'in', [...eventSeqs]);
  let rows: Array<Record<string, unknown>> = await db.selectFrom(ofPage.select(['event_id', 'status']).limit(COUNTED_INLINE + 1).as('d'))
    .select(['event_id', 'status', (eb) => eb.fn.countAll().as('n')]).groupBy(['event_id', 'status']).execute();
  if (rows.reduce((sum, row) => sum + num(row.n), 0) > COUNTED_INLINE) {
    [rows] = await longReads([ofPage.select(['event_id', 'status', (eb) => eb.fn.countAll().as('n')]).groupBy(['event_id', 'status']).compile()]);
  }
  for (const row of rows) {
    const count = counts.get(num(row.event_id));
    if (!count) continue;
    const n = num(row.n);
    count.deliveryCount += n;
    if (row.status === 'succeeded') count.succeeded += n;
    else if (row.status === 'failed') count.failed += n;
    else count.pending += n;
  }
  return counts;
}
