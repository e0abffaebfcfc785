/**
 * The dispatcher's side of the store: claiming due deliveries under a lease, and recording batches of
 * attempt outcomes. Both run as a handful of statements per batch, never one query per delivery.
 *
 * A claimed delivery is `sending` and its `next_attempt_at` holds the lease's end: if the process dies,
 * the delivery is simply due again when the lease runs out, and any dispatcher picks it up.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import type { AttemptOutcome, ClaimBatch, ClaimRequest, ClaimedDelivery, DisablePolicy, DisabledWebhook, DispatchRepo } from '../../core/ports/store.ts';
import type { HandOff } from './hand-off.ts';
import { chunks, int, num, padded, webhookWorkspaceUid, type AttemptLog } from './rows.ts';
import { Rooms } from './rooms.ts';
import { DueScan } from './due-scan.ts';
import { MarkSending, type Marked } from './mark-sending.ts';
import { ClaimedReads } from './claimed-reads.ts';
import type { QueuedMoves } from './queued-moves.ts';
import { disableGone } from './gone.ts';
import { limitRooms, rateLimitedOf, rateWaits, recordTaken, type RateWindow } from './rate-limit.ts';
import { promoteNext, promoteStalled } from './fifo-queue.ts';
import { FAILING_NOTICE_INTERVAL_MS, rateCheckDue } from '../../core/operational-events.ts';
import { GONE_REASON } from '../../core/endpoint-gone.ts';
import { failingNotice, RECOVERED_FROM, Transitions, type OperationalEvents } from './operational.ts';
import { OutcomeWrites } from './outcome-writes.ts';
import { InFlightCounts } from './in-flight-counts.ts';
import { inClaimTransaction, PLANNED, type ClaimTransaction } from './claim-plans.ts';
import type { Frame } from '../postgres-framed-statements.ts';
import { retryingDeadlocks } from './deadlock-retry.ts';
import { recordableInOneStatement, recordInOneStatement } from './one-statement-record.ts';
import { deleteWebhookHistory } from './chunks-in-turn.ts';


/**
 * PostgreSQL, several processes: a process leaves a webhook to the process already sending to it, until the
 * webhook's work has waited this long to be claimed (that process is not keeping up, or is gone and its
 * leases still count). Each process that joins splits the webhook's concurrency limit, and none of them
 * can then claim ahead of its slots (shareRoomAcrossProcesses): with four workers sharing four webhooks,
 * slots stood idle between claims, claims competed for the same rows, and most came back empty.
 */
export const JOIN_AFTER_MS = 200;

/** The webhooks of the due rows a claim saw and did not mark (others', full, resting, or marked elsewhere first). */
function webhooksLeftBehind(due: Array<{ id: number; webhook_id: number }>, marked: Array<{ id: number }>): number[] {
  const markedIds = new Set(marked.map((row) => num(row.id)));
  const left = new Set<number>();
  for (const row of due) if (!markedIds.has(num(row.id))) left.add(num(row.webhook_id));
  return [...left];
}

export class SqlDispatch implements DispatchRepo {
  readonly #dueScan: DueScan;
  readonly #markSending: MarkSending;
  readonly #reads: ClaimedReads;
  readonly #outcomeWrites: OutcomeWrites;
  /** PostgreSQL only (see shareRoomAcrossProcesses). */
  readonly #inFlight: InFlightCounts;

  /** `handOff`: deliveries published here and handed straight to this process's dispatcher (SQLite). */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
    private readonly attemptLog: AttemptLog,
    /** Holds the queued work of webhooks disabled by the outcomes recorded. */
    private readonly moves: QueuedMoves,
    private readonly handOff: HandOff | null = null,
    /** Operational events, emitted in the transaction that records what causes them (sql/operational.ts). */
    private readonly operational: OperationalEvents | null = null,
  ) {
    this.#dueScan = new DueScan(dialect);
    this.#markSending = new MarkSending(dialect);
    this.#reads = new ClaimedReads(dialect);
    this.#outcomeWrites = new OutcomeWrites(dialect, attemptLog);
    this.#inFlight = new InFlightCounts();
  }

  async claim(request: ClaimRequest): Promise<ClaimBatch> {
    if (request.limit <= 0) return [];
    this.handOff?.open(request);
    this.handOff?.prune(request.now);
    const room = new Rooms(request);
    // New work first, up to half the batch: retries of failing webhooks, due since long, must not keep
    // fresh deliveries to healthy ones waiting. Then due work, then more new work in the room left.
    const handedOff = this.handOff?.take(Math.ceil(request.limit / 2), room) ?? [];
    const limit = request.limit - handedOff.length;

    // Most claims on SQLite find nothing due (new work is handed off): look before taking the write lock.
    // PostgreSQL: how many attempts of each webhook this process may have in flight (shareRoomAcrossProcesses).
    const shares = new Map<number, number>();
    // PostgreSQL: webhooks deleted whose due deliveries outlived them (orphans.ts); theirs are deleted after the claim.
    const gone: number[] = [];
    // Whether it saw due rows it did not take, and their webhooks (ClaimBatch); told on PostgreSQL only, where processes share the work.
    let leftDue = true;
    let leftBehind: number[] = [];
    // Rate-limited webhooks to claim nothing of until their windows free a batch (ClaimBatch.rateWaits).
    let waits = new Map<number, number>();
    // Not enumerable: the batch still reads, copies and compares as the list of deliveries it is.
    const batch = (claimed: ClaimedDelivery[]): ClaimBatch => Object.defineProperties(claimed, {
      rateWaits: { value: waits },
      ...(this.dialect === 'postgres' ? { leftDue: { value: leftDue }, leftBehind: { value: leftBehind } } : {}),
    });
    const nothingDue = limit <= 0 || (this.dialect === 'sqlite' && (await this.#dueScan.find(this.db, request.now, 1, room)).rows.length === 0);
    // PostgreSQL: the window outside the transaction, which begins with the count and commits with the mark (claim-plans.ts).
    const { rows, read } = nothingDue ? { rows: [] } as Marked : await this.claimTransaction(async (trx, claim): Promise<Marked> => {
      // Webhooks whose lanes are full, and workspaces at their share, are left out, so one busy webhook's
      // or tenant's backlog cannot crowd the others out of the batch (nor make the scan walk it: due-scan.ts).
      const { rows: due, left } = await this.#dueScan.find(trx, request.now, limit, room, claim ? PLANNED : undefined);
      // Rate-limited webhooks among them: their room is what their window leaves (rate-limit.ts).
      let rateLogs = new Map<number, RateWindow>();
      if (due.length > 0) {
        rateLogs = claim
          // The claim's transaction begins with the count: the window before it locked nothing.
          ? await this.shareRoomAcrossProcesses(trx, due, room, request, shares, gone, claim.opening())
          : limitRooms(await rateLimitedOf(trx, [...new Set(due.map((row) => num(row.webhook_id)))]), room, request.now);
      }
      const taken: number[] = [];
      for (const row of due) {
        if (taken.length >= limit) break;
        if (room.take(num(row.webhook_id), num(row.workspace_id))) taken.push(num(row.id));
      }
      // The last statement, unless rate logs are written after it.
      const marked = taken.length === 0 ? { rows: [] } : await this.#markSending.run(trx, taken, request.leaseUntil, request.now, claim && rateLogs.size === 0 ? claim.closing() : undefined);
      // A due row not marked was not taken, or was marked by another claim first.
      leftBehind = webhooksLeftBehind(due, marked.rows);
      leftDue = left || leftBehind.length > 0;
      // Counted against rate limits as marked: on PostgreSQL a row another claim took meanwhile is not.
      const markedOfLimited = new Map<number, number>();
      for (const row of marked.rows) {
        const webhookSeq = num(row.webhook_id);
        if (rateLogs.has(webhookSeq)) markedOfLimited.set(webhookSeq, (markedOfLimited.get(webhookSeq) ?? 0) + 1);
      }
      await recordTaken(trx, rateLogs, markedOfLimited, request.now);
      waits = rateWaits(rateLogs, markedOfLimited, request.now, request.webhookConcurrency);
      return marked;
    });
    if (gone.length > 0) await deleteWebhookHistory(this.db, gone);
    rows.sort((a, b) => num(a.id) - num(b.id));
    handedOff.push(...(this.handOff?.take(limit - rows.length, room) ?? []));
    if (rows.length === 0 && handedOff.length === 0) return batch([]);

    // Their webhooks and events: read by the marking on PostgreSQL, else now, after the commit, holding no
    // write lock (the lease makes these deliveries this dispatcher's alone): claimed-reads.ts.
    const webhooks = read?.webhooks ?? await this.#reads.webhooks(this.db, [...new Set([...rows.map((row) => num(row.webhook_id)), ...handedOff.map((item) => item.webhookSeq)])]);
    const events = read?.events ?? await this.#reads.events(this.db, [...new Set(rows.map((row) => num(row.event_id)))]);
    const claimed: ClaimedDelivery[] = [];
    const paused: number[] = [];
    const add = (seq: number, id: string, attemptCount: number, trigger: ClaimedDelivery['trigger'], webhookSeq: number, event: ClaimedDelivery['event'] | undefined, leaseUntil: number) => {
      const webhook = webhooks.get(webhookSeq);
      // Deleted since (with its webhook or event): nothing to send.
      if (!webhook || !event) return;
      // Paused or disabled since: the delivery waits for it, held, as if it had not been claimed.
      if (webhook.status !== 'active') paused.push(seq);
      else claimed.push({ seq, id, attemptCount, trigger, webhook: webhook.target, event, leaseUntil, webhookShare: shares.get(webhookSeq) });
    };
    for (const row of rows) add(num(row.id), row.uid, num(row.attempt_count), row.trigger as ClaimedDelivery['trigger'], num(row.webhook_id), events.get(num(row.event_id)), request.leaseUntil);
    for (const item of handedOff) add(item.seq, item.id, 0, 'scheduled', item.webhookSeq, item.event, item.leaseUntil);
    if (paused.length > 0) await this.release(paused, request.now);
    return batch(claimed);
  }

  /** The claim's transaction; on PostgreSQL planned for a claim, begun and committed with its statements (claim-plans.ts). */
  private claimTransaction<T>(work: (trx: Kysely<Database>, claim: ClaimTransaction | null) => Promise<T>): Promise<T> {
    return this.dialect === 'postgres' ? inClaimTransaction(this.db, (claim) => work(claim.db, claim)) : this.db.transaction().execute((trx) => work(trx, null));
  }

  /**
   * Several processes: each webhook's concurrency limit counts attempts in flight everywhere. The claim
   * locks the webhooks it considers (a webhook another process is claiming for right now is simply left
   * for this round), then counts their deliveries other processes hold and those this one holds, so two
   * claims cannot both take the same free slot (in-flight-counts.ts).
   *
   * A webhook no other process holds work for is this process's alone for now: its room is the local one,
   * which claims ahead of its slots (lanes.ts), and its share is the whole limit. One that others send to
   * and this one does not is left to them while they keep up (JOIN_AFTER_MS), and not locked: their own
   * claims would skip it. Otherwise this process may hold at most the limit less what the others hold, and
   * have that many in flight (`shares`). The others count what this one holds in the same way, so together
   * they never have more in flight than the limit. Without claiming ahead, each webhook's slots stood idle
   * between a batch's end and the next claim: about 450 deliveries/s per webhook on the benchmark machine.
   * `opening`: what the count is sent with (the claim's transaction begins with it: claim-plans.ts).
   */
  private async shareRoomAcrossProcesses(trx: Kysely<Database>, due: Array<{ webhook_id: number; next_attempt_at: number }>, room: Rooms, request: ClaimRequest, shares: Map<number, number>, gone: number[], opening: Frame): Promise<Map<number, RateWindow>> {
    const oldestDue = new Map<number, number>();
    for (const row of due) {
      const webhook = num(row.webhook_id);
      oldestDue.set(webhook, Math.min(oldestDue.get(webhook) ?? Infinity, num(row.next_attempt_at)));
    }
    const candidates = [...oldestDue.keys()].sort((a, b) => a - b);
    // Whose work has not waited long: another process sending to it and this one not, it stays that
    // process's while it keeps up (JOIN_AFTER_MS), and is left out (neither locked nor returned).
    const fresh = candidates.filter((webhook) => (oldestDue.get(webhook) as number) > request.now - JOIN_AFTER_MS);
    // Recorded meanwhile or not, a delivery this process has finished sending is not a request in flight.
    const { locked, gone: deleted } = await this.#inFlight.lockAndCount(trx, candidates, request.held, request.settled, request.now, fresh, opening);
    gone.push(...deleted);
    const byId = new Map(locked.map((row) => [row.id, row]));
    const limit = request.webhookConcurrency;
    for (const webhook of candidates) {
      const row = byId.get(webhook);
      if (!row) {
        room.limitWebhook(webhook, 0);
        continue;
      }
      const { others, ours } = row;
      if (others === 0) {
        shares.set(webhook, limit);
        continue;
      }
      room.limitWebhook(webhook, limit - others - ours);
      shares.set(webhook, Math.max(0, limit - others));
    }
    // The rows are locked: this claim alone spends the room their rate limits leave.
    const limited = locked.filter((row) => row.rate_limit !== null).map((row) => ({ seq: row.id, perSecond: row.rate_limit as number, log: row.rate_log }));
    return limitRooms(limited, room, request.now);
  }

  /** Planned as a claim on PostgreSQL: where the statistics say nothing waits, it too walked every waiting row (claim-plans.ts). */
  async nextDueAt(): Promise<number | null> {
    return this.#dueScan.nextDueAt(this.db, Date.now(), this.dialect === 'postgres' ? PLANNED : undefined);
  }

  async record(outcomes: AttemptOutcome[], policy: DisablePolicy, now: number): Promise<{ disabledWebhooks: DisabledWebhook[] }> {
    if (outcomes.length === 0) return { disabledWebhooks: [] };
    // PostgreSQL, nearly always: a batch of successes to webhooks that were not failing, in one round trip.
    if (this.dialect === 'postgres' && recordableInOneStatement(outcomes) && await recordInOneStatement(this.db, outcomes, now)) return { disabledWebhooks: [] };
    const result = await this.recordInOneTransaction(outcomes, policy, now);
    // After the commit, a chunk at a time, waited for only so long: a dead endpoint's backlog can be a
    // million deliveries, and the outcomes recorded next must not wait for it (queued-moves.ts).
    for (const webhook of result.disabledWebhooks) await this.moves.move(webhook.seq, { to: 'held' }, now);
    return result;
  }

  private async recordInOneTransaction(outcomes: AttemptOutcome[], policy: DisablePolicy, now: number): Promise<{ disabledWebhooks: DisabledWebhook[] }> {
    return this.db.transaction().execute(async (trx) => {
      // 1. Move each delivery on, and log its attempt.
      const recorded = await this.#outcomeWrites.moveOnAndLog(trx, outcomes, now);
      if (recorded.length === 0) return { disabledWebhooks: [] };

      // FIFO webhooks whose delivery is done (sent, or given up): the next one queued behind it goes.
      const done = recorded.filter((o) => o.fifo && o.next.status !== 'pending').map((o) => o.webhookSeq);
      if (done.length > 0) await promoteNext(trx, done, now);

      // 3. A retry scheduled for a webhook that was paused or disabled meanwhile waits for it.
      const retrying = recorded.filter((o) => o.next.status === 'pending').map((o) => o.deliverySeq);
      for (const batch of chunks(retrying, 500)) await holdForInactiveWebhooks(trx, batch);

      // 4. Count consecutive failures per webhook, in the order the attempts finished; note what operational events they call for.
      const failing: number[] = [];
      const told = new Transitions();
      // In webhook id order: processes recording at once then lock the same rows in the same order (no deadlock).
      const groups = [...groupByWebhook(recorded)].sort(([a], [b]) => a - b);
      const markHealthy = async (succeededAt: Map<number, number>) => {
        for (const [seq, failingSince] of await this.#outcomeWrites.markHealthy(trx, succeededAt)) told.recovered.set(seq, { failingSince, at: succeededAt.get(seq) as number });
      };
      // Nearly always, every webhook's batch ended in a success: one statement marks them all.
      if (groups.every(([, list]) => list[list.length - 1].attempt.success)) {
        await markHealthy(new Map(groups.map(([seq, list]) => [seq, list[list.length - 1].attempt.createdAt])));
      } else for (const [webhookSeq, list] of groups) {
        const lastSuccess = list.findLastIndex((o) => o.attempt.success);
        const trailing = list.slice(lastSuccess + 1);
        if (lastSuccess >= 0) {
          const succeededAt = list[lastSuccess].attempt.createdAt;
          if (trailing.length === 0) {
            await markHealthy(new Map([[webhookSeq, succeededAt]]));
          } else {
            const row = await trx.updateTable('webhooks').set({
              failure_count: trailing.length,
              failing_since: trailing[0].attempt.createdAt,
              last_success_at: succeededAt,
              recovered_from: sql<number | null>`${sql.raw(RECOVERED_FROM)}`,
              ...failingNotice(now, true),
            }).where('id', '=', webhookSeq).returning(['recovered_from', 'failing_signal']).executeTakeFirst();
            if (row && row.recovered_from !== null) told.recovered.set(webhookSeq, { failingSince: num(row.recovered_from), at: succeededAt });
            if (row && num(row.failing_signal) === 1) told.failing.set(webhookSeq, { trigger: { kind: 'first_failure' }, attempt: trailing[trailing.length - 1].attempt });
          }
        } else {
          const row = await trx.updateTable('webhooks').set((eb) => ({
            failure_count: eb('failure_count', '+', trailing.length),
            failing_since: eb.fn.coalesce('failing_since', sql<number>`${int(trailing[0].attempt.createdAt)}`),
            ...failingNotice(now, false),
          })).where('id', '=', webhookSeq).returning(['failure_count', 'failing_signal', 'failing_notified_at']).executeTakeFirst();
          const last = trailing[trailing.length - 1].attempt;
          if (row && num(row.failing_signal) === 1) told.failing.set(webhookSeq, { trigger: { kind: 'first_failure' }, attempt: last });
          else if (row && rateCheckDue(num(row.failure_count) - trailing.length, num(row.failure_count))
            && (row.failing_notified_at === null || num(row.failing_notified_at) < now - FAILING_NOTICE_INTERVAL_MS)) told.rateChecks.set(webhookSeq, last);
        }
        if (trailing.length > 0) failing.push(webhookSeq);
      }
      // Given up after its last scheduled attempt (a manual re-send is one attempt, not a retry schedule).
      for (const outcome of recorded) if (outcome.next.status === 'failed' && outcome.attempt.trigger === 'scheduled') told.exhausted.push(outcome);
      if (failing.length === 0) {
        await this.operational?.emit(trx, told, now);
        return { disabledWebhooks: [] };
      }

      // 5. Disable webhooks whose endpoint answered 410 Gone, and those that crossed their rule (their queued work is held after the commit).
      const disabledGone = await disableGone(trx, recorded, now);
      const standardReason = `disabled after ${policy.standard.failures} or more consecutive failed attempts and no success for ${Math.round(policy.standard.afterMs / 1000)}s`;
      const disabledStandard = await trx.updateTable('webhooks')
        .set({ status: 'disabled', disabled_reason: standardReason, updated_at: now })
        .where('id', 'in', padded(failing)).where('status', '=', 'active').where('disable_rule', '=', 'standard')
        .where('failure_count', '>=', policy.standard.failures)
        .where('failing_since', '<=', now - policy.standard.afterMs)
        .returning(['id', 'uid', webhookWorkspaceUid()]).execute();
      const wooReason = `disabled after more than ${policy.woocommerce.failures} consecutive failed deliveries`;
      // WooCommerce disables on the failure that finds the count already above the limit (count + 1 after ours).
      const disabledWoo = await trx.updateTable('webhooks')
        .set({ status: 'disabled', disabled_reason: wooReason, updated_at: now })
        .where('id', 'in', padded(failing)).where('status', '=', 'active').where('disable_rule', '=', 'woocommerce')
        .where('failure_count', '>', policy.woocommerce.failures + 1)
        .returning(['id', 'uid', webhookWorkspaceUid()]).execute();
      for (const webhook of disabledGone) told.disabled.push({ seq: webhook.seq, reason: GONE_REASON });
      for (const row of disabledStandard) told.disabled.push({ seq: num(row.id), reason: standardReason });
      for (const row of disabledWoo) told.disabled.push({ seq: num(row.id), reason: wooReason });
      await this.operational?.emit(trx, told, now);
      return { disabledWebhooks: [...disabledGone, ...[...disabledStandard, ...disabledWoo].map((row) => ({ seq: num(row.id), id: row.uid, workspaceId: row.workspace_uid, gone: false }))] };
    });
  }

  promoteStalledQueues(now: number): Promise<number> {
    return promoteStalled(this.db, now);
  }

  async stopClaiming(now: number): Promise<void> {
    const waiting = this.handOff?.close() ?? [];
    if (waiting.length > 0) await this.release(waiting, now);
  }

  async release(deliverySeqs: number[], now: number): Promise<void> {
    for (const batch of chunks(deliverySeqs, 500)) {
      // Safe to run again: each statement moves only rows still in the status it moves them from.
      await retryingDeadlocks(() => this.db.transaction().execute(async (trx) => {
        await trx.updateTable('deliveries').set({ status: 'pending', next_attempt_at: now, updated_at: now })
          .where('id', 'in', padded(batch)).where('status', '=', 'sending').execute();
        await holdForInactiveWebhooks(trx, batch);
      }));
    }
  }
}

/** Pending deliveries (of `deliverySeqs`) whose webhook is no longer active wait, held, for it to be re-activated. */
async function holdForInactiveWebhooks(trx: Kysely<Database>, deliverySeqs: number[]): Promise<void> {
  await trx.updateTable('deliveries').set({ status: 'held' })
    .where('id', 'in', padded(deliverySeqs)).where('status', '=', 'pending')
    .where('webhook_id', 'in', (eb) => eb.selectFrom('webhooks').select('id').where('status', '!=', 'active'))
    .execute();
}

function groupByWebhook(outcomes: AttemptOutcome[]): Map<number, AttemptOutcome[]> {
  const groups = new Map<number, AttemptOutcome[]>();
  for (const outcome of outcomes) {
    const list = groups.get(outcome.webhookSeq);
    if (list) list.push(outcome);
    else groups.set(outcome.webhookSeq, [outcome]);
  }
  return groups;
}
