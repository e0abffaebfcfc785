import { newId } from '../ids.ts';
import type { Kysely, Selectable } from 'kysely';
import type { Event, EventSummary, Page, PageRequest } from '../../core/model.ts';
import type { Database, EventsTable } from '../schema.ts';
import type { EventFilter, EventsRepo, NewEvent, PublishResult, RouteDecision, WebhookRoute, WorkspaceRef } from '../../core/ports/store.ts';
import type { Dialect } from '../../core/ports/store.ts';
import type { HandOff, HandedOff } from './hand-off.ts';
import { Prebuilt, tuples } from './prebuilt.ts';
import { decodeCursor, num, runs } from './rows.ts';
import { eventTypeIs } from './filters.ts';
import { windowedPage, windowFloor } from './scan-window.ts';
import { readOn, type LongReads } from './long-reads.ts';
import { deliveryCountsOf } from './event-delivery-counts.ts';
import { lockFifoWebhooks, openOf } from './fifo-queue.ts';
import { OneStatementPublish, type DeliveryRow, type EventRow } from './one-statement-publish.ts';
import { KnownRoutes, routesKey, subscribedOf, subscribedParameters, subscribedStatement, type Flow, type SubscribedRow } from './subscribed-routes.ts';

const toEvent = (row: Selectable<EventsTable>, workspace: WorkspaceRef): Event => ({
  id: row.uid,
  seq: num(row.id),
  workspaceId: workspace.id,
  type: row.type,
  dataJson: row.data,
  idempotencyKey: row.idempotency_key,
  createdAt: num(row.created_at),
});

type Route = (subscribed: WebhookRoute[]) => RouteDecision[];

/**
 * A new delivery's values, in the order of the insert below; one handed off is leased until `leaseUntil`;
 * one `queued` waits behind the delivery its FIFO webhook is sending (fifo-queue.ts).
 */
const deliveryValues = (uid: string, eventSeq: number, decision: RouteDecision, input: NewEvent, leaseUntil: number | null, queued = false): unknown[] => [
  uid, eventSeq, decision.webhookSeq, input.workspace.seq,
  queued ? 'queued' : decision.held ? 'held' : leaseUntil === null ? 'pending' : 'sending', leaseUntil ?? input.now, input.now, input.now,
];

/** A group's look-ups: the subscribed webhooks of each workspace and event type, once, and their flow control. */
interface GroupLookups {
  routes: Map<string, WebhookRoute[]>;
  flows: Map<number, Flow>;
}

const newLookups = (): GroupLookups => ({ routes: new Map(), flows: new Map() });

/** Tries of a group in one statement while the routing changes under it, before it takes publishGroup's transaction. */
const ROUTING_TRIES = 3;

/** A group's rows for one-statement-publish.ts: each publish's event, and a delivery of it for each of its decisions. */
function rowsOf(group: ReadonlyArray<{ input: NewEvent }>, decided: RouteDecision[][]): { events: EventRow[]; deliveries: DeliveryRow[] } {
  const events: EventRow[] = [];
  const deliveries: DeliveryRow[] = [];
  for (let index = 0; index < group.length; index++) {
    const { input } = group[index];
    const uid = newId();
    events.push({ uid, workspaceSeq: input.workspace.seq, type: input.type, dataJson: input.dataJson, idempotencyKey: input.idempotencyKey, createdAt: input.now, traceParent: input.traceParent ?? null });
    for (const decision of decided[index]) {
      deliveries.push({ uid: newId(), eventUid: uid, webhookSeq: decision.webhookSeq, workspaceSeq: input.workspace.seq, status: decision.held ? 'held' : 'pending', createdAt: input.now });
    }
  }
  return { events, deliveries };
}

interface QueuedPublish {
  input: NewEvent;
  route: Route;
  resolve: (result: PublishResult) => void;
  reject: (error: unknown) => void;
}

/** Publishes arriving together share one transaction (group commit); one commit costs more than the inserts. */
const MAX_GROUP = 200;

export class SqlEvents implements EventsRepo {
  readonly #queue: QueuedPublish[] = [];
  #groups = 0;

  /** New events; a key already taken (see publishGroup) skips its row. */
  readonly #insertEvents: Prebuilt<Selectable<EventsTable>>;
  readonly #insertDeliveries: Prebuilt<{ id: number; uid: string }>;
  /** The webhooks of a workspace subscribed to one of n patterns, that may get deliveries. */
  readonly #subscribed: Prebuilt<SubscribedRow>;
  /** PostgreSQL: most groups in one statement (one-statement-publish.ts), with the routes kept (subscribed-routes.ts). */
  readonly #oneStatement: OneStatementPublish | null;
  readonly #knownRoutes: KnownRoutes;

  /**
   * `handOff`: where deliveries go that this process's dispatcher takes straight from the publish (SQLite).
   * `longReads`: where a page's deliveries are counted when they are many (event-delivery-counts.ts).
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
    private readonly maxConcurrentGroups = 1,
    private readonly handOff: HandOff | null = null,
    private readonly longReads: LongReads = readOn(db),
  ) {
    this.#insertEvents = new Prebuilt(dialect, (n) => `INSERT INTO events (uid, workspace_id, type, data, idempotency_key, created_at, trace_parent)
      VALUES ${tuples(n, 7)} ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
      RETURNING id, uid, workspace_id, type, data, idempotency_key, created_at, trace_parent`);
    this.#insertDeliveries = new Prebuilt(dialect, (n) => `INSERT INTO deliveries
      (uid, event_id, webhook_id, workspace_id, status, attempt_count, "trigger", next_attempt_at, created_at, updated_at)
      VALUES ${tuples(n, 8, "(?, ?, ?, ?, ?, 0, 'scheduled', ?, ?, ?)")} RETURNING id, uid`);
    this.#subscribed = new Prebuilt(dialect, subscribedStatement);
    this.#oneStatement = dialect === 'postgres' ? new OneStatementPublish(dialect) : null;
    this.#knownRoutes = new KnownRoutes(dialect);
  }

  publish(input: NewEvent, route: Route): Promise<PublishResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, route, resolve, reject });
      if (this.#groups < this.maxConcurrentGroups) {
        this.#groups++;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const group = this.#queue.splice(0, MAX_GROUP);
      try {
        const { results, handedOff } = (this.#oneStatement && await this.publishInOneStatement(this.#oneStatement, group))
          || await this.db.transaction().execute((trx) => this.publishGroup(trx, group));
        this.handOff?.add(handedOff);
        group.forEach((item, i) => item.resolve(results[i]));
      } catch (error) {
        if (group.length === 1) {
          group[0].reject(error);
          continue;
        }
        // One bad publish must not fail the others: retry each in its own transaction.
        for (const item of group) {
          await this.db.transaction().execute((trx) => this.publishGroup(trx, [item])).then(({ results, handedOff }) => {
            this.handOff?.add(handedOff);
            item.resolve(results[0]);
          }, item.reject);
        }
      }
    }
    this.#groups--;
  }

  /**
   * A group as one-statement-publish.ts writes it, or null when it needs publishGroup's transaction (a FIFO
   * webhook among those it goes to, or a routing that kept changing while it was tried). A publish whose
   * idempotency key was taken goes through publishGroup.
   */
  private async publishInOneStatement(writer: OneStatementPublish, group: QueuedPublish[]): Promise<{ results: PublishResult[]; handedOff: HandedOff[] } | null> {
    for (let tries = 0; tries < ROUTING_TRIES; tries++) {
      const known = await this.#knownRoutes.of(this.db, group.map(({ input }) => input));
      if (!known) continue;
      const decided = group.map(({ route }, index) => route(known.found[index].routes));
      // publishGroup looks the webhooks up again, in its transaction: FIFO groups are rare.
      const toFifo = (index: number) => known.found[index].fifo.size > 0 && decided[index].some((decision) => known.found[index].fifo.has(decision.webhookSeq));
      if (group.some((_, index) => toFifo(index))) return null;

      const { events, deliveries } = rowsOf(group, decided);
      const inserted = await writer.insert(this.db, events, deliveries, known.version);
      if (inserted.routingMoved) {
        this.#knownRoutes.outdated(inserted.version);
        continue;
      }
      return { results: await this.resultsOf(group, events, decided, inserted.ids), handedOff: [] };
    }
    return null;
  }

  /** What each publish of a group written in one statement answers; one whose idempotency key was taken, through publishGroup. */
  private async resultsOf(group: QueuedPublish[], events: EventRow[], decided: RouteDecision[][], inserted: Map<string, number>): Promise<PublishResult[]> {
    const results: PublishResult[] = new Array(group.length);
    const keyTaken: number[] = [];
    for (let index = 0; index < group.length; index++) {
      const { input } = group[index];
      const { uid } = events[index];
      const seq = inserted.get(uid);
      if (seq === undefined) {
        keyTaken.push(index);
        continue;
      }
      const row = { id: seq, uid, workspace_id: input.workspace.seq, type: input.type, data: input.dataJson, idempotency_key: input.idempotencyKey, created_at: input.now, trace_parent: input.traceParent ?? null };
      results[index] = { event: toEvent(row, input.workspace), deliveryCount: decided[index].length, replayed: false };
    }
    if (keyTaken.length > 0) {
      const replays = await this.db.transaction().execute((trx) => this.publishGroup(trx, keyTaken.map((index) => group[index])));
      keyTaken.forEach((index, i) => { results[index] = replays.results[i]; });
    }
    return results;
  }

  /**
   * A group in a few statements: a look-up per idempotency key, one multi-row insert of the new events,
   * one webhook look-up per workspace, and one insert of all their deliveries.
   */
  private async publishGroup(trx: Kysely<Database>, group: Array<Pick<QueuedPublish, 'input' | 'route'>>, mayHandOff = true): Promise<{ results: PublishResult[]; handedOff: HandedOff[] }> {
    const results: PublishResult[] = new Array(group.length);
    const fresh: Array<{ index: number; uid: string }> = [];
    for (let index = 0; index < group.length; index++) {
      const replay = await this.earlier(trx, group[index].input);
      if (replay) results[index] = replay;
      else fresh.push({ index, uid: newId() });
    }

    // A key taken since the look-up (a concurrent transaction, or the same key twice in this group) makes
    // the insert skip that row; such a publish answers as a replay of the event that holds the key.
    const inserted = new Map<string, Selectable<EventsTable>>();
    for (const batch of runs(fresh)) {
      const rows = await this.#insertEvents.run(trx, batch.length, batch.flatMap(({ index, uid }) => {
        const { input } = group[index];
        return [uid, input.workspace.seq, input.type, input.dataJson, input.idempotencyKey, input.now, input.traceParent ?? null];
      }));
      for (const row of rows) inserted.set(row.uid, row);
    }

    const lookups = newLookups();
    const { flows } = lookups;
    const routed: Array<{ index: number; event: Selectable<EventsTable>; decisions: RouteDecision[] }> = [];
    const lost: number[] = [];
    for (const { index, uid } of fresh) {
      const { input, route } = group[index];
      const event = inserted.get(uid);
      if (!event) {
        lost.push(index);
        continue;
      }
      routed.push({ index, event, decisions: route(await this.subscribed(trx, input, lookups)) });
    }

    // FIFO webhooks: a new delivery queues behind one still unfinished (fifo-queue.ts). Locked in id order first.
    // (Almost every publish has none: the decisions are looked through only when a subscribed webhook is FIFO.)
    const fifoSubscribed = [...flows].filter(([, flow]) => flow.fifo).map(([seq]) => seq);
    const fifo = fifoSubscribed.length === 0 ? [] : fifoSubscribed.filter((seq) => routed.some((r) => r.decisions.some((d) => d.webhookSeq === seq)));
    await lockFifoWebhooks(trx, this.dialect, fifo);
    const open = await openOf(trx, fifo);

    const deliveries: unknown[][] = [];
    const handedOff: HandedOff[] = [];
    const handOffTo = (mayHandOff ? this.handOff?.planner() : undefined) ?? (() => false);
    const leaseMs = this.handOff?.leaseMs ?? 0;
    for (const { index, event, decisions } of routed) {
      const { input } = group[index];
      const eventSeq = num(event.id);
      const handedEvent = { seq: eventSeq, id: event.uid, type: event.type, dataJson: event.data, createdAt: num(event.created_at), traceParent: event.trace_parent ?? null };
      for (const decision of decisions) {
        const deliveryUid = newId();
        const flow = flows.get(decision.webhookSeq);
        const queued = flow?.fifo === true && open.has(decision.webhookSeq);
        if (flow?.fifo) open.add(decision.webhookSeq);
        // A rate-limited webhook's deliveries are counted as they are claimed (rate-limit.ts): never handed off.
        if (!decision.held && !queued && !flow?.rateLimited && handOffTo(decision.webhookSeq)) {
          const leaseUntil = input.now + leaseMs;
          deliveries.push(deliveryValues(deliveryUid, eventSeq, decision, input, leaseUntil));
          handedOff.push({ seq: 0, id: deliveryUid, webhookSeq: decision.webhookSeq, workspaceSeq: input.workspace.seq, leaseUntil, event: handedEvent });
        } else {
          deliveries.push(deliveryValues(deliveryUid, eventSeq, decision, input, null, queued));
        }
      }
      results[index] = { event: toEvent(event, input.workspace), deliveryCount: decisions.length, replayed: false };
    }
    const handedOffByUid = new Map(handedOff.map((item) => [item.id, item]));
    for (const batch of runs(deliveries)) {
      for (const row of await this.#insertDeliveries.run(trx, batch.length, batch.flat())) {
        const item = handedOffByUid.get(row.uid);
        if (item) item.seq = num(row.id);
      }
    }
    for (const index of lost) {
      const replay = await this.earlier(trx, group[index].input);
      if (!replay) throw new Error('an idempotency key conflicted, but no event holds it');
      results[index] = replay;
    }
    return { results, handedOff };
  }

  /**
   * Publishes inside a transaction of the caller's (operational events, in the one that records the
   * outcomes causing them: sql/operational.ts). Nothing is handed off: the caller's dispatcher looks for
   * due work after every record anyway.
   */
  async publishWithin(trx: Kysely<Database>, items: Array<{ input: NewEvent; route: Route }>): Promise<PublishResult[]> {
    return items.length === 0 ? [] : (await this.publishGroup(trx, items, false)).results;
  }

  /**
   * The event an idempotency key already names, as a replay, if it is recent enough. An expired key is
   * freed (its old event keeps its data but gives up the key).
   */
  private async earlier(trx: Kysely<Database>, input: NewEvent): Promise<PublishResult | null> {
    if (input.idempotencyKey === null) return null;
    const row = await trx.selectFrom('events').selectAll()
      .where('workspace_id', '=', input.workspace.seq).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
    if (!row) return null;
    if (num(row.created_at) >= input.idempotencySince) {
      return { event: toEvent(row, input.workspace), deliveryCount: await this.deliveryCountIn(trx, num(row.id)), replayed: true };
    }
    await trx.updateTable('events').set({ idempotency_key: null }).where('id', '=', row.id).execute();
    return null;
  }

  /** The webhooks subscribed to the event's type in its workspace, looked up once per group (`lookups`). */
  private async subscribed(trx: Kysely<Database>, input: NewEvent, lookups: GroupLookups): Promise<WebhookRoute[]> {
    const key = routesKey(input);
    const known = lookups.routes.get(key);
    if (known) return known;
    const { routes, flows } = subscribedOf(await this.#subscribed.run(trx, input.patterns.length, subscribedParameters(input)));
    for (const [seq, flow] of flows) lookups.flows.set(seq, flow);
    lookups.routes.set(key, routes);
    return routes;
  }

  async get(workspace: WorkspaceRef, id: string): Promise<Event | null> {
    const row = await this.db.selectFrom('events').selectAll()
      .where('workspace_id', '=', workspace.seq).where('uid', '=', id).executeTakeFirst();
    return row ? toEvent(row, workspace) : null;
  }

  async list(workspace: WorkspaceRef, filter: EventFilter, page: PageRequest): Promise<Page<EventSummary>> {
    const after = decodeCursor(page.cursor);
    let query = this.db.selectFrom('events').select(['id', 'uid', 'type', 'idempotency_key', 'created_at'])
      .where('workspace_id', '=', workspace.seq).orderBy('id', 'desc').limit(page.limit + 1);
    const type = filter.type;
    if (type) query = query.where((eb) => eventTypeIs(eb, 'type', type));
    if (filter.createdAfter !== undefined) query = query.where('created_at', '>=', filter.createdAfter);
    if (filter.createdBefore !== undefined) query = query.where('created_at', '<=', filter.createdBefore);
    if (after !== null) query = query.where('id', '<', after);
    // A filter reads the workspace's events one by one: a window of them at most (scan-window.ts).
    const floor = type || filter.createdAfter !== undefined || filter.createdBefore !== undefined
      ? await windowFloor(this.db.selectFrom('events').select('id').where('workspace_id', '=', workspace.seq), after)
      : null;
    if (floor !== null) query = query.where('id', '>=', floor);
    const rows = await query.execute();
    const counts = await deliveryCountsOf(this.db, this.longReads, rows.slice(0, page.limit).map((row) => num(row.id)));
    return windowedPage(rows, page.limit, floor, (row) => ({
      id: row.uid,
      seq: num(row.id),
      type: row.type,
      idempotencyKey: row.idempotency_key,
      createdAt: num(row.created_at),
      ...counts.get(num(row.id))!,
    }));
  }

  deliveryCount(eventSeq: number): Promise<number> {
    return this.deliveryCountIn(this.db, eventSeq);
  }

  private async deliveryCountIn(db: Kysely<Database>, eventSeq: number): Promise<number> {
    const row = await db.selectFrom('deliveries').select((eb) => eb.fn.countAll().as('n'))
      .where('event_id', '=', eventSeq).executeTakeFirstOrThrow();
    return num(row.n);
  }
}
