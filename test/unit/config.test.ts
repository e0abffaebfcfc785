import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('config', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080, host: '0.0.0.0', databaseUrl: undefined, allowPrivateNetworks: false, requestTimeoutMs: 15_000,
      retrySchedule: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000], retryJitter: 0.2,
      disableAfterFailures: 5, disableAfterMs: 5 * 86_400_000, secretRotationGraceMs: 86_400_000, idempotencyWindowMs: 86_400_000,
    });
    expect(config.dataDir).toMatch(/data$/);
    expect(config.leaseMs).toBe(3 * 15_000 + 30_000);
  });

  it('reads the environment, and flags win', () => {
    const config = loadConfig({ HOOKD_PORT: '9000', HOOKD_RETRY_SCHEDULE: '1s,2s', HOOKD_ALLOW_PRIVATE_NETWORKS: 'true' }, { port: '9100' });
    expect(config).toMatchObject({ port: 9100, retrySchedule: [1000, 2000], allowPrivateNetworks: true });
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ HOOKD_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOOKD_PORT: 'eighty' })).toThrow(/HOOKD_PORT/);
    expect(() => loadConfig({ HOOKD_RETRY_SCHEDULE: '5s,soon' })).toThrow(/HOOKD_RETRY_SCHEDULE/);
    expect(() => loadConfig({ HOOKD_ALLOW_PRIVATE_NETWORKS: 'maybe' })).toThrow(/HOOKD_ALLOW_PRIVATE_NETWORKS/);
    expect(() => loadConfig({ HOOKD_DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
    expect(loadConfig({ HOOKD_DATABASE_URL: 'postgres://postgres@127.0.0.1/test' }).databaseUrl).toBe('postgres://postgres@127.0.0.1/test');
  });
});
