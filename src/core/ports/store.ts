/**
 * The storage the core needs, as the core defines it: its port. src/store implements it (SQLite and
 * PostgreSQL, through Kysely); the core never imports the store. Repositories are grouped by noun so a
 * reader finds "how is X stored" by name.
 */
import type {
  ApiKey, Attempt, AttemptTrigger, Delivery, DeliveryFormat, DeliveryStatus, DisableRule, Event, EventSummary, EventType,
  Ordering, Page, PageRequest, PausedBehavior, Webhook, WebhookStatus, Workspace,
} from '../model.ts';
import type { UiSessionKind } from '../ui-sessions.ts';
import type { SigningScheme } from '../signing-keys.ts';
import type { WorkFor } from '../work-notice.ts';

/** The two SQL engines behind the one Store. */
export type Dialect = 'sqlite' | 'postgres';

/** Which workspace a call is about: its integer key and public id. */
export interface WorkspaceRef {
  seq: number;
  id: string;
}

export interface SettingsRepo {
  get(key: string): Promise<string | null>;
  /** Writes the value only if the key has none yet; returns the value now stored. */
  setIfAbsent(key: string, value: string): Promise<string>;
  set(key: string, value: string): Promise<void>;
}

export interface NewApiKey {
  workspace: WorkspaceRef;
  name: string;
  prefix: string;
  keyHash: string;
  consumerKeyHash: string;
  consumerKeyEnd: string;
  consumerSecretHash: string;
  consumerSecretEnc: string;
  now: number;
}

export interface ApiKeyMatch {
  key: ApiKey;
  workspace: Workspace;
  consumerSecretHash: string;
  consumerSecretEnc: string;
}

export interface WorkspacesRepo {
  create(name: string, now: number): Promise<Workspace>;
  list(page: PageRequest): Promise<Page<Workspace>>;
  /** A workspace not deleted (nor being deleted). */
  get(id: string): Promise<Workspace | null>;
  rename(workspace: WorkspaceRef, name: string): Promise<Workspace | null>;
  /**
   * The first step of deleting a workspace, in one transaction: it disappears from every look-up, its
   * keys are revoked and its sessions ended, its webhooks disabled. null if it was already deleted.
   */
  markDeleted(workspace: WorkspaceRef, now: number): Promise<{ keyIds: string[]; webhookSeqs: number[] } | null>;
  /** The second step: removes every row of a workspace marked deleted, a chunk at a time. */
  purge(workspaceSeq: number): Promise<void>;
  /** Workspaces marked deleted whose rows are not all removed yet (a purge cut short by a stop). */
  deleted(): Promise<number[]>;
  createKey(input: NewApiKey): Promise<ApiKey>;
  listKeys(workspace: WorkspaceRef): Promise<ApiKey[]>;
  revokeKey(workspace: WorkspaceRef, keyId: string, now: number): Promise<boolean>;
  findKeyByHash(keyHash: string): Promise<ApiKeyMatch | null>;
  findKeyByConsumerKeyHash(consumerKeyHash: string): Promise<ApiKeyMatch | null>;
  touchKey(keySeq: number, now: number): Promise<void>;
  /** The customer portal's settings as stored (JSON text), null: the defaults. */
  portalSettings(workspace: WorkspaceRef): Promise<string | null>;
  setPortalSettings(workspace: WorkspaceRef, json: string): Promise<void>;
}

export interface EventTypesRepo {
  list(workspace: WorkspaceRef): Promise<EventType[]>;
  /** One of the workspace's own types, by name (a publish reads only the type it names). */
  find(workspace: WorkspaceRef, name: string): Promise<EventType | null>;
  create(workspace: WorkspaceRef, type: EventType, now: number): Promise<EventType>;
  /** How many own types the workspace has, and their characters as core/catalog-room.ts counts them. */
  usage(workspace: WorkspaceRef): Promise<{ count: number; characters: number }>;
  /** Writes every field but the name; false if the workspace has no such type. */
  update(workspace: WorkspaceRef, type: EventType): Promise<boolean>;
  delete(workspace: WorkspaceRef, name: string): Promise<boolean>;
  /** Up to `limit` webhooks that subscribe to the type by its name. */
  subscribers(workspace: WorkspaceRef, name: string, limit: number): Promise<Array<{ id: string; name: string }>>;
}

export interface NewWebhook {
  workspace: WorkspaceRef;
  name: string;
  url: string;
  description: string;
  events: string[];
  /** Extra headers, their values sealed (see core/webhook-headers.ts). */
  sealedHeaders: Record<string, string>;
  status: WebhookStatus;
  pausedBehavior: PausedBehavior;
  format: DeliveryFormat;
  disableRule: DisableRule;
  secretEnc: string;
  meta: Record<string, unknown>;
  filter?: Record<string, unknown> | null;
  retrySchedule?: number[] | null;
  transform?: string | null;
  ordering?: Ordering;
  rateLimit?: { perSecond: number } | null;
  /** Default hmac. */
  signing?: SigningScheme;
  /** The current Ed25519 public key (whpk_…) when `signing` is ed25519; its private key is `secretEnc`. */
  publicKey?: string | null;
  now: number;
}

export interface WebhookChanges {
  name?: string;
  url?: string;
  description?: string;
  events?: string[];
  sealedHeaders?: Record<string, string>;
  pausedBehavior?: PausedBehavior;
  disableRule?: DisableRule;
  meta?: Record<string, unknown>;
  filter?: Record<string, unknown> | null;
  retrySchedule?: number[] | null;
  transform?: string | null;
  /** A change of order also moves the webhook's waiting deliveries (queued ⇄ pending), a chunk at a time. */
  ordering?: Ordering;
  rateLimit?: { perSecond: number } | null;
  secretEnc?: string;
  previousSecretEnc?: string | null;
  previousSecretExpiresAt?: number | null;
  signing?: SigningScheme;
  publicKey?: string | null;
  /** The public key of the previous secret when it is an Ed25519 key (published until the grace period ends). */
  previousPublicKey?: string | null;
}

export interface WebhookSecrets {
  secretEnc: string;
  previousSecretEnc: string | null;
  previousSecretExpiresAt: number | null;
}

/** The secrets as stored, and the public key of the previous one when it is an Ed25519 key. */
export interface StoredSecrets extends WebhookSecrets {
  previousPublicKey: string | null;
}

export interface WebhookFilter {
  status?: WebhookStatus;
  createdAfter?: number;
  createdBefore?: number;
  /** Webhooks subscribed to any of these names or patterns: those an event would reach (topics.ts, patternsMatching). */
  subscribedTo?: string[];
  /** Substrings of the URL and name, matched without regard to case. */
  urlContains?: string;
  nameContains?: string;
}

/** An event type exactly, or every type under a resource (`order.*` is the prefix `order.`). */
export type EventTypeFilter = { exact: string } | { prefix: string };

/** A webhook as stored: its extra headers' values sealed. The core shows them masked (Webhook.headers). */
export interface StoredWebhook extends Omit<Webhook, 'headers'> {
  sealedHeaders: Record<string, string>;
}

export interface WebhooksRepo {
  create(input: NewWebhook): Promise<StoredWebhook>;
  get(workspace: WorkspaceRef, id: string): Promise<StoredWebhook | null>;
  getBySeq(workspace: WorkspaceRef, seq: number): Promise<StoredWebhook | null>;
  secrets(webhookSeq: number): Promise<StoredSecrets | null>;
  /**
   * The Ed25519 public keys a workspace's webhooks sign with at `now`: each current key, and each previous
   * one whose grace period has not ended; at most `limit`, in webhook order.
   */
  publicKeys(workspace: WorkspaceRef, now: number, limit: number): Promise<string[]>;
  list(workspace: WorkspaceRef, filter: WebhookFilter, page: PageRequest): Promise<Page<StoredWebhook>>;
  /** Offset pagination with a total, for faces (WooCommerce) whose clients page by number. */
  listByOffset(workspace: WorkspaceRef, filter: WebhookFilter, offset: number, limit: number, order: 'asc' | 'desc'): Promise<{ items: StoredWebhook[]; total: number }>;
  count(workspace: WorkspaceRef, filter: WebhookFilter): Promise<number>;
  update(webhookSeq: number, changes: WebhookChanges, now: number): Promise<void>;
  /**
   * Changes status, then moves the webhook's queued work with it a chunk at a time: pausing or disabling
   * holds pending deliveries; activating releases held ones (due now) and resets the failure count.
   */
  setStatus(webhookSeq: number, status: WebhookStatus, reason: string | null, now: number): Promise<void>;
  delete(webhookSeq: number): Promise<void>;
  /** Every `hookd listen` webhook (core/listeners.ts), with its meta: few, and short-lived. */
  listeners(workspace?: WorkspaceRef): Promise<Array<{ seq: number; workspaceSeq: number; meta: Record<string, unknown> }>>;
  /** Every webhook with extra headers, after `afterSeq` in id order, `limit` at a time (for re-sealing them). */
  withHeaders(afterSeq: number, limit: number): Promise<Array<{ seq: number; sealedHeaders: Record<string, string> }>>;
}

/** A webhook subscribed to the event being published, to decide whether (and how) it gets a delivery. */
export interface WebhookRoute {
  seq: number;
  status: WebhookStatus;
  pausedBehavior: PausedBehavior;
  /** Its payload filter as stored (JSON text), or null. */
  filter: string | null;
}

export interface RouteDecision {
  webhookSeq: number;
  held: boolean;
}

export interface NewEvent {
  workspace: WorkspaceRef;
  type: string;
  /** Every subscription pattern that matches `type` (the core's matching rule): the webhooks to route to subscribe to one of them. */
  patterns: string[];
  dataJson: string;
  idempotencyKey: string | null;
  /** An idempotency key older than this no longer de-duplicates. */
  idempotencySince: number;
  now: number;
  /** The publishing span's W3C traceparent, when tracing records it (core/spans.ts). */
  traceParent?: string | null;
}

export interface PublishResult {
  event: Event;
  deliveryCount: number;
  /** true when the idempotency key matched an earlier event (nothing was created). */
  replayed: boolean;
}

export interface DeliveryFilter {
  workspaceSeq: number;
  webhookSeq?: number;
  status?: DeliveryStatus;
  eventType?: EventTypeFilter;
  createdAfter?: number;
  createdBefore?: number;
}

export interface AttemptFilter {
  workspaceSeq: number;
  webhookSeq?: number;
  trigger?: AttemptTrigger;
  newerThan?: number;
}

export interface EventFilter {
  type?: EventTypeFilter;
  createdAfter?: number;
  createdBefore?: number;
}

export interface EventsRepo {
  /** Stores the event and one delivery per routed webhook in a single transaction. */
  publish(input: NewEvent, route: (candidates: WebhookRoute[]) => RouteDecision[]): Promise<PublishResult>;
  get(workspace: WorkspaceRef, id: string): Promise<Event | null>;
  /** The event log, newest first, each event with its deliveries counted by outcome. */
  list(workspace: WorkspaceRef, filter: EventFilter, page: PageRequest): Promise<Page<EventSummary>>;
  deliveryCount(eventSeq: number): Promise<number>;
}

export interface DeliveriesRepo {
  /** A workspace's deliveries (or one webhook's), newest first. */
  list(filter: DeliveryFilter, page: PageRequest): Promise<Page<Delivery>>;
  listForEvent(eventSeq: number): Promise<Delivery[]>;
  get(webhookSeq: number, id: string): Promise<Delivery | null>;
  /** The delivery's `newest` latest attempts, oldest first. */
  attempts(deliverySeq: number, newest: number): Promise<Attempt[]>;
  /**
   * All attempts of a workspace's webhooks, or of one of them (deliveries and tests): newest first, paged;
   * or, with `newerThan` (an attempt id), those made after it, oldest first, to follow the log as it grows
   * (`hookd tail`).
   */
  workspaceAttempts(filter: AttemptFilter, page: PageRequest): Promise<Page<Attempt>>;
  /** Offset pagination of a webhook's attempts (WooCommerce's "deliveries"). */
  webhookAttemptsByOffset(webhookSeq: number, offset: number, limit: number): Promise<{ items: Attempt[]; total: number }>;
  attemptBySeq(webhookSeq: number, attemptSeq: number): Promise<Attempt | null>;
  /**
   * Makes a delivery due now: a finished one for one manual attempt, a pending (or held) one keeping its
   * remaining retries. false if it is being sent right now.
   */
  resend(deliverySeq: number, now: number): Promise<boolean>;
  /**
   * Makes every failed delivery of a webhook created at or after `since` due now, for one more attempt
   * each, while the webhook is active. Answers after a bounded wait: how many so far, and whether more
   * follow (a big recovery goes on in the background).
   */
  recover(webhookSeq: number, since: number, now: number): Promise<{ resent: number; more: boolean }>;
  /** Records an attempt that belongs to no delivery ("test a webhook"). */
  recordTestAttempt(attempt: NewAttempt): Promise<void>;
  /**
   * Every claimed delivery is due again now (held, if its webhook is not active): for a store only one
   * process uses (SQLite), whose leases at start can only be those of a process that died.
   */
  takeBackLeases(now: number): Promise<number>;
  /** Frees, due now, deliveries still held behind a webhook that is active again (a resume cut short). */
  freeHeldOfActiveWebhooks(now: number): Promise<number>;
}

/**
 * An attempt as the sender describes it, before the log gives it an id: by the integer keys of its
 * delivery and webhook. Its request body is null on a delivery's later attempts: the body is the same on
 * every attempt, and kept with the first.
 */
export interface NewAttempt extends Omit<Attempt, 'seq' | 'deliveryId' | 'webhookId'> {
  deliverySeq: number | null;
  webhookSeq: number;
  /** Its webhook's workspace: the attempt is listed under it (GET /workspaces/{ws}/attempts). */
  workspaceSeq: number;
}

/** Everything the dispatcher needs to send one delivery, read in the same batch as the claim. */
export interface ClaimedDelivery {
  seq: number;
  id: string;
  attemptCount: number;
  trigger: AttemptTrigger;
  webhook: {
    seq: number;
    id: string;
    workspaceSeq: number;
    /** Its workspace's public id: what logs, metrics and spans name it by. */
    workspaceId: string;
    url: string;
    /** Sealed: the sender opens them (see core/webhook-headers.ts). */
    sealedHeaders: Record<string, string>;
    format: DeliveryFormat;
    meta: Record<string, unknown>;
    secrets: WebhookSecrets;
    /** Its own retry delays (ms), or null for the dispatcher's schedule. */
    retrySchedule: number[] | null;
    /** Its transform (core/payload-transform.ts), or null to send the event as its format shapes it. */
    transform: string | null;
    /** FIFO: its outcome moves the webhook's queue on (sql/fifo-queue.ts). */
    fifo: boolean;
    /** Rate-limited: counted when claimed, so it must start at once or go back (core/flow-control.ts). */
    rateLimited: boolean;
  };
  event: { seq: number; id: string; type: string; dataJson: string; createdAt: number; traceParent?: string | null };
  /** When it was claimed (set by the dispatcher). */
  claimedAt?: number;
  /** When its lease runs out (set by the store's claim): after that, another process may claim and send it too. */
  leaseUntil?: number;
  /**
   * Several processes (PostgreSQL): how many attempts of its webhook this process may have in flight, as
   * the claim found the others' (HOOKD_WEBHOOK_CONCURRENCY less the deliveries they hold). Absent: only
   * this process sends for it.
   */
  webhookShare?: number;
}

export interface ClaimRequest {
  now: number;
  leaseUntil: number;
  /** Upper bound of deliveries to claim. */
  limit: number;
  /** How many more each webhook may take right now; webhooks not listed may take `perWebhookDefault`. */
  perWebhookRoom: Map<number, number>;
  perWebhookDefault: number;
  /** The same per workspace, so that one workspace's backlog cannot fill every claim. */
  perWorkspaceRoom: Map<number, number>;
  perWorkspaceDefault: number;
  /** Attempts in flight per webhook across every process sharing the store (enforced where there can be several). */
  webhookConcurrency: number;
  /**
   * This process's deliveries whose attempt has ended but whose outcome is not recorded yet: still claimed
   * in the store, yet no longer a request open to the endpoint, so they do not count against
   * `webhookConcurrency`. Without this, each slot stayed taken until its outcome's batch was committed.
   */
  settled: number[];
  /**
   * The deliveries this process holds, claimed and not yet ended (queued here or in flight): told apart
   * from other processes' in the store, so that a webhook no other process holds work for may be claimed
   * ahead of its slots, as on SQLite.
   */
  held: number[];
}

/**
 * An attempt as the log writes it: its header maps already JSON text. They are serialized where the
 * attempt was made, so a batch of outcomes crosses from the dispatcher thread as plain values.
 */
export interface LoggedAttempt extends Omit<NewAttempt, 'requestHeaders' | 'responseHeaders'> {
  requestHeadersJson: string;
  responseHeadersJson: string;
}

/** Field by field: a rest pattern and spread here showed up at 3% of the dispatcher thread's time. */
export function toLoggedAttempt(a: NewAttempt): LoggedAttempt {
  return {
    deliverySeq: a.deliverySeq, webhookSeq: a.webhookSeq, workspaceSeq: a.workspaceSeq, eventType: a.eventType, trigger: a.trigger, success: a.success,
    requestUrl: a.requestUrl, requestHeadersJson: JSON.stringify(a.requestHeaders), requestBody: a.requestBody,
    responseCode: a.responseCode, responseMessage: a.responseMessage, responseHeadersJson: JSON.stringify(a.responseHeaders),
    responseBody: a.responseBody, durationMs: a.durationMs, error: a.error, createdAt: a.createdAt,
  };
}

/** The result of one attempt, and what the retry policy decided for its delivery. */
export interface AttemptOutcome {
  deliverySeq: number;
  webhookSeq: number;
  /** Its webhook is FIFO: when this delivery is done, the next one queued behind it goes. */
  fifo: boolean;
  attempt: LoggedAttempt;
  next: { status: 'succeeded' | 'failed' | 'pending'; at: number | null };
  /** When its lease ran out: recorded later, it may have been claimed and sent again meanwhile (core/lease.ts). */
  leaseUntil?: number;
}

export interface DisablePolicy {
  /** hookd's rule: at least `failures` failed attempts in a row and no success for `afterMs`. */
  standard: { failures: number; afterMs: number };
  /** WooCommerce's rule: disable when more than `failures` attempts failed in a row. */
  woocommerce: { failures: number };
}

/** A webhook a batch of outcomes disabled: its key, and its public id (for logs and people). */
export interface DisabledWebhook {
  seq: number;
  id: string;
  /** Its workspace's public id (for the log line). */
  workspaceId: string;
  /** Why: its endpoint answered 410 Gone, or its failures crossed the disable rule. */
  gone: boolean;
}

/**
 * The deliveries a claim took. `leftDue`, where the store knows it: whether the claim saw due deliveries
 * it did not take (other processes' to send, resting or full webhooks, beyond its limit). False: it took
 * all it saw, so a delivery due before the claim that a later look finds was committed after the claim
 * read, and the next claim will see it (see Dispatcher.planNextLook). Unknown counts as true.
 * `leftBehind`, where the store knows it: the webhooks of the due deliveries it saw and did not take
 * (see Dispatcher.wake). `rateWaits`: rate-limited webhooks whose window has less room left than a claim
 * is worth making for, and when it will have that much (core/flow-control.ts, rateBatch).
 */
export type ClaimBatch = ClaimedDelivery[] & { leftDue?: boolean; leftBehind?: readonly number[]; rateWaits?: ReadonlyMap<number, number> };

export interface DispatchRepo {
  claim(request: ClaimRequest): Promise<ClaimBatch>;
  /** Earliest time any pending delivery (or expired lease) falls due; null when there is none. */
  nextDueAt(): Promise<number | null>;
  /** Records a batch of attempts, moves their deliveries on, counts failures and disables webhooks, in one transaction. */
  record(outcomes: AttemptOutcome[], policy: DisablePolicy, now: number): Promise<{ disabledWebhooks: DisabledWebhook[] }>;
  /** Hands claimed deliveries back, due now (graceful shutdown of work not started or not finished). */
  release(deliverySeqs: number[], now: number): Promise<void>;
  /** The dispatcher claims no more (it stops): deliveries the store set aside for its next claims go back, due now. */
  stopClaiming(now: number): Promise<void>;
  /** FIFO webhooks left with queued deliveries and none ahead of them move on (sql/fifo-queue.ts); returns how many. */
  promoteStalledQueues(now: number): Promise<number>;
}

export interface SessionMatch {
  workspace: Workspace;
  apiKeyId: string;
  expiresAt: number;
}

export interface SessionsRepo {
  create(idHash: string, workspace: WorkspaceRef, apiKeySeq: number, now: number, expiresAt: number): Promise<void>;
  /** Ends the workspace's sessions beyond its `keep` newest. */
  keepNewest(workspace: WorkspaceRef, keep: number): Promise<void>;
  /** The session and its workspace, if it exists and its key is not revoked (expired ones included). */
  find(idHash: string): Promise<SessionMatch | null>;
  delete(idHash: string): Promise<boolean>;
  /** Removes sessions that expired before `now`. */
  prune(now: number): Promise<void>;
}

export interface NewUiSession {
  idHash: string;
  kind: UiSessionKind;
  workspaceSeq: number | null;
  apiKeySeq: number | null;
  adminTokenCheck: string | null;
  readOnly: boolean;
  now: number;
  expiresAt: number;
}

export interface UiSessionMatch {
  kind: UiSessionKind;
  /** null for an admin session. */
  workspace: Workspace | null;
  apiKeyId: string | null;
  adminTokenCheck: string | null;
  readOnly: boolean;
  expiresAt: number;
}

/** Web UI sessions and the portal's one-time links (core/ui-sessions.ts). */
export interface UiSessionsRepo {
  create(session: NewUiSession): Promise<void>;
  /** Ends the sessions of a workspace (null: the admin's) beyond its `keep` newest. */
  keepNewest(workspaceSeq: number | null, keep: number): Promise<void>;
  /** The session, if its workspace is not deleted and its key (if any) not revoked; expired ones included. */
  find(idHash: string): Promise<UiSessionMatch | null>;
  delete(idHash: string): Promise<void>;
  /** Removes sessions and links that expired before `now`. */
  prune(now: number): Promise<void>;
  createPortalLink(link: { tokenHash: string; workspaceSeq: number; readOnly: boolean; now: number; expiresAt: number }): Promise<void>;
  /** Drops the workspace's portal links beyond its `keep` newest. */
  keepNewestPortalLinks(workspaceSeq: number, keep: number): Promise<void>;
  /** Marks a link used, in one statement so two requests cannot both use it; null if used, expired or unknown. */
  usePortalLink(tokenHash: string, now: number): Promise<{ workspace: Workspace; readOnly: boolean; expiresAt: number } | null>;
}

/** Counts for the webhook health report (core/webhook-health.ts). */
export interface HealthRepo {
  collect(workspace: WorkspaceRef, since: number, bucketMs: number): Promise<{
    webhooks: Array<{
      webhookId: string;
      deliveries: { succeeded: number; failed: number; pending: number };
      succeededAttempts: number;
      /** Attempts per duration bucket (core/webhook-health.ts DURATION_BOUNDS, then the open bucket). */
      durationBuckets: number[];
      lastFailure: { at: number; responseCode: number | null; error: string | null } | null;
    }>;
    /** Attempts per time bucket (`at`: the bucket's start), only buckets with attempts. */
    series: Array<{ at: number; succeeded: number; failed: number }>;
  }>;
}

export interface NoncesRepo {
  /** Records a nonce; false if it was already seen (and not yet forgotten). Forgets nonces older than `forgetBefore`. */
  remember(consumerKeyHash: string, nonce: string, now: number, forgetBefore: number): Promise<boolean>;
}

export interface RetentionRepo {
  /**
   * Deletes attempts, finished deliveries and their events older than `before`, and any rows whose webhook
   * or workspace is gone, in batches; returns the counts.
   */
  prune(before: number): Promise<{ attempts: number; deliveries: number; events: number }>;
}

/** Telling other processes that work is due (PostgreSQL: LISTEN/NOTIFY; one SQLite process: nothing to tell). */
export interface WorkSignals {
  /** New work is due, for `webhooks` if it says (core/work-notice.ts). */
  notifyWork(webhooks?: WorkFor): void;
  /** Calls `listener` when another process signals work, with the webhooks it names; returns the unsubscribe function. */
  onWork(listener: (webhooks: WorkFor) => void): () => void;
  /** A webhook stopped receiving (paused, disabled, deleted, changed): every process hands back its queue. */
  notifyStopped(webhookSeq: number): void;
  onStopped(listener: (webhookSeq: number) => void): () => void;
}

export interface Store {
  readonly dialect: Dialect;
  readonly settings: SettingsRepo;
  readonly workspaces: WorkspacesRepo;
  readonly eventTypes: EventTypesRepo;
  readonly webhooks: WebhooksRepo;
  readonly events: EventsRepo;
  readonly deliveries: DeliveriesRepo;
  readonly dispatch: DispatchRepo;
  readonly sessions: SessionsRepo;
  readonly uiSessions: UiSessionsRepo;
  readonly webhookHealth: HealthRepo;
  readonly nonces: NoncesRepo;
  readonly signals: WorkSignals;
  readonly retention: RetentionRepo;
  migrate(): Promise<void>;
  /** null while the store reads and writes; otherwise what is wrong (the database away, the disk full…). */
  checkHealth(): Promise<string | null>;
  close(): Promise<void>;
}
