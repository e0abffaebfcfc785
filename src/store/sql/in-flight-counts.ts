/**
 * PostgreSQL, several processes: counts, for each webhook a claim considers, the requests in flight to it
 * that other processes hold and that this one holds, and locks those the claim may take from
 * (dispatch.ts, shareRoomAcrossProcesses).
 *
 * A delivery in flight is `sending` under a lease still running, so the count reads the sending index
 * (migrations/023, 026), which holds only those rows, a few per webhook and process, and the entries of
 * rows finished since until VACUUM: it reads only the entries whose lease ends after now (026), and the
 * claim's transaction is set to skip the rest of those (claim-plans.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { Prebuilt } from './prebuilt.ts';
import { framed, type Frame } from '../postgres-framed-statements.ts';
import { num, numOrNull } from './rows.ts';

export interface InFlightCount {
  id: number;
  rate_limit: number | null;
  rate_log: string | null;
  /** Requests in flight to the webhook that other processes hold. */
  others: number;
  /** Those this process holds (in `held`, not yet `settled`). */
  ours: number;
}

export class InFlightCounts {
  // A lease that has run out is not a request in flight: the WHERE bounds the walk of the index to leases
  // ending after now (migrations/026). Whether such a row is settled here is decided in the counts. (The
  // claim's transaction asks for the generic plan: with conditions on parameters PostgreSQL had planned
  // it at every run, 2 272 plans in 2 259 runs.)
  // NO KEY UPDATE, not UPDATE: the weakest lock that keeps two claims apart (a foreign-key check, such as
  // a new subscription's, takes KEY SHARE on the webhook and need not wait for a claim). SKIP LOCKED: a
  // webhook another process is claiming for right now is left out of this claim. The last part finds the
  // webhooks that are gone (no foreign key removes their deliveries: migrations/025).
  // A webhook this claim would leave to the process sending to it (`fresh` work, others in flight, none
  // here: dispatch.ts, JOIN_AFTER_MS) is not locked at all: locked, it made that process's own claim skip
  // it, find nothing, and back off for 50 ms (two workers: p50 30 ms, p99 110 ms at 500 events/s).
  readonly #statement = new Prebuilt<InFlightCount & { gone: boolean }>('postgres', () => `WITH busy AS (
      SELECT webhook_id, count(*) FILTER (WHERE running AND NOT mine) AS others, count(*) FILTER (WHERE running AND mine) AS ours
      FROM (SELECT webhook_id, id = ANY(CAST(? AS BIGINT[])) AS mine, NOT (id = ANY(CAST(? AS BIGINT[]))) AS running
        FROM deliveries WHERE status = 'sending' AND webhook_id = ANY(CAST(? AS BIGINT[])) AND next_attempt_at > CAST(? AS BIGINT)) AS sending
      GROUP BY webhook_id),
    locked AS (
      SELECT id, rate_limit, rate_log FROM webhooks WHERE id = ANY(CAST(? AS BIGINT[]))
        AND NOT (id = ANY(CAST(? AS BIGINT[])) AND EXISTS (SELECT 1 FROM busy WHERE busy.webhook_id = webhooks.id AND busy.others > 0 AND busy.ours = 0))
      ORDER BY id FOR NO KEY UPDATE SKIP LOCKED)
    SELECT locked.id, locked.rate_limit, locked.rate_log, COALESCE(busy.others, 0) AS others, COALESCE(busy.ours, 0) AS ours, false AS gone
    FROM locked LEFT JOIN busy ON busy.webhook_id = locked.id
    UNION ALL
    SELECT c.id, NULL, NULL, 0, 0, true FROM unnest(CAST(? AS BIGINT[])) AS c(id)
    WHERE NOT EXISTS (SELECT 1 FROM webhooks WHERE webhooks.id = c.id)`);

  /**
   * In the claim's transaction `trx` (planned as claim-plans.ts sets): the `webhooks` (ascending ids) not
   * locked elsewhere, locked and counted. `held`: deliveries this process holds; `settled`: those of them
   * it has finished sending; `fresh`: webhooks whose due work has not waited long (left to the process
   * sending to them, if another is and this one is not: not locked, not returned). `gone`: those of
   * `webhooks` deleted, whose due work outlived them (orphans.ts).
   */
  async lockAndCount(trx: Kysely<Database>, webhooks: number[], held: number[], settled: number[], now: number, fresh: number[] = [], frame?: Frame): Promise<{ locked: InFlightCount[]; gone: number[] }> {
    const rows = await this.#statement.run(trx, 0, framed([held, settled, webhooks, now, webhooks, fresh, webhooks], frame));
    const locked: InFlightCount[] = [];
    const gone: number[] = [];
    for (const row of rows) {
      if (row.gone) gone.push(num(row.id));
      else locked.push({ id: num(row.id), rate_limit: numOrNull(row.rate_limit), rate_log: row.rate_log, others: num(row.others), ours: num(row.ours) });
    }
    return { locked, gone };
  }
}
