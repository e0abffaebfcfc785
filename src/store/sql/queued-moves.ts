/**
 * Moving a webhook's queued work when its status changes, or its failed deliveries when they are
 * recovered, with the caller waiting a bounded time.
 *
 * A move takes as long as the backlog is big: pausing 1 000 000 queued deliveries took 78 s on PostgreSQL
 * (docs/performance.md), and the PATCH that asked for it waited all that time, as did the recording of a
 * dispatcher's outcomes when a webhook was disabled behind such a backlog. So the caller waits at most
 * MOVE_WAIT_MS, and the rest moves in the background, a chunk at a time as ever (queued-work.ts). The
 * webhook's status is written before, and it is what counts: each chunk checks it, a claim hands back,
 * held, what it took of a webhook no longer active (dispatch.ts), and what a resume had not freed when
 * its process stopped is freed when hookd starts. A move that fails (the database away) is tried again
 * until it is done or the store closes; closing stops moves between chunks.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import { moveQueued, type Move, type MoveProgress } from './queued-work.ts';

/** How long a status change waits for its queued work to move before answering. */
export const MOVE_WAIT_MS = 1_000;
/** Between tries of a move that failed. */
const RETRY_MS = 2_000;

export class QueuedMoves {
  readonly #running = new Set<Promise<void>>();
  readonly #closing = new AbortController();

  constructor(private readonly db: Kysely<Database>, private readonly dialect: Dialect, private readonly waitMs = MOVE_WAIT_MS) {}

  /**
   * Holds, frees or recovers the webhook's deliveries (queued-work.ts), as its status, already written,
   * says. Returns once it is done or after the wait, whichever comes first, with how many it moved by then
   * and whether it is done; never throws.
   */
  async move(webhookSeq: number, move: Move, now: number): Promise<{ moved: number; done: boolean }> {
    if (this.#closing.signal.aborted) return { moved: 0, done: true };
    const progress: MoveProgress = { moved: 0 };
    let finished = false;
    const done = this.#untilDone(webhookSeq, move, now, progress).then(() => { finished = true; });
    this.#running.add(done);
    void done.then(() => this.#running.delete(done));
    const waited = new AbortController();
    await Promise.race([done, sleep(this.waitMs, undefined, { signal: waited.signal }).catch(() => undefined)]);
    waited.abort();
    return { moved: progress.moved, done: finished };
  }

  /** Resolves when no move is running (tests). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running]);
  }

  /** Stops every move at its next chunk (or its wait to try again) and waits for them. */
  async close(): Promise<void> {
    this.#closing.abort();
    await this.idle();
  }

  async #untilDone(webhookSeq: number, move: Move, now: number, progress: MoveProgress): Promise<void> {
    const stopped = () => this.#closing.signal.aborted;
    while (!stopped()) {
      try {
        await moveQueued(this.db, this.dialect, webhookSeq, now, move, stopped, progress);
        return;
      } catch {
        await sleep(RETRY_MS, undefined, { signal: this.#closing.signal }).catch(() => undefined);
      }
    }
  }
}
