/**
 * Migrations that change data already stored: 005 makes an attempt's request body optional (SQLite
 * rebuilds the table, keeping every row), 006 fills the subscription index from existing webhooks.
 * Run on SQLite, and on PostgreSQL when HOOKD_TEST_DATABASE_URL names one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/core/ports/store.ts';
import { migrations } from '../../src/store/sql/index.ts';
import { TEST_DATABASE_URL, createTestSchema } from '../helpers/postgres.ts';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function sqlite(): Promise<Kysely<any>> {
  const dir = mkdtempSync(join(tmpdir(), 'hookd-migrations-'));
  const file = new SQLite(join(dir, 'hookd.sqlite'));
  file.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: file }) });
  cleanups.push(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

async function postgres(): Promise<Kysely<any>> {
  const schema = await createTestSchema();
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: schema.url, max: 1 }) }) });
  cleanups.push(async () => db.destroy());
  return db;
}

const engines: Array<[Dialect, () => Promise<Kysely<any>>]> = [['sqlite', sqlite]];
if (TEST_DATABASE_URL) engines.push(['postgres', postgres]);
else console.log('  migrations on PostgreSQL skipped: HOOKD_TEST_DATABASE_URL is not set');

describe.each(engines)('migrations of stored data (%s)', (dialect, open) => {
  it('keeps every attempt through 005 and fills the subscription index in 006', async () => {
    const db = await open();
    // As the store does on PostgreSQL: the migration tables live in the connection's own schema (Kysely
    // would otherwise look for them in every schema of the database, other tests' included).
    const schema = dialect === 'postgres' ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0].schema : undefined;
    const migrator = new Migrator({ db, provider: migrations(dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
    expect((await migrator.migrateTo('004_waiting_deliveries_index')).error).toBeUndefined();

    const now = Date.now();
    const ws = (await db.insertInto('workspaces').values({ uid: 'ws-1', name: 'w', created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    const webhook = (overrides: Record<string, unknown>) => db.insertInto('webhooks').values({
      workspace_id: ws, name: 'h', url: 'https://example.com', description: '', headers: '{}', status: 'active', paused_behavior: 'queue',
      format: 'standard', disable_rule: 'standard', failure_count: 0, secret_enc: 'x', meta: '{}', created_at: now, updated_at: now, ...overrides,
    }).returning('id').executeTakeFirstOrThrow();
    const one = (await webhook({ uid: 'h-1', events: '["order.created","order.*"]' })).id;
    const two = (await webhook({ uid: 'h-2', events: '["*"]' })).id;
    await db.insertInto('attempts').values({
      webhook_id: one, event_type: 'order.created', trigger: 'test', success: 1, request_url: 'https://example.com', request_headers: '{}',
      request_body: '{"kept":true}', response_headers: '{}', duration_ms: 1.5, created_at: now,
    }).execute();

    const { error, results } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    expect(results?.map((result) => result.migrationName)).toEqual(['005_attempt_body_once', '006_webhook_subscriptions', '007_webhook_due_index', '008_workspace_log_indexes', '009_workspace_deletion', '010_event_type_deprecation', '011_webhook_filter', '012_webhook_retry_schedule', '013_event_type_schema', '014_ui_sessions', '015_webhook_transform', '016_webhook_flow_control', '017_webhook_signing_keys', '018_operational_events', '019_held_failed_index', '020_event_trace_parent', '021_postgres_waiting_status_index', '022_postgres_webhook_status_id_index', '023_postgres_sending_index', '024_postgres_output_column_statistics', '025_postgres_no_keys_to_hot_rows', '026_postgres_sending_index_by_lease', '027_postgres_bytewise_keys', '028_postgres_routing_version', '029_attempt_workspace', '030_session_bounds']);

    // 027 (PostgreSQL: keys compared bytewise) keeps them and their matching.
    expect((await db.selectFrom('webhooks').select('id').where('uid', '=', 'h-2').executeTakeFirstOrThrow()).id).toBe(two);
    expect(await db.selectFrom('workspaces').select('id').where('uid', '=', 'WS-1').execute()).toEqual([]);
    // 029 files an attempt under its webhook's workspace.
    expect(await db.selectFrom('attempts').select(['webhook_id', 'workspace_id', 'request_body', 'duration_ms']).execute())
      .toEqual([{ webhook_id: one, workspace_id: ws, request_body: '{"kept":true}', duration_ms: 1.5 }]);
    await db.insertInto('attempts').values({
      webhook_id: two, workspace_id: ws, event_type: 'order.created', trigger: 'scheduled', success: 0, request_url: 'https://example.com', request_headers: '{}',
      request_body: null, response_headers: '{}', duration_ms: 2, created_at: now,
    }).execute();
    const subscriptions = await db.selectFrom('webhook_subscriptions').select(['workspace_id', 'pattern', 'webhook_id'])
      .orderBy('webhook_id').orderBy('pattern').execute();
    expect(subscriptions).toEqual([
      { workspace_id: ws, pattern: 'order.*', webhook_id: one },
      { workspace_id: ws, pattern: 'order.created', webhook_id: one },
      { workspace_id: ws, pattern: '*', webhook_id: two },
    ]);
  });
});
