/**
 * hookd in the test's own process, in the API role (no dispatcher of its own claims meanwhile), on a
 * fresh PostgreSQL schema: tests that make the claims by hand on its real store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startHookd, type Hookd } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { SqlStore } from '../../src/store/sql/index.ts';
import { createTestSchema } from './postgres.ts';

export interface ApiRoleHookd {
  hookd: Hookd;
  store: SqlStore;
  close(): Promise<void>;
}

export async function startApiRoleHookd(name: string): Promise<ApiRoleHookd> {
  const dir = mkdtempSync(join(tmpdir(), `hookd-${name}-`));
  const schema = await createTestSchema();
  const config = loadConfig({}, {
    dataDir: dir, adminToken: 'admin', port: '0', host: '127.0.0.1', allowPrivateNetworks: 'true', logLevel: 'warn', databaseUrl: schema.url,
  }, 'api');
  const hookd = await startHookd(config, pino({ level: 'warn' }));
  return {
    hookd,
    store: hookd.store as SqlStore,
    async close() {
      await hookd.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
