/**
 * Webhooks whose due work outran their room at a recent claim: backlogs being drained. The due scan reads
 * each one's first due rows by webhook, as many as its room, and leaves it out of its window from the
 * front of the due order (due-scan.ts). Read off the front, a drained backlog filled every claim's window
 * (the claim's limit and 64 more rows, 293 for the dispatcher's usual claim) for the twenty-odd rows its
 * room let the claim take: on SQLite, behind a 200 000-event backlog, the window statements took a
 * quarter of the API thread, most of it better-sqlite3 turning rows no one took into objects.
 *
 * What it remembers is only a way to read: a webhook remembered wrongly costs one look by webhook, and
 * one whose backlog ran out is forgotten at the look that finds less than its room.
 */
import type { Rooms } from './rooms.ts';

/** Remembered at most; past it the longest remembered is forgotten (its backlog is then read off the front). */
const MOST = 256;

export class BackedUpWebhooks {
  /** In the order first seen, oldest first. */
  readonly #seqs = new Set<number>();

  /** Those with room left in `room`, in the order first seen. */
  withRoom(room: Rooms): number[] {
    return [...this.#seqs].filter((seq) => room.webhook(seq) > 0);
  }

  /** `seq` had more due work than the room a claim had for it. */
  outran(seq: number): void {
    if (this.#seqs.has(seq)) return;
    if (this.#seqs.size >= MOST) this.#seqs.delete(this.#seqs.values().next().value as number);
    this.#seqs.add(seq);
  }

  /** A look by webhook found less than its room: nothing more of it is due. */
  ranOut(seq: number): void {
    this.#seqs.delete(seq);
  }
}
