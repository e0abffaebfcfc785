/**
 * How much more a claim may take for each webhook and each workspace, counted down as it takes (from the
 * hand-off and from due rows alike). Webhooks and workspaces the dispatcher did not list may take their
 * default room.
 */
import type { ClaimRequest } from '../../core/ports/store.ts';

export class Rooms {
  readonly #webhooks: Map<number, number>;
  readonly #workspaces: Map<number, number>;

  constructor(private readonly request: ClaimRequest) {
    this.#webhooks = new Map(request.perWebhookRoom);
    this.#workspaces = new Map(request.perWorkspaceRoom);
  }

  webhook(seq: number): number {
    return this.#webhooks.get(seq) ?? this.request.perWebhookDefault;
  }

  workspace(seq: number): number {
    return this.#workspaces.get(seq) ?? this.request.perWorkspaceDefault;
  }

  /** Takes `n` (or what is left, if less) for a webhook of a workspace; returns how many it took. */
  takeUpTo(webhookSeq: number, workspaceSeq: number, n: number): number {
    const taken = Math.max(0, Math.min(n, this.webhook(webhookSeq), this.workspace(workspaceSeq)));
    if (taken > 0) {
      this.#webhooks.set(webhookSeq, this.webhook(webhookSeq) - taken);
      this.#workspaces.set(workspaceSeq, this.workspace(workspaceSeq) - taken);
    }
    return taken;
  }

  /** Takes one; false when either has no room left. */
  take(webhookSeq: number, workspaceSeq: number): boolean {
    return this.takeUpTo(webhookSeq, workspaceSeq, 1) === 1;
  }

  /** A copy to try takes on, leaving this one's room as it is. */
  copy(): Rooms {
    const copy = new Rooms(this.request);
    for (const [seq, room] of this.#webhooks) copy.#webhooks.set(seq, room);
    for (const [seq, room] of this.#workspaces) copy.#workspaces.set(seq, room);
    return copy;
  }

  /** Lowers a webhook's room to at most `most` (PostgreSQL: what other processes leave of its concurrency). */
  limitWebhook(seq: number, most: number): void {
    this.#webhooks.set(seq, Math.min(this.webhook(seq), most));
  }

  /** The webhooks and workspaces with no room left, to leave out of the scan for due rows. */
  fullWebhooks(): number[] {
    return [...this.#webhooks].filter(([, room]) => room <= 0).map(([seq]) => seq);
  }

  fullWorkspaces(): number[] {
    return [...this.#workspaces].filter(([, room]) => room <= 0).map(([seq]) => seq);
  }
}
