/**
 * ANALYZE leaves out the columns hookd only reads back (migrations/024): sorting the attempt log's wide
 * text columns made each pass of the upkeep, or of autovacuum, cost over twice as much, and a pass under
 * load held up deliveries on a 2-core machine. The columns every query filters, joins or sorts on keep
 * their statistics.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_BACK_ONLY } from '../../../src/store/migrations/024_postgres_output_column_statistics.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`statistics of read-back-only columns (${USE_POSTGRES ? 'running' : reason})`, () => {
  let running: ApiRoleHookd;

  beforeAll(async () => {
    running = await startApiRoleHookd('column-statistics');
    const { hookd, store } = running;
    const workspace = await hookd.core.workspaces.create({ name: 'column-statistics' });
    const webhook = await hookd.core.webhooks.create(workspace, { name: 'h', url: 'http://127.0.0.1:9/h', events: ['order.created'], status: 'active' });
    for (let i = 0; i < 20; i++) await hookd.core.events.publish(workspace, { type: 'order.created', data: { i, note: 'x'.repeat(200) } });
    const now = Date.now();
    await store.db.insertInto('attempts').values(Array.from({ length: 200 }, (_, i) => ({
      webhook_id: webhook.seq, workspace_id: workspace.seq, event_type: 'order.created', trigger: i % 2 ? 'scheduled' : 'retry', success: i % 3 ? 1 : 0,
      request_url: `http://127.0.0.1:9/h?${i}`, request_headers: `{"n":"${i}"}`, request_body: i % 4 ? null : `{"i":${i}}`,
      response_code: 200, response_message: 'OK', response_headers: '{}', response_body: `body ${i}`, duration_ms: i / 7,
      error: i % 5 ? null : 'refused', created_at: now + i,
    }))).execute();
    await sql`ANALYZE attempts`.execute(store.db);
    await sql`ANALYZE events`.execute(store.db);
    await sql`ANALYZE deliveries`.execute(store.db);
  });

  afterAll(async () => {
    await running?.stop();
  });

  async function analyzed(table: string): Promise<string[]> {
    const { rows } = await sql<{ column: string }>`SELECT attname AS column FROM pg_stats
      WHERE schemaname = current_schema() AND tablename = ${table} ORDER BY attname`.execute(running.store.db);
    return rows.map((row) => row.column);
  }

  it('gathers none for what an attempt sent and got, an event payload or a public id', async () => {
    for (const [table, columns] of READ_BACK_ONLY) {
      const withStatistics = await analyzed(table);
      expect(withStatistics.length, `${table} was analyzed`).toBeGreaterThan(0);
      for (const column of columns) expect(withStatistics, `${table}.${column}`).not.toContain(column);
    }
  });

  it('keeps them for the columns queries filter, join and sort on', async () => {
    expect(await analyzed('attempts')).toEqual(expect.arrayContaining(['id', 'delivery_id', 'webhook_id', 'trigger', 'success', 'created_at']));
    expect(await analyzed('events')).toEqual(expect.arrayContaining(['id', 'workspace_id', 'type', 'created_at', 'idempotency_key']));
    expect(await analyzed('deliveries')).toEqual(expect.arrayContaining(['id', 'event_id', 'webhook_id', 'workspace_id', 'status', 'next_attempt_at']));
  });
});
