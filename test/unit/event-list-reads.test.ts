/**
 * A page of events counts its deliveries by status: 250 events each sent to 1 000 webhooks is 250 000
 * deliveries. That count is a long read (store/sql/long-reads.ts: on SQLite, off the event loop); what the
 * list reads on the store's own connection searches indexes only.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WorkspaceRef } from '../../src/core/ports/store.ts';
import { storeWithCapturedReads, type CapturedReads } from '../helpers/captured-reads.ts';

let reads: CapturedReads;
let workspace: WorkspaceRef;
const EVENTS = 30;
const WEBHOOKS = 40;

beforeAll(async () => {
  reads = await storeWithCapturedReads('event-list');
  const { store, file } = reads;
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

afterAll(() => reads.close());

it("counts a page's deliveries by status as a long read, and reads the events by index searches only", async () => {
  const { store, asLongReads, onConnection } = reads;
  reads.clear();
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
    expect(reads.scans(query, /^(events|deliveries)$/), query.sql).toEqual([]);
  }
});

it('reads nothing more for an empty page', async () => {
  reads.clear();
  const empty = await reads.store.workspaces.create('empty', Date.now());
  const page = await reads.store.events.list(empty, {}, { limit: 50 });
  expect(page.items).toEqual([]);
  expect(reads.asLongReads).toEqual([]);
});
