/**
 * PostgreSQL: held and failed deliveries in an index of their own, so /metrics can count them without
 * reading the history (sql/queue-stats.ts). Few rows are in it: held ones wait for their webhook, failed
 * ones for a recovery or for retention. SQLite counts them through its per-webhook status index, partial
 * on the same statuses already (migrations/004).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

export function heldFailedIndex(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'postgres') return;
      await db.schema.createIndex('deliveries_held_failed').on('deliveries').columns(['status'])
        .where(sql.raw<boolean>("status = 'held' OR status = 'failed'")).execute();
    },
  };
}
