/**
 * The nouns of hookd, shared by every layer. Ids: `id` is the public UUID; `seq` is the integer
 * key that the WooCommerce and JSON-RPC faces show as their numeric ids.
 */
import type { SigningScheme } from './signing-keys.ts';

export type WebhookStatus = 'active' | 'paused' | 'disabled';
/** What happens to events published while a webhook is paused. */
export type PausedBehavior = 'queue' | 'drop';
/** How a delivery is shaped and signed on the wire: hookd's own (Standard Webhooks) or a dialect's. */
export type DeliveryFormat = 'standard' | 'woocommerce' | 'shipstream';
/** Which rule disables a failing webhook: hookd's (N failures and D without success) or WooCommerce's. */
export type DisableRule = 'standard' | 'woocommerce';
/** `queued`: behind the delivery its FIFO webhook is sending or retrying; it goes next, in publish order. */
export type DeliveryStatus = 'pending' | 'sending' | 'held' | 'queued' | 'succeeded' | 'failed';
/** How a webhook's deliveries go out: in parallel (none) or one at a time in publish order (fifo). */
export type Ordering = 'none' | 'fifo';
export type AttemptTrigger = 'scheduled' | 'manual' | 'test';

export interface Workspace {
  id: string;
  seq: number;
  name: string;
  createdAt: number;
}

export interface ApiKey {
  id: string;
  seq: number;
  workspaceId: string;
  name: string;
  /** First characters of the bearer key, to recognise it in a list. */
  prefix: string;
  consumerKeyEnd: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface EventType {
  name: string;
  title: string;
  category: string;
  description: string;
  example: Record<string, unknown>;
  /** true for the built-in catalog, false for a workspace's own event types. */
  builtIn: boolean;
  /** Still published and subscribed to, but on its way out (a workspace's own types only). */
  deprecated: boolean;
  /** A JSON Schema (draft 2020-12) its events' data must match; null: any object. */
  schema: Record<string, unknown> | null;
}

export interface Webhook {
  id: string;
  seq: number;
  workspaceId: string;
  workspaceSeq: number;
  name: string;
  url: string;
  description: string;
  events: string[];
  /** Extra request headers as shown: values of sensitive names (Authorization, …token…) masked. */
  headers: Record<string, string>;
  status: WebhookStatus;
  disabledReason: string | null;
  pausedBehavior: PausedBehavior;
  format: DeliveryFormat;
  disableRule: DisableRule;
  failureCount: number;
  failingSince: number | null;
  lastSuccessAt: number | null;
  /** Dialect-specific extras a face keeps with the webhook (e.g. WooCommerce's api_version). */
  meta: Record<string, unknown>;
  /** The payload filter: which subscribed events reach it (core/payload-filter.ts); null: all. */
  filter: Record<string, unknown> | null;
  /** Its own retry delays (ms), overriding the global schedule; null: the global one. */
  retrySchedule: number[] | null;
  /** The JSONata expression that turns each event into the request sent (core/payload-transform.ts); null: none. */
  transform: string | null;
  /** fifo: one delivery at a time, in publish order (core/flow-control.ts). */
  ordering: Ordering;
  /** At most this many requests to it per second; null: no limit. */
  rateLimit: { perSecond: number } | null;
  /** How its deliveries are signed: an HMAC secret, or an Ed25519 key pair hookd keeps (core/signing-keys.ts). */
  signing: SigningScheme;
  /** The public key (`whpk_…`) of its current Ed25519 key; null when it signs with HMAC. */
  publicKey: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface Event {
  id: string;
  seq: number;
  workspaceId: string;
  type: string;
  /** The event's data as stored JSON text (kept as text so every attempt sends identical bytes). */
  dataJson: string;
  idempotencyKey: string | null;
  createdAt: number;
}

/** An event in the log: without its data, with its deliveries counted by outcome (pending: not finished yet). */
export interface EventSummary {
  id: string;
  seq: number;
  type: string;
  idempotencyKey: string | null;
  createdAt: number;
  deliveryCount: number;
  succeeded: number;
  failed: number;
  pending: number;
}

export interface Delivery {
  id: string;
  seq: number;
  eventId: string;
  eventType: string;
  webhookId: string;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  trigger: AttemptTrigger;
  /** What the last attempt got (null before the first): its HTTP status, its error, how long it took. */
  lastResponseCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface Attempt {
  seq: number;
  deliveryId: string | null;
  webhookId: string;
  eventType: string;
  trigger: AttemptTrigger;
  success: boolean;
  requestUrl: string;
  requestHeaders: Record<string, string>;
  /** What was sent, up to the log's cap; null once no longer kept. */
  requestBody: string | null;
  responseCode: number | null;
  responseMessage: string | null;
  responseHeaders: Record<string, string>;
  responseBody: string | null;
  durationMs: number;
  error: string | null;
  createdAt: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}
