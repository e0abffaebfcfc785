/**
 * Holding and freeing a webhook's queued deliveries when it is paused, disabled or re-activated, and
 * recovering its failed ones (queued again, due now, for one manual attempt each).
 *
 * A webhook may have a backlog of a million deliveries. Moving them in one statement held the write lock
 * (SQLite) or a long transaction (PostgreSQL) for seconds, and every other request waited behind it
 * (`npm run bench -- --scenario backlog`: /healthz p99 808 ms while 100 000 rows were freed). So they move a
 * chunk per statement, with other work let in between.
 *
 * Each chunk checks the webhook's status in the same statement, so a pause that lands while a resume is
 * still freeing (or the reverse) wins from its next chunk on. What a stop halfway leaves behind is mended:
 * a pending delivery of an inactive webhook is held when a dispatcher claims it (dispatch.ts), and held
 * deliveries of an active webhook are freed by `freeHeldOfActiveWebhooks`, run when hookd starts.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import { num, statusLiteral } from './rows.ts';
import { CHUNK, inTurns } from './chunks-in-turn.ts';
import { firstIdSince } from './first-id-since.ts';

/**
 * Which of a webhook's deliveries a move takes, and what it makes of them: pending → held while the
 * webhook is not active; held → pending (due now) while it is; failed (created since `since`) → pending,
 * due now, for one manual attempt, while it is active.
 */
export type Move = { to: 'held' } | { to: 'pending' } | { to: 'recovered'; since: number };

/** Counts what a move has done so far, chunk by chunk (the caller may answer before it is done). */
export interface MoveProgress {
  moved: number;
}

/**
 * Moves the webhook's deliveries as `move` says while its status says so.
 *
 * On PostgreSQL a chunk takes only rows no other transaction holds (FOR UPDATE SKIP LOCKED), so it never
 * waits for a row lock and can never be one side of a deadlock. Two moves of one webhook at once (the
 * PATCH that pauses it and the hold that follows its automatic disabling) locked overlapping chunks in
 * different orders: one was chosen as a deadlock's victim and the PATCH answered 503. A row held elsewhere
 * is left to whoever holds it, and each holder mends it: a claim hands back, held, what it took for a
 * webhook no longer active (dispatch.ts), a recorded retry of one is held with its outcome, and another
 * move moves it the same way. Chunks go on while a chunk moves a full CHUNK: rows a claim holds are
 * skipped, not counted, so they cannot stop the move short. A chunk that moves nothing stops it too: the
 * webhook's status changed (a resume or a pause came after), and that one moves the rest.
 */
export async function moveQueued(db: Kysely<Database>, dialect: Dialect, webhookSeq: number, now: number, move: Move, stopped: () => boolean = () => false, progress: MoveProgress = { moved: 0 }): Promise<number> {
  const from = move.to === 'held' ? 'pending' : move.to === 'pending' ? 'held' : 'failed';
  const set = move.to === 'held' ? { status: 'held' as const, updated_at: now }
    : { status: 'pending' as const, next_attempt_at: now, updated_at: now, ...(move.to === 'recovered' ? { trigger: 'manual' } : {}) };
  const since = move.to === 'recovered' ? move.since : null;
  // Ids grow with creation time: a recovery since a time starts at the first id created then.
  const start = since !== null && since > 0 ? await firstIdSince(db, 'deliveries', since) - 1 : 0;
  // Each chunk starts past the last one's rows (ids in the webhook-and-status index, migrations/022): the
  // rows it moved left dead index entries behind, which a chunk started from the front walked again
  // wherever a long transaction kept them from being pruned. A second pass from the front finds rows
  // committed behind that point meanwhile (by a publish that read the webhook's old status); it walks
  // those dead entries once, not once per chunk.
  let moved = 0;
  for (let pass = 0; pass < 2; pass++) {
    let after = start;
    const movedInPass = await inTurns(async () => {
      const rows = await db.updateTable('deliveries')
        .set(set)
        .where('id', 'in', (eb) => eb.selectFrom('deliveries').select('id')
          .where('webhook_id', '=', webhookSeq).where('status', '=', statusLiteral(from)).where('id', '>', after)
          .$if(since !== null, (q) => q.where('created_at', '>=', since as number))
          // PostgreSQL: a row comparison only that index serves as a range. Otherwise, where the webhook's
          // rows were most of the table, the planner walked the primary key from the point and filtered.
          .$if(dialect === 'postgres', (q) => q.where(sql<boolean>`(webhook_id, status, id) > (${webhookSeq}, ${statusLiteral(from)}, ${after})`).forUpdate().skipLocked())
          .orderBy('id').limit(CHUNK))
        .where((eb) => eb.exists(eb.selectFrom('webhooks').select('id').where('id', '=', webhookSeq).where('status', move.to === 'held' ? '!=' : '=', 'active')))
        .returning('id').execute();
      for (const row of rows) after = Math.max(after, num(row.id));
      progress.moved += rows.length;
      return rows.length;
    }, stopped);
    moved += movedInPass;
    if (movedInPass === 0 || stopped()) break;
  }
  return moved;
}

/**
 * Holds the webhook's pending deliveries while it is not active. Returns how many were held; fewer if
 * `stopped()` said so between chunks.
 */
export const holdQueued = (db: Kysely<Database>, dialect: Dialect, webhookSeq: number, now: number, stopped = () => false): Promise<number> =>
  moveQueued(db, dialect, webhookSeq, now, { to: 'held' }, stopped);

/** Frees the webhook's held deliveries, due now, while it is active. Returns how many were freed (as holdQueued). */
export const freeHeld = (db: Kysely<Database>, dialect: Dialect, webhookSeq: number, now: number, stopped = () => false): Promise<number> =>
  moveQueued(db, dialect, webhookSeq, now, { to: 'pending' }, stopped);

/** Frees what a resume stopped halfway (a crash, or a pause and a resume racing) left held behind an active webhook. */
export async function freeHeldOfActiveWebhooks(db: Kysely<Database>, dialect: Dialect, now: number): Promise<number> {
  let freed = 0;
  let after = 0;
  for (;;) {
    // Active webhooks a page at a time, each looked up in the (webhook_id, status) index: cheap when nothing is held.
    const page = await db.selectFrom('webhooks').select('id').where('status', '=', 'active').where('id', '>', after)
      .orderBy('id').limit(CHUNK).execute();
    if (page.length === 0) return freed;
    const seqs = page.map((row) => num(row.id));
    after = seqs[seqs.length - 1];
    const holding = await db.selectFrom('deliveries').select('webhook_id').distinct()
      .where('webhook_id', 'in', seqs).where('status', '=', statusLiteral('held')).execute();
    for (const row of holding) freed += await freeHeld(db, dialect, num(row.webhook_id), now);
  }
}

