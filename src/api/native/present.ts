/** Domain objects as the native API shows them (camelCase, ISO times). Secrets appear only through presentSecret. */
import type { IssuedApiKey } from '../../core/workspaces.ts';
import type { ApiKey, Attempt, Delivery, Event, EventSummary, EventType, Page, Webhook, Workspace } from '../../core/model.ts';
import type { RevealedSecret } from '../../core/webhooks.ts';
import { formatRetrySchedule } from '../../core/retry-schedule.ts';
import type { TestReport } from '../../core/testing.ts';
import type { TransformOutcome } from '../../core/payload-transform.ts';
import { maskHeaders } from '../../core/webhook-headers.ts';
import { keyIdOf } from '../../core/signing-keys.ts';

const keyIdOrNull = (publicKey: string | null): string | null => (publicKey === null ? null : keyIdOf(publicKey));

export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export const presentWorkspace = (w: Workspace) => ({ id: w.id, name: w.name, createdAt: iso(w.createdAt) });

export const presentApiKey = (k: ApiKey) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  consumerKeyEnding: k.consumerKeyEnd,
  createdAt: iso(k.createdAt),
  lastUsedAt: iso(k.lastUsedAt),
  revokedAt: iso(k.revokedAt),
});

export const presentIssuedKey = (issued: IssuedApiKey) => ({
  ...presentApiKey(issued.apiKey),
  key: issued.key,
  consumerKey: issued.consumerKey,
  consumerSecret: issued.consumerSecret,
});

export const presentEventType = (t: EventType) => ({
  name: t.name,
  title: t.title,
  category: t.category,
  description: t.description,
  documentation: null,
  builtIn: t.builtIn,
  deprecated: t.deprecated,
  schema: t.schema,
  example: t.example,
});

export const presentWebhook = (w: Webhook) => ({
  id: w.id,
  name: w.name,
  url: w.url,
  events: w.events,
  active: w.status === 'active',
  status: w.status,
  disabledReason: w.disabledReason,
  failureCount: w.failureCount,
  headers: w.headers,
  description: w.description,
  pausedBehavior: w.pausedBehavior,
  /** How deliveries are shaped and signed: standard (Standard Webhooks), woocommerce or shipstream. */
  format: w.format,
  filter: w.filter,
  retrySchedule: w.retrySchedule === null ? null : formatRetrySchedule(w.retrySchedule),
  transform: w.transform,
  ordering: w.ordering,
  rateLimit: w.rateLimit,
  signing: w.signing,
  publicKey: w.publicKey,
  keyId: keyIdOrNull(w.publicKey),
  createdAt: iso(w.createdAt),
  updatedAt: iso(w.updatedAt),
});

export const presentEvent = (e: Event) => ({
  id: e.id,
  type: e.type,
  data: JSON.parse(e.dataJson) as unknown,
  idempotencyKey: e.idempotencyKey,
  createdAt: iso(e.createdAt),
});

export const presentEventSummary = (e: EventSummary) => ({
  id: e.id,
  type: e.type,
  idempotencyKey: e.idempotencyKey,
  createdAt: iso(e.createdAt),
  deliveryCount: e.deliveryCount,
  succeeded: e.succeeded,
  failed: e.failed,
  pending: e.pending,
});

/** The one place a signing secret is shown: GET …/secret, and the answer that generated it. A private key never is. */
export const presentSecret = (s: RevealedSecret) => ({
  signing: s.signing,
  secret: s.secret,
  publicKey: s.publicKey,
  keyId: keyIdOrNull(s.publicKey),
  previousSecret: s.previousSecret,
  previousPublicKey: s.previousPublicKey,
  previousKeyId: keyIdOrNull(s.previousPublicKey),
  previousSecretExpiresAt: iso(s.previousSecretExpiresAt),
});

export const presentDelivery = (d: Delivery) => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  webhookId: d.webhookId,
  status: d.status,
  attemptCount: d.attemptCount,
  nextAttemptAt: iso(d.nextAttemptAt),
  lastAttemptAt: iso(d.lastAttemptAt),
  lastResponseCode: d.lastResponseCode,
  lastError: d.lastError,
  lastDurationMs: d.lastDurationMs,
  createdAt: iso(d.createdAt),
  updatedAt: iso(d.updatedAt),
});

export const presentAttempt = (a: Attempt) => ({
  id: a.seq,
  deliveryId: a.deliveryId,
  webhookId: a.webhookId,
  eventType: a.eventType,
  trigger: a.trigger,
  test: a.trigger === 'test',
  success: a.success,
  request: { url: a.requestUrl, method: 'POST' as const, headers: a.requestHeaders, body: a.requestBody },
  response: a.responseCode === null ? null : { code: a.responseCode, message: a.responseMessage, headers: a.responseHeaders, body: a.responseBody },
  durationMs: a.durationMs,
  error: a.error,
  createdAt: iso(a.createdAt),
});

export const presentTestReport = (r: TestReport) => ({ ...r, startedAt: iso(r.startedAt) });

/** A transform's request for a sample, its extra headers masked as the attempt log masks them. */
export const presentTransformCheck = (outcome: TransformOutcome) => outcome.ok
  ? { request: { method: outcome.request.method, url: outcome.request.url, headers: maskHeaders(outcome.request.headers), body: outcome.request.body }, error: null }
  : { request: null, error: outcome.error };

/** Lists carry their page cursor beside the envelope's data: `{"data": [...], "error": null, "page": {...}}`. */
export const presentPage = <T, U>(page: Page<T>, limit: number, map: (item: T) => U) => ({
  data: page.items.map(map),
  error: null,
  page: { limit, nextCursor: page.nextCursor },
});
