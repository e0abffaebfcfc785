/**
 * PostgreSQL: the index of deliveries being sent (023) keyed by webhook and then by the lease's end.
 *
 * The claim's count of requests in flight (sql/in-flight-counts.ts) wants only leases still running, and
 * every delivery claimed since the table's last VACUUM left an entry in this index. On a table with a
 * history, VACUUM comes rarely (autovacuum waits until a fifth of the table is dead), and the count read
 * them all, webhook after webhook: 399 buffers and 1.2 ms a claim with 48 000 deliveries sent on a
 * 1 000 000-row history, its largest statement (docs/performance.md, 2026-12-06, morning). With the
 * lease's end in the key, the count reads only entries whose lease ends after now: those of one lease's
 * worth of claims at most, however long ago the last VACUUM was.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

export function postgresSendingIndexByLease(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'postgres') return;
      await db.schema.dropIndex('deliveries_sending').execute();
      await db.schema.createIndex('deliveries_sending').on('deliveries').columns(['webhook_id', 'next_attempt_at'])
        .where(sql.raw<boolean>("status = 'sending'")).execute();
    },
  };
}
