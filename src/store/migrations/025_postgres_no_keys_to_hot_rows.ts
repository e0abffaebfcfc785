/**
 * PostgreSQL: no foreign keys from the rows every delivery writes (events, deliveries, attempts) to the
 * rows they all point at (a workspace, a webhook, an event, a delivery).
 *
 * Why: PostgreSQL checks a foreign key row by row, by locking the row it points at (FOR KEY SHARE) for
 * the rest of the transaction. A busy webhook's row was locked so by every publish that wrote its
 * deliveries and every record that logged its attempts, while claims and records locked it to update it:
 * a row locked by several transactions at once needs a MultiXact, looked up again by every later reader
 * of the row. In one run of API + 4 workers: 2 648 MultiXacts and 12 000 reads of them; none without
 * the keys. PostgreSQL's CPU per delivery there: 270–380 µs without them, 366–561 with them (four
 * alternating pairs); at 2 000 deliveries/s the 4 workers kept up (p50 21–33 ms) in three runs of five
 * without them, and fell 1.3–4.7 s behind in all five with them (docs/performance.md, 2026-12-06, night).
 *
 * What the keys did is done otherwise: rows are deleted children first (webhooks.ts delete, whose
 * deliveries go before its attempts, so one recorded meanwhile goes too; workspace-purge.ts;
 * retention.ts); an attempt is logged only for a delivery its own statement moved on (outcome-writes.ts).
 * The one race left, a delivery published while its webhook is deleted, outlives it: the claim that
 * finds it due deletes it, the retention job any held one (sql/orphans.ts). SQLite keeps its keys: one
 * process writes there, and nothing waits on them.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

/** Per table, the columns whose foreign key goes. */
export const KEYS_DROPPED: ReadonlyMap<string, readonly string[]> = new Map([
  ['events', ['workspace_id']],
  ['deliveries', ['event_id', 'webhook_id']],
  ['attempts', ['delivery_id', 'webhook_id']],
]);

export function postgresNoKeysToHotRows(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'postgres') return;
      for (const [table, columns] of KEYS_DROPPED) {
        // Found by column, not by name: the names are PostgreSQL's own choice (table_column_fkey).
        const { rows } = await sql<{ name: string }>`SELECT c.conname AS name FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND c.conrelid = to_regclass(${table}) AND cardinality(c.conkey) = 1
            AND a.attname = ANY(${[...columns]})`.execute(db);
        for (const { name } of rows) await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.ref(name)}`.execute(db);
      }
    },
  };
}
