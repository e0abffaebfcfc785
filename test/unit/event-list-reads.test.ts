/**
 * A page of events counts its deliveries by status (store/sql/event-delivery-counts.ts): on the store's
 * own connection while they are few, as a long read (long-reads.ts: on SQLite, off the event loop) when a
 * page holds more than COUNTED_INLINE of them; what the list reads on the connection searches indexes only.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WorkspaceRef } from '../../src/core/ports/store.ts';
import { COUNTED_INLINE } from '../../src/store/sql/event-delivery-counts.ts';
import { storeWithCapturedReads, type CapturedReads } from '../helpers/captured-reads.ts';

let reads: CapturedReads;
/** EVENTS events, each sent to every one of WEBHOOKS webhooks: a page of few deliveries. */
let few: WorkspaceRef;
/** BIG_EVENTS events with BIG_FANOUT deliveries each: more than COUNTED_INLINE on one page. */
let many: WorkspaceRef;
const EVENTS = 30;
const WEBHOOKS = 40;
const BIG_EVENTS = 25;
const BIG_FANOUT = 1_000;

beforeAll(async () => {
  reads = await storeWithCapturedReads('event-list');
  const { store, file } = reads;
  few = await store.workspaces.create('few', Date.now());
  many = await store.workspaces.create('many', Date.now());
  const now = Date.now();
  const webhook = (workspace: WorkspaceRef, name: string) => store.webhooks.create({
    workspace, name, url: `http://127.0.0.1:9/${name}`, description: '', events: ['*'], sealedHeaders: {}, status: 'active', secretEnc: 'x',
    format: 'standard', meta: {}, pausedBehavior: 'queue', disableRule: 'standard', now,
  });
  for (let w = 0; w < WEBHOOKS; w++) await webhook(few, `w${w}`);
  const bigWebhook = await webhook(many, 'big');
  // The two workspaces' events in turn, so that no page of one may count the other's.
  file.prepare(`INSERT INTO events (uid, workspace_id, type, data, idempotency_key, created_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
    SELECT 'ev' || i, CASE WHEN i % 2 = 0 OR i > ? THEN ? ELSE ? END, 'order.created', '{}', NULL, ? + i FROM n`)
    .run(EVENTS + BIG_EVENTS, 2 * BIG_EVENTS, few.seq, many.seq, now);
  // Statuses in turn: by event and webhook for the few; by the delivery's place among its event's for the many.
  file.prepare(`INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, "trigger", next_attempt_at, created_at, updated_at)
    SELECT e.uid || '-' || w.id, e.id, w.id, e.workspace_id, CASE (e.id + w.id) % 3 WHEN 0 THEN 'succeeded' WHEN 1 THEN 'failed' ELSE 'pending' END,
      1, 'scheduled', NULL, e.created_at, e.created_at
    FROM events e JOIN webhooks w ON w.workspace_id = e.workspace_id WHERE e.workspace_id = ?`).run(few.seq);
  file.prepare(`INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, "trigger", next_attempt_at, created_at, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
    SELECT e.uid || '-' || n.i, e.id, ?, e.workspace_id, CASE n.i % 3 WHEN 0 THEN 'succeeded' WHEN 1 THEN 'failed' ELSE 'pending' END,
      1, 'scheduled', NULL, e.created_at, e.created_at
    FROM events e CROSS JOIN n WHERE e.workspace_id = ?`).run(BIG_FANOUT, bigWebhook.seq, many.seq);
});

afterAll(() => reads.close());

/** What the list read on the store's own connection: never a whole table of events or deliveries. */
function expectIndexSearchesOnly() {
  for (const query of reads.onConnection) expect(reads.scans(query, /^(events|deliveries)$/), query.sql).toEqual([]);
}

it("counts a page's few deliveries by status on the store's connection, by index searches only", async () => {
  reads.clear();
  const page = await reads.store.events.list(few, {}, { limit: 250 });
  expect(page.items).toHaveLength(EVENTS);
  for (const event of page.items) {
    const expected = { succeeded: 0, failed: 0, pending: 0 };
    for (let w = 1; w <= WEBHOOKS; w++) {
      const rest = (event.seq + w) % 3;
      expected[rest === 0 ? 'succeeded' : rest === 1 ? 'failed' : 'pending']++;
    }
    expect(event).toMatchObject({ deliveryCount: WEBHOOKS, ...expected });
  }
  expect(reads.asLongReads).toEqual([]);
  expectIndexSearchesOnly();
});

it('counts a page of more than COUNTED_INLINE deliveries as a long read', async () => {
  expect(BIG_EVENTS * BIG_FANOUT).toBeGreaterThan(COUNTED_INLINE);
  reads.clear();
  const page = await reads.store.events.list(many, {}, { limit: 250 });
  expect(page.items).toHaveLength(BIG_EVENTS);
  for (const event of page.items) {
    expect(event).toMatchObject({ deliveryCount: BIG_FANOUT, succeeded: 334, failed: 333, pending: 333 });
  }
  expect(reads.asLongReads).toHaveLength(1);
  const counted = reads.asLongReads[0];
  expect(typeof counted !== 'string' && /FROM "deliveries"/i.test(counted.sql)).toBe(true);
  // On the connection, the first COUNTED_INLINE + 1 at most.
  const inline = reads.onConnection.filter((query) => /"deliveries"/.test(query.sql));
  expect(inline).toHaveLength(1);
  expect(inline[0].parameters).toContain(COUNTED_INLINE + 1);
  expectIndexSearchesOnly();
});

it('reads nothing more for an empty page', async () => {
  reads.clear();
  const empty = await reads.store.workspaces.create('empty', Date.now());
  const page = await reads.store.events.list(empty, {}, { limit: 50 });
  expect(page.items).toEqual([]);
  expect(reads.asLongReads).toEqual([]);
  expect(reads.onConnection.filter((query) => /"deliveries"/.test(query.sql))).toEqual([]);
});
