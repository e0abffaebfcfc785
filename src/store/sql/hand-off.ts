/**
 * Publish → dispatcher hand-off, for a SQLite store whose own process runs the dispatcher.
 *
 * A delivery published while that dispatcher has room is stored already leased to it (`sending`, its
 * `next_attempt_at` the lease's end) and waits here, in memory, for the dispatcher's next claim. The
 * claim takes it from here: no scan for due rows, no UPDATE to `sending` and no read of its event, which
 * a delivery stored as `pending` costs. On the benchmark that was about a fifth of the store's work.
 *
 * Nothing is lost if the process dies: the row is in the store, leased, and falls due when the lease
 * ends, exactly like a claimed delivery. A delivery that waits here past half its lease is dropped from
 * memory and left to fall due, so none can be handed out with too little lease left to be sent on it.
 *
 * Off until this process's dispatcher claims (an API-only process has nobody to hand to) and from the
 * moment it stops. PostgreSQL does not use it: there several processes share each webhook's
 * concurrency limit, counted in the store at claim time.
 */
import type { ClaimRequest, ClaimedDelivery } from '../store.ts';

/**
 * How much may wait here. A burst published faster than it is sent waits here rather than in the
 * store, up to these bounds; past them, deliveries are stored pending. One webhook may take only a
 * quarter, so an endpoint that is slow to answer cannot keep the others' deliveries out.
 */
const MAX_WAITING = 16_384;
export const MAX_WAITING_PER_WEBHOOK = MAX_WAITING / 4;
const MAX_WAITING_BYTES = 64 * 1024 * 1024;

export interface HandedOff {
  seq: number;
  id: string;
  webhookSeq: number;
  event: ClaimedDelivery['event'];
  leaseUntil: number;
}

export class HandOff {
  /** The dispatcher's lease length; 0 while hand-offs are off. */
  #leaseMs = 0;
  /** Oldest first. */
  #waiting: HandedOff[] = [];
  readonly #perWebhook = new Map<number, number>();
  /** The size of the event payloads waiting, counted once per delivery (an upper bound: deliveries of one event share it). */
  #bytes = 0;

  /** The lease a delivery handed off now gets, or 0 while hand-offs are off. */
  get leaseMs(): number {
    return this.#leaseMs;
  }

  get size(): number {
    return this.#waiting.length;
  }

  /** This process's dispatcher claims: hand-offs are on, with its lease. */
  open(request: ClaimRequest): void {
    this.#leaseMs = request.leaseUntil - request.now;
  }

  /**
   * For one publish transaction: answers, per new delivery, whether it is handed off, counting the ones
   * already said yes to in the same transaction.
   */
  planner(): (webhookSeq: number) => boolean {
    if (this.#leaseMs === 0) return () => false;
    const planned = new Map<number, number>();
    let plannedTotal = 0;
    if (this.#bytes >= MAX_WAITING_BYTES) return () => false;
    return (webhookSeq) => {
      const forWebhook = (this.#perWebhook.get(webhookSeq) ?? 0) + (planned.get(webhookSeq) ?? 0);
      if (forWebhook >= MAX_WAITING_PER_WEBHOOK || this.#waiting.length + plannedTotal >= MAX_WAITING) return false;
      planned.set(webhookSeq, (planned.get(webhookSeq) ?? 0) + 1);
      plannedTotal++;
      return true;
    };
  }

  /** Deliveries whose publish committed, handed off as planned. */
  add(items: HandedOff[]): void {
    for (const item of items) {
      this.#waiting.push(item);
      this.#bytes += item.event.dataJson.length;
      this.#perWebhook.set(item.webhookSeq, (this.#perWebhook.get(item.webhookSeq) ?? 0) + 1);
    }
  }

  /**
   * Drops what has less than half its lease left: it falls due when the lease ends, and the claim's scan
   * of due rows takes it then. Called before that scan, so no delivery can be taken both ways at once.
   */
  prune(now: number): void {
    if (this.#waiting.length === 0 || this.#waiting[0].leaseUntil - now >= this.#leaseMs / 2) return;
    this.#waiting = this.#waiting.filter((item) => {
      if (item.leaseUntil - now >= this.#leaseMs / 2) return true;
      this.forget(item);
      return false;
    });
  }

  /** Takes, oldest first, up to `limit` deliveries that fit each webhook's `room`, which it counts down. */
  take(limit: number, room: Map<number, number>, roomDefault: number): HandedOff[] {
    const taken: HandedOff[] = [];
    if (this.#waiting.length === 0 || limit <= 0) return taken;
    const kept: HandedOff[] = [];
    for (const item of this.#waiting) {
      const left = room.get(item.webhookSeq) ?? roomDefault;
      if (taken.length < limit && left > 0) {
        room.set(item.webhookSeq, left - 1);
        this.forget(item);
        taken.push(item);
      } else {
        kept.push(item);
      }
    }
    this.#waiting = kept;
    return taken;
  }

  /** The dispatcher stops: hand-offs are off, and what waits here is returned, to be handed back. */
  close(): number[] {
    this.#leaseMs = 0;
    const seqs = this.#waiting.map((item) => item.seq);
    this.#waiting = [];
    this.#perWebhook.clear();
    this.#bytes = 0;
    return seqs;
  }

  private forget(item: HandedOff): void {
    this.#bytes -= item.event.dataJson.length;
    const count = (this.#perWebhook.get(item.webhookSeq) ?? 1) - 1;
    if (count === 0) this.#perWebhook.delete(item.webhookSeq);
    else this.#perWebhook.set(item.webhookSeq, count);
  }
}
