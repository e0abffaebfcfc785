/**
 * One typed configuration, read from the environment (HOOKD_*) and overridden by CLI flags.
 * Every value is validated here, at start-up, so a typo fails loudly instead of at the first delivery.
 */
import { resolve } from 'node:path';
import { parseCidrList } from './core/addresses.ts';
import { minimumLeaseMs, OUTCOME_MARGIN_MS } from './core/lease.ts';
import { validateSecret } from './core/validation.ts';
import { parseDuration, parseDurationList } from './util/duration.ts';

export type Role = 'all' | 'api' | 'worker';

export type InfoEndpoint = 'metrics' | 'openapi' | 'docs';
const INFO_ENDPOINTS: ReadonlySet<string> = new Set<InfoEndpoint>(['metrics', 'openapi', 'docs']);

function infoEndpointList(text: string): ReadonlySet<InfoEndpoint> {
  if (text.trim() === 'none') return new Set();
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of names) {
    if (!INFO_ENDPOINTS.has(name)) throw new Error(`"${name}" is not one of metrics, openapi, docs (or none)`);
  }
  return new Set(names as InfoEndpoint[]);
}

export interface Config {
  role: Role;
  port: number;
  host: string;
  dataDir: string;
  /** undefined = SQLite file in the data dir. */
  databaseUrl: string | undefined;
  /** PostgreSQL: how long connecting, and any one statement, may take before it counts as a failure. */
  databaseTimeoutMs: number;
  adminToken: string | undefined;
  encryptionKey: string | undefined;
  allowPrivateNetworks: boolean;
  /** CIDR lists, comma-separated, checked at start (core/addresses.ts). */
  egressDeny: string;
  egressAllow: string;
  retrySchedule: number[];
  retryJitter: number;
  requestTimeoutMs: number;
  disableAfterFailures: number;
  disableAfterMs: number;
  secretRotationGraceMs: number;
  idempotencyWindowMs: number;
  sessionTtlMs: number;
  maxWebhooksPerWorkspace: number;
  authFailureLimit: number;
  /** Fastify's trustProxy: whether X-Forwarded-For names the client (behind a proxy). */
  trustProxy: boolean;
  /** Which of /metrics, /openapi.json and /docs are served, and the token they need (none: open). */
  infoEndpoints: ReadonlySet<InfoEndpoint>;
  metricsToken: string | undefined;
  /** Workspaces whose attempts get a `workspace` label of their own in /metrics; the rest are `other` (bounded series). */
  metricsWorkspaces: number;
  /** For hookd's own tests: check every answer against its documented schema (api/response-check.ts). */
  checkResponses: boolean;
  /** HOOKD_PUBLIC_URL: the base of links hookd hands out (portal links); unset: the host a request came to. */
  publicUrl: string | undefined;
  /** HOOKD_OPERATIONAL_WEBHOOK_URL and its secret: where every workspace's operational events go too (core/operator-webhook.ts). */
  operationalWebhook: { url: string; secret: string } | undefined;
  /** How long a `hookd listen` session outlives its CLI's connection (then its webhook is deleted). */
  listenGraceMs: number;
  /** A request's headers and body must have arrived within this long (slow bodies are cut off with 408). */
  httpRequestTimeoutMs: number;
  /** A connection on which nothing moves for this long is closed (longer than the slowest answer, a test run). */
  httpConnectionTimeoutMs: number;
  concurrency: number;
  webhookConcurrency: number;
  /** Active attempts one workspace may hold, at most (default: three quarters of `concurrency`). */
  workspaceConcurrency: number;
  /** `serve`: run the dispatcher in its own thread (threads/dispatcher.ts). */
  dispatchThread: boolean;
  shutdownGraceMs: number;
  /** How long a claimed delivery stays claimed before another dispatcher may take it over. */
  leaseMs: number;
  /** History older than this is pruned. */
  retentionMs: number;
  /** What the attempt log keeps of a request or response body, at most. */
  bodyLogCapBytes: number;
  logLevel: string;
  woocommerce: { maxFailures: number; userAgent: string; source: string };
}

/** hookd cannot start, for a reason its operator can fix: printed as it is, without a stack trace. */
export class StartupError extends Error {}

export class ConfigError extends StartupError {}

/** pino's levels, and `silent`: any other HOOKD_LOG_LEVEL is refused here rather than by pino with no name. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * What a setting is for, so that each command offers only its own: the store (every command), the admin
 * token (serve, admin-token), the HTTP API (serve), deliveries (serve, worker), SQLite's dispatcher thread
 * (serve), logging (every command).
 */
export type SettingUse = 'store' | 'admin' | 'api' | 'delivery' | 'thread' | 'log';

/** The settings a user can give, by env name, with their CLI flag and help text (the CLI is built from this). */
export const SETTINGS = {
  port: { env: 'HOOKD_PORT', use: 'api', flag: '--port <n>', help: 'port to listen on', default: '8080' },
  host: { env: 'HOOKD_HOST', use: 'api', flag: '--host <addr>', help: 'address to listen on', default: '0.0.0.0' },
  dataDir: { env: 'HOOKD_DATA_DIR', use: 'store', flag: '--data-dir <dir>', help: 'where the SQLite file and generated keys live', default: './data' },
  databaseUrl: { env: 'HOOKD_DATABASE_URL', use: 'store', flag: '--database-url <url>', help: 'unset = SQLite in the data dir; postgres://… for PostgreSQL', default: '' },
  databaseTimeout: { env: 'HOOKD_DATABASE_TIMEOUT', use: 'store', flag: '--database-timeout <duration>', help: 'PostgreSQL: how long connecting, or one statement, may take before it counts as failed', default: '10s' },
  adminToken: { env: 'HOOKD_ADMIN_TOKEN', use: 'admin', flag: '--admin-token <token>', help: "the operator's bearer token (generated on first start if unset)", default: '' },
  encryptionKey: { env: 'HOOKD_ENCRYPTION_KEY', use: 'store', flag: '--encryption-key <key>', help: '32-byte key (base64 or hex) encrypting signing secrets at rest (generated into the data dir if unset)', default: '' },
  allowPrivateNetworks: { env: 'HOOKD_ALLOW_PRIVATE_NETWORKS', use: 'delivery', flag: '--allow-private-networks', help: 'allow deliveries to loopback, private, link-local and metadata addresses', default: 'false' },
  egressDeny: { env: 'HOOKD_EGRESS_DENY', use: 'delivery', flag: '--egress-deny <cidrs>', help: 'addresses deliveries never go to, as CIDR ranges (e.g. 100.100.100.200/32,fd00:ec2::/32), whatever else allows them', default: '' },
  egressAllow: { env: 'HOOKD_EGRESS_ALLOW', use: 'delivery', flag: '--egress-allow <cidrs>', help: 'private addresses deliveries may go to anyway, as CIDR ranges (e.g. 10.20.0.0/16)', default: '' },
  retrySchedule: { env: 'HOOKD_RETRY_SCHEDULE', use: 'delivery', flag: '--retry-schedule <list>', help: 'delays after the first attempt, comma-separated', default: '5s,5m,30m,2h,5h,10h,10h' },
  retryJitter: { env: 'HOOKD_RETRY_JITTER', use: 'delivery', flag: '--retry-jitter <fraction>', help: 'random spread applied to each retry delay (0.2 = ±20%)', default: '0.2' },
  requestTimeout: { env: 'HOOKD_REQUEST_TIMEOUT', use: 'delivery', flag: '--request-timeout <duration>', help: 'timeout of one delivery attempt', default: '15s' },
  disableAfterFailures: { env: 'HOOKD_DISABLE_AFTER_FAILURES', use: 'delivery', flag: '--disable-after-failures <n>', help: 'consecutive failed attempts before a webhook is disabled', default: '5' },
  disableAfter: { env: 'HOOKD_DISABLE_AFTER', use: 'delivery', flag: '--disable-after <duration>', help: '...and no success for at least this long', default: '5d' },
  secretRotationGrace: { env: 'HOOKD_SECRET_ROTATION_GRACE', use: 'api', flag: '--secret-rotation-grace <duration>', help: 'how long a rotated-out secret keeps signing', default: '24h' },
  idempotencyWindow: { env: 'HOOKD_IDEMPOTENCY_WINDOW', use: 'api', flag: '--idempotency-window <duration>', help: 'how long an idempotency key is remembered', default: '24h' },
  sessionTtl: { env: 'HOOKD_SESSION_TTL', use: 'api', flag: '--session-ttl <duration>', help: 'lifetime of a JSON-RPC login session, and of a web UI session up to 12 h', default: '24h' },
  maxWebhooksPerWorkspace: { env: 'HOOKD_MAX_WEBHOOKS_PER_WORKSPACE', use: 'api', flag: '--max-webhooks-per-workspace <n>', help: 'how many webhooks one workspace may have', default: '1000' },
  authFailureLimit: { env: 'HOOKD_AUTH_FAILURE_LIMIT', use: 'api', flag: '--auth-failure-limit <n>', help: 'failed authentications per minute from one client address (or with one consumer key) before it is refused for the rest of the minute', default: '30' },
  infoEndpoints: { env: 'HOOKD_INFO_ENDPOINTS', use: 'api', flag: '--info-endpoints <list>', help: 'which of /metrics, /openapi.json and /docs are served: metrics, openapi, docs (comma-separated), or none', default: 'metrics,openapi,docs' },
  metricsToken: { env: 'HOOKD_METRICS_TOKEN', use: 'api', flag: '--metrics-token <token>', help: 'when set, /metrics, /openapi.json and /docs need it: as a bearer token, or as the password of basic auth', default: '' },
  metricsWorkspaces: { env: 'HOOKD_METRICS_WORKSPACES', use: 'delivery', flag: '--metrics-workspaces <n>', help: 'how many workspaces get a label of their own in the attempt metrics (the first met; the rest are counted as "other"), so the series stay bounded', default: '20' },
  listenGrace: { env: 'HOOKD_LISTEN_GRACE', use: 'api', flag: '--listen-grace <duration>', help: 'how long a `hookd listen` session outlives its connection before its temporary webhook is deleted', default: '60s' },
  checkResponses: { env: 'HOOKD_CHECK_RESPONSES', use: 'api', flag: '--check-responses <bool>', help: "for hookd's own tests: check every answer against the OpenAPI document's schema (a mismatch is a 500)", default: 'false' },
  trustProxy: { env: 'HOOKD_TRUST_PROXY', use: 'api', flag: '--trust-proxy <bool>', help: "behind a reverse proxy: take the client's address from X-Forwarded-For", default: 'false' },
  httpRequestTimeout: { env: 'HOOKD_HTTP_REQUEST_TIMEOUT', use: 'api', flag: '--http-request-timeout <duration>', help: "how long a client may take to send a request's headers and body", default: '30s' },
  httpConnectionTimeout: { env: 'HOOKD_HTTP_CONNECTION_TIMEOUT', use: 'api', flag: '--http-connection-timeout <duration>', help: 'how long a connection may stay silent (longer than the slowest answer, a webhook test run)', default: '2m' },
  concurrency: { env: 'HOOKD_CONCURRENCY', use: 'delivery', flag: '--concurrency <n>', help: 'attempts in flight at once, overall', default: '128' },
  webhookConcurrency: { env: 'HOOKD_WEBHOOK_CONCURRENCY', use: 'delivery', flag: '--webhook-concurrency <n>', help: 'attempts in flight at once, per webhook', default: '16' },
  workspaceConcurrency: { env: 'HOOKD_WORKSPACE_CONCURRENCY', use: 'delivery', flag: '--workspace-concurrency <n>', help: 'attempts in flight at once, per workspace (default: 3/4 of the overall concurrency, so others always find a free slot)', default: '' },
  dispatchThread: { env: 'HOOKD_DISPATCH_THREAD', use: 'thread', flag: '--dispatch-thread <bool>', help: 'serve: run the dispatcher in a thread of its own (a second core)', default: 'true' },
  shutdownGrace: { env: 'HOOKD_SHUTDOWN_GRACE', use: 'delivery', flag: '--shutdown-grace <duration>', help: 'on SIGTERM, how long in-flight attempts may finish', default: '10s' },
  retention: { env: 'HOOKD_RETENTION', use: 'delivery', flag: '--retention <duration>', help: 'how long attempts and delivered events are kept', default: '30d' },
  lease: { env: 'HOOKD_LEASE', use: 'delivery', flag: '--lease <duration>', help: 'how long a claimed delivery stays claimed (default: 3 × request timeout + 30s; at least request timeout + 2s)', default: '' },
  wcMaxFailures: { env: 'HOOKD_WC_MAX_FAILURES', use: 'delivery', flag: '--wc-max-failures <n>', help: "WooCommerce webhooks are disabled after more than this many failures in a row (WooCommerce's woocommerce_max_webhook_delivery_failures)", default: '5' },
  wcUserAgent: { env: 'HOOKD_WC_USER_AGENT', use: 'delivery', flag: '--wc-user-agent <text>', help: 'User-Agent of WooCommerce-format deliveries', default: 'WooCommerce/2.3.0 Hookshot (WordPress/4.1)' },
  publicUrl: { env: 'HOOKD_PUBLIC_URL', use: 'delivery', flag: '--public-url <url>', help: "this service's public base URL (sent as X-WC-Webhook-Source, and the base of portal links)", default: '' },
  operationalWebhookUrl: { env: 'HOOKD_OPERATIONAL_WEBHOOK_URL', use: 'delivery', flag: '--operational-webhook-url <url>', help: "the operator's endpoint for every workspace's operational events (hookd.webhook.disabled, …), signed as Standard Webhooks", default: '' },
  operationalWebhookSecret: { env: 'HOOKD_OPERATIONAL_WEBHOOK_SECRET', use: 'delivery', flag: '--operational-webhook-secret <whsec_…>', help: 'the signing secret of HOOKD_OPERATIONAL_WEBHOOK_URL (whsec_ and 16 to 64 bytes in base64); required with it', default: '' },
  logLevel: { env: 'HOOKD_LOG_LEVEL', use: 'log', flag: '--log-level <level>', help: 'pino log level', default: 'info' },
} as const;

export type SettingName = keyof typeof SETTINGS;
export type SettingValues = Partial<Record<SettingName, string | boolean>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: SettingValues = {}, role: Role = 'all'): Config {
  const raw = (name: SettingName): string => {
    const flag = flags[name];
    if (flag !== undefined) return String(flag);
    const value = env[SETTINGS[name].env];
    return value !== undefined && value !== '' ? value : SETTINGS[name].default;
  };
  const check = <T>(name: SettingName, parse: (text: string) => T): T => {
    const text = raw(name);
    try {
      return parse(text);
    } catch (error) {
      throw new ConfigError(`${SETTINGS[name].env}=${JSON.stringify(text)}: ${(error as Error).message}`);
    }
  };
  const integer = (min: number, max: number) => (text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`must be a whole number from ${min} to ${max}`);
    return n;
  };
  const boolean = (text: string) => {
    if (/^(1|true|yes|on)$/i.test(text)) return true;
    if (/^(0|false|no|off)$/i.test(text)) return false;
    throw new Error('must be true or false');
  };
  const optional = (text: string) => (text === '' ? undefined : text);
  const positiveDuration = (text: string) => {
    const ms = parseDuration(text);
    if (ms < 1 || ms > 86_400_000) throw new Error('must be a duration from 1ms to 1d');
    return ms;
  };
  const cidrs = (text: string) => {
    parseCidrList(text);
    return text;
  };
  const logLevel = (text: string) => {
    if (!LOG_LEVELS.includes(text)) throw new Error(`must be one of ${LOG_LEVELS.join(', ')}`);
    return text;
  };
  const httpUrl = (text: string) => {
    if (text === '') return undefined;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new Error('must be an absolute http:// or https:// URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('must be an absolute http:// or https:// URL');
    return text;
  };

  const operationalWebhook = (url: string | undefined, secret: string | undefined) => {
    if (url === undefined && secret === undefined) return undefined;
    if (url === undefined) throw new ConfigError('HOOKD_OPERATIONAL_WEBHOOK_SECRET is set without HOOKD_OPERATIONAL_WEBHOOK_URL');
    if (secret === undefined) throw new ConfigError('HOOKD_OPERATIONAL_WEBHOOK_URL needs HOOKD_OPERATIONAL_WEBHOOK_SECRET (whsec_…): its deliveries are signed');
    // A webhook's secret rule (core/validation.ts), and the whsec_ form Standard Webhooks receivers expect.
    let valid = secret.startsWith('whsec_');
    try {
      validateSecret(secret, 'secret');
    } catch {
      valid = false;
    }
    if (!valid) throw new ConfigError('HOOKD_OPERATIONAL_WEBHOOK_SECRET must be whsec_ followed by 16 to 64 bytes in base64');
    return { url, secret };
  };

  const databaseUrl = check('databaseUrl', optional);
  if (databaseUrl !== undefined && !/^(postgres|postgresql):\/\//.test(databaseUrl)) {
    throw new ConfigError(`HOOKD_DATABASE_URL must be a postgres:// URL, or unset for SQLite in the data dir`);
  }
  const retrySchedule = check('retrySchedule', parseDurationList);
  const retryJitter = check('retryJitter', (text) => {
    const n = Number(text);
    if (!(n >= 0 && n < 1)) throw new Error('must be a fraction from 0 to below 1');
    return n;
  });
  const requestTimeoutMs = check('requestTimeout', parseDuration);
  const concurrency = check('concurrency', integer(1, 10_000));
  // By default a claimed delivery may wait behind two full rounds of its webhook's slots, then make its own attempt.
  const leaseMs = raw('lease') === '' ? 3 * requestTimeoutMs + 30_000 : check('lease', (text) => {
    const ms = parseDuration(text);
    if (ms < minimumLeaseMs(requestTimeoutMs)) {
      throw new Error(`must be at least HOOKD_REQUEST_TIMEOUT + ${(2 * OUTCOME_MARGIN_MS) / 1000}s (${minimumLeaseMs(requestTimeoutMs)} ms): an attempt and the recording of its outcome must fit in the lease, or another process sends the delivery again`);
    }
    return ms;
  });
  return {
    role,
    port: check('port', integer(0, 65535)),
    host: raw('host'),
    dataDir: resolve(raw('dataDir')),
    databaseUrl,
    databaseTimeoutMs: check('databaseTimeout', positiveDuration),
    adminToken: check('adminToken', optional),
    encryptionKey: check('encryptionKey', optional),
    allowPrivateNetworks: check('allowPrivateNetworks', boolean),
    egressDeny: check('egressDeny', cidrs),
    egressAllow: check('egressAllow', cidrs),
    retrySchedule,
    retryJitter,
    requestTimeoutMs,
    disableAfterFailures: check('disableAfterFailures', integer(1, 1_000_000)),
    disableAfterMs: check('disableAfter', parseDuration),
    secretRotationGraceMs: check('secretRotationGrace', parseDuration),
    idempotencyWindowMs: check('idempotencyWindow', parseDuration),
    sessionTtlMs: check('sessionTtl', parseDuration),
    maxWebhooksPerWorkspace: check('maxWebhooksPerWorkspace', integer(1, 1_000_000)),
    authFailureLimit: check('authFailureLimit', integer(1, 1_000_000)),
    trustProxy: check('trustProxy', boolean),
    infoEndpoints: check('infoEndpoints', infoEndpointList),
    metricsToken: check('metricsToken', optional),
    metricsWorkspaces: check('metricsWorkspaces', integer(0, 1000)),
    checkResponses: check('checkResponses', boolean),
    listenGraceMs: check('listenGrace', positiveDuration),
    httpRequestTimeoutMs: check('httpRequestTimeout', positiveDuration),
    httpConnectionTimeoutMs: check('httpConnectionTimeout', positiveDuration),
    concurrency,
    webhookConcurrency: check('webhookConcurrency', integer(1, 1000)),
    workspaceConcurrency: raw('workspaceConcurrency') === '' ? Math.max(1, Math.floor((concurrency * 3) / 4)) : check('workspaceConcurrency', integer(1, concurrency)),
    dispatchThread: check('dispatchThread', boolean),
    shutdownGraceMs: check('shutdownGrace', parseDuration),
    retentionMs: check('retention', parseDuration),
    leaseMs,
    bodyLogCapBytes: 64 * 1024,
    logLevel: check('logLevel', logLevel),
    publicUrl: check('publicUrl', httpUrl),
    operationalWebhook: operationalWebhook(check('operationalWebhookUrl', httpUrl), check('operationalWebhookSecret', optional)),
    woocommerce: {
      maxFailures: check('wcMaxFailures', integer(0, 1_000_000)),
      userAgent: raw('wcUserAgent'),
      source: check('publicUrl', httpUrl) ?? `http://localhost:${raw('port')}/`,
    },
  };
}
