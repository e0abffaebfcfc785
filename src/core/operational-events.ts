/**
 * Operational events: what hookd tells a workspace (and the operator) about its own endpoints, as ordinary
 * events of the `hookd.*` namespace, delivered through the same pipeline as any other.
 *
 * - `hookd.webhook.failing`: the first failed attempt after a success, or (checked at every 10th failure in
 *   a row) a failure rate of at least half of at least 10 attempts over the last 15 minutes. At most once
 *   per webhook per 15 minutes, whichever the trigger.
 * - `hookd.webhook.recovered`: the first success after a `failing` that was sent (a flapping endpoint gets
 *   at most one pair per 15 minutes, not one per flap).
 * - `hookd.webhook.disabled`: hookd disabled it (410 Gone, or its disable rule), with the last attempts.
 * - `hookd.delivery.exhausted`: a delivery given up after its last scheduled attempt.
 *
 * No loops: nothing is emitted about an *operational endpoint*, a webhook subscribed to any `hookd.*`
 * name or pattern (the operator's webhook is one). So deliveries of operational events, which only such
 * webhooks receive, never cause operational events. And `*` does not cover `hookd.*` (core/topics.ts):
 * they are opt-in, as Svix's operational webhooks are.
 *
 * This module is the contract (names, payloads, thresholds, schemas); the store emits them in the
 * transaction that records the outcomes causing them (store/sql/operational.ts).
 */
import type { EventType } from './model.ts';

export const OPERATIONAL_PREFIX = 'hookd.';

export const OPERATIONAL_TYPES = {
  disabled: 'hookd.webhook.disabled',
  failing: 'hookd.webhook.failing',
  recovered: 'hookd.webhook.recovered',
  exhausted: 'hookd.delivery.exhausted',
} as const;
export type OperationalType = (typeof OPERATIONAL_TYPES)[keyof typeof OPERATIONAL_TYPES];

/** `hookd.webhook.failing` fires at most once per webhook in this long; so does its failure-rate check. */
export const FAILING_NOTICE_INTERVAL_MS = 15 * 60_000;
/** The failure-rate rule: over the last 15 minutes, at least this many attempts… */
export const FAILURE_RATE_MIN_ATTEMPTS = 10;
/** …of which at least this share failed. */
export const FAILURE_RATE_THRESHOLD = 0.5;
/** The rate is looked at when a failure streak reaches a multiple of this (not on every batch: it reads 15 minutes of attempts). */
export const FAILURE_RATE_CHECK_EVERY = 10;
/** How many of its last attempts a `webhook.disabled` event carries. */
export const DISABLED_LAST_ATTEMPTS = 5;
/** Error texts in payloads are cut to this many characters. */
const MAX_ERROR = 500;

export const isOperationalType = (name: string): boolean => name.startsWith(OPERATIONAL_PREFIX);

/** Whether a failure streak of `after` (it was `before`) calls for a failure-rate check. */
export function rateCheckDue(before: number, after: number): boolean {
  return Math.floor(after / FAILURE_RATE_CHECK_EVERY) > Math.floor(before / FAILURE_RATE_CHECK_EVERY);
}

export function rateCrossed(attempts: number, failed: number): boolean {
  return attempts >= FAILURE_RATE_MIN_ATTEMPTS && failed / attempts >= FAILURE_RATE_THRESHOLD;
}

/** The webhook an operational event is about, as the store reads it. */
export interface OperationalWebhook {
  workspaceId: string;
  id: string;
  name: string;
  url: string;
  status: string;
  failureCount: number;
  failingSince: number | null;
  lastSuccessAt: number | null;
}

export interface AttemptSummary {
  at: number;
  eventType: string;
  responseCode: number | null;
  error: string | null;
  durationMs: number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const webhookPart = (w: OperationalWebhook) => ({
  workspaceId: w.workspaceId,
  webhook: { id: w.id, name: w.name, url: w.url },
});

const attemptPart = (a: AttemptSummary) => ({
  at: new Date(a.at).toISOString(),
  eventType: a.eventType,
  responseCode: a.responseCode,
  error: a.error === null ? null : a.error.slice(0, MAX_ERROR),
  durationMs: a.durationMs,
});

const streakPart = (w: OperationalWebhook) => ({
  failureCount: w.failureCount,
  failingSince: iso(w.failingSince),
  lastSuccessAt: iso(w.lastSuccessAt),
});

export function disabledPayload(w: OperationalWebhook, reason: string, at: number, lastAttempts: AttemptSummary[]) {
  return { ...webhookPart(w), reason, disabledAt: iso(at), ...streakPart(w), lastAttempts: lastAttempts.slice(0, DISABLED_LAST_ATTEMPTS).map(attemptPart) };
}

export type FailingTrigger = { kind: 'first_failure' } | { kind: 'failure_rate'; attempts: number; failed: number };

export function failingPayload(w: OperationalWebhook, trigger: FailingTrigger, lastAttempt: AttemptSummary) {
  return {
    ...webhookPart(w),
    trigger: trigger.kind,
    ...streakPart(w),
    window: trigger.kind === 'failure_rate'
      ? { minutes: FAILING_NOTICE_INTERVAL_MS / 60_000, attempts: trigger.attempts, failed: trigger.failed, failureRate: Math.round((trigger.failed / trigger.attempts) * 1000) / 1000 }
      : null,
    lastAttempt: attemptPart(lastAttempt),
  };
}

export function recoveredPayload(w: OperationalWebhook, failingSince: number, at: number) {
  return { ...webhookPart(w), failingSince: iso(failingSince), recoveredAt: iso(at) };
}

export function exhaustedPayload(w: OperationalWebhook, delivery: { id: string; eventId: string; eventType: string; attempts: number }, lastAttempt: AttemptSummary) {
  return { ...webhookPart(w), delivery: { id: delivery.id, eventId: delivery.eventId, eventType: delivery.eventType, attempts: delivery.attempts }, lastAttempt: attemptPart(lastAttempt) };
}

// ——— The catalog entries: schemas their examples satisfy (test/unit checks them) ———

type Schema = Record<string, unknown>;
const str = { type: 'string' };
const uuid = { type: 'string', format: 'uuid' };
const time = { type: 'string', format: 'date-time' };
/** `type` arrays and `nullable` are each in only one of JSON Schema 2020-12 and OpenAPI 3.0 (catalog-schemas.ts): a value that may be null is described, not typed. */
const nullable = (schema: Schema): Schema => ({ description: `${String(schema.format ?? schema.type)}, or null` });
const obj = (title: string, properties: Record<string, Schema>): Schema => ({
  type: 'object', title, properties, required: Object.keys(properties), additionalProperties: true,
});
const webhookSchema = obj('Webhook', { id: uuid, name: str, url: str });
const attemptSchema = obj('Attempt', {
  at: time, eventType: str, responseCode: nullable({ type: 'integer' }), error: nullable({ type: 'string', maxLength: MAX_ERROR }), durationMs: { type: 'integer', minimum: 0 },
});
const common = { workspaceId: uuid, webhook: webhookSchema };
const streak = { failureCount: { type: 'integer', minimum: 0 }, failingSince: nullable(time), lastSuccessAt: nullable(time) };

const EXAMPLE_WEBHOOK: OperationalWebhook = {
  workspaceId: '0190a5a2-7c1e-7a3b-9f00-3c2d1e0f4a5b', id: '0190a5a2-9d4f-7c21-8e11-5a6b7c8d9e0f', name: 'orders to my shop',
  url: 'https://shop.example.com/hooks', status: 'disabled', failureCount: 5, failingSince: Date.UTC(2025, 0, 10, 8, 0), lastSuccessAt: Date.UTC(2025, 0, 10, 7, 58),
};
const EXAMPLE_ATTEMPT: AttemptSummary = { at: Date.UTC(2025, 0, 15, 8, 0), eventType: 'order.created', responseCode: 503, error: null, durationMs: 120 };

function entry(name: OperationalType, title: string, description: string, properties: Record<string, Schema>, example: Record<string, unknown>): EventType {
  return {
    name,
    title,
    category: 'hookd',
    description,
    example,
    builtIn: true,
    deprecated: false,
    schema: obj(title, { ...common, ...properties }),
  };
}

export const OPERATIONAL_EVENT_TYPES: readonly EventType[] = [
  entry(OPERATIONAL_TYPES.disabled, 'Webhook Disabled', 'Sent by hookd when it disables a webhook (its endpoint answered 410 Gone, or it kept failing): the reason and its last attempts', {
    reason: str, disabledAt: time, ...streak, lastAttempts: { type: 'array', maxItems: DISABLED_LAST_ATTEMPTS, items: attemptSchema },
  }, disabledPayload(EXAMPLE_WEBHOOK, 'disabled after 5 or more consecutive failed attempts and no success for 432000s', Date.UTC(2025, 0, 15, 8, 0), [EXAMPLE_ATTEMPT])),
  entry(OPERATIONAL_TYPES.failing, 'Webhook Failing', 'Sent by hookd when a webhook fails after a success, or when half or more of its attempts over 15 minutes failed; at most once per webhook per 15 minutes', {
    trigger: { type: 'string', enum: ['first_failure', 'failure_rate'] }, ...streak,
    window: nullable(obj('Window', { minutes: { type: 'integer' }, attempts: { type: 'integer' }, failed: { type: 'integer' }, failureRate: { type: 'number', minimum: 0, maximum: 1 } })),
    lastAttempt: attemptSchema,
  }, failingPayload({ ...EXAMPLE_WEBHOOK, status: 'active', failureCount: 1, failingSince: EXAMPLE_ATTEMPT.at }, { kind: 'first_failure' }, EXAMPLE_ATTEMPT)),
  entry(OPERATIONAL_TYPES.recovered, 'Webhook Recovered', 'Sent by hookd at the first success of a webhook it reported failing', {
    failingSince: time, recoveredAt: time,
  }, recoveredPayload({ ...EXAMPLE_WEBHOOK, status: 'active' }, EXAMPLE_ATTEMPT.at, Date.UTC(2025, 0, 15, 8, 20))),
  entry(OPERATIONAL_TYPES.exhausted, 'Delivery Exhausted', 'Sent by hookd when it gives a delivery up after its last scheduled attempt', {
    delivery: obj('Delivery', { id: uuid, eventId: uuid, eventType: str, attempts: { type: 'integer', minimum: 1 } }),
    lastAttempt: attemptSchema,
  }, exhaustedPayload({ ...EXAMPLE_WEBHOOK, status: 'active' }, { id: '0190a5a3-1111-7222-8333-444455556666', eventId: '0190a5a3-0000-7111-8222-333344445555', eventType: 'order.created', attempts: 8 }, EXAMPLE_ATTEMPT)),
];
