/**
 * The dispatcher: claim due deliveries in batches → send → record outcomes in batches.
 *
 * - Wakes at once on new work (publish, resume, resend call `wake()`), at the next due retry, and on a
 *   slow safety timer (other processes' expired leases); there is no per-delivery polling.
 * - Shares its slots fairly between workspaces and webhooks, and sets slow attempts aside (lanes.ts): a
 *   workspace or an endpoint that hangs cannot hold up the others. Each webhook has a small local queue
 *   of claimed deliveries, so claims stay batched.
 * - On stop: claims nothing more, hands back what it had not started, lets in-flight attempts finish
 *   until the grace deadline, aborts and hands back the rest, and records every outcome.
 */
import type { Logger } from 'pino';
import type { AttemptSender } from '../core/ports/sender.ts';
import type { Metrics } from '../metrics.ts';
import { toLoggedAttempt, type AttemptOutcome, type ClaimedDelivery, type DisablePolicy, type DispatchRepo } from '../core/ports/store.ts';
import { Lanes, type Lane, type Running } from './lanes.ts';
import { honoursRetryAfter, type RetryPolicy } from './retry.ts';
import { WakeTimes } from './wake-times.ts';
import { MAX_START_DELAY_MS } from '../core/flow-control.ts';
import { leaseHasRoomForAttempt } from '../core/lease.ts';
import { EndpointBackoff } from './endpoint-backoff.ts';
import { isUnreachable } from './sender.ts';
import { RecentlyTaken } from './recently-taken.ts';
import { RateWaits } from './rate-waits.ts';
import type { WorkFor } from '../core/work-notice.ts';

export interface DispatcherOptions {
  concurrency: number;
  webhookConcurrency: number;
  /** Active attempts one workspace may hold (the rest of `concurrency` stays free for the others). */
  workspaceConcurrency: number;
  leaseMs: number;
  /** Bounds one attempt (sender.ts): a delivery starts only if its lease leaves room for it (core/lease.ts). */
  requestTimeoutMs: number;
  shutdownGraceMs: number;
  disablePolicy: DisablePolicy;
  /** Longest sleep between looks at the store, so other processes' expired leases are noticed. */
  safetyPollMs?: number;
  /** Other processes may claim from the same store (PostgreSQL): see wake(). */
  sharesStore: boolean;
  metrics?: Metrics;
}

const FLUSH_BATCH = 500;
/** Settled deliveries a claim lists, at most (a store that cannot record makes them pile up). */
const MAX_SETTLED_LISTED = 4 * FLUSH_BATCH;
const BUSY_WAKE_MS = 5;
/** While attempts are running, outcomes are written at most this often, in larger batches. */
const BUSY_FLUSH_MS = 10;
/** How long a dispatcher backed off (see wake()) waits before it looks again on its own. */
const BACK_OFF_MS = 50;
/**
 * How long a dispatcher waits, notices ignored, before it claims work that came in while its last claim
 * ran (see planNextLook): what else comes in meanwhile is claimed with it. Claimed at once, a stream of
 * publishes under load became a claim each: one worker delivered 12–30% less in three alternating runs.
 */
const GATHER_MS = 10;
/** Endpoints answer in milliseconds; one still silent after a second is waiting for its timeout. */
const SLOW_AFTER_MS = 1000;
/** Attempts set aside as slow, at most, as a multiple of `concurrency` (they hold sockets, not CPU). */
const SLOW_CONCURRENCY_FACTOR = 4;
/** Retries due within this long of each other share one look. */
const WAKE_GRANULARITY_MS = 10;
/** Distinct future look times remembered (beyond them, the safety look finds a retry). */
const WAKE_TIMES_KEPT = 4096;
/** How often a FIFO queue left without a head by a race between processes is looked for (fifo-queue.ts). */
const FIFO_REPAIR_MS = 2000;

export class Dispatcher {
  readonly #lanes: Lanes;
  /** Deliveries this process holds (queued or in flight), so a re-claim after a lease expiry is not sent twice. */
  readonly #held = new Set<number>();
  /** Endpoints that answered 429, 502, 503 or 504, or could not be reached, rest a while (endpoint-backoff.ts). */
  readonly #backoff = new EndpointBackoff();
  /** Rate-limited webhooks whose window has too little room yet for a claim worth making (rate-waits.ts). */
  readonly #rateWaits = new RateWaits();
  /** Webhooks whose work recent claims took (see wake()). */
  readonly #recentlyTaken = new RecentlyTaken();
  readonly #outcomes: AttemptOutcome[] = [];
  /** The batch of outcomes being recorded right now. */
  #recording: AttemptOutcome[] = [];
  readonly #running = new Map<Promise<void>, Running>();
  /** Looks for attempts that became slow, while any run. */
  #sweeper: NodeJS.Timeout | null = null;
  #claiming = false;
  #claimAgain = false;
  #wakeScheduled = false;
  #flushing: Promise<void> | null = null;
  #flushScheduled = false;
  /** Every time this process must look again (scheduled retries included); one timer serves them. */
  readonly #wakeTimes = new WakeTimes(WAKE_TIMES_KEPT, WAKE_GRANULARITY_MS);
  #timer: NodeJS.Timeout | null = null;
  #timerAt = Infinity;
  #stopping = false;
  #started = false;
  #backedOff = false;
  /** The `now` of the latest claim: work due by then and still not claimed is work this process cannot take. */
  #lastClaimAt = 0;
  /** Whether the last claim saw due work it did not take (ClaimBatch.leftDue; unknown: yes). */
  #lastClaimLeftDue = true;
  #abortedSeqs: number[] = [];
  #fifoRepair: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: DispatchRepo,
    private readonly sender: AttemptSender & { abortAll(): void; readonly aborted: boolean },
    private readonly retry: RetryPolicy,
    private readonly options: DispatcherOptions,
    private readonly log: Logger,
  ) {
    this.#lanes = new Lanes({
      concurrency: options.concurrency,
      webhookConcurrency: options.webhookConcurrency,
      workspaceConcurrency: options.workspaceConcurrency,
      slowConcurrency: SLOW_CONCURRENCY_FACTOR * options.concurrency,
      slowAfterMs: SLOW_AFTER_MS,
    });
  }

  /** Attempts running, slow ones included. */
  get inflight(): number {
    return this.#running.size;
  }

  start(): void {
    this.#started = true;
    this.lookSoon();
    this.#fifoRepair = setInterval(() => {
      this.repo.promoteStalledQueues(Date.now()).then((promoted) => { if (promoted > 0) this.lookSoon(); }, (error: unknown) => {
        this.log.warn({ err: error }, 'looking for FIFO queues left waiting failed; trying again shortly');
      });
    }, FIFO_REPAIR_MS);
    this.#fifoRepair.unref();
  }

  /**
   * Told that new work may be due (publish, resume, resend): look soon, unless backed off. Backed off means
   * the last look found due work it could not take, because its webhook is at its concurrency limit with
   * attempts in flight in another process: a look now would come back empty again. The timer set then, or
   * an attempt finishing here, looks next. Without this, four PostgreSQL workers woken by every publish made
   * nine claims in ten for nothing, and fell seconds behind 500 events/s to one webhook.
   *
   * Only where processes share the store: alone on it (SQLite), due work it could not take is its own
   * (a webhook resting here, a rate limit), and the new work it is told of is for others. Backed off there,
   * it took that work only at its next timed look: behind a dead endpoint's backlog, another webhook's
   * deliveries waited up to 50 ms (p99 55–60 ms against 11 without the backlog).
   *
   * Except, in the long back-off (due work left that was not its to take), for new work of a webhook it
   * has lately been sending to (recently-taken.ts): a notice naming one (`webhooks`: core/work-notice.ts)
   * is work the others leave to it. Ignored, one `serve` on PostgreSQL, backed off behind a resting
   * endpoint's due work, took another webhook's new deliveries only at its back-off's timer
   * (docs/performance.md, 2026-12-06, late night). The short wait that gathers new work (GATHER_MS) is
   * kept whatever the notice names: cut short by every notice, a stream of publishes under load became a
   * claim each again, and the rounds' CPU per delivery rose by a fifth or more.
   */
  wake(webhooks: WorkFor = null): void {
    if (this.#backedOff && this.options.sharesStore && !(this.#lastClaimLeftDue && this.#recentlyTaken.mayTake(webhooks, Date.now()))) return;
    this.lookSoon();
  }

  /**
   * Looks for due work soon. Coalesced: when idle, at the next turn of the event loop; when busy (at least
   * one webhook's worth of work in hand), within a few milliseconds, so a stream of publishes and finishing
   * attempts is claimed in batches instead of one small claim each.
   */
  private lookSoon(): void {
    if (!this.#started || this.#stopping || this.#wakeScheduled) return;
    this.#wakeScheduled = true;
    const run = () => {
      this.#wakeScheduled = false;
      void this.pump();
    };
    if (this.#running.size + this.#lanes.queued >= this.options.webhookConcurrency) setTimeout(run, BUSY_WAKE_MS);
    else setImmediate(run);
  }

  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    this.clearTimer();
    if (this.#fifoRepair) clearInterval(this.#fifoRepair);
    while (this.#claiming) await new Promise((resolve) => setTimeout(resolve, 5));

    const notStarted: number[] = [];
    for (const lane of [...this.#lanes.all()]) {
      for (const delivery of this.#lanes.drain(lane)) notStarted.push(delivery.seq);
    }

    if (this.#running.size > 0) {
      let deadline: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => { deadline = setTimeout(resolve, this.options.shutdownGraceMs); });
      await Promise.race([Promise.all(this.#running.keys()), graceOver]);
      clearTimeout(deadline);
      if (this.#running.size > 0) {
        this.log.warn({ inflight: this.#running.size }, 'shutdown grace period over: aborting attempts still in flight');
        this.sender.abortAll();
        await Promise.all(this.#running.keys());
      }
    }
    this.stopSweeping();
    await this.flush();
    const handBack = [...notStarted, ...this.#abortedSeqs];
    if (handBack.length > 0) await this.repo.release(handBack, Date.now());
    await this.repo.stopClaiming(Date.now());
  }

  private async pump(): Promise<void> {
    if (this.#stopping) return;
    if (this.#claiming) {
      this.#claimAgain = true;
      return;
    }
    this.#claiming = true;
    let failed = false;
    try {
      do {
        this.#claimAgain = false;
        // Claimed-ahead and running work, but not slow attempts: those hold sockets, not the budget.
        const budget = this.options.concurrency * 2;
        const room = budget - (this.#lanes.active + this.#lanes.queued);
        if (room <= 0) break;
        const rooms = this.#lanes.claimRoom(budget);
        const now = Date.now();
        // Left out: endpoints resting, and rate-limited webhooks whose window has too little room yet.
        const leftOut = [...this.#backoff.restingNow(now), ...this.#rateWaits.waitingNow(now)];
        for (const webhook of leftOut) rooms.webhooks.set(webhook, 0);
        this.#lastClaimAt = now;
        this.#lanes.claimSent();
        const claimed = await this.repo.claim({
          now,
          leaseUntil: now + this.options.leaseMs,
          limit: room,
          perWebhookRoom: rooms.webhooks,
          perWebhookDefault: rooms.webhookDefault,
          perWorkspaceRoom: rooms.workspaces,
          perWorkspaceDefault: rooms.workspaceDefault,
          webhookConcurrency: this.options.webhookConcurrency,
          settled: this.settledSeqs(),
          held: [...this.#held],
        });
        this.#lastClaimLeftDue = claimed.leftDue ?? true;
        if (claimed.rateWaits) {
          this.#rateWaits.set(claimed.rateWaits);
          for (const until of claimed.rateWaits.values()) this.wakeAt(until, true);
        }
        // Read only where processes share the store (wake()).
        if (this.options.sharesStore) this.#recentlyTaken.claimed(claimed, leftOut, now);
        let fresh = 0;
        for (const delivery of claimed) {
          if (this.#held.has(delivery.seq)) continue;
          delivery.claimedAt = now;
          this.#held.add(delivery.seq);
          this.#lanes.add(delivery);
          fresh++;
        }
        if (fresh > 0) this.#backedOff = false;
        this.startReady();
        if (fresh > 0 && claimed.length >= room) this.#claimAgain = true;
      } while (this.#claimAgain && !this.#stopping);
    } catch (error) {
      failed = true;
      this.log.error({ err: error }, 'claiming deliveries failed; trying again shortly');
    } finally {
      this.#claiming = false;
    }
    if (failed) this.wakeAt(Date.now() + 1000);
    else await this.planNextLook();
  }

  /** Deliveries sent whose outcome is not recorded yet (see ClaimRequest.settled); past a bound, counted as open. */
  private settledSeqs(): number[] {
    if (this.#outcomes.length + this.#recording.length > MAX_SETTLED_LISTED) return [];
    return [...this.#recording, ...this.#outcomes].map((outcome) => outcome.deliverySeq);
  }

  /**
   * Starts queued deliveries while there are free slots, in the fair order lanes.ts gives. Some go back to
   * the store instead, due now:
   * - a rate-limited delivery was counted against its limit when it was claimed: one that could not start
   *   soon after is counted again when it is claimed again (core/flow-control.ts);
   * - one whose endpoint asked for a rest meanwhile;
   * - one whose lease no longer leaves room for a whole attempt and its recording, or that waited here past
   *   half its lease: sent now, its lease could run out before its outcome is recorded, and another
   *   process would claim it and send it a second time (core/lease.ts).
   */
  private startReady(): void {
    const late: ClaimedDelivery[] = [];
    const now = Date.now();
    for (let next = this.#lanes.next(); next; next = this.#lanes.next()) {
      const { delivery } = next;
      const rateCountedLongAgo = delivery.webhook.rateLimited && now - (delivery.claimedAt ?? now) > MAX_START_DELAY_MS;
      const leaseTooShort = delivery.leaseUntil !== undefined && !leaseHasRoomForAttempt(delivery.leaseUntil, now, this.options.leaseMs, this.options.requestTimeoutMs);
      if (rateCountedLongAgo || leaseTooShort || this.#backoff.resting(delivery.webhook.seq, now)) {
        late.push(next.delivery);
        this.#lanes.notStarted(next.lane);
        continue;
      }
      this.launch(next.delivery, next.lane);
    }
    if (late.length > 0) void this.handBack(late).then(() => this.lookSoon());
  }

  private launch(delivery: ClaimedDelivery, lane: Lane): void {
    const running = this.#lanes.started(lane, Date.now());
    const run = this.attempt(delivery).finally(() => {
      this.#lanes.finished(running);
      this.#held.delete(delivery.seq);
      this.#running.delete(run);
      if (this.#running.size === 0) this.stopSweeping();
      if (this.#stopping) return;
      this.startReady();
      // Refill before the lanes run dry, in batches rather than one claim per finished attempt; not for a
      // webhook whose rate window has too little room yet (its timer looks then).
      if (this.#rateWaits.waiting(lane.webhookSeq, Date.now())) return;
      if (lane.queue.length <= this.options.webhookConcurrency || this.#lanes.active + this.#lanes.queued <= this.options.concurrency) this.lookSoon();
    });
    this.#running.set(run, running);
    if (!this.#sweeper) {
      this.#sweeper = setInterval(() => this.sweep(), SLOW_AFTER_MS / 4);
      this.#sweeper.unref();
    }
  }

  /**
   * Sets aside attempts that have run longer than SLOW_AFTER_MS: their slots go to the others. A webhook
   * whose every slot now holds a slow attempt gives back what it had claimed ahead.
   */
  private sweep(): void {
    const slowSince = Date.now() - SLOW_AFTER_MS;
    let freed = false;
    for (const running of this.#running.values()) {
      if (running.slow || running.startedAt > slowSince || !this.#lanes.setAside(running)) continue;
      freed = true;
      if (this.#lanes.stalled(running.lane) && running.lane.queue.length > 0) void this.handBack(this.#lanes.drain(running.lane));
    }
    if (!freed || this.#stopping) return;
    this.startReady();
    this.lookSoon();
  }

  private stopSweeping(): void {
    if (this.#sweeper) clearInterval(this.#sweeper);
    this.#sweeper = null;
  }

  /** Claimed deliveries this dispatcher will not start after all go back to the store, due now. Never throws. */
  private async handBack(deliveries: ClaimedDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const seqs = deliveries.map((delivery) => delivery.seq);
    for (const seq of seqs) this.#held.delete(seq);
    try {
      await this.repo.release(seqs, Date.now());
    } catch (error) {
      // Left claimed: they are due again when their lease runs out.
      this.log.error({ err: error, deliveries: seqs.length }, 'handing back claimed deliveries failed');
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    let attempt;
    try {
      attempt = await this.sender.send(delivery);
    } catch (error) {
      // The sender reports HTTP failures as attempts; reaching here is a bug, so hand the delivery back.
      this.log.error({ err: error, delivery: delivery.id, webhook: delivery.webhook.id, workspace: delivery.webhook.workspaceId }, 'attempt crashed');
      this.#abortedSeqs.push(delivery.seq);
      return;
    }
    if (this.sender.aborted && attempt.error?.startsWith('aborted')) {
      this.#abortedSeqs.push(delivery.seq);
      return;
    }
    const next = this.retry.next(delivery.attemptCount + 1, delivery.trigger, attempt, attempt.createdAt, delivery.webhook.retrySchedule);
    // The retry a 429 or 503 asked for with Retry-After (as the retry policy honours it) is also how long the endpoint rests.
    const askedUntil = honoursRetryAfter(attempt.responseCode) && attempt.responseHeaders['retry-after'] !== undefined && next.status === 'pending' ? next.at : null;
    const restUntil = this.#backoff.answered(delivery.webhook.seq, attempt.responseCode, askedUntil, Date.now(), isUnreachable(attempt.error));
    if (restUntil === null) {
      this.#lanes.answered(delivery.webhook.seq, attempt.durationMs, attempt.success);
    } else {
      // Its endpoint asked to slow down, or cannot be reached: what its lane holds goes back, and it is
      // looked at again after the rest.
      this.#lanes.slowDown(delivery.webhook.seq);
      void this.handBackQueued(delivery.webhook.seq);
      this.wakeAt(restUntil, true);
    }
    this.options.metrics?.attempts.inc({ result: attempt.success ? 'success' : 'failure' });
    this.options.metrics?.attemptSeconds.observe(attempt.durationMs / 1000);
    this.#outcomes.push({ deliverySeq: delivery.seq, webhookSeq: delivery.webhook.seq, fifo: delivery.webhook.fifo, attempt: toLoggedAttempt(attempt), next, leaseUntil: delivery.leaseUntil });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.#outcomes.length >= FLUSH_BATCH) {
      void this.flush();
      return;
    }
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    const run = () => {
      this.#flushScheduled = false;
      void this.flush();
    };
    // Recording later does not delay anyone: the delivery already arrived and its slot is free.
    if (this.#running.size > 0) setTimeout(run, BUSY_FLUSH_MS);
    else setImmediate(run);
  }

  /** Writes buffered outcomes, one transaction per batch; on a store error keeps them and tries again. */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#outcomes.length === 0) return;
    this.#flushing = (async () => {
      while (this.#outcomes.length > 0) {
        const batch = this.#outcomes.splice(0, FLUSH_BATCH);
        this.#recording = batch;
        try {
          const { disabledWebhooks } = await this.repo.record(batch, this.options.disablePolicy, Date.now());
          this.#recording = [];
          this.warnOfLeasesRunOut(batch, Date.now());
          for (const webhook of disabledWebhooks) {
            this.options.metrics?.disabled.inc();
            this.log.warn({ webhook: webhook.id, workspace: webhook.workspaceId }, webhook.gone ? 'webhook disabled: its endpoint answered 410 Gone' : 'webhook disabled after repeated failures');
            await this.dropLane(webhook.seq);
          }
          // Every retry time is kept, not only the batch's earliest: a later one must not wait for the safety look.
          for (const outcome of batch) if (outcome.next.status === 'pending') this.wakeAt(outcome.next.at as number, true);
          // Recorded deliveries no longer count as in flight in the store (shared per-webhook limits): look
          // again, unless all were of webhooks waiting for their rate windows (their timers look then).
          const now = Date.now();
          if (batch.some((outcome) => !this.#rateWaits.waiting(outcome.webhookSeq, now))) this.lookSoon();
        } catch (error) {
          this.#recording = [];
          this.#outcomes.unshift(...batch);
          this.log.error({ err: error, outcomes: batch.length }, 'recording attempts failed; trying again shortly');
          if (this.#stopping) return;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    })();
    try {
      await this.#flushing;
    } finally {
      this.#flushing = null;
    }
  }

  /** Outcomes recorded after their lease ran out: said, for such deliveries may have been sent twice. */
  private warnOfLeasesRunOut(batch: AttemptOutcome[], now: number): void {
    let late = 0;
    for (const outcome of batch) if (outcome.leaseUntil !== undefined && outcome.leaseUntil < now) late++;
    if (late === 0) return;
    this.log.warn({ outcomes: late, leaseMs: this.options.leaseMs }, 'outcomes recorded after their lease ran out: another process may have sent those deliveries again (a stalled process or store; HOOKD_LEASE may be too short for this load)');
  }

  /**
   * A webhook was disabled, paused or deleted: what it had queued here (claimed, not started) goes back to
   * the store, held there and not sent. Attempts in flight finish. Never throws.
   */
  async dropLane(webhookSeq: number): Promise<void> {
    // Whatever it rested for: once it is back (resumed, re-enabled), it is tried at once.
    this.#backoff.forget(webhookSeq);
    await this.handBackQueued(webhookSeq);
  }

  /** What a webhook's lane holds, claimed and not started, goes back to the store. Never throws. */
  private async handBackQueued(webhookSeq: number): Promise<void> {
    const lane = this.#lanes.lane(webhookSeq);
    if (lane) await this.handBack(this.#lanes.drain(lane));
  }

  private async planNextLook(): Promise<void> {
    if (this.#stopping) return;
    const safety = this.options.safetyPollMs ?? 5000;
    // While attempts run, each one finishing wakes us and retries set their own timers: no query needed.
    if (this.#running.size + this.#lanes.queued > 0) {
      this.wakeAt(Date.now() + safety);
      return;
    }
    try {
      const due = await this.repo.nextDueAt();
      const now = Date.now();
      // Due since before the claim, yet not claimed, with nothing in hand here: its webhook is at its
      // limit with attempts in other processes. Only the timer looks again (see wake()). Unless the claim
      // took all it saw: then that work was committed after the claim read (a publish stamped before the
      // claim began), and is this process's to take, after GATHER_MS. It used to wait the whole back-off,
      // its notice ignored: the lone dispatcher of a run backed off 7 times in 28 looks, each up to 50 ms.
      this.#backedOff = due !== null && due <= this.#lastClaimAt;
      if (due === null) this.wakeAt(now + safety);
      else if (this.#backedOff) this.wakeAt(now + (this.#lastClaimLeftDue ? BACK_OFF_MS : GATHER_MS));
      else if (due <= now) this.lookSoon();
      else this.wakeAt(Math.min(due, now + safety));
    } catch (error) {
      this.log.error({ err: error }, 'reading the next due time failed');
      this.wakeAt(Date.now() + 1000);
    }
  }

  /**
   * Looks for due work at `at`. `exact`: work falls due then (a retry) and must be looked for then even
   * if a look comes sooner; otherwise (a safety look, a back-off) a look sooner makes this one needless.
   */
  private wakeAt(at: number, exact = false): void {
    if (this.#stopping || (!exact && at >= this.#timerAt)) return;
    const time = this.#wakeTimes.add(at);
    if (time < this.#timerAt) this.armTimer(time);
  }

  private armTimer(at: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#timerAt = Infinity;
      const next = this.#wakeTimes.after(Date.now());
      if (next !== undefined) this.armTimer(next);
      void this.pump();
    }, Math.max(0, at - Date.now()));
  }

  private clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerAt = Infinity;
    this.#wakeTimes.clear();
  }
}
