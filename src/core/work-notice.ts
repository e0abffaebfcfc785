/**
 * Which webhooks new work is for, told to dispatchers (the dispatcher thread, other processes) with the
 * notice that work is due. A dispatcher that backed off, because the due work its last claim saw was not
 * its to take, looks again at once for a notice that names another webhook (Dispatcher.wake). A notice
 * that says nothing can only be ignored (every claim would be one for nothing: with four workers, nine in
 * ten) or obeyed: ignored, new work for any other webhook waited out the back-off.
 */

/** The webhooks new work is for; null: any (more webhooks than a notice names, or a notice from an older hookd). */
export type WorkFor = readonly number[] | null;

/** Webhooks a notice names at most; a burst of publishes to more says "any". */
export const MAX_NAMED_WEBHOOKS = 64;

/** The webhooks of several notices gathered into one (a burst of publishes in one tick sends one). */
export class GatheredWork {
  #webhooks: Set<number> | null = new Set();
  #gathering = false;

  /** Adds a notice's webhooks; true if it is the first since the last take (the caller then sends, later, what take() gives). */
  add(webhooks: WorkFor): boolean {
    const first = !this.#gathering;
    this.#gathering = true;
    if (webhooks === null) this.#webhooks = null;
    else if (this.#webhooks !== null) {
      for (const webhook of webhooks) this.#webhooks.add(webhook);
      if (this.#webhooks.size > MAX_NAMED_WEBHOOKS) this.#webhooks = null;
    }
    return first;
  }

  /** What was gathered since the last take; empty again after. */
  take(): WorkFor {
    const gathered = this.#webhooks === null ? null : [...this.#webhooks];
    this.#webhooks = new Set();
    this.#gathering = false;
    return gathered;
  }
}
