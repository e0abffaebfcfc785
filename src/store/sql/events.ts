import { newId } from '../ids.ts';
import type { Kysely, Selectable } from 'kysely';
import type { Event } from '../../core/model.ts';
import type { Database, EventsTable } from '../schema.ts';
import type { EventsRepo, NewEvent, PublishResult, RouteDecision, WebhookRoute, WorkspaceRef } from '../store.ts';
import { chunks, num, parseJson } from './rows.ts';

const toEvent = (row: Selectable<EventsTable>, workspace: WorkspaceRef): Event => ({
  id: row.uid,
  seq: num(row.id),
  workspaceId: workspace.id,
  type: row.type,
  dataJson: row.data,
  idempotencyKey: row.idempotency_key,
  createdAt: num(row.created_at),
});

type Route = (candidates: WebhookRoute[]) => RouteDecision[];

const deliveryRow = (eventSeq: number, decision: RouteDecision, input: NewEvent) => ({
  uid: newId(),
  event_id: eventSeq,
  webhook_id: decision.webhookSeq,
  workspace_id: input.workspace.seq,
  status: decision.held ? 'held' : 'pending',
  attempt_count: 0,
  next_attempt_at: input.now,
  trigger: 'scheduled',
  created_at: input.now,
  updated_at: input.now,
});

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

  constructor(private readonly db: Kysely<Database>, private readonly maxConcurrentGroups = 1) {}

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
        const results = await this.db.transaction().execute((trx) => this.publishGroup(trx, group));
        group.forEach((item, i) => item.resolve(results[i]));
      } catch (error) {
        if (group.length === 1) {
          group[0].reject(error);
          continue;
        }
        // One bad publish must not fail the others: retry each in its own transaction.
        for (const item of group) {
          await this.db.transaction().execute((trx) => this.publishIn(trx, item.input, item.route)).then(item.resolve, item.reject);
        }
      }
    }
    this.#groups--;
  }

  /**
   * A group in a few statements: events with an idempotency key one by one (they may replay), all the
   * others in one multi-row insert, one webhook lookup per workspace, and one insert of all deliveries.
   */
  private async publishGroup(trx: Kysely<Database>, group: QueuedPublish[]): Promise<PublishResult[]> {
    const results: PublishResult[] = new Array(group.length);
    const plain: number[] = [];
    for (let i = 0; i < group.length; i++) {
      if (group[i].input.idempotencyKey === null) plain.push(i);
      else results[i] = await this.publishIn(trx, group[i].input, group[i].route);
    }
    if (plain.length === 0) return results;

    const uids = plain.map(() => newId());
    const inserted = new Map<string, Selectable<EventsTable>>();
    for (const batch of chunks(plain.map((index, n) => ({ index, uid: uids[n] })), 500)) {
      const rows = await trx.insertInto('events').values(batch.map(({ index, uid }) => {
        const { input } = group[index];
        return { uid, workspace_id: input.workspace.seq, type: input.type, data: input.dataJson, idempotency_key: null, created_at: input.now };
      })).returningAll().execute();
      for (const row of rows) inserted.set(row.uid, row);
    }

    const routes = new Map<number, WebhookRoute[]>();
    for (const index of plain) {
      const seq = group[index].input.workspace.seq;
      if (!routes.has(seq)) routes.set(seq, await this.candidates(trx, seq));
    }

    const deliveries = [];
    for (let n = 0; n < plain.length; n++) {
      const { input, route } = group[plain[n]];
      const event = inserted.get(uids[n]) as Selectable<EventsTable>;
      const decisions = route(routes.get(input.workspace.seq) ?? []);
      for (const decision of decisions) deliveries.push(deliveryRow(event.id, decision, input));
      results[plain[n]] = { event: toEvent(event, input.workspace), deliveryCount: decisions.length, replayed: false };
    }
    for (const batch of chunks(deliveries, 500)) await trx.insertInto('deliveries').values(batch).execute();
    return results;
  }

  private async candidates(trx: Kysely<Database>, workspaceSeq: number): Promise<WebhookRoute[]> {
    const rows = await trx.selectFrom('webhooks').select(['id', 'events', 'status', 'paused_behavior'])
      .where('workspace_id', '=', workspaceSeq).where('status', '!=', 'disabled').execute();
    return rows.map((row) => ({
      seq: num(row.id),
      events: parseJson<string[]>(row.events, []),
      status: row.status as WebhookRoute['status'],
      pausedBehavior: row.paused_behavior as WebhookRoute['pausedBehavior'],
    }));
  }

  private async publishIn(trx: Kysely<Database>, input: NewEvent, route: Route): Promise<PublishResult> {
    const { workspace, now } = input;
    if (input.idempotencyKey !== null) {
      const earlier = await trx.selectFrom('events').selectAll()
        .where('workspace_id', '=', workspace.seq).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
      if (earlier && num(earlier.created_at) >= input.idempotencySince) {
        return { event: toEvent(earlier, workspace), deliveryCount: await this.deliveryCountIn(trx, num(earlier.id)), replayed: true };
      }
      // An expired key is free again: the old event keeps its data but gives up the key.
      if (earlier) await trx.updateTable('events').set({ idempotency_key: null }).where('id', '=', earlier.id).execute();
    }

    const eventRow = await trx.insertInto('events').values({
      uid: newId(),
      workspace_id: workspace.seq,
      type: input.type,
      data: input.dataJson,
      idempotency_key: input.idempotencyKey,
      created_at: now,
    }).onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key']).doNothing()).returningAll().executeTakeFirst();
    if (!eventRow) {
      // A concurrent publish with the same key committed after the look-up above (PostgreSQL runs several
      // publish transactions at once): this one is its replay, not an error.
      const winner = await trx.selectFrom('events').selectAll()
        .where('workspace_id', '=', workspace.seq).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirstOrThrow();
      return { event: toEvent(winner, workspace), deliveryCount: await this.deliveryCountIn(trx, num(winner.id)), replayed: true };
    }

    const decisions = route(await this.candidates(trx, workspace.seq));
    for (const batch of chunks(decisions, 500)) {
      await trx.insertInto('deliveries').values(batch.map((decision) => deliveryRow(eventRow.id, decision, input))).execute();
    }
    return { event: toEvent(eventRow, workspace), deliveryCount: decisions.length, replayed: false };
  }

  async get(workspace: WorkspaceRef, id: string): Promise<Event | null> {
    const row = await this.db.selectFrom('events').selectAll()
      .where('workspace_id', '=', workspace.seq).where('uid', '=', id).executeTakeFirst();
    return row ? toEvent(row, workspace) : null;
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
