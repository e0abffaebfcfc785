/**
 * The dispatcher's slots, shared fairly. Claimed deliveries wait in one lane per webhook; lanes belong
 * to their workspace. Three rules keep one tenant or one endpoint from holding up the others:
 *
 * - **Per webhook**: at most `webhookConcurrency` attempts in flight (with several processes, at most what
 *   the others leave: ClaimedDelivery.webhookShare), and a bounded amount claimed ahead (claimRoom).
 *   Within that, each webhook's limit adapts, as TCP's window does: a webhook starts at 4, gains one
 *   for every attempt answered in time, and halves for every attempt that failed slowly (a timeout),
 *   so an endpoint that hangs soon holds one connection, not sixteen.
 * - **Per workspace**: at most `workspaceConcurrency` active attempts (a share of `concurrency` is
 *   always left for the other workspaces), and the next free slot goes to the workspace with the
 *   fewest active attempts, then to its webhook with the fewest.
 * - **Slow requests step aside**: an attempt still running after `slowAfterMs` stops counting against
 *   `concurrency` and its workspace's share (up to `slowConcurrency` of them), so endpoints that hang
 *   until the request timeout hold sockets, not the slots healthy endpoints deliver with. A webhook
 *   whose attempts are all slow claims nothing ahead, and gives back what it had claimed.
 */
import type { ClaimedDelivery } from '../core/ports/store.ts';

export interface LaneLimits {
  concurrency: number;
  webhookConcurrency: number;
  workspaceConcurrency: number;
  slowConcurrency: number;
  /** An attempt running longer than this is slow (set aside; a failure that slow halves the webhook's limit). */
  slowAfterMs: number;
}

/** A webhook's limit before it has shown how fast it answers. */
const INITIAL_LIMIT = 4;
/**
 * How many of its limits a webhook that runs at its full concurrency may hold claimed ahead of what it
 * runs. The dispatcher looks for more work when a lane's queue falls to one concurrency's worth: with
 * only one limit ahead, that lane's room was zero at that moment, claims took a few deliveries each, and
 * lanes ran dry while the next claim was on its way. With two, a claim finds room for one concurrency's
 * worth and the queue still holds another: 11–22% more deliveries a second on PostgreSQL, 55–67% on
 * SQLite, at 3–15% less CPU per delivery (docs/performance.md, 2026-12-06 afternoon). A webhook below its
 * full limit (still proving itself, or failing slowly) claims one limit ahead: fifty endpoints that hang
 * would otherwise take more of the claim budget before they are known to be slow.
 */
const FULL_SPEED_AHEAD = 2;
/** Webhooks whose limit is remembered (the least recently changed are forgotten first). */
const REMEMBERED_LIMITS = 10_000;

export interface Lane {
  readonly webhookSeq: number;
  readonly workspace: WorkspaceLoad;
  /** Claimed, not started, oldest first. */
  readonly queue: ClaimedDelivery[];
  /** Attempts running (slow ones included). */
  inflight: number;
  /** Of those, how many were set aside as slow. */
  slow: number;
  /** At most this many in flight, whatever its limit: what other processes leave it (ClaimedDelivery.webhookShare). */
  share: number;
}

interface WorkspaceLoad {
  readonly seq: number;
  /** Attempts running and not set aside as slow. */
  active: number;
  queued: number;
  readonly lanes: Lane[];
  /** Where the next look for a lane to start from begins (round robin among equals). */
  next: number;
}

/** One attempt running, as the slot accounting sees it. */
export interface Running {
  readonly lane: Lane;
  readonly startedAt: number;
  slow: boolean;
}

export class Lanes {
  readonly #lanes = new Map<number, Lane>();
  /** Each webhook's current limit (see the file's comment), kept while its lane comes and goes. */
  readonly #limits = new Map<number, number>();
  readonly #workspaces = new Map<number, WorkspaceLoad>();
  /** Webhooks that started an attempt since the last claim was sent (see claimRoom). */
  readonly #startedSinceClaim = new Set<number>();
  #active = 0;
  #slow = 0;
  #queued = 0;

  constructor(private readonly limits: LaneLimits) {}

  /** Attempts running that hold a slot (not set aside as slow). */
  get active(): number {
    return this.#active;
  }

  get slow(): number {
    return this.#slow;
  }

  get queued(): number {
    return this.#queued;
  }

  lane(webhookSeq: number): Lane | undefined {
    return this.#lanes.get(webhookSeq);
  }

  all(): IterableIterator<Lane> {
    return this.#lanes.values();
  }

  /** Queues a claimed delivery in its webhook's lane. */
  add(delivery: ClaimedDelivery): void {
    const { seq: webhookSeq, workspaceSeq } = delivery.webhook;
    let lane = this.#lanes.get(webhookSeq);
    if (!lane) {
      let workspace = this.#workspaces.get(workspaceSeq);
      if (!workspace) this.#workspaces.set(workspaceSeq, (workspace = { seq: workspaceSeq, active: 0, queued: 0, lanes: [], next: 0 }));
      lane = { webhookSeq, workspace, queue: [], inflight: 0, slow: 0, share: Infinity };
      this.#lanes.set(webhookSeq, lane);
      workspace.lanes.push(lane);
    }
    // The latest claim's word on what the other processes leave (an older one may be out of date).
    if (delivery.webhookShare !== undefined) lane.share = delivery.webhookShare;
    lane.queue.push(delivery);
    lane.workspace.queued++;
    this.#queued++;
  }

  /**
   * The next delivery to start and its lane, taking the free slot fairly (see the file's comment), or
   * null when no slot is free or nothing may start. The caller starts it and calls `started`.
   */
  next(): { delivery: ClaimedDelivery; lane: Lane } | null {
    if (this.#active >= this.limits.concurrency) return null;
    let best: WorkspaceLoad | null = null;
    let bestIndex = -1;
    for (const workspace of this.#workspaces.values()) {
      if (workspace.queued === 0 || workspace.active >= this.limits.workspaceConcurrency) continue;
      if (best && workspace.active >= best.active) continue;
      const index = this.startableLane(workspace);
      if (index >= 0) [best, bestIndex] = [workspace, index];
    }
    if (!best) return null;
    const bestLane = best.lanes[bestIndex];
    best.next = (bestIndex + 1) % best.lanes.length;
    const delivery = bestLane.queue.shift() as ClaimedDelivery;
    best.queued--;
    this.#queued--;
    return { delivery, lane: bestLane };
  }

  /**
   * Where in the workspace's lanes is the one with the fewest attempts running that may start one, looking
   * from its round-robin place; -1 if none may.
   */
  private startableLane(workspace: WorkspaceLoad): number {
    let chosen = -1;
    const { lanes } = workspace;
    for (let i = 0; i < lanes.length; i++) {
      const index = (workspace.next + i) % lanes.length;
      const lane = lanes[index];
      if (lane.queue.length === 0 || lane.inflight >= Math.min(this.limitOf(lane.webhookSeq), lane.share)) continue;
      if (chosen < 0 || lane.inflight < lanes[chosen].inflight) chosen = index;
    }
    return chosen;
  }

  /** How many attempts the webhook may have in flight now. */
  limitOf(webhookSeq: number): number {
    return this.#limits.get(webhookSeq) ?? Math.min(INITIAL_LIMIT, this.limits.webhookConcurrency);
  }

  /** An attempt of the webhook ended: in time, the limit grows by one; failed slowly, it halves. */
  answered(webhookSeq: number, durationMs: number, success: boolean): void {
    const limit = this.limitOf(webhookSeq);
    const inTime = durationMs < this.limits.slowAfterMs;
    const next = inTime ? Math.min(this.limits.webhookConcurrency, limit + 1) : success ? limit : Math.max(1, Math.floor(limit / 2));
    if (next === limit) return;
    this.#limits.delete(webhookSeq);
    if (this.#limits.size >= REMEMBERED_LIMITS) this.#limits.delete(this.#limits.keys().next().value as number);
    this.#limits.set(webhookSeq, next);
  }

  /** The endpoint asked to slow down (endpoint-backoff.ts): one attempt at a time until it answers well again. */
  slowDown(webhookSeq: number): void {
    this.#limits.delete(webhookSeq);
    if (this.#limits.size >= REMEMBERED_LIMITS) this.#limits.delete(this.#limits.keys().next().value as number);
    this.#limits.set(webhookSeq, 1);
  }

  started(lane: Lane, now: number): Running {
    lane.inflight++;
    this.#startedSinceClaim.add(lane.webhookSeq);
    lane.workspace.active++;
    this.#active++;
    return { lane, startedAt: now, slow: false };
  }

  finished(running: Running): void {
    const { lane } = running;
    lane.inflight--;
    if (running.slow) {
      lane.slow--;
      this.#slow--;
    } else {
      lane.workspace.active--;
      this.#active--;
    }
    this.forgetIfIdle(lane);
  }

  /**
   * Sets an attempt aside as slow, if there is room for another: it no longer holds a slot. Returns
   * whether it did.
   */
  setAside(running: Running): boolean {
    if (running.slow || this.#slow >= this.limits.slowConcurrency) return false;
    running.slow = true;
    running.lane.slow++;
    running.lane.workspace.active--;
    this.#active--;
    this.#slow++;
    return true;
  }

  /** A delivery `next()` gave that will not be started after all (it goes back to the store). */
  notStarted(lane: Lane): void {
    this.forgetIfIdle(lane);
  }

  /** Takes every delivery out of a lane's queue (to hand back to the store). */
  drain(lane: Lane): ClaimedDelivery[] {
    const drained = lane.queue.splice(0);
    lane.workspace.queued -= drained.length;
    this.#queued -= drained.length;
    this.forgetIfIdle(lane);
    return drained;
  }

  /** Whether a lane can start nothing soon: all its slots hold slow attempts. */
  stalled(lane: Lane): boolean {
    return lane.slow > 0 && lane.inflight >= this.limitOf(lane.webhookSeq);
  }

  /**
   * How much more each lane and workspace may claim now. A lane may hold its limit's worth of work beyond
   * what it runs, twice that at its full concurrency (FULL_SPEED_AHEAD), so a busy endpoint never waits
   * for a claim, but nothing ahead while its attempts are slow. A workspace may hold the share
   * `workspaceConcurrency` gives it of the whole claim budget.
   *
   * A webhook busy since the last claim whose lane ran dry meanwhile keeps that room too. Without a lane it
   * was claimed as a webhook never seen, its limit's and one more limit's worth at the starting limit (8),
   * not its full 48: a backlog's drain on PostgreSQL emptied its lane between claims, got 8, ran dry again,
   * and went 3 800–4 000 deliveries/s instead of about 4 500 (docs/performance.md, 2026-12-07, afternoon).
   */
  claimRoom(budget: number): { webhooks: Map<number, number>; webhookDefault: number; workspaces: Map<number, number>; workspaceDefault: number } {
    const { concurrency, workspaceConcurrency } = this.limits;
    const workspaceBudget = Math.floor((budget * workspaceConcurrency) / concurrency);
    const webhooks = new Map<number, number>();
    for (const lane of this.#lanes.values()) {
      const limit = this.limitOf(lane.webhookSeq);
      const ahead = lane.slow > 0 ? 0 : this.aheadOf(limit);
      webhooks.set(lane.webhookSeq, limit + ahead - lane.inflight - lane.queue.length);
    }
    for (const webhookSeq of this.#startedSinceClaim) {
      if (webhooks.has(webhookSeq)) continue;
      const limit = this.limitOf(webhookSeq);
      webhooks.set(webhookSeq, limit + this.aheadOf(limit));
    }
    const workspaces = new Map<number, number>();
    for (const workspace of this.#workspaces.values()) workspaces.set(workspace.seq, workspaceBudget - workspace.active - workspace.queued);
    const initial = Math.min(INITIAL_LIMIT, this.limits.webhookConcurrency);
    const webhookDefault = initial + this.aheadOf(initial);
    return { webhooks, webhookDefault, workspaces, workspaceDefault: workspaceBudget };
  }

  /** A claim was sent with the rooms claimRoom gave: webhooks busy since the last claim are counted afresh. */
  claimSent(): void {
    this.#startedSinceClaim.clear();
  }

  /** How far ahead a webhook with this limit may claim (FULL_SPEED_AHEAD). */
  private aheadOf(limit: number): number {
    return limit >= this.limits.webhookConcurrency ? FULL_SPEED_AHEAD * limit : limit;
  }

  private forgetIfIdle(lane: Lane): void {
    if (lane.inflight > 0 || lane.queue.length > 0) return;
    this.#lanes.delete(lane.webhookSeq);
    const { workspace } = lane;
    const index = workspace.lanes.indexOf(lane);
    workspace.lanes.splice(index, 1);
    if (workspace.next > index) workspace.next--;
    if (workspace.lanes.length === 0) this.#workspaces.delete(workspace.seq);
    else workspace.next %= workspace.lanes.length;
  }
}
