/**
 * PostgreSQL: the index of deliveries by webhook and status (pending, held, failed) also orders each
 * webhook's rows of one status by id, as SQLite's does by itself (its index entries end with the rowid).
 *
 * Why: pausing or resuming a webhook moves its queued deliveries a chunk at a time (sql/queued-work.ts).
 * Each moved row leaves its old version's entry behind until VACUUM, and each chunk found its rows by
 * walking the webhook's entries from the first. Where a long transaction (a backup, a report) keeps those
 * entries from being pruned, the n-th chunk walked the n − 1 chunks before it again: pausing 30 000 rows
 * in one transaction read 1 130 000 index entries, and 125 000 with each chunk starting past the last
 * one's rows, which id in the key allows. Where they are pruned it changes little: in the backlog bench a
 * chunk of 1 000 costs about 50 ms either way, the writing of each row's new version into every index.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import { indexOnlyWaitingStatuses } from './004_waiting_deliveries_index.ts';

export function postgresWebhookStatusIdIndex(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect === 'postgres') await indexOnlyWaitingStatuses(db, ['webhook_id', 'status', 'id']);
    },
  };
}
