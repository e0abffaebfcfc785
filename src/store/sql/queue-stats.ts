/**
 * What the store-backed gauges of /metrics read (observability/store-gauges.ts): the deliveries waiting or
 * in flight, by status, the time the oldest due one fell due, and the webhooks by status.
 *
 * Each statement walks a partial index only, never the history: `pending` and `sending` through the due
 * index (001, with its literal condition so that SQLite can prove it applies), `queued` through the FIFO
 * queue's (016), `held` and `failed` through the per-webhook status index on SQLite (004) and their own on
 * PostgreSQL (019). A backlog can be millions of rows, so each count stops at COUNT_CAP: the cost of a
 * read is bounded, and a gauge at the cap says "at least". Succeeded deliveries are history: the attempt
 * counters cover them. The webhooks table is read whole: it is small (each workspace has at most
 * HOOKD_MAX_WEBHOOKS_PER_WORKSPACE).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { num, numOrNull } from './rows.ts';

/** Counts stop here, so that a scrape's cost does not grow with the backlog. */
export const COUNT_CAP = 1_000_000;

export interface QueueStats {
  /** Deliveries by status, succeeded ones aside (each at most COUNT_CAP). */
  deliveries: Record<'pending' | 'sending' | 'queued' | 'held' | 'failed', number>;
  /** When the longest-waiting due delivery (pending, or a lease run out) fell due; null when none waits. */
  earliestDueAt: number | null;
  /** Webhooks by status. */
  webhooks: Record<'active' | 'paused' | 'disabled', number>;
}

export class SqlQueueStats {
  constructor(private readonly db: Kysely<Database>) {}

  async read(): Promise<QueueStats> {
    const waiting = await sql<{ status: string; n: number }>`
      SELECT status, count(*) AS n FROM (
        SELECT status FROM deliveries WHERE status IN ('pending', 'sending') LIMIT ${sql.lit(COUNT_CAP)}) AS w
      GROUP BY status`.execute(this.db);
    const queued = await sql<{ n: number }>`
      SELECT count(*) AS n FROM (SELECT id FROM deliveries WHERE status = 'queued' LIMIT ${sql.lit(COUNT_CAP)}) AS q`.execute(this.db);
    // One statement per status, each in the words of its index's condition (SQLite proves partial indexes by them).
    const capped = async (status: 'held' | 'failed') => num((await sql<{ n: number }>`
      SELECT count(*) AS n FROM (SELECT id FROM deliveries WHERE (status = ${sql.lit(status)}) LIMIT ${sql.lit(COUNT_CAP)}) AS s`.execute(this.db)).rows[0]?.n ?? 0);
    const held = await capped('held');
    const failed = await capped('failed');
    const earliest = await sql<{ at: number | null }>`
      SELECT min(next_attempt_at) AS at FROM deliveries WHERE status IN ('pending', 'sending')`.execute(this.db);
    const webhooks = await sql<{ status: string; n: number }>`SELECT status, count(*) AS n FROM webhooks GROUP BY status`.execute(this.db);
    const deliveries = { pending: 0, sending: 0, queued: num(queued.rows[0]?.n ?? 0), held, failed };
    for (const row of waiting.rows) deliveries[row.status as 'pending' | 'sending'] = num(row.n);
    const byStatus = { active: 0, paused: 0, disabled: 0 };
    for (const row of webhooks.rows) if (row.status in byStatus) byStatus[row.status as keyof typeof byStatus] = num(row.n);
    return { deliveries, earliestDueAt: numOrNull(earliest.rows[0]?.at), webhooks: byStatus };
  }
}
