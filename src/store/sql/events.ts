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
        const results = await this.db.transaction().execute(async (trx) => {
          const out: PublishResult[] = [];
          for (const item of group) out.push(await this.publishIn(trx, item.input, item.route));
          return out;
        });
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
    }).returningAll().executeTakeFirstOrThrow();

    const candidates = await trx.selectFrom('webhooks').select(['id', 'events', 'status', 'paused_behavior'])
      .where('workspace_id', '=', workspace.seq).where('status', '!=', 'disabled').execute();
    const decisions = route(candidates.map((row) => ({
      seq: num(row.id),
      events: parseJson<string[]>(row.events, []),
      status: row.status as WebhookRoute['status'],
      pausedBehavior: row.paused_behavior as WebhookRoute['pausedBehavior'],
    })));

    for (const batch of chunks(decisions, 500)) {
      await trx.insertInto('deliveries').values(batch.map((decision) => ({
        uid: newId(),
        event_id: eventRow.id,
        webhook_id: decision.webhookSeq,
        workspace_id: workspace.seq,
        status: decision.held ? 'held' : 'pending',
        attempt_count: 0,
        next_attempt_at: now,
        trigger: 'scheduled',
        created_at: now,
        updated_at: now,
      }))).execute();
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
