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
 * A claim's statements go in as few round trips as they can (postgres-framed-statements.ts): the due
 * window, which locks nothing, runs with the settings in front of it in a transaction of its own; the
 * transaction begins, with the settings, in the round trip of the count that locks the webhooks, and
 * commits in that of the mark. A claim is three round trips, one when nothing is due (it was five and
 * three: BEGIN with the settings, the window, the count, the mark, COMMIT).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { Frame } from '../postgres-framed-statements.ts';

const SETTINGS = ['SET LOCAL enable_seqscan = off', 'SET LOCAL enable_bitmapscan = off', 'SET LOCAL enable_sort = off', 'SET LOCAL jit = off', 'SET LOCAL plan_cache_mode = force_generic_plan'];

/** A statement of a claim outside its transaction (the due window, the next due time), planned as above, in a transaction of its own. */
export const PLANNED = new Frame(SETTINGS);
const OPENING = new Frame(['BEGIN', ...SETTINGS]);
const CLOSING = new Frame([], ['COMMIT']);

/** A claim's transaction, begun and committed with its statements (see above). */
export class ClaimTransaction {
  #began = false;
  #ended = false;

  /** `db`: the one connection the claim's statements run on. */
  constructor(readonly db: Kysely<Database>) {}

  /** The frame of the transaction's first statement: BEGIN and the planner settings go with it. */
  opening(): Frame {
    if (this.#began) throw new Error('a claim\'s transaction begins once');
    this.#began = true;
    return OPENING;
  }

  /** The frame of its last statement: COMMIT goes with it. */
  closing(): Frame {
    if (!this.#began || this.#ended) throw new Error('a claim\'s transaction commits once, after it began');
    this.#ended = true;
    return CLOSING;
  }

  get began(): boolean {
    return this.#began;
  }

  get ended(): boolean {
    return this.#ended;
  }
}

/**
 * Runs `work` on one connection of `db`; its transaction, if `work` began one, is committed when `work`
 * did not commit it with its last statement, or rolled back if `work` fails (and the error rethrown).
 */
export async function inClaimTransaction<T>(db: Kysely<Database>, work: (claim: ClaimTransaction) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    const claim = new ClaimTransaction(connection);
    let result: T;
    try {
      result = await work(claim);
    } catch (error) {
      // Also when the statement that began it failed: the connection must not go back to the pool inside a transaction.
      if (claim.began) await sql`ROLLBACK`.execute(connection).catch(() => undefined);
      throw error;
    }
    if (claim.began && !claim.ended) await sql`COMMIT`.execute(connection);
    return result;
  });
}
