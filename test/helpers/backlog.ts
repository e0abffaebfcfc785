/**
 * What the backlog tests share: an API-role hookd on the real store of the run (no dispatcher of its own
 * takes the work away; tests that drive a dispatcher of their own use it too), and a backlog of pending
 * deliveries written in one statement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { sql } from 'kysely';
import { startHookd, type Hookd } from '../../src/app.ts';
import { loadConfig, type Config, type SettingName } from '../../src/config.ts';
import type { SqlStore } from '../../src/store/sql/index.ts';
import { USE_POSTGRES, createTestSchema } from './postgres.ts';

export interface ApiRoleHookd {
  config: Config;
  hookd: Hookd;
  store: SqlStore;
  /** Closes it and removes its data dir (and its schema, on PostgreSQL). */
  stop(): Promise<void>;
}

/** `settings`: more settings, or other values (as loadConfig's flags take them). */
export async function startApiRoleHookd(name: string, settings: Partial<Record<SettingName, string>> = {}): Promise<ApiRoleHookd> {
  const dir = mkdtempSync(join(tmpdir(), `hookd-${name}-`));
  const schema = USE_POSTGRES ? await createTestSchema() : null;
  const config = loadConfig({}, {
    dataDir: dir, adminToken: 'admin', port: '0', host: '127.0.0.1', allowPrivateNetworks: 'true', logLevel: 'warn',
    ...(schema ? { databaseUrl: schema.url } : {}), ...settings,
  }, 'api');
  const hookd = await startHookd(config, pino({ level: 'warn' }));
  const started: ApiRoleHookd = {
    config,
    hookd,
    store: hookd.store as SqlStore,
    async stop() {
      await started.hookd.close();
      await schema?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return started;
}

/**
 * `count` pending deliveries of one event to one webhook, due from `since` on (one ms apart), created at
 * `since`, written in one statement: 'backlog_1' … 'backlog_<count>'.
 */
export async function insertBacklog(store: SqlStore, to: { eventSeq: number; webhookSeq: number; workspaceSeq: number }, count: number, since: number): Promise<void> {
  const series = USE_POSTGRES
    ? sql`SELECT g AS n FROM generate_series(1, ${count}) AS g`
    : sql`WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ${count}) SELECT n FROM g`;
  await sql`INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, "trigger", next_attempt_at, created_at, updated_at)
    SELECT 'backlog_' || s.n, ${to.eventSeq}, ${to.webhookSeq}, ${to.workspaceSeq}, 'pending', 0, 'scheduled', CAST(${since} AS BIGINT) + s.n, CAST(${since} AS BIGINT), CAST(${since} AS BIGINT)
    FROM (${series}) AS s`.execute(store.db);
}
