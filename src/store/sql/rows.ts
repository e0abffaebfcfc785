/** Row ↔ model mapping and the small helpers every repository shares. */
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { Invalid } from '../../core/errors.ts';
import type { ApiKey, Attempt, AttemptTrigger, Delivery, DeliveryStatus, Page, Webhook, Workspace } from '../../core/model.ts';
import type { Dialect } from '../../core/ports/store.ts';
import type { ApiKeysTable, AttemptsTable, Database, WebhooksTable, WorkspacesTable } from '../schema.ts';
import type { LoggedAttempt, StoredWebhook, WorkspaceRef } from '../../core/ports/store.ts';
import { Prebuilt, tuples } from './prebuilt.ts';

export const parseJson = <T>(text: string | null, fallback: T): T => (text === null || text === '' ? fallback : (JSON.parse(text) as T));
export const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const DELIVERY_STATUSES: ReadonlySet<string> = new Set<DeliveryStatus>(['pending', 'sending', 'held', 'queued', 'succeeded', 'failed']);

/**
 * A delivery status written into the SQL text rather than bound, so that SQLite can use the partial
 * index of deliveries by webhook and status (see migrations/004): it must see the status to know the
 * index holds it. Only the five statuses pass.
 */
/** A bound number PostgreSQL takes as a BIGINT (an untyped parameter compared with one is not). */
export const int = (value: number | null): RawBuilder<number> => sql<number>`CAST(${value} AS BIGINT)`;

export function statusLiteral(status: DeliveryStatus): RawBuilder<DeliveryStatus> {
  if (!DELIVERY_STATUSES.has(status)) throw new Invalid('status', `not a delivery status: ${status}`);
  return sql.lit(status);
}

/** Cursors are opaque to clients: the last row's key, base64url-encoded. */
export const encodeCursor = (seq: number): string => Buffer.from(`c${seq}`).toString('base64url');
export function decodeCursor(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^c\d{1,15}$/.test(text)) throw new Invalid('cursor', 'not a cursor this API handed out');
  return Number(text.slice(1));
}

/** Rows were fetched with limit + 1: the extra one only says whether there is a next page. */
export function toPage<R extends { id: number | string }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), nextCursor: more ? encodeCursor(num(kept[kept.length - 1].id)) : null };
}

export const toWorkspace = (row: Pick<Selectable<WorkspacesTable>, 'id' | 'uid' | 'name' | 'created_at'>): Workspace => ({
  id: row.uid,
  seq: num(row.id),
  name: row.name,
  createdAt: num(row.created_at),
});

export const toApiKey = (row: Selectable<ApiKeysTable>, workspaceId: string): ApiKey => ({
  id: row.uid,
  seq: num(row.id),
  workspaceId,
  name: row.name,
  prefix: row.prefix,
  consumerKeyEnd: row.consumer_key_end,
  createdAt: num(row.created_at),
  lastUsedAt: numOrNull(row.last_used_at),
  revokedAt: numOrNull(row.revoked_at),
});

export const toWebhook = (row: Selectable<WebhooksTable>, workspace: WorkspaceRef): StoredWebhook => ({
  id: row.uid,
  seq: num(row.id),
  workspaceId: workspace.id,
  workspaceSeq: workspace.seq,
  name: row.name,
  url: row.url,
  description: row.description,
  events: parseJson(row.events, []),
  sealedHeaders: parseJson(row.headers, {}),
  status: row.status as Webhook['status'],
  disabledReason: row.disabled_reason,
  pausedBehavior: row.paused_behavior as Webhook['pausedBehavior'],
  format: row.format as Webhook['format'],
  disableRule: row.disable_rule as Webhook['disableRule'],
  failureCount: num(row.failure_count),
  failingSince: numOrNull(row.failing_since),
  lastSuccessAt: numOrNull(row.last_success_at),
  meta: parseJson(row.meta, {}),
  filter: parseJson(row.filter ?? null, null),
  retrySchedule: parseJson(row.retry_schedule ?? null, null),
  transform: row.transform ?? null,
  ordering: row.ordering === 'fifo' ? 'fifo' : 'none',
  rateLimit: row.rate_limit === null || row.rate_limit === undefined ? null : { perSecond: num(row.rate_limit) },
  signing: row.signing === 'ed25519' ? 'ed25519' : 'hmac',
  publicKey: row.public_key ?? null,
  createdAt: num(row.created_at),
  updatedAt: num(row.updated_at),
});

export interface DeliveryRow {
  id: number;
  uid: string;
  status: string;
  attempt_count: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  trigger: string;
  created_at: number;
  updated_at: number;
  event_uid: string;
  event_type: string;
  webhook_uid: string;
  last_response_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
}

export const toDelivery = (row: DeliveryRow): Delivery => ({
  id: row.uid,
  seq: num(row.id),
  eventId: row.event_uid,
  eventType: row.event_type,
  webhookId: row.webhook_uid,
  status: row.status as DeliveryStatus,
  attemptCount: num(row.attempt_count),
  nextAttemptAt: row.status === 'pending' ? numOrNull(row.next_attempt_at) : null,
  lastAttemptAt: numOrNull(row.last_attempt_at),
  trigger: row.trigger as AttemptTrigger,
  lastResponseCode: numOrNull(row.last_response_code),
  lastError: row.last_error,
  lastDurationMs: numOrNull(row.last_duration_ms),
  createdAt: num(row.created_at),
  updatedAt: num(row.updated_at),
});

export type AttemptRow = Omit<Selectable<AttemptsTable>, 'workspace_id'> & { delivery_uid: string | null; webhook_uid: string };

export const toAttempt = (row: AttemptRow): Attempt => ({
  seq: num(row.id),
  deliveryId: row.delivery_uid,
  webhookId: row.webhook_uid,
  eventType: row.event_type,
  trigger: row.trigger as AttemptTrigger,
  success: num(row.success) === 1,
  requestUrl: row.request_url,
  requestHeaders: parseJson(row.request_headers, {}),
  requestBody: row.request_body,
  responseCode: numOrNull(row.response_code),
  responseMessage: row.response_message,
  responseHeaders: parseJson(row.response_headers, {}),
  responseBody: row.response_body,
  durationMs: num(row.duration_ms),
  error: row.error,
  createdAt: num(row.created_at),
});

/** An attempt's columns, in the order attemptValues() lists them ("trigger", an SQL keyword, quoted as in every prebuilt statement). */
const ATTEMPT_COLUMNS = [
  'delivery_id', 'webhook_id', 'workspace_id', 'event_type', '"trigger"', 'success', 'request_url', 'request_headers', 'request_body',
  'response_code', 'response_message', 'response_headers', 'response_body', 'duration_ms', 'error', 'created_at',
];

const attemptValues = (attempt: LoggedAttempt): unknown[] => [
  attempt.deliverySeq, attempt.webhookSeq, attempt.workspaceSeq, attempt.eventType, attempt.trigger, attempt.success ? 1 : 0, attempt.requestUrl,
  attempt.requestHeadersJson, attempt.requestBody, attempt.responseCode, attempt.responseMessage,
  attempt.responseHeadersJson, attempt.responseBody, attempt.durationMs, attempt.error, attempt.createdAt,
];

/** Logs attempts: scheduled ones in batches (dispatch.ts), test sends one at a time (deliveries.ts). */
export class AttemptLog {
  readonly #insert: Prebuilt;

  constructor(dialect: Dialect) {
    this.#insert = new Prebuilt(dialect, (n) => `INSERT INTO attempts (${ATTEMPT_COLUMNS.join(', ')}) VALUES ${tuples(n, ATTEMPT_COLUMNS.length)}`);
  }

  async insert(db: Kysely<Database>, attempts: LoggedAttempt[]): Promise<void> {
    for (const batch of runs(attempts)) await this.#insert.run(db, batch.length, batch.flatMap(attemptValues));
  }
}

/** Splits a list into chunks, to stay under the engines' bound-parameter limits. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/*
 * Statements are prepared once and cached by their SQL text, but a list of n values makes a text of its
 * own for every n: with batches of any size from 1 to a few hundred, the cache kept missing and the API
 * thread spent about 4% of its time preparing statements. So lists go out in a few sizes only.
 */
const LARGEST_RUN = 256;
const RUN_STEP = 16;

/**
 * Rows to write, in at most two statements per 256: a multiple of 16 rows, then the rest (56 rows: 48 + 8).
 * 31 sizes in all; splitting finer costs more in extra statements than it saves in preparing.
 */
export function runs<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length;) {
    const left = items.length - i;
    const size = left >= LARGEST_RUN ? LARGEST_RUN : left >= RUN_STEP ? left - (left % RUN_STEP) : left;
    out.push(items.slice(i, i + size));
    i += size;
  }
  return out;
}

/** An IN list padded to a power of two (or a multiple of 256) by repeating its last value, which changes nothing. */
export function padded<T>(values: T[]): T[] {
  if (values.length === 0) return values;
  const size = values.length <= LARGEST_RUN ? 2 ** Math.ceil(Math.log2(values.length)) : Math.ceil(values.length / LARGEST_RUN) * LARGEST_RUN;
  if (size === values.length) return values;
  const out = values.slice();
  while (out.length < size) out.push(values[values.length - 1]);
  return out;
}

/** In a statement on `webhooks` (an UPDATE's RETURNING too): the public id of the webhook's workspace, as `workspace_uid`. */
export const webhookWorkspaceUid = () => sql<string>`(SELECT uid FROM workspaces WHERE workspaces.id = webhooks.workspace_id)`.as('workspace_uid');
