import type { Kysely } from 'kysely';
import type { Attempt, Delivery, Page, PageRequest } from '../../core/model.ts';
import type { Database } from '../schema.ts';
import { toLoggedAttempt, type AttemptFilter, type DeliveriesRepo, type DeliveryFilter, type Dialect, type NewAttempt } from '../../core/ports/store.ts';
import { decodeCursor, type AttemptLog, num, statusLiteral, toAttempt, toDelivery, toPage, type DeliveryRow } from './rows.ts';
import { freeHeldOfActiveWebhooks } from './queued-work.ts';
import type { QueuedMoves } from './queued-moves.ts';
import { eventTypeIs } from './filters.ts';
import { SCAN_WINDOW, windowedPage, windowFloor } from './scan-window.ts';

export class SqlDeliveries implements DeliveriesRepo {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: Dialect, private readonly attemptLog: AttemptLog, private readonly moves: QueuedMoves) {}

  private deliveries() {
    return this.db.selectFrom('deliveries')
      .innerJoin('events', 'events.id', 'deliveries.event_id')
      .innerJoin('webhooks', 'webhooks.id', 'deliveries.webhook_id')
      // What the last attempt got, the answer users look for in a list: one look in the attempts' delivery
      // index for its id, then that row by its key.
      .leftJoin('attempts as last', (join) => join.on((eb) => eb('last.id', '=', eb.selectFrom('attempts as a')
        .select((inner) => inner.fn.max('a.id').as('id')).whereRef('a.delivery_id', '=', 'deliveries.id'))))
      .select([
        'deliveries.id', 'deliveries.uid', 'deliveries.status', 'deliveries.attempt_count', 'deliveries.next_attempt_at',
        'deliveries.last_attempt_at', 'deliveries.trigger', 'deliveries.created_at', 'deliveries.updated_at',
        'events.uid as event_uid', 'events.type as event_type', 'webhooks.uid as webhook_uid',
        'last.response_code as last_response_code', 'last.error as last_error', 'last.duration_ms as last_duration_ms',
      ]);
  }

  private attemptsQuery() {
    return this.db.selectFrom('attempts')
      .leftJoin('deliveries', 'deliveries.id', 'attempts.delivery_id')
      .innerJoin('webhooks', 'webhooks.id', 'attempts.webhook_id')
      .select([
        'attempts.id', 'attempts.delivery_id', 'attempts.webhook_id', 'attempts.event_type', 'attempts.trigger', 'attempts.success',
        'attempts.request_url', 'attempts.request_headers', 'attempts.response_code', 'attempts.response_message',
        'attempts.response_headers', 'attempts.response_body', 'attempts.duration_ms', 'attempts.error', 'attempts.created_at',
        'deliveries.uid as delivery_uid', 'webhooks.uid as webhook_uid',
      ])
      // A delivery's body is kept once, with its first attempt; the later ones show that one.
      .select((eb) => eb.fn.coalesce('attempts.request_body', eb.selectFrom('attempts as first').select('first.request_body')
        .whereRef('first.delivery_id', '=', 'attempts.delivery_id').where('first.request_body', 'is not', null)
        .orderBy('first.id').limit(1)).as('request_body'));
  }

  async list(filter: DeliveryFilter, page: PageRequest): Promise<Page<Delivery>> {
    const after = decodeCursor(page.cursor);
    // One webhook's in its (webhook_id, id) index, else the workspace's in its (workspace_id, id) index.
    const [column, value] = filter.webhookSeq === undefined
      ? ['deliveries.workspace_id', filter.workspaceSeq] as const : ['deliveries.webhook_id', filter.webhookSeq] as const;
    let query = this.deliveries().where(column, '=', value).orderBy('deliveries.id', 'desc').limit(page.limit + 1);
    if (filter.status) query = query.where('deliveries.status', '=', statusLiteral(filter.status));
    const eventType = filter.eventType;
    if (eventType) query = query.where((eb) => eventTypeIs(eb, 'events.type', eventType));
    if (filter.createdAfter !== undefined) query = query.where('deliveries.created_at', '>=', filter.createdAfter);
    if (filter.createdBefore !== undefined) query = query.where('deliveries.created_at', '<=', filter.createdBefore);
    if (after !== null) query = query.where('deliveries.id', '<', after);
    // A filter reads the list's deliveries one by one: a window of them at most (scan-window.ts).
    const filtered = filter.status !== undefined || eventType !== undefined || filter.createdAfter !== undefined || filter.createdBefore !== undefined;
    const floor = filtered ? await windowFloor(this.db.selectFrom('deliveries').select('id').where(column, '=', value), after) : null;
    if (floor !== null) query = query.where('deliveries.id', '>=', floor);
    return windowedPage(await query.execute() as DeliveryRow[], page.limit, floor, toDelivery);
  }

  async listForEvent(eventSeq: number): Promise<Delivery[]> {
    const rows = await this.deliveries().where('deliveries.event_id', '=', eventSeq).orderBy('deliveries.id').execute();
    return (rows as DeliveryRow[]).map(toDelivery);
  }

  async get(webhookSeq: number, id: string): Promise<Delivery | null> {
    const row = await this.deliveries().where('deliveries.webhook_id', '=', webhookSeq).where('deliveries.uid', '=', id)
      .executeTakeFirst();
    return row ? toDelivery(row as DeliveryRow) : null;
  }

  async attempts(deliverySeq: number, newest: number): Promise<Attempt[]> {
    const rows = await this.attemptsQuery().where('attempts.delivery_id', '=', deliverySeq).orderBy('attempts.id', 'desc').limit(newest).execute();
    return rows.reverse().map(toAttempt);
  }

  async workspaceAttempts(filter: AttemptFilter, page: PageRequest): Promise<Page<Attempt>> {
    // Read from the list's own index, one webhook's attempts or the workspace's (migration 029).
    const [column, value] = filter.webhookSeq === undefined
      ? ['attempts.workspace_id', filter.workspaceSeq] as const : ['attempts.webhook_id', filter.webhookSeq] as const;
    const listed = this.attemptsQuery().where(column, '=', value)
      .$if(filter.webhookSeq !== undefined, (q) => q.where('webhooks.workspace_id', '=', filter.workspaceSeq));
    if (filter.newerThan !== undefined) {
      // Following (never with a trigger: core/deliveries.ts): what came after the last one seen, in the order
      // it happened. A follower asks again with the last id it got: a cursor (which pages towards older ones) would mislead it.
      const rows = await listed.where('attempts.id', '>', filter.newerThan).orderBy('attempts.id', 'asc').limit(page.limit + 1).execute();
      return { ...toPage(rows, page.limit, toAttempt), nextCursor: null };
    }
    const after = decodeCursor(page.cursor);
    let query = listed.orderBy('attempts.id', 'desc').limit(page.limit + 1);
    if (filter.trigger) query = query.where('attempts.trigger', '=', filter.trigger);
    if (after !== null) query = query.where('attempts.id', '<', after);
    // A trigger is checked attempt by attempt: a window of them at most (scan-window.ts).
    const floor = filter.trigger ? await windowFloor(this.db.selectFrom('attempts').select('id').where(column, '=', value), after) : null;
    if (floor !== null) query = query.where('attempts.id', '>=', floor);
    return windowedPage(await query.execute(), page.limit, floor, toAttempt);
  }

  /**
   * The WooCommerce face's delivery log. An offset steps over the index entry by entry, and a count reads
   * every one: both reach a webhook's newest SCAN_WINDOW attempts at most (WooCommerce keeps its 25
   * newest), so no request walks its whole history (scan-window.ts).
   */
  async webhookAttemptsByOffset(webhookSeq: number, offset: number, limit: number) {
    const reach = Math.min(limit, SCAN_WINDOW - offset);
    const rows = reach <= 0 ? [] : await this.attemptsQuery().where('attempts.webhook_id', '=', webhookSeq)
      .orderBy('attempts.id', 'desc').limit(reach).offset(offset).execute();
    const newest = this.db.selectFrom('attempts').select('id').where('webhook_id', '=', webhookSeq).limit(SCAN_WINDOW).as('newest');
    const total = await this.db.selectFrom(newest).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toAttempt), total: num(total.n) };
  }

  async attemptBySeq(webhookSeq: number, attemptSeq: number): Promise<Attempt | null> {
    const row = await this.attemptsQuery().where('attempts.webhook_id', '=', webhookSeq).where('attempts.id', '=', attemptSeq)
      .executeTakeFirst();
    return row ? toAttempt(row) : null;
  }

  async resend(deliverySeq: number, now: number): Promise<boolean> {
    // A finished delivery gets one manual attempt; a pending one is just brought forward and keeps its retries.
    const result = await this.db.updateTable('deliveries')
      .set((eb) => ({
        status: 'pending',
        next_attempt_at: now,
        trigger: eb.case().when('status', 'in', ['succeeded', 'failed']).then('manual').else(eb.ref('trigger')).end(),
        updated_at: now,
      }))
      .where('id', '=', deliverySeq).where('status', '!=', 'sending').executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** A chunk at a time, in turns; past a bounded wait, the rest in the background (queued-moves.ts). */
  async recover(webhookSeq: number, since: number, now: number): Promise<{ resent: number; more: boolean }> {
    const { moved, done } = await this.moves.move(webhookSeq, { to: 'recovered', since }, now);
    return { resent: moved, more: !done };
  }

  async takeBackLeases(now: number): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      // In the due index's own words, which SQLite must see to use it (migrations/001): with the status
      // bound as a parameter, it read every delivery ever made, at every start.
      const result = await trx.updateTable('deliveries').set({ status: 'pending', next_attempt_at: now, updated_at: now })
        .where('status', 'in', [statusLiteral('pending'), statusLiteral('sending')]).where('status', '=', statusLiteral('sending')).executeTakeFirst();
      await trx.updateTable('deliveries').set({ status: 'held' })
        .where('status', '=', statusLiteral('pending'))
        .where('webhook_id', 'in', (eb) => eb.selectFrom('webhooks').select('id').where('status', '!=', 'active'))
        .execute();
      return Number(result.numUpdatedRows);
    });
  }

  freeHeldOfActiveWebhooks(now: number): Promise<number> {
    return freeHeldOfActiveWebhooks(this.db, this.dialect, now);
  }

  async recordTestAttempt(attempt: NewAttempt): Promise<void> {
    await this.attemptLog.insert(this.db, [toLoggedAttempt(attempt)]);
  }
}
