import { newId } from '../ids.ts';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Page, PageRequest, WebhookStatus } from '../../core/model.ts';
import type { Database } from '../schema.ts';
import type { Dialect, NewWebhook, StoredSecrets, StoredWebhook, WebhookChanges, WebhookFilter, WebhooksRepo, WorkspaceRef } from '../../core/ports/store.ts';
import { decodeCursor, num, numOrNull, parseJson, toPage, toWebhook } from './rows.ts';
import type { QueuedMoves } from './queued-moves.ts';
import { reorder } from './fifo-queue.ts';
import { containsText } from './filters.ts';
import { deleteWebhookHistory } from './chunks-in-turn.ts';

type WebhookQuery<O> = SelectQueryBuilder<Database, 'webhooks', O>;

function filtered<O>(query: WebhookQuery<O>, workspace: WorkspaceRef, filter: WebhookFilter, dialect: Dialect): WebhookQuery<O> {
  let q = query.where('workspace_id', '=', workspace.seq);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.createdAfter !== undefined) q = q.where('created_at', '>=', filter.createdAfter);
  if (filter.createdBefore !== undefined) q = q.where('created_at', '<=', filter.createdBefore);
  const { subscribedTo, urlContains, nameContains } = filter;
  if (subscribedTo !== undefined) {
    q = q.where('id', 'in', (eb) => eb.selectFrom('webhook_subscriptions').select('webhook_id')
      .where('workspace_id', '=', workspace.seq).where('pattern', 'in', subscribedTo.length > 0 ? subscribedTo : ['']));
  }
  if (urlContains !== undefined) q = q.where(containsText('url', urlContains, dialect));
  if (nameContains !== undefined) q = q.where(containsText('name', nameContains, dialect));
  return q;
}

export class SqlWebhooks implements WebhooksRepo {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: Dialect, private readonly moves: QueuedMoves) {}

  async create(input: NewWebhook): Promise<StoredWebhook> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('webhooks').values({
        uid: newId(),
        workspace_id: input.workspace.seq,
        name: input.name,
        url: input.url,
        description: input.description,
        events: JSON.stringify(input.events),
        headers: JSON.stringify(input.sealedHeaders),
        status: input.status,
        disabled_reason: null,
        paused_behavior: input.pausedBehavior,
        format: input.format,
        disable_rule: input.disableRule,
        failure_count: 0,
        secret_enc: input.secretEnc,
        meta: JSON.stringify(input.meta),
        filter: input.filter ? JSON.stringify(input.filter) : null,
        retry_schedule: input.retrySchedule ? JSON.stringify(input.retrySchedule) : null,
        transform: input.transform ?? null,
        ordering: input.ordering ?? 'none',
        rate_limit: input.rateLimit?.perSecond ?? null,
        signing: input.signing ?? 'hmac',
        public_key: input.publicKey ?? null,
        created_at: input.now,
        updated_at: input.now,
      }).returningAll().executeTakeFirstOrThrow();
      await subscribe(trx, input.workspace.seq, num(row.id), input.events);
      return toWebhook(row, input.workspace);
    });
  }

  async get(workspace: WorkspaceRef, id: string): Promise<StoredWebhook | null> {
    const row = await this.db.selectFrom('webhooks').selectAll()
      .where('workspace_id', '=', workspace.seq).where('uid', '=', id).executeTakeFirst();
    return row ? toWebhook(row, workspace) : null;
  }

  async getBySeq(workspace: WorkspaceRef, seq: number): Promise<StoredWebhook | null> {
    const row = await this.db.selectFrom('webhooks').selectAll()
      .where('workspace_id', '=', workspace.seq).where('id', '=', seq).executeTakeFirst();
    return row ? toWebhook(row, workspace) : null;
  }

  async secrets(webhookSeq: number): Promise<StoredSecrets | null> {
    const row = await this.db.selectFrom('webhooks')
      .select(['secret_enc', 'previous_secret_enc', 'previous_secret_expires_at', 'previous_public_key'])
      .where('id', '=', webhookSeq).executeTakeFirst();
    if (!row) return null;
    return {
      secretEnc: row.secret_enc,
      previousSecretEnc: row.previous_secret_enc,
      previousSecretExpiresAt: numOrNull(row.previous_secret_expires_at),
      previousPublicKey: row.previous_public_key,
    };
  }

  async publicKeys(workspace: WorkspaceRef, now: number, limit: number): Promise<string[]> {
    // Only webhooks with a key, current or previous: HMAC webhooks have neither (the workspace index finds them).
    const rows = await this.db.selectFrom('webhooks')
      .select(['public_key', 'previous_public_key', 'previous_secret_expires_at'])
      .where('workspace_id', '=', workspace.seq)
      .where((eb) => eb.or([eb('public_key', 'is not', null), eb('previous_public_key', 'is not', null)]))
      .orderBy('id').limit(limit).execute();
    const keys: string[] = [];
    for (const row of rows) {
      if (row.public_key !== null) keys.push(row.public_key);
      const previousLives = row.previous_public_key !== null && (numOrNull(row.previous_secret_expires_at) ?? 0) > now;
      if (previousLives) keys.push(row.previous_public_key as string);
    }
    return keys.slice(0, limit);
  }

  async list(workspace: WorkspaceRef, filter: WebhookFilter, page: PageRequest): Promise<Page<StoredWebhook>> {
    const after = decodeCursor(page.cursor);
    let query = filtered(this.db.selectFrom('webhooks').selectAll(), workspace, filter, this.dialect).orderBy('id', 'desc').limit(page.limit + 1);
    if (after !== null) query = query.where('id', '<', after);
    return toPage(await query.execute(), page.limit, (row) => toWebhook(row, workspace));
  }

  async listByOffset(workspace: WorkspaceRef, filter: WebhookFilter, offset: number, limit: number, order: 'asc' | 'desc') {
    const rows = await filtered(this.db.selectFrom('webhooks').selectAll(), workspace, filter, this.dialect)
      .orderBy('created_at', order).orderBy('id', order).limit(limit).offset(offset).execute();
    return { items: rows.map((row) => toWebhook(row, workspace)), total: await this.count(workspace, filter) };
  }

  async count(workspace: WorkspaceRef, filter: WebhookFilter): Promise<number> {
    const row = await filtered(this.db.selectFrom('webhooks').select((eb) => eb.fn.countAll().as('n')), workspace, filter, this.dialect)
      .executeTakeFirstOrThrow();
    return num(row.n);
  }

  async update(webhookSeq: number, changes: WebhookChanges, now: number): Promise<void> {
    if (changes.events !== undefined) {
      const events = changes.events;
      await this.db.transaction().execute(async (trx) => {
        // PostgreSQL: the webhook's row locked first, so two changes of its events take turns; otherwise the
        // second's delete missed the rows the first inserted meanwhile, and its insert hit their key
        // (found by the fuzz campaign: a JSON-RPC batch updating one webhook twice). SQLite's write lock
        // serializes them already.
        const row = await trx.selectFrom('webhooks').select('workspace_id').where('id', '=', webhookSeq)
          .$if(this.dialect === 'postgres', (q) => q.forNoKeyUpdate()).executeTakeFirst();
        if (!row) return;
        await trx.deleteFrom('webhook_subscriptions').where('webhook_id', '=', webhookSeq).execute();
        await subscribe(trx, num(row.workspace_id), webhookSeq, events);
        await this.write(trx, webhookSeq, changes, now);
      });
    } else {
      await this.write(this.db, webhookSeq, changes, now);
    }
    // Its waiting deliveries follow the new order: after the row is written, so publishes from now on already do.
    if (changes.ordering !== undefined) await reorder(this.db, this.dialect, webhookSeq, changes.ordering, now);
  }

  private async write(db: Kysely<Database>, webhookSeq: number, changes: WebhookChanges, now: number): Promise<void> {
    const set: Record<string, unknown> = { updated_at: now };
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.url !== undefined) set.url = changes.url;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.events !== undefined) set.events = JSON.stringify(changes.events);
    if (changes.sealedHeaders !== undefined) set.headers = JSON.stringify(changes.sealedHeaders);
    if (changes.pausedBehavior !== undefined) set.paused_behavior = changes.pausedBehavior;
    if (changes.disableRule !== undefined) set.disable_rule = changes.disableRule;
    if (changes.meta !== undefined) set.meta = JSON.stringify(changes.meta);
    if (changes.filter !== undefined) set.filter = changes.filter === null ? null : JSON.stringify(changes.filter);
    if (changes.retrySchedule !== undefined) set.retry_schedule = changes.retrySchedule === null ? null : JSON.stringify(changes.retrySchedule);
    if (changes.transform !== undefined) set.transform = changes.transform;
    if (changes.ordering !== undefined) set.ordering = changes.ordering;
    if (changes.rateLimit !== undefined) set.rate_limit = changes.rateLimit?.perSecond ?? null;
    if (changes.secretEnc !== undefined) set.secret_enc = changes.secretEnc;
    if (changes.previousSecretEnc !== undefined) set.previous_secret_enc = changes.previousSecretEnc;
    if (changes.previousSecretExpiresAt !== undefined) set.previous_secret_expires_at = changes.previousSecretExpiresAt;
    if (changes.signing !== undefined) set.signing = changes.signing;
    if (changes.publicKey !== undefined) set.public_key = changes.publicKey;
    if (changes.previousPublicKey !== undefined) set.previous_public_key = changes.previousPublicKey;
    await db.updateTable('webhooks').set(set).where('id', '=', webhookSeq).execute();
  }

  async setStatus(webhookSeq: number, status: WebhookStatus, reason: string | null, now: number): Promise<void> {
    // The webhook's row first, then its queued work a chunk at a time (queued-work.ts): a backlog of any size
    // moves without holding up other requests, and the caller waits for it only so long (queued-moves.ts).
    if (status === 'active') {
      await this.db.updateTable('webhooks')
        .set({ status, disabled_reason: null, failure_count: 0, failing_since: null, updated_at: now })
        .where('id', '=', webhookSeq).execute();
      await this.moves.move(webhookSeq, { to: 'pending' }, now);
    } else {
      await this.db.updateTable('webhooks').set({ status, disabled_reason: reason, updated_at: now })
        .where('id', '=', webhookSeq).execute();
      // Only queued work is held: an attempt in flight finishes and its outcome is recorded.
      await this.moves.move(webhookSeq, { to: 'held' }, now);
    }
  }

  async listeners(workspace?: WorkspaceRef): Promise<Array<{ seq: number; workspaceSeq: number; meta: Record<string, unknown> }>> {
    // Listen webhooks deliver to hookd's own relay path: the URL finds them (meta is JSON text). One
    // workspace's are found through its webhooks only, not by reading every workspace's.
    let query = this.db.selectFrom('webhooks').select(['id', 'workspace_id', 'meta']).where('url', 'like', '%/listen-relay/%');
    if (workspace) query = query.where('workspace_id', '=', workspace.seq);
    const rows = await query.execute();
    return rows.map((row) => ({ seq: num(row.id), workspaceSeq: num(row.workspace_id), meta: parseJson(row.meta, {}) }));
  }

  async withHeaders(afterSeq: number, limit: number): Promise<Array<{ seq: number; sealedHeaders: Record<string, string> }>> {
    const rows = await this.db.selectFrom('webhooks').select(['id', 'headers'])
      .where('id', '>', afterSeq).where('headers', '!=', '{}').orderBy('id').limit(limit).execute();
    return rows.map((row) => ({ seq: num(row.id), sealedHeaders: parseJson(row.headers, {}) }));
  }

  /**
   * Its history goes first, a chunk per statement in turns (chunks-in-turn.ts): in one transaction, a
   * webhook with a million deliveries held SQLite's request thread, or a PostgreSQL transaction, and every
   * other request waited. Its subscriptions go before, so that no new publish adds to it meanwhile; then,
   * in one transaction, what raced in and the webhook itself.
   */
  async delete(webhookSeq: number): Promise<void> {
    await this.db.deleteFrom('webhook_subscriptions').where('webhook_id', '=', webhookSeq).execute();
    await deleteWebhookHistory(this.db, [webhookSeq]);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('webhook_subscriptions').where('webhook_id', '=', webhookSeq).execute();
      // Deliveries before attempts (PostgreSQL has no foreign keys to do it: migrations/025): an outcome
      // being recorded right now either committed before the deliveries went, and its attempt goes next,
      // or waits for this transaction and finds its delivery gone, and logs nothing.
      await trx.deleteFrom('deliveries').where('webhook_id', '=', webhookSeq).execute();
      await trx.deleteFrom('attempts').where('webhook_id', '=', webhookSeq).execute();
      await trx.deleteFrom('webhooks').where('id', '=', webhookSeq).execute();
    });
  }
}

/** The webhook's rows in the subscription index (see migrations/006): one per event name or pattern. */
async function subscribe(db: Kysely<Database>, workspaceSeq: number, webhookSeq: number, events: string[]): Promise<void> {
  if (events.length === 0) return;
  await db.insertInto('webhook_subscriptions')
    .values([...new Set(events)].map((pattern) => ({ workspace_id: workspaceSeq, pattern, webhook_id: webhookSeq })))
    .execute();
}
