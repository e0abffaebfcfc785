/**
 * The webhooks this dispatcher has lately been sending to. While it is in its long back-off (due work
 * left that was not its to take: Dispatcher.wake), a notice of new work wakes it only if it names one
 * of them: the others leave a webhook's new work to the process that is sending to it (sql/dispatch.ts,
 * JOIN_AFTER_MS), so that work is this one's to take, and its claim will not come back empty. New work
 * for any other webhook waits for the back-off's timer, as every notice's did before: an idle worker
 * woken for webhooks it had not left behind claimed often enough to take work from the one sending to
 * them, and four workers' latency rose.
 *
 * A webhook counts from the claim that took its work until a second has passed, or until a claim leaves
 * its due work behind (it rests here now, or another process took it over).
 */

import type { ClaimBatch } from '../core/ports/store.ts';
import type { WorkFor } from '../core/work-notice.ts';

/** How long a webhook counts as this dispatcher's after the claim that took its work. */
export const RECENT_MS = 1000;
/** Webhooks remembered at most: past it, those taken longest ago are forgotten. */
const MAX_REMEMBERED = 4096;

export class RecentlyTaken {
  /** Webhook → when a claim last took its work, oldest first (a Map keeps insertion order). */
  readonly #at = new Map<number, number>();

  /**
   * A claim at `now`: it left due work of `claim.leftBehind` and of the `leftOut` webhooks behind (another
   * process's now, or resting or waiting for their rate windows here), and took the work of its deliveries'
   * webhooks (which counts, if the same claim also left some of theirs).
   */
  claimed(claim: ClaimBatch, leftOut: readonly number[], now: number): void {
    for (const webhook of claim.leftBehind ?? []) this.#at.delete(webhook);
    for (const webhook of leftOut) this.#at.delete(webhook);
    for (const delivery of claim) {
      this.#at.delete(delivery.webhook.seq);
      this.#at.set(delivery.webhook.seq, now);
    }
    for (const [oldest, at] of this.#at) {
      if (this.#at.size <= MAX_REMEMBERED && at > now - RECENT_MS) break;
      this.#at.delete(oldest);
    }
  }

  /** Whether new work for `webhooks` (null: unnamed) is this dispatcher's to take at `now`: it lately took work of one of them. */
  mayTake(webhooks: WorkFor, now: number): boolean {
    return webhooks !== null && webhooks.some((webhook) => {
      const at = this.#at.get(webhook);
      return at !== undefined && at > now - RECENT_MS;
    });
  }
}
