/**
 * PostgreSQL: deliveries being sent, by webhook. A claim counts each webhook's deliveries being sent by
 * every process (sql/dispatch.ts, shareRoomAcrossProcesses) and read them through the due index, whose
 * range of leases still running also holds every retry scheduled after now: behind a dead endpoint's
 * backlog of 1 000 000 retries the count took 10 ms and 3 500 buffers a claim, the top statement of the
 * run. Only deliveries under a lease enter this index (a few per webhook and process), so the count costs
 * the same whatever waits, and PostgreSQL's generic plan for it is as cheap as one made for each run's
 * values (it was planned at every run).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

export function postgresSendingIndex(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'postgres') return;
      await db.schema.createIndex('deliveries_sending').on('deliveries').columns(['webhook_id'])
        .where(sql.raw<boolean>("status = 'sending'")).execute();
    },
  };
}
