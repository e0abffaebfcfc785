import { describe, expect, it } from 'vitest';
import { ConfigError, SETTINGS, loadConfig } from '../../src/config.ts';

/** loadConfig must throw a ConfigError whose message names `variable`. */
function refused(env: Record<string, string>, variable: string, flags: Record<string, string> = {}): ConfigError {
  let thrown: unknown;
  try {
    loadConfig(env, flags);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `${JSON.stringify(env)} ${JSON.stringify(flags)}`).toBeInstanceOf(ConfigError);
  expect((thrown as Error).message, JSON.stringify(env)).toContain(variable);
  return thrown as ConfigError;
}

describe('config', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      role: 'all', port: 8080, host: '0.0.0.0', databaseUrl: undefined, adminToken: undefined, encryptionKey: undefined,
      allowPrivateNetworks: false, requestTimeoutMs: 15_000,
      retrySchedule: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000], retryJitter: 0.2,
      disableAfterFailures: 5, disableAfterMs: 5 * 86_400_000, secretRotationGraceMs: 86_400_000, idempotencyWindowMs: 86_400_000,
      sessionTtlMs: 86_400_000, concurrency: 128, webhookConcurrency: 16, shutdownGraceMs: 10_000, retentionMs: 30 * 86_400_000,
      logLevel: 'info',
      woocommerce: { maxFailures: 5, userAgent: 'WooCommerce/2.3.0 Hookshot (WordPress/4.1)', source: 'http://localhost:8080/' },
    });
    expect(config.dataDir).toMatch(/[/\\]data$/);
    expect(config.leaseMs).toBe(3 * 15_000 + 30_000);
  });

  it('reads the environment; flags win over it; an empty variable means the default', () => {
    const config = loadConfig({
      HOOKD_PORT: '9000', HOOKD_RETRY_SCHEDULE: '1s, 2s', HOOKD_ALLOW_PRIVATE_NETWORKS: 'yes', HOOKD_REQUEST_TIMEOUT: '2s', HOOKD_RETRY_JITTER: '0',
      HOOKD_HOST: '', HOOKD_LOG_LEVEL: 'debug', HOOKD_PUBLIC_URL: 'https://shop.example.com/',
    }, { port: '9100', allowPrivateNetworks: true });
    expect(config).toMatchObject({
      port: 9100, host: '0.0.0.0', retrySchedule: [1_000, 2_000], allowPrivateNetworks: true, requestTimeoutMs: 2_000, retryJitter: 0,
      leaseMs: 3 * 2_000 + 30_000, logLevel: 'debug', woocommerce: { source: 'https://shop.example.com/' },
    });
    expect(loadConfig({ HOOKD_LEASE: '90s' }).leaseMs).toBe(90_000);
    expect(loadConfig({}, {}, 'worker').role).toBe('worker');
  });

  it('reads booleans in their usual spellings', () => {
    for (const yes of ['1', 'true', 'TRUE', 'yes', 'on']) expect(loadConfig({ HOOKD_ALLOW_PRIVATE_NETWORKS: yes }).allowPrivateNetworks, yes).toBe(true);
    for (const no of ['0', 'false', 'No', 'off']) expect(loadConfig({ HOOKD_ALLOW_PRIVATE_NETWORKS: no }).allowPrivateNetworks, no).toBe(false);
  });

  it('refuses a bad value with a ConfigError naming its variable and the value', () => {
    const cases: Array<[string, string]> = [
      ['HOOKD_PORT', 'eighty'], ['HOOKD_PORT', '70000'], ['HOOKD_PORT', '-1'], ['HOOKD_PORT', '80.5'],
      ['HOOKD_ALLOW_PRIVATE_NETWORKS', 'maybe'],
      ['HOOKD_RETRY_SCHEDULE', '5s,soon'], ['HOOKD_RETRY_SCHEDULE', '-5s'],
      ['HOOKD_RETRY_JITTER', '1'], ['HOOKD_RETRY_JITTER', '-0.1'], ['HOOKD_RETRY_JITTER', 'abc'],
      ['HOOKD_REQUEST_TIMEOUT', 'soon'],
      ['HOOKD_DISABLE_AFTER_FAILURES', '0'], ['HOOKD_DISABLE_AFTER_FAILURES', 'five'],
      ['HOOKD_DISABLE_AFTER', '5 days'], ['HOOKD_SECRET_ROTATION_GRACE', 'x'], ['HOOKD_IDEMPOTENCY_WINDOW', '1y'], ['HOOKD_SESSION_TTL', 'forever'],
      ['HOOKD_CONCURRENCY', '0'], ['HOOKD_CONCURRENCY', '10001'], ['HOOKD_WEBHOOK_CONCURRENCY', '1001'],
      ['HOOKD_SHUTDOWN_GRACE', 'later'], ['HOOKD_RETENTION', '30 days'], ['HOOKD_LEASE', 'long'],
      ['HOOKD_WC_MAX_FAILURES', '-1'],
      ['HOOKD_LOG_LEVEL', 'loud'], ['HOOKD_LOG_LEVEL', 'INFO'],
      ['HOOKD_PUBLIC_URL', 'not a url'], ['HOOKD_PUBLIC_URL', 'ftp://shop.example.com/'],
      ['HOOKD_EGRESS_DENY', '10.0.0.0/33'], ['HOOKD_EGRESS_ALLOW', '10.0.0.0/8,intranet'],
      ['HOOKD_MAX_WEBHOOKS_PER_WORKSPACE', '0'],
      ['HOOKD_INFO_ENDPOINTS', 'metrics,swagger'], ['HOOKD_INFO_ENDPOINTS', 'constructor'],
    ];
    for (const [variable, value] of cases) {
      const error = refused({ [variable]: value }, variable);
      expect(error.message, variable).toContain(JSON.stringify(value));
    }
  });

  it('refuses a lease too short for an attempt and its recording', () => {
    const error = refused({ HOOKD_REQUEST_TIMEOUT: '10s', HOOKD_LEASE: '11s' }, 'HOOKD_LEASE');
    expect(error.message).toContain('HOOKD_REQUEST_TIMEOUT + 2s (12000 ms)');
    expect(loadConfig({ HOOKD_REQUEST_TIMEOUT: '10s', HOOKD_LEASE: '12s' }).leaseMs).toBe(12_000);
  });

  it('names the variable when the bad value came from a flag', () => {
    refused({}, 'HOOKD_PORT', { port: 'eighty' });
    refused({ HOOKD_RETRY_SCHEDULE: '1s' }, 'HOOKD_RETRY_SCHEDULE', { retrySchedule: 'soon' });
  });

  it('accepts postgres URLs and refuses any other database URL', () => {
    for (const url of ['postgres://postgres@127.0.0.1/test', 'postgresql://u:p@db.example.com:5432/hookd?sslmode=require']) {
      expect(loadConfig({ HOOKD_DATABASE_URL: url }).databaseUrl).toBe(url);
    }
    for (const url of ['mysql://x', 'sqlite:///tmp/x.db', 'http://db.example.com/', 'postgres:/x', 'db.example.com']) {
      const error = refused({ HOOKD_DATABASE_URL: url }, 'HOOKD_DATABASE_URL');
      expect(error.message).toMatch(/postgres/);
    }
  });

  it('reads which info endpoints are served: a list, or none', () => {
    expect([...loadConfig({}).infoEndpoints].sort()).toEqual(['docs', 'metrics', 'openapi']);
    expect([...loadConfig({ HOOKD_INFO_ENDPOINTS: 'none' }).infoEndpoints]).toEqual([]);
    expect([...loadConfig({ HOOKD_INFO_ENDPOINTS: ' metrics , docs' }).infoEndpoints].sort()).toEqual(['docs', 'metrics']);
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ HOOKD_METRICS_TOKEN: 't0k' }).metricsToken).toBe('t0k');
  });

  it('documents every setting with its variable and a flag', () => {
    for (const [name, setting] of Object.entries(SETTINGS)) {
      expect(setting.env, name).toMatch(/^HOOKD_[A-Z_]+$/);
      expect(setting.flag, name).toMatch(/^--[a-z-]+/);
      expect(setting.help.length, name).toBeGreaterThan(0);
    }
    // Every default is itself a valid value.
    const defaults = Object.fromEntries(Object.values(SETTINGS).map((s) => [s.env, s.default]));
    expect(() => loadConfig(defaults)).not.toThrow();
  });
});
