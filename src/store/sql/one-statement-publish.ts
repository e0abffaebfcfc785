/**
 * PostgreSQL: a group of publishes' events and deliveries written in one statement, outside any explicit
 * transaction (the statement is one).
 *
 * The general path (events.ts, publishGroup) is BEGIN, the events' insert, the subscribed webhooks' look-up,
 * the deliveries' insert and COMMIT: five round trips per group, each costing hookd about 70 µs of CPU and
 * PostgreSQL a statement of its own, and the deliveries' insert a prepared text per row count. Here the
 * look-up comes first, on its own (under READ COMMITTED each statement of the transaction saw the newest
 * committed webhooks anyway), and the inserts go as one statement with the values bound as arrays: two
 * round trips, one prepared text.
 *
 * The look-up is mostly not made at all: the routes are kept under the routing's version, and this
 * statement inserts nothing unless the version is still theirs (subscribed-routes.ts), so most groups
 * are one round trip.
 *
 * What needs the general path's transaction takes it: a group routed to a FIFO webhook (its queue is
 * locked while the deliveries join it: fifo-queue.ts), and a publish whose idempotency key was taken (its
 * insert is skipped here, and the general path answers it as a replay, or frees an expired key).
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import { Prebuilt } from './prebuilt.ts';
import { num } from './rows.ts';

export interface EventRow {
  uid: string;
  workspaceSeq: number;
  type: string;
  dataJson: string;
  idempotencyKey: string | null;
  createdAt: number;
  traceParent: string | null;
}

export interface DeliveryRow {
  uid: string;
  /** The uid of its event, in the same statement. */
  eventUid: string;
  webhookSeq: number;
  workspaceSeq: number;
  status: 'pending' | 'held';
  createdAt: number;
}

/**
 * The events are inserted in the order given (their ids follow it), skipping one whose idempotency key is
 * taken; the deliveries of the events inserted follow them, in the order given, the others' are dropped.
 * Nothing is inserted unless the routing's version is the one given (the statement's one snapshot reads
 * it and inserts); the version is returned in every row, and in a row of its own when none was inserted.
 */
const INSERT_BOTH = `WITH v AS (SELECT version FROM routing_version),
  ev AS (
    INSERT INTO events (uid, workspace_id, type, data, idempotency_key, created_at, trace_parent)
    SELECT e.uid, e.workspace_id, e.type, e.data, e.idempotency_key, e.created_at, e.trace_parent
    FROM unnest(CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS TEXT[]))
      WITH ORDINALITY AS e(uid, workspace_id, type, data, idempotency_key, created_at, trace_parent, n)
    WHERE (SELECT version FROM v) = CAST(? AS BIGINT)
    ORDER BY e.n
    ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
    RETURNING id, uid),
  dl AS (
    INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, "trigger", next_attempt_at, created_at, updated_at)
    SELECT d.uid, ev.id, d.webhook_id, d.workspace_id, d.status, 0, 'scheduled', d.created_at, d.created_at, d.created_at
    FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[]), CAST(? AS TEXT[]), CAST(? AS BIGINT[]))
      WITH ORDINALITY AS d(uid, event_uid, webhook_id, workspace_id, status, created_at, n)
    JOIN ev ON ev.uid = d.event_uid
    ORDER BY d.n)
  SELECT v.version, ev.id, ev.uid FROM v LEFT JOIN ev ON TRUE`;

/** What the statement did: nothing, at another version than the routes'; or the events it inserted. */
export type Inserted = { routingMoved: true; version: number } | { routingMoved: false; ids: Map<string, number> };

export class OneStatementPublish {
  readonly #insertBoth: Prebuilt<{ version: number | string; id: number | string | null; uid: string | null }>;

  constructor(dialect: Dialect) {
    this.#insertBoth = new Prebuilt(dialect, () => INSERT_BOTH);
  }

  /**
   * Inserts them if the routing is at `version`; then returns the id of each event inserted, by uid (an
   * event whose key was taken is missing).
   */
  async insert(db: Kysely<Database>, events: EventRow[], deliveries: DeliveryRow[], version: number): Promise<Inserted> {
    const rows = await this.#insertBoth.run(db, 0, [
      events.map((e) => e.uid), events.map((e) => e.workspaceSeq), events.map((e) => e.type), events.map((e) => e.dataJson),
      events.map((e) => e.idempotencyKey), events.map((e) => e.createdAt), events.map((e) => e.traceParent), version,
      deliveries.map((d) => d.uid), deliveries.map((d) => d.eventUid), deliveries.map((d) => d.webhookSeq),
      deliveries.map((d) => d.workspaceSeq), deliveries.map((d) => d.status), deliveries.map((d) => d.createdAt),
    ]);
    const current = num(rows[0].version);
    if (current !== version) return { routingMoved: true, version: current };
    const ids = new Map<string, number>();
    for (const row of rows) if (row.uid !== null) ids.set(row.uid, num(row.id));
    return { routingMoved: false, ids };
  }
}
