/**
 * The last step of a claim: the deliveries it takes become `sending`, their `next_attempt_at` the lease's end.
 *
 * On PostgreSQL this is where the claim locks rows, and only those it takes. The due scan reads its window
 * unlocked (due-scan.ts): locking it all, when a busy claim takes only a few of its rows (the others belong
 * to webhooks with no room), cost a row lock and its WAL record for every row read, about 275 a claim with
 * four workers, which made the window the top statement of that run. Two claims cannot take the same
 * webhook's rows at once (each locks the webhooks it takes from first: dispatch.ts), and a row is taken
 * only if it is still due once locked: one another process marked since the window was read has its lease
 * in the future, and is left to it. A row someone else has locked right now is skipped, not waited for.
 *
 * SQLite: the claim's transaction holds the database's write lock; every row found is still as read.
 *
 * On PostgreSQL the same statement reads the marked deliveries' webhooks and events (claimed-reads.ts).
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import { marks, Prebuilt } from './prebuilt.ts';
import { padded } from './rows.ts';
import { framed, type Frame } from '../postgres-framed-statements.ts';
import { splitReads, withTheirReads, type ClaimedReadsById, type Column, type SlotRow } from './claimed-reads.ts';

export interface MarkedRow {
  id: number;
  uid: string;
  attempt_count: number;
  trigger: string;
  webhook_id: number;
  event_id: number;
}

/** What a claim marked, and, on PostgreSQL, the webhooks and events of those deliveries (claimed-reads.ts). */
export interface Marked {
  rows: MarkedRow[];
  read?: ClaimedReadsById;
}

const SET_SENDING = `UPDATE deliveries SET status = 'sending', next_attempt_at = CAST(? AS BIGINT), updated_at = CAST(? AS BIGINT)`;
const RETURNED = 'RETURNING id, uid, attempt_count, "trigger", webhook_id, event_id';
const MARKED_COLUMNS: readonly Column[] = [['uid', 'TEXT'], ['trigger', 'TEXT', '"trigger"'], ['attempt_count', 'BIGINT'], ['webhook_id', 'BIGINT'], ['event_id', 'BIGINT']];

/**
 * PostgreSQL: the rows marked, their webhooks and their events, as one union (claimed-reads.ts). The ids
 * go to the update as one array (ARRAY(…) is computed first), so the primary key is the only way in,
 * whatever the plan. The check that a row is still due is a CASE for the same reason: written as plain
 * conditions, PostgreSQL's generic plan could read them off the due index, which behind a backlog holds
 * every due row (a first try of this took 40 ms a claim during a 200 000-row drain). The update finds the
 * locked rows by their place (ctid), which stays put while they are locked, not through the primary key a
 * second time (a fifth of the statement's buffers went to that lookup).
 */
function postgresMarkAndRead(): string {
  return `WITH marked AS (${SET_SENDING}
      WHERE ctid = ANY(ARRAY(SELECT ctid FROM deliveries WHERE id = ANY(CAST(? AS BIGINT[]))
        AND CASE WHEN status IN ('pending', 'sending') THEN next_attempt_at <= CAST(? AS BIGINT) ELSE false END
        FOR UPDATE SKIP LOCKED))
      ${RETURNED})
    ${withTheirReads('marked', MARKED_COLUMNS)}`;
}

export class MarkSending {
  readonly #statement: Prebuilt<MarkedRow>;
  readonly #markAndRead: Prebuilt<SlotRow>;

  constructor(private readonly dialect: Dialect) {
    this.#statement = new Prebuilt(dialect, (n) => `${SET_SENDING} WHERE id IN (${marks(n)}) ${RETURNED}`);
    this.#markAndRead = new Prebuilt(dialect, postgresMarkAndRead);
  }

  /**
   * Marks `ids` (found due at `now`) as sent under a lease until `leaseUntil`; the rows it marked.
   * `frame`: PostgreSQL, what goes with it (the claim's COMMIT: claim-plans.ts).
   */
  async run(trx: Kysely<Database>, ids: number[], leaseUntil: number, now: number, frame?: Frame): Promise<Marked> {
    if (this.dialect === 'postgres') return this.runAndRead(trx, ids, leaseUntil, now, frame);
    const list = padded(ids);
    return { rows: await this.#statement.run(trx, list.length, [leaseUntil, now, ...list]) };
  }

  private async runAndRead(trx: Kysely<Database>, ids: number[], leaseUntil: number, now: number, frame?: Frame): Promise<Marked> {
    const { rows, read } = splitReads(await this.#markAndRead.run(trx, 0, framed([leaseUntil, now, ids, now], frame)), MARKED_COLUMNS);
    return { rows: rows as unknown as MarkedRow[], read };
  }
}
