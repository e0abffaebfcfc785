/**
 * Emitting operational events (core/operational-events.ts) inside the transaction that records the
 * outcomes causing them (sql/dispatch.ts): the state change and its events commit together or not at all,
 * and since the webhook's row is locked by that change, two processes recording at once cannot both see
 * the same transition. Each event is therefore emitted exactly once.
 *
 * An event goes to the workspace of the webhook it is about, if a webhook there subscribes to it, and a copy
 * to the operator's workspace when HOOKD_OPERATIONAL_WEBHOOK_URL is set (core/operator-webhook.ts). Nothing
 * is emitted about an operational endpoint, nor about any webhook of the operator's workspace: that is what
 * keeps them from feeding themselves.
 *
 * The SQL fragments below are the transitions, evaluated by the statements that already write the row
 * (in SET, a column names its value before the statement), so a batch that changes no state costs nothing more.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AttemptOutcome, LoggedAttempt, WorkspaceRef } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import {
  DISABLED_LAST_ATTEMPTS, FAILING_NOTICE_INTERVAL_MS, OPERATIONAL_PREFIX, OPERATIONAL_TYPES, disabledPayload, exhaustedPayload,
  failingPayload, rateCrossed, recoveredPayload, type AttemptSummary, type FailingTrigger, type OperationalWebhook,
} from '../../core/operational-events.ts';
import { patternsMatching, subscribes } from '../../core/topics.ts';
import { route } from '../../core/events.ts';
import type { SqlEvents } from './events.ts';
import { firstIdSince } from './first-id-since.ts';
import { chunks, int, num, numOrNull, padded } from './rows.ts';


/** No `failing` sent for this webhook in the last 15 minutes. */
const quiet = (now: number) => sql`(failing_notified_at IS NULL OR failing_notified_at < ${int(now - FAILING_NOTICE_INTERVAL_MS)})`;

/**
 * SET clauses of a statement recording failures: `failing` is emitted (and marked) when the webhook is quiet
 * and, unless the batch itself held a success, had no failure streak before.
 */
export function failingNotice(now: number, afterSuccessInBatch: boolean): { failing_notified_at: RawBuilder<number>; failing_signal: RawBuilder<number> } {
  const when = afterSuccessInBatch ? quiet(now) : sql`(failure_count = 0 AND ${quiet(now)})`;
  return {
    failing_notified_at: sql<number>`CASE WHEN ${when} THEN ${int(now)} ELSE failing_notified_at END`,
    failing_signal: sql<number>`CASE WHEN ${when} THEN 1 ELSE 0 END`,
  };
}

/** SQL text (no parameters) of recovered_from's new value on a success: non-null when it ends a streak reported by a `failing` sent during it. */
export const RECOVERED_FROM = `CASE WHEN failure_count != 0 AND failing_notified_at IS NOT NULL AND failing_notified_at >= failing_since THEN failing_since ELSE NULL END`;

/** What a batch's record found, to be told. */
export class Transitions {
  readonly failing = new Map<number, { trigger: FailingTrigger; attempt: LoggedAttempt }>();
  readonly recovered = new Map<number, { failingSince: number; at: number }>();
  readonly disabled: Array<{ seq: number; reason: string }> = [];
  readonly exhausted: AttemptOutcome[] = [];
  /** Webhooks whose failure rate is to be looked at, with their last failed attempt. */
  readonly rateChecks = new Map<number, LoggedAttempt>();

  get empty(): boolean {
    return this.failing.size + this.recovered.size + this.disabled.length + this.exhausted.length + this.rateChecks.size === 0;
  }
}

export class OperationalEvents {
  /** The operator's workspace (core/operator-webhook.ts); null when no HOOKD_OPERATIONAL_WEBHOOK_URL is set. */
  operator: WorkspaceRef | null = null;

  constructor(private readonly events: SqlEvents) {}

  /** Emits what `t` holds, in `trx`; returns how many events it published. */
  async emit(trx: Kysely<Database>, t: Transitions, now: number): Promise<number> {
    if (t.empty) return 0;
    const seqs = [...new Set([...t.failing.keys(), ...t.rateChecks.keys(), ...t.recovered.keys(), ...t.disabled.map((d) => d.seq), ...t.exhausted.map((o) => o.webhookSeq)])];
    const webhooks = await this.reportable(trx, seqs);
    // Who would receive them, asked before any costlier look (the failure rate, the last attempts): with no
    // operator URL, a webhook whose workspace has no `hookd.*` subscriber is told about to nobody.
    const wanted = await this.subscribedWorkspaces(trx, [...new Set([...webhooks.values()].map((w) => w.workspaceSeq))]);
    if (!this.operator) for (const [seq, webhook] of webhooks) if (!wanted.has(webhook.workspaceSeq)) webhooks.delete(seq);
    if (webhooks.size === 0) return 0;
    for (const seq of [...t.failing.keys(), ...t.rateChecks.keys()]) {
      if (!webhooks.has(seq)) {
        t.failing.delete(seq);
        t.rateChecks.delete(seq);
      }
    }
    await this.checkRates(trx, t, now);

    const out: Array<{ webhook: OperationalWebhook & { workspaceSeq: number }; type: string; data: Record<string, unknown> }> = [];
    for (const { seq, reason } of t.disabled) {
      const webhook = webhooks.get(seq);
      if (webhook) out.push({ webhook, type: OPERATIONAL_TYPES.disabled, data: disabledPayload(webhook, reason, now, await lastAttempts(trx, seq)) });
    }
    for (const [seq, { trigger, attempt }] of t.failing) {
      const webhook = webhooks.get(seq);
      if (webhook) out.push({ webhook, type: OPERATIONAL_TYPES.failing, data: failingPayload(webhook, trigger, summary(attempt)) });
    }
    for (const [seq, { failingSince, at }] of t.recovered) {
      const webhook = webhooks.get(seq);
      if (webhook) out.push({ webhook, type: OPERATIONAL_TYPES.recovered, data: recoveredPayload(webhook, failingSince, at) });
    }
    const exhausted = t.exhausted.filter((o) => webhooks.has(o.webhookSeq));
    const deliveries = await deliveriesOf(trx, exhausted.map((o) => o.deliverySeq));
    for (const outcome of exhausted) {
      const delivery = deliveries.get(outcome.deliverySeq);
      if (delivery) out.push({ webhook: webhooks.get(outcome.webhookSeq)!, type: OPERATIONAL_TYPES.exhausted, data: exhaustedPayload(webhooks.get(outcome.webhookSeq)!, delivery, summary(outcome.attempt)) });
    }

    const items = out.flatMap(({ webhook, type, data }) => {
      const dataJson = JSON.stringify(data);
      const input = (workspace: WorkspaceRef) => ({
        input: { workspace, type, patterns: patternsMatching(type), dataJson, idempotencyKey: null, idempotencySince: now, now },
        route: (subscribed: Parameters<typeof route>[0]) => route(subscribed, { type, data, metadata: {} }),
      });
      const own = subscribes(wanted.get(webhook.workspaceSeq) ?? [], type) ? [input({ seq: webhook.workspaceSeq, id: webhook.workspaceId })] : [];
      return [...own, ...(this.operator ? [input(this.operator)] : [])];
    });
    await this.events.publishWithin(trx, items);
    return items.length;
  }

  /**
   * The `hookd.` patterns webhooks (not disabled) of these workspaces subscribe to: an event goes into a
   * workspace only if one of them would take it, so logs do not fill with reports nobody asked for.
   */
  private async subscribedWorkspaces(trx: Kysely<Database>, workspaceSeqs: number[]): Promise<Map<number, string[]>> {
    const patterns = new Map<number, string[]>();
    for (const batch of chunks(workspaceSeqs, 500)) {
      const rows = await trx.selectFrom('webhook_subscriptions as s').innerJoin('webhooks as w', 'w.id', 's.webhook_id')
        .select(['s.workspace_id', 's.pattern']).distinct()
        .where('s.workspace_id', 'in', padded(batch)).where('s.pattern', 'like', `${OPERATIONAL_PREFIX}%`).where('w.status', '!=', 'disabled').execute();
      for (const row of rows) {
        const list = patterns.get(num(row.workspace_id));
        if (list) list.push(row.pattern);
        else patterns.set(num(row.workspace_id), [row.pattern]);
      }
    }
    return patterns;
  }

  /** The webhooks among `seqs` that may be reported on: not operational endpoints, not the operator's. */
  private async reportable(trx: Kysely<Database>, seqs: number[]): Promise<Map<number, OperationalWebhook & { workspaceSeq: number }>> {
    const found = new Map<number, OperationalWebhook & { workspaceSeq: number }>();
    for (const batch of chunks(seqs, 500)) {
      let query = trx.selectFrom('webhooks as w').innerJoin('workspaces as ws', 'ws.id', 'w.workspace_id')
        .select(['w.id', 'w.uid', 'w.name', 'w.url', 'w.status', 'w.failure_count', 'w.failing_since', 'w.last_success_at', 'w.workspace_id', 'ws.uid as workspace_uid'])
        .where('w.id', 'in', padded(batch))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('webhook_subscriptions as s').select('s.webhook_id')
          .whereRef('s.webhook_id', '=', 'w.id').where('s.pattern', 'like', `${OPERATIONAL_PREFIX}%`))));
      if (this.operator) query = query.where('w.workspace_id', '!=', this.operator.seq);
      for (const row of await query.execute()) {
        found.set(num(row.id), {
          workspaceSeq: num(row.workspace_id), workspaceId: row.workspace_uid, id: row.uid, name: row.name, url: row.url, status: row.status,
          failureCount: num(row.failure_count), failingSince: numOrNull(row.failing_since), lastSuccessAt: numOrNull(row.last_success_at),
        });
      }
    }
    return found;
  }

  /**
   * The failure-rate rule, over the last 15 minutes, counted by the (webhook_id, id) index from the first
   * attempt id of the window. Looked at for webhooks a long streak brought here (every 10th failure in a
   * row, not within 15 minutes of the last `failing`), and for those about to be told of a first failure:
   * an endpoint that fails between successes starts a new streak each time, so its notice (at most one per
   * 15 minutes) says so by its rate when the rate is over the threshold.
   */
  private async checkRates(trx: Kysely<Database>, t: Transitions, now: number): Promise<void> {
    const firstFailures = [...t.failing].filter(([, notice]) => notice.trigger.kind === 'first_failure').map(([seq]) => seq);
    const seqs = [...[...t.rateChecks.keys()].filter((seq) => !t.failing.has(seq)), ...firstFailures];
    if (seqs.length === 0) return;
    const since = now - FAILING_NOTICE_INTERVAL_MS;
    const first = await firstIdSince(trx, 'attempts', since);
    const rows = await trx.selectFrom('attempts').select(['webhook_id', sql<number>`count(*)`.as('n'), sql<number>`sum(CASE WHEN success = 0 THEN 1 ELSE 0 END)`.as('failed')])
      .where('webhook_id', 'in', padded(seqs)).where('id', '>=', first).where('created_at', '>=', since).groupBy('webhook_id').execute();
    const crossed = rows.filter((row) => rateCrossed(num(row.n), num(row.failed)));
    if (crossed.length === 0) return;
    // Their rows are locked by this transaction's failure count already: no other process can notify meanwhile.
    // (A first failure's row was marked notified by the statement that counted it.)
    const newlyTold = crossed.map((row) => num(row.webhook_id)).filter((seq) => !t.failing.has(seq));
    if (newlyTold.length > 0) await trx.updateTable('webhooks').set({ failing_notified_at: now }).where('id', 'in', padded(newlyTold)).execute();
    for (const row of crossed) {
      const seq = num(row.webhook_id);
      const attempt = t.failing.get(seq)?.attempt ?? t.rateChecks.get(seq)!;
      t.failing.set(seq, { trigger: { kind: 'failure_rate', attempts: num(row.n), failed: num(row.failed) }, attempt });
    }
  }
}

const summary = (a: Pick<LoggedAttempt, 'createdAt' | 'eventType' | 'responseCode' | 'error' | 'durationMs'>): AttemptSummary => ({
  at: a.createdAt, eventType: a.eventType, responseCode: a.responseCode, error: a.error, durationMs: a.durationMs,
});

/** A disabled webhook's last attempts, newest first (by the (webhook_id, id) index). */
async function lastAttempts(trx: Kysely<Database>, webhookSeq: number): Promise<AttemptSummary[]> {
  const rows = await trx.selectFrom('attempts').select(['created_at', 'event_type', 'response_code', 'error', 'duration_ms'])
    .where('webhook_id', '=', webhookSeq).orderBy('id', 'desc').limit(DISABLED_LAST_ATTEMPTS).execute();
  return rows.map((row) => summary({ createdAt: num(row.created_at), eventType: row.event_type, responseCode: numOrNull(row.response_code), error: row.error, durationMs: num(row.duration_ms) }));
}

/** Public ids and attempt counts of exhausted deliveries, with their events'. */
async function deliveriesOf(trx: Kysely<Database>, seqs: number[]): Promise<Map<number, { id: string; eventId: string; eventType: string; attempts: number }>> {
  const found = new Map<number, { id: string; eventId: string; eventType: string; attempts: number }>();
  for (const batch of chunks(seqs, 500)) {
    const rows = await trx.selectFrom('deliveries as d').innerJoin('events as e', 'e.id', 'd.event_id')
      .select(['d.id', 'd.uid', 'd.attempt_count', 'e.uid as event_uid', 'e.type']).where('d.id', 'in', padded(batch)).execute();
    for (const row of rows) found.set(num(row.id), { id: row.uid, eventId: row.event_uid, eventType: row.type, attempts: num(row.attempt_count) });
  }
  return found;
}
