/**
 * SQLite's partial index of deliveries by webhook and status (migrations/004) holds only waiting and
 * failed deliveries. The per-webhook look-ups for those statuses must still use it: pausing, resuming,
 * recovering and the API's status filter. Each repository call runs on a real SQLite store whose
 * statements are captured, and SQLite's query plan for each is checked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/schema.ts';
import { SqlStore } from '../../src/store/sql/index.ts';

describe('SQLite query plans for deliveries by webhook and status', () => {
  let dir: string;
  let file: SQLite.Database;
  let store: SqlStore;
  let webhookSeq: number;
  let workspaceSeq: number;
  const captured: CompiledQuery[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hookd-plans-'));
    file = new SQLite(join(dir, 'hookd.sqlite'));
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }), log: (event) => void captured.push(event.query) });
    store = new SqlStore(db, 'sqlite');
    await store.migrate();
    const workspace = await store.workspaces.create('plans', Date.now());
    const webhook = await store.webhooks.create({
      workspace, name: 'w', url: 'http://127.0.0.1:9/w', description: '', events: ['*'], sealedHeaders: {}, status: 'active', secretEnc: 'x',
      format: 'standard', meta: {}, pausedBehavior: 'queue', disableRule: 'standard', now: Date.now(),
    });
    webhookSeq = webhook.seq;
    workspaceSeq = workspace.seq;
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The plan of the one statement `run` sends that changes or reads deliveries by webhook and `status`. */
  async function planOf(status: string, run: () => Promise<unknown>): Promise<string> {
    captured.length = 0;
    await run();
    const statement = captured.find((query) => /deliveries/.test(query.sql) && query.sql.includes(`'${status}'`) && /webhook_id/.test(query.sql));
    expect(statement, `no statement on deliveries naming '${status}'`).toBeDefined();
    const rows = file.prepare(`EXPLAIN QUERY PLAN ${statement!.sql}`).all(...(statement!.parameters as unknown[])) as Array<{ detail: string }>;
    return rows.map((row) => row.detail).join(' | ');
  }

  it('holds, frees and recovers through the index', async () => {
    expect(await planOf('pending', () => store.webhooks.setStatus(webhookSeq, 'paused', null, Date.now()))).toContain('deliveries_webhook_status');
    expect(await planOf('held', () => store.webhooks.setStatus(webhookSeq, 'active', null, Date.now()))).toContain('deliveries_webhook_status');
    expect(await planOf('failed', () => store.deliveries.recover(webhookSeq, 0, Date.now()))).toContain('deliveries_webhook_status');
  });

  it("filters the API's list by a waiting or failed status through the index, and by others through the webhook's list", async () => {
    for (const status of ['pending', 'held', 'failed'] as const) {
      expect(await planOf(status, () => store.deliveries.list({ workspaceSeq, webhookSeq, status }, { limit: 10 }))).toContain('deliveries_webhook_status');
    }
    expect(await planOf('succeeded', () => store.deliveries.list({ workspaceSeq, webhookSeq, status: 'succeeded' }, { limit: 10 }))).toContain('deliveries_webhook ');
  });

  it("pages a workspace's deliveries and events through their workspace indexes, filtered or not", async () => {
    const workspace = { seq: workspaceSeq, id: 'plans' };
    const planOfList = async (table: string, run: () => Promise<unknown>): Promise<string> => {
      captured.length = 0;
      await run();
      const statement = captured.find((query) => new RegExp(`from "${table}"`).test(query.sql) && /workspace_id/.test(query.sql));
      expect(statement, `no statement reading ${table} by workspace`).toBeDefined();
      const rows = file.prepare(`EXPLAIN QUERY PLAN ${statement!.sql}`).all(...(statement!.parameters as unknown[])) as Array<{ detail: string }>;
      return rows.map((row) => row.detail).join(' | ');
    };
    expect(await planOfList('deliveries', () => store.deliveries.list({ workspaceSeq }, { limit: 10 }))).toContain('deliveries_workspace');
    expect(await planOfList('deliveries', () => store.deliveries.list({ workspaceSeq, eventType: { prefix: 'order.' }, createdAfter: 0 }, { limit: 10 })))
      .toContain('deliveries_workspace');
    expect(await planOfList('events', () => store.events.list(workspace, {}, { limit: 10 }))).toContain('events_workspace');
    expect(await planOfList('events', () => store.events.list(workspace, { type: { exact: 'order.created' } }, { limit: 10 }))).toContain('events_workspace');
  });

  it('takes back the leases of a process that died through the due index, not every delivery ever made', async () => {
    captured.length = 0;
    await store.deliveries.takeBackLeases(Date.now());
    const statement = captured.find((query) => /^update "deliveries"/.test(query.sql) && query.sql.includes("'sending'"));
    expect(statement, 'no update of sending deliveries').toBeDefined();
    const plan = (file.prepare(`EXPLAIN QUERY PLAN ${statement!.sql}`).all(...(statement!.parameters as unknown[])) as Array<{ detail: string }>).map((row) => row.detail);
    expect(plan.join(' | ')).toMatch(/USING (COVERING )?INDEX deliveries_(webhook_)?due/);
  });

  it('keeps sent and succeeded deliveries out of the index', () => {
    const { sql } = file.prepare("SELECT sql FROM sqlite_master WHERE name = 'deliveries_webhook_status'").get() as { sql: string };
    expect(sql).toMatch(/WHERE status = 'pending' OR status = 'held' OR status = 'failed'$/i);
  });
});
