/**
 * PostgreSQL: how the statements of a claim's transaction are planned, set at its start for it alone.
 *
 * - No sequential scans. Every statement of a claim has an index made for it, but its generic plan is
 *   made once per connection, with the statistics of that moment. Made early in a run, when the table was
 *   small and all of it due, the due window's plan was a sequential scan and a sort; once the table had
 *   grown, every claim read all of it (4 ms a claim instead of 0.15), and in one benchmark run in three the
 *   dispatcher fell behind: p50 publish-to-receipt 20–27 ms instead of 7–9 (docs/performance.md,
 *   2026-12-05).
 * - No bitmap scans. The count of requests in flight reads the index of deliveries being sent
 *   (in-flight-counts.ts), where each delivery finished since left an entry until VACUUM. A plain index
 *   scan marks such an entry dead once every transaction can see the row has moved on, and later scans
 *   skip it; a bitmap scan never does, and visits every entry and its heap tuple each time. PostgreSQL chose
 *   a bitmap scan there: a median claim read 3 796 entries and 464 heap pages to count 25 rows (0.7 ms, a
 *   fifth of the database's time in the benchmark). The claim's other statements read a few rows by index.
 * - No sorts. Its generic plan is made with the statistics of its connection's first claim, and those
 *   often say that nothing waits (a table of deliveries long sent, analyzed while idle): every plan then
 *   looks as cheap as the next, and the due window was planned as a walk of the per-webhook due index (the
 *   same rows, another order) and a sort of all it read. That read every waiting delivery at every claim:
 *   10 000 entries for a window of 128, 7 ms with 20 000 waiting (docs/performance.md, 2026-12-06,
 *   morning). Without sorts, only a walk of an index in the order wanted is left to it. The claim's
 *   statements need no sort of their own (due-scan.ts orders the window's rows itself).
 * - No JIT compilation. A plan that has to do what is turned off here costs more than JIT's threshold,
 *   and compiling it took 70–120 ms; none of these statements runs long enough to gain from it.
 * - Generic plans. Each run's own plan of the due window and of the count looked cheaper than the generic
 *   one (the statistics say little is due, or the lists are short), so PostgreSQL planned them at nearly
 *   every run: with four workers the window took 2 305 plans in 2 456 runs, and planning cost half as much
 *   again as running. Their generic plans are the same walks of the same indexes.
 *
 * The transaction begins with them in one round trip: BEGIN and the settings as one simple query (no
 * parameters: it may hold several statements). A round trip costs hookd about 85 µs of CPU on the
 * benchmark machine, mostly the write that wakes the server's backend (docs/performance.md, 2026-12-05),
 * and a claim had eight.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

const BEGIN_PLANNED = sql.raw('BEGIN; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off; SET LOCAL jit = off; SET LOCAL plan_cache_mode = force_generic_plan');

/** Runs `work` in a transaction of its own, on one connection of `db`, planned as above; commits, or rolls back and rethrows. */
export async function inClaimTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    let result: T;
    try {
      await BEGIN_PLANNED.execute(connection);
      result = await work(connection);
    } catch (error) {
      // Also when BEGIN's settings failed: the connection must not go back to the pool inside a transaction.
      await sql`ROLLBACK`.execute(connection).catch(() => undefined);
      throw error;
    }
    await sql`COMMIT`.execute(connection);
    return result;
  });
}
