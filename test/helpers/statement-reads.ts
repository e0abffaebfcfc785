/**
 * What a connection's statements read on PostgreSQL, from its per-transaction statistics (not yet
 * reported to the shared ones): take the difference of two readings in one transaction.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.ts';

/** Index entries of deliveries returned so far by this connection's scans. */
export async function entriesRead(trx: Kysely<Database>): Promise<number> {
  const { rows: [stats] } = await sql<{ read: string }>`SELECT sum(pg_stat_get_xact_tuples_returned(indexrelid)) AS read
    FROM pg_index WHERE indrelid = 'deliveries'::regclass`.execute(trx);
  return Number(stats.read);
}

/** Pages of `relation` (a table or an index) read so far by this connection, in the buffer cache or not. */
export async function blocksRead(trx: Kysely<Database>, relation: string): Promise<number> {
  const { rows: [stats] } = await sql<{ read: string }>`SELECT pg_stat_get_xact_blocks_fetched(CAST(${relation} AS regclass)) AS read`.execute(trx);
  return Number(stats.read);
}
