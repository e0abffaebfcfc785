/** Table shapes as Kysely sees them. Times are epoch milliseconds; JSON is stored as text; booleans as 0/1. */
import type { Generated } from 'kysely';

export interface SettingsTable {
  key: string;
  value: string;
}

export interface WorkspacesTable {
  id: Generated<number>;
  uid: string;
  name: string;
  created_at: number;
  /** Set when the workspace is deleted; its rows are being removed (sql/workspace-purge.ts). */
  deleted_at: number | null;
  /** JSON: the customer portal's branding and framing (core/portal-settings.ts); null: the defaults. */
  portal_settings: string | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  uid: string;
  workspace_id: number;
  name: string;
  prefix: string;
  key_hash: string;
  consumer_key_hash: string;
  consumer_key_end: string;
  consumer_secret_hash: string;
  /** Kept encrypted because OAuth 1.0a verification needs the secret itself. */
  consumer_secret_enc: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface EventTypesTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  title: string;
  category: string;
  description: string;
  example: string;
  created_at: number;
  /** 0 or 1 (a boolean both engines store alike). */
  deprecated: Generated<number>;
  /** A JSON Schema its events' data must match, as JSON text; null: none. */
  schema: string | null;
}

export interface WebhooksTable {
  id: Generated<number>;
  uid: string;
  workspace_id: number;
  name: string;
  url: string;
  description: string;
  events: string;
  /** JSON: header name → value sealed by the core's SecretBox (see core/webhook-headers.ts). */
  headers: string;
  status: string;
  disabled_reason: string | null;
  paused_behavior: string;
  format: string;
  disable_rule: string;
  failure_count: number;
  failing_since: number | null;
  /** Kept to within a minute (see LAST_SUCCESS_RESOLUTION_MS in sql/dispatch.ts). */
  last_success_at: number | null;
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_secret_expires_at: number | null;
  meta: string;
  created_at: number;
  updated_at: number;
  /** The payload filter as JSON text (core/payload-filter.ts); null: none. */
  filter: string | null;
  /** Its own retry delays (ms) as JSON; null: the global schedule. */
  retry_schedule: string | null;
  /** Its transform, a JSONata expression (core/payload-transform.ts); null: none. */
  transform: string | null;
  /** 'none' or 'fifo' (core/flow-control.ts). */
  ordering: Generated<string>;
  /** Requests per second at most; null: no limit. */
  rate_limit: number | null;
  /** JSON: when its latest requests were claimed, epoch ms (sql/rate-limit.ts). */
  rate_log: string | null;
  /** `hmac` or `ed25519` (migrations/017); an Ed25519 webhook's private key is `secret_enc`. */
  signing: Generated<string>;
  /** The current Ed25519 public key (whpk_…); null for HMAC. */
  public_key: string | null;
  /** The rotated-out Ed25519 public key, published until previous_secret_expires_at; null otherwise. */
  previous_public_key: string | null;
  /** Operational events (migrations/018): when `hookd.webhook.failing` was last emitted for it. */
  failing_notified_at: number | null;
  /** 1 when the statement that last recorded its outcomes emitted `failing` (migrations/018). */
  failing_signal: Generated<number>;
  /** The reported streak's failing_since, when the statement that last recorded its outcomes ended it. */
  recovered_from: number | null;
}

export interface EventsTable {
  id: Generated<number>;
  uid: string;
  workspace_id: number;
  type: string;
  data: string;
  idempotency_key: string | null;
  /** The publishing span's W3C traceparent when tracing is on (migrations/020); null otherwise. */
  trace_parent: string | null;
  created_at: number;
}

export interface DeliveriesTable {
  id: Generated<number>;
  uid: string;
  event_id: number;
  webhook_id: number;
  workspace_id: number;
  status: string;
  attempt_count: number;
  /** When pending: when it is due. When sending: when the claim's lease runs out. */
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  trigger: string;
  created_at: number;
  updated_at: number;
}

export interface AttemptsTable {
  id: Generated<number>;
  delivery_id: number | null;
  webhook_id: number;
  /** Its webhook's workspace, kept on the attempt so that a workspace's attempts have an index of their own. */
  workspace_id: number;
  event_type: string;
  trigger: string;
  success: number;
  request_url: string;
  request_headers: string;
  /** NULL on a delivery's later attempts: its body is the first attempt's (stored once per delivery). */
  request_body: string | null;
  response_code: number | null;
  response_message: string | null;
  response_headers: string;
  response_body: string | null;
  duration_ms: number;
  error: string | null;
  created_at: number;
}

export interface SessionsTable {
  id_hash: string;
  workspace_id: number;
  api_key_id: number;
  created_at: number;
  expires_at: number;
}

export interface UiSessionsTable {
  id_hash: string;
  kind: string;
  workspace_id: number | null;
  api_key_id: number | null;
  admin_token_check: string | null;
  read_only: number;
  created_at: number;
  expires_at: number;
}

export interface PortalLinksTable {
  token_hash: string;
  workspace_id: number;
  read_only: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface OauthNoncesTable {
  consumer_key_hash: string;
  nonce: string;
  created_at: number;
}

export interface WebhookSubscriptionsTable {
  workspace_id: number;
  /** An event name, a `resource.*` pattern or `*`, as in webhooks.events. */
  pattern: string;
  webhook_id: number;
}

export interface Database {
  webhook_subscriptions: WebhookSubscriptionsTable;
  oauth_nonces: OauthNoncesTable;
  sessions: SessionsTable;
  ui_sessions: UiSessionsTable;
  portal_links: PortalLinksTable;
  settings: SettingsTable;
  workspaces: WorkspacesTable;
  api_keys: ApiKeysTable;
  event_types: EventTypesTable;
  webhooks: WebhooksTable;
  events: EventsTable;
  deliveries: DeliveriesTable;
  attempts: AttemptsTable;
}
