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
import type { ClaimRequest, ClaimedDelivery } from '../../core/ports/store.ts';
import type { Rooms } from './rooms.ts';

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
  workspaceSeq: number;
  event: ClaimedDelivery['event'];
  leaseUntil: number;
}

export class HandOff {
  /** The dispatcher's lease length; 0 while hand-offs are off. */
  #leaseMs = 0;
  /** By webhook, each oldest first: a claim takes per webhook, as much as its room allows. */
  readonly #queues = new Map<number, HandedOff[]>();
  #size = 0;
  /** The size of the event payloads waiting, counted once per delivery (an upper bound: deliveries of one event share it). */
  #bytes = 0;

  /** The lease a delivery handed off now gets, or 0 while hand-offs are off. */
  get leaseMs(): number {
    return this.#leaseMs;
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
    if (this.#leaseMs === 0 || this.#bytes >= MAX_WAITING_BYTES) return () => false;
    const planned = new Map<number, number>();
    let plannedTotal = 0;
    return (webhookSeq) => {
      const forWebhook = (this.#queues.get(webhookSeq)?.length ?? 0) + (planned.get(webhookSeq) ?? 0);
      if (forWebhook >= MAX_WAITING_PER_WEBHOOK || this.#size + plannedTotal >= MAX_WAITING) return false;
      planned.set(webhookSeq, (planned.get(webhookSeq) ?? 0) + 1);
      plannedTotal++;
      return true;
    };
  }

  /** Deliveries whose publish committed, handed off as planned. */
  add(items: HandedOff[]): void {
    for (const item of items) {
      let queue = this.#queues.get(item.webhookSeq);
      if (!queue) this.#queues.set(item.webhookSeq, (queue = []));
      queue.push(item);
      this.#size++;
      this.#bytes += item.event.dataJson.length;
    }
  }

  /**
   * Drops what has less than half its lease left: it falls due when the lease ends, and the claim's scan
   * of due rows takes it then. Called before that scan, so no delivery can be taken both ways at once.
   */
  prune(now: number): void {
    for (const [webhookSeq, queue] of this.#queues) {
      let stale = 0;
      while (stale < queue.length && queue[stale].leaseUntil - now < this.#leaseMs / 2) stale++;
      if (stale > 0) this.remove(webhookSeq, queue, stale);
    }
  }

  /** Takes up to `limit` deliveries, oldest first for each webhook and as many as its rooms allow, which it counts down. */
  take(limit: number, room: Rooms): HandedOff[] {
    const taken: HandedOff[] = [];
    for (const [webhookSeq, queue] of this.#queues) {
      if (taken.length >= limit) break;
      const n = room.takeUpTo(webhookSeq, queue[0].workspaceSeq, Math.min(queue.length, limit - taken.length));
      if (n > 0) taken.push(...this.remove(webhookSeq, queue, n));
    }
    return taken;
  }

  /** The dispatcher stops: hand-offs are off, and what waits here is returned, to be handed back. */
  close(): number[] {
    this.#leaseMs = 0;
    const seqs = [...this.#queues.values()].flatMap((queue) => queue.map((item) => item.seq));
    this.#queues.clear();
    this.#size = 0;
    this.#bytes = 0;
    return seqs;
  }

  /** Removes the `n` oldest of a webhook's queue and returns them. */
  private remove(webhookSeq: number, queue: HandedOff[], n: number): HandedOff[] {
    const removed = queue.splice(0, n);
    if (queue.length === 0) this.#queues.delete(webhookSeq);
    this.#size -= removed.length;
    for (const item of removed) this.#bytes -= item.event.dataJson.length;
    return removed;
  }
}
