/**
 * A page of events counts its deliveries by status: 250 events each sent to 1 000 webhooks is 250 000
 * deliveries. That count is a long read (store/sql/long-reads.ts: on SQLite, off the event loop); what the
 * list reads on the store's own connection searches indexes only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/store/schema.ts';
import { SqlStore } from '../../src/store/sql/index.ts';
import { readOn, type LongRead } from '../../src/store/sql/long-reads.ts';
import type { WorkspaceRef } from '../../src/core/ports/store.ts';

let dir: string;
let file: SQLite.Database;
let store: SqlStore;
let workspace: WorkspaceRef;
const onConnection: CompiledQuery[] = [];
const asLongReads: LongRead[] = [];
const EVENTS = 30;
const WEBHOOKS = 40;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hookd-event-list-'));
  file = new SQLite(join(dir, 'hookd.sqlite'));
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }), log: (event) => void onConnection.push(event.query) });
  const longReads = readOn(new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) }));
  store = new SqlStore(db, 'sqlite', undefined, undefined, undefined, (statements) => {
    asLongReads.push(...statements);
    return longReads(statements);
  });
  await store.migrate();
  workspace = await store.workspaces.create('events', Date.now());
  const other = await store.workspaces.create('other', Date.now());
  const now = Date.now();
  for (let w = 0; w < WEBHOOKS; w++) {
    await store.webhooks.create({
      workspace, name: `w${w}`, url: `http://127.0.0.1:9/${w}`, description: '', events: ['*'], sealedHeaders: {}, status: 'active', secretEnc: 'x',
      format: 'standard', meta: {}, pausedBehavior: 'queue', disableRule: 'standard', now,
    });
  }
  // Each event of the workspace to every webhook, its deliveries' statuses in turn; another workspace's
  // event between them, which no page of this one may count.
  file.prepare(`INSERT INTO events (uid, workspace_id, type, data, idempotency_key, created_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT 'ev' || i, CASE WHEN i % 2 = 0 THEN ? ELSE ? END, 'order.created', '{}', NULL, ? + i FROM n`)
    .run(2 * EVENTS, workspace.seq, other.seq, now);
  file.prepare(`INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, "trigger", next_attempt_at, created_at, updated_at)
    SELECT e.uid || '-' || w.id, e.id, w.id, e.workspace_id, CASE (e.id + w.id) % 3 WHEN 0 THEN 'succeeded' WHEN 1 THEN 'failed' ELSE 'pending' END,
      1, 'scheduled', NULL, e.created_at, e.created_at
    FROM events e CROSS JOIN webhooks w`).run();
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it("counts a page's deliveries by status as a long read, and reads the events by index searches only", async () => {
  onConnection.length = 0;
  asLongReads.length = 0;
  const page = await store.events.list(workspace, {}, { limit: 250 });
  expect(page.items).toHaveLength(EVENTS);
  for (const event of page.items) {
    const expected = { succeeded: 0, failed: 0, pending: 0 };
    for (let w = 1; w <= WEBHOOKS; w++) {
      const rest = (event.seq + w) % 3;
      expected[rest === 0 ? 'succeeded' : rest === 1 ? 'failed' : 'pending']++;
    }
    expect(event).toMatchObject({ deliveryCount: WEBHOOKS, ...expected });
  }
  expect(asLongReads).toHaveLength(1);
  const counted = asLongReads[0];
  expect(typeof counted !== 'string' && /FROM "deliveries"/i.test(counted.sql)).toBe(true);
  for (const query of onConnection) {
    expect(query.sql, 'the deliveries are read only as a long read').not.toMatch(/"deliveries"/);
    const plan = (file.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>).map((row) => row.detail);
    expect(plan.filter((step) => /^SCAN (events|deliveries)\b/.test(step)), `${query.sql}: ${plan.join(' | ')}`).toEqual([]);
  }
});

it('reads nothing more for an empty page', async () => {
  asLongReads.length = 0;
  const empty = await store.workspaces.create('empty', Date.now());
  const page = await store.events.list(empty, {}, { limit: 50 });
  expect(page.items).toEqual([]);
  expect(asLongReads).toEqual([]);
});
