/**
 * PostgreSQL: no planner statistics for the columns hookd only ever reads back, never filters, joins,
 * groups or sorts on (what an attempt sent and got, an event's payload), nor for public ids, looked up
 * only by equality on their unique index (which tells the planner all it needs: one row).
 *
 * ANALYZE, whether autovacuum's or hookd's own upkeep (postgres-upkeep.ts), samples up to 30 000 rows and
 * sorts every column's values to build its statistics. On the attempt log those are the wide text columns:
 * analyzing 37 000 attempts took 160 ms with them and 69 ms without, and under load the pass took 480 ms
 * of a core, during which publish-to-receipt latency on a 2-core machine rose from 30 to 90–170 ms
 * (docs/performance.md, "2026-12-06, later"). A statistics target of 0 leaves a column out of every
 * ANALYZE; no plan reads those statistics.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

/**
 * Per table: columns read back only (or, for `uid`, only matched exactly). A column a query starts to
 * filter, join, group or sort on must leave this list.
 */
export const READ_BACK_ONLY: ReadonlyMap<string, readonly string[]> = new Map([
  ['attempts', ['request_url', 'request_headers', 'request_body', 'response_message', 'response_headers', 'response_body', 'duration_ms', 'error']],
  ['deliveries', ['uid']],
  ['events', ['uid', 'data', 'trace_parent']],
]);

export function postgresOutputColumnStatistics(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'postgres') return;
      for (const [table, columns] of READ_BACK_ONLY) {
        const alterations = columns.map((column) => `ALTER COLUMN ${column} SET STATISTICS 0`).join(', ');
        await sql.raw(`ALTER TABLE ${table} ${alterations}`).execute(db);
      }
    },
  };
}
