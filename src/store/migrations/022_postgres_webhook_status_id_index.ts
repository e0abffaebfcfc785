/**
 * PostgreSQL: the index of deliveries by webhook and status (pending, held, failed) also orders each
 * webhook's rows of one status by id, as SQLite's does by itself (its index entries end with the rowid).
 *
 * Why: pausing or resuming a webhook moves its queued deliveries a chunk at a time (sql/queued-work.ts).
 * Each moved row leaves its old version's entry behind, dead, until VACUUM, and each chunk found its rows
 * by walking the entries from the webhook's first one, so the n-th chunk walked n − 1 chunks of dead
 * entries first: pausing a 200 000-delivery backlog took 12 s, 52 ms and 31 000 buffers a chunk, and grew
 * with the square of the backlog. With id in the key, each chunk starts past the last one's rows.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import { INDEXED_STATUSES } from './004_waiting_deliveries_index.ts';

export function postgresWebhookStatusIdIndex(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'postgres') return;
      await db.schema.dropIndex('deliveries_webhook_status').execute();
      await db.schema.createIndex('deliveries_webhook_status').on('deliveries').columns(['webhook_id', 'status', 'id'])
        .where(sql.raw<boolean>(INDEXED_STATUSES.map((status) => `status = '${status}'`).join(' OR '))).execute();
    },
  };
}
