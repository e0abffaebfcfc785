/**
 * PostgreSQL: deliveries indexed by webhook and status only while they wait (pending, held) or have
 * failed, as SQLite's has been since migrations/004. Before, every delivery entered the full index at its
 * insert and again at each change of status (a new row version whose status changed gets a new entry in
 * every index): two of a delivery's three writes were index entries nothing reads, since succeeded and
 * sending deliveries are never looked up there. The cross-process count of deliveries being sent, the
 * reason the full index was kept, reads the per-webhook due index (migrations/007) instead, which holds
 * every delivery being sent.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import { indexOnlyWaitingStatuses } from './004_waiting_deliveries_index.ts';

export function postgresWaitingStatusIndex(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect === 'postgres') await indexOnlyWaitingStatuses(db);
    },
  };
}
