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
 *
 * On SQLite they run off the event loop (long-reads.ts): counting a million index entries takes about
 * half a second, and the event loop would wait for it.
 */
import type { LongReads, Rows } from './long-reads.ts';
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

/** A status's count, in the words of its index's condition (SQLite proves partial indexes by them). */
const capped = (condition: string) => `SELECT count(*) AS n FROM (SELECT id FROM deliveries WHERE ${condition} LIMIT ${COUNT_CAP}) AS s`;

/** The statements of one read, in the order read() takes their rows. */
export const QUEUE_STATS_STATEMENTS: readonly string[] = [
  `SELECT status, count(*) AS n FROM (SELECT status FROM deliveries WHERE status IN ('pending', 'sending') LIMIT ${COUNT_CAP}) AS w GROUP BY status`,
  capped("status = 'queued'"),
  capped("(status = 'held')"),
  capped("(status = 'failed')"),
  "SELECT min(next_attempt_at) AS at FROM deliveries WHERE status IN ('pending', 'sending')",
  'SELECT status, count(*) AS n FROM webhooks GROUP BY status',
];

export class SqlQueueStats {
  constructor(private readonly longReads: LongReads) {}

  async read(): Promise<QueueStats> {
    const [waiting, queued, held, failed, earliest, webhooks] = await this.longReads(QUEUE_STATS_STATEMENTS);
    const count = (rows: Rows) => num(rows[0]?.n ?? 0);
    const deliveries = { pending: 0, sending: 0, queued: count(queued), held: count(held), failed: count(failed) };
    for (const row of waiting) {
      if (row.status === 'pending' || row.status === 'sending') deliveries[row.status] = num(row.n);
    }
    const byStatus = { active: 0, paused: 0, disabled: 0 };
    for (const row of webhooks) {
      if (row.status === 'active' || row.status === 'paused' || row.status === 'disabled') byStatus[row.status] = num(row.n);
    }
    return { deliveries, earliestDueAt: numOrNull(earliest[0]?.at), webhooks: byStatus };
  }
}
