/**
 * `delivery_states`: the status, due time, webhook and workspace of every delivery that has not
 * succeeded, where the claim, the count of requests in flight, the FIFO queues, the moves of held work and
 * the gauges look for waiting work.
 *
 * PostgreSQL: a table of its own, kept by triggers on `deliveries`, and the partial indexes over waiting
 * work move to it. Why: an update whose row version changes any indexed column (a partial index's
 * condition counts) enters every index of the table again. A delivery's claim and outcome change its
 * status, which those indexes name, so each of its three row versions entered all eleven indexes of
 * `deliveries`, about 21 entries per delivery. Without them, `deliveries` keeps only indexes on columns
 * that never change, and its claim and outcome updates can be HOT (fillfactor 80 leaves them room on the
 * page): no new index entry at all. The narrow table takes the index work of the waiting rows alone, and
 * a succeeded delivery leaves it. Replayed in bulk (21 600 lifecycles: the publish's insert, the claim's
 * mark, the outcome's update, each committed), PostgreSQL's CPU per delivery 43–49 µs against 69–168 µs
 * (docs/performance.md, 2026-12-07, later).
 *
 * The triggers are per statement, with transition tables: one INSERT (or DELETE, or upsert) per statement
 * of hookd's, whatever its rows. Row triggers cost 81–87 µs in the same replay. Every write to
 * `deliveries` keeps this table in step in the same transaction, so no write path needs to know of it.
 * Its rows are locked only by those triggers, always after the row of `deliveries` they follow: a
 * reader that must lock a delivery locks it in `deliveries`.
 *
 * SQLite: a view over `deliveries`, whose partial indexes stay. Its updates are made in place and change
 * only the index entries of the columns they change, so there is nothing to win there, and the queries
 * read the same name on both stores.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

/** Delivery statuses kept in `delivery_states`: all but succeeded. */
const NOT_SUCCEEDED = "status <> 'succeeded'";

const COLUMNS = 'id, webhook_id, workspace_id, status, next_attempt_at';

/** The partial indexes over waiting work that move from `deliveries` (migrations 004, 007, 016, 019, 021–023, 026). */
export const MOVED_INDEXES: ReadonlyArray<{ from: string; to: string; columns: string; where: string }> = [
  { from: 'deliveries_due', to: 'delivery_states_due', columns: 'next_attempt_at, id', where: "status IN ('pending', 'sending')" },
  { from: 'deliveries_webhook_due', to: 'delivery_states_webhook_due', columns: 'webhook_id, next_attempt_at, id', where: "status IN ('pending', 'sending')" },
  { from: 'deliveries_sending', to: 'delivery_states_sending', columns: 'webhook_id, next_attempt_at', where: "status = 'sending'" },
  { from: 'deliveries_queued', to: 'delivery_states_queued', columns: 'webhook_id, id', where: "status = 'queued'" },
  { from: 'deliveries_held_failed', to: 'delivery_states_held_failed', columns: 'status', where: "status = 'held' OR status = 'failed'" },
  { from: 'deliveries_webhook_status', to: 'delivery_states_webhook_status', columns: 'webhook_id, status, id', where: "status = 'pending' OR status = 'held' OR status = 'failed'" },
];

/**
 * The trigger functions' bodies, the table named with its schema: a trigger runs with the search path of
 * whoever writes. Rows are found by id in arrays, so that each statement's plan (kept by PL/pgSQL for the
 * session, made without knowing how many rows a transition table holds) is the primary key's.
 */
function triggerBodies(table: string): Record<'inserted' | 'updated' | 'deleted', string> {
  return {
    inserted: `INSERT INTO ${table} (${COLUMNS}) SELECT ${COLUMNS} FROM new_rows WHERE ${NOT_SUCCEEDED};`,
    // A row that succeeded leaves; any other is written (a delivery resent after it succeeded comes back),
    // unless nothing the table holds changed (an update of its attempt count or time alone).
    updated: `DELETE FROM ${table} WHERE id = ANY(ARRAY(SELECT id FROM new_rows WHERE status = 'succeeded'));
      INSERT INTO ${table} AS s (${COLUMNS}) SELECT ${COLUMNS} FROM new_rows WHERE ${NOT_SUCCEEDED}
      ON CONFLICT (id) DO UPDATE SET webhook_id = excluded.webhook_id, workspace_id = excluded.workspace_id,
        status = excluded.status, next_attempt_at = excluded.next_attempt_at
      WHERE (s.webhook_id, s.workspace_id, s.status, s.next_attempt_at)
        IS DISTINCT FROM (excluded.webhook_id, excluded.workspace_id, excluded.status, excluded.next_attempt_at);`,
    deleted: `DELETE FROM ${table} WHERE id = ANY(ARRAY(SELECT id FROM old_rows));`,
  };
}

export function deliveryStates(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'postgres') {
        await sql.raw(`CREATE VIEW delivery_states AS SELECT ${COLUMNS} FROM deliveries WHERE ${NOT_SUCCEEDED}`).execute(db);
        return;
      }
      // No delivery may be written between the copy below and the triggers (another hookd still running
      // the code before): they wait for this migration's transaction.
      await sql`LOCK TABLE deliveries IN SHARE ROW EXCLUSIVE MODE`.execute(db);
      const { rows: [{ schema }] } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
      await sql.raw(`CREATE TABLE delivery_states (id BIGINT PRIMARY KEY, webhook_id BIGINT NOT NULL, workspace_id BIGINT NOT NULL,
        status TEXT NOT NULL, next_attempt_at BIGINT)`).execute(db);
      await sql.raw(`INSERT INTO delivery_states (${COLUMNS}) SELECT ${COLUMNS} FROM deliveries WHERE ${NOT_SUCCEEDED}`).execute(db);
      for (const index of MOVED_INDEXES) {
        await sql.raw(`DROP INDEX IF EXISTS ${index.from}`).execute(db);
        await sql.raw(`CREATE INDEX ${index.to} ON delivery_states (${index.columns}) WHERE ${index.where}`).execute(db);
      }
      const bodies = triggerBodies(`"${schema.replaceAll('"', '""')}".delivery_states`);
      const events = { inserted: ['INSERT', 'NEW TABLE AS new_rows'], updated: ['UPDATE', 'NEW TABLE AS new_rows'], deleted: ['DELETE', 'OLD TABLE AS old_rows'] } as const;
      for (const [when, [event, transition]] of Object.entries(events) as Array<[keyof typeof bodies, readonly [string, string]]>) {
        const fn = `delivery_states_${when}`;
        await sql.raw(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN ${bodies[when]} RETURN NULL; END $body$`).execute(db);
        await sql.raw(`CREATE TRIGGER ${fn} AFTER ${event} ON deliveries REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`).execute(db);
      }
      // Room on each new page for a row's next versions: an update is HOT only where the page has it.
      await sql`ALTER TABLE deliveries SET (fillfactor = 80)`.execute(db);
      await sql`ANALYZE delivery_states`.execute(db);
    },
  };
}
