/**
 * Rate-limited webhooks whose window has too little room for a claim to be worth making, and until when
 * (ClaimBatch.rateWaits, core/flow-control.ts rateBatch): the dispatcher leaves their work out of its
 * claims, and their finished attempts and recorded outcomes ask for none, until their time comes. Only
 * webhooks a claim reported are held, each until the first look after its time.
 */
export class RateWaits {
  readonly #until = new Map<number, number>();

  /** What a claim reported. */
  set(waits: ReadonlyMap<number, number>): void {
    for (const [webhook, until] of waits) this.#until.set(webhook, until);
  }

  waiting(webhookSeq: number, now: number): boolean {
    return (this.#until.get(webhookSeq) ?? 0) > now;
  }

  /** The webhooks waiting at `now`; those whose time has come are forgotten. */
  waitingNow(now: number): number[] {
    const seqs: number[] = [];
    for (const [webhook, until] of this.#until) {
      if (until > now) seqs.push(webhook);
      else this.#until.delete(webhook);
    }
    return seqs;
  }
}
