/**
 * The webhooks whose due work this dispatcher's recent claims saw and did not take: another process was
 * sending to them, or their room here was none (an endpoint resting, a lane full, a rate limit). While
 * the dispatcher is backed off (Dispatcher.wake), a notice of new work for such webhooks only does not
 * wake it: its claim would come back empty. A notice for any other webhook does: that work may be its.
 *
 * Forgotten after a while, or when a claim takes the webhook's work. Forgetting too soon costs a claim
 * that finds nothing; remembering too long, a wait for the back-off's timer, which is what every notice
 * cost a backed-off dispatcher before.
 */

/** How long a webhook counts as left behind after the claim that left it. */
export const LEFT_BEHIND_MS = 1000;
/** Webhooks remembered at most: past it, those seen longest ago are forgotten. */
const MAX_REMEMBERED = 4096;

export class LeftBehind {
  /** Webhook → when a claim last left its work, oldest first (a Map keeps insertion order). */
  readonly #since = new Map<number, number>();

  /** A claim at `now` left the work of `webhooks`. */
  left(webhooks: Iterable<number>, now: number): void {
    for (const webhook of webhooks) {
      this.#since.delete(webhook);
      this.#since.set(webhook, now);
    }
    for (const [webhook, at] of this.#since) {
      if (this.#since.size <= MAX_REMEMBERED && at > now - LEFT_BEHIND_MS) break;
      this.#since.delete(webhook);
    }
  }

  /** A claim took work of `webhook`. */
  took(webhook: number): void {
    this.#since.delete(webhook);
  }

  /** Whether new work for `webhooks` may be this dispatcher's to take at `now`: one of them was not left behind lately. */
  mayTake(webhooks: readonly number[], now: number): boolean {
    return webhooks.some((webhook) => {
      const at = this.#since.get(webhook);
      return at === undefined || at <= now - LEFT_BEHIND_MS;
    });
  }
}

/** The webhooks a claim's rooms gave no room (resting here, lanes full): the store does not say it saw their work. */
export function webhooksWithoutRoom(rooms: ReadonlyMap<number, number>): number[] {
  const none: number[] = [];
  for (const [webhook, room] of rooms) if (room <= 0) none.push(webhook);
  return none;
}
