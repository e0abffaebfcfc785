/**
 * PostgreSQL claims look for a webhook's first due rows past those they took lately (store/sql/due-scan.ts,
 * `#startFrom`), not from the front of its due order, where the taken rows' dead versions pile up. A row
 * that becomes due behind that point must still go out soon: here, while a slow webhook's backlog fills
 * the front of the due order (so only the per-webhook look can find the row), a delivery of another
 * webhook is made due behind the point that webhook's drain has moved on to.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';
import { Receiver } from '../../helpers/receiver.ts';

const CROWD = 400;
const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`a webhook's due rows behind where its claims look (${USE_POSTGRES ? 'running' : reason})`, () => {
  let hookd: TestHookd;
  let db: pg.Client;
  let schemaUrl: string;
  let slow: Receiver;
  let fast: Receiver;

  beforeAll(async () => {
    schemaUrl = (await createTestSchema()).url;
    hookd = await startTestHookd({ databaseUrl: schemaUrl, concurrency: '32', webhookConcurrency: '2' });
    db = new pg.Client({ connectionString: schemaUrl });
    await db.connect();
    [slow, fast] = [await Receiver.start(), await Receiver.start()];
    slow.behaviour = { kind: 'slow', ms: 300 };
  });
  afterAll(async () => {
    await db?.end();
    await hookd?.stop();
    await slow?.close();
    await fast?.close();
  });

  it('go out within seconds, while another webhook\'s backlog fills the front of the due order', { timeout: 90_000 }, async () => {
    const ws = await createWorkspace(hookd.api, 'starting-point');
    const webhook = async (name: string, url: string, event: string) => {
      const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name, url, events: [event], active: false });
      expect(created.status, created.text).toBe(201);
      return created.body.data.id as string;
    };
    const [crowd, drained] = [await webhook('crowd', slow.url('/crowd'), 'order.created'), await webhook('drained', fast.url('/drained'), 'order.updated')];
    const publish = async (type: string, count: number) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i += 50) {
        const batch = await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => ws.api.post(`/workspaces/${ws.id}/events`, { type, data: { i: i + j } })));
        for (const response of batch) ids.push(response.body.data.id);
      }
      return ids;
    };
    await publish('order.created', CROWD);
    const events = await publish('order.updated', 150);
    // One of them waits on a retry an hour away, so the resume leaves it alone.
    const late = (await db.query<{ id: string }>(
      "UPDATE deliveries SET status = 'pending', next_attempt_at = $1 WHERE id = (SELECT min(d.id) FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE w.uid = $2) RETURNING id",
      [Date.now() + 3_600_000, drained])).rows[0].id;
    const lateEvent = (await db.query<{ uid: string }>('SELECT e.uid FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.id = $1', [late])).rows[0].uid;

    // The crowd's rows, each 300 ms with 2 at a time, hold the front of the due order for a minute.
    expect((await ws.api.patch(`/workspaces/${ws.id}/webhooks/${crowd}`, { active: true })).status).toBe(200);
    expect((await ws.api.patch(`/workspaces/${ws.id}/webhooks/${drained}`, { active: true })).status).toBe(200);
    await fast.waitFor(50, 30_000);
    // Due now, in front of everything the drain took so far, but behind the crowd's rows.
    const resumedAt = Number((await db.query<{ at: string }>('SELECT min(d.next_attempt_at) AS at FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE w.uid = $1', [crowd])).rows[0].at);
    await db.query('UPDATE deliveries SET next_attempt_at = $1 WHERE id = $2', [resumedAt + 1, late]);
    const madeDue = Date.now();

    await eventually(async () => fast.requests.some((r) => r.headers['webhook-id'] === lateEvent), 15_000, 50);
    const waited = Date.now() - madeDue;
    // Only the per-webhook look could find it: more of the crowd's rows were still due in front of it than
    // a claim's window reads (its room, at most twice the 32 slots, and 64 more).
    expect(CROWD - slow.requests.length).toBeGreaterThan(2 * 32 + 64);
    await eventually(async () => new Set(fast.requests.map((r) => r.headers['webhook-id'])).size === 150, 30_000, 100);
    const ids = fast.requests.map((r) => r.headers['webhook-id'] as string);
    expect(new Set(ids)).toEqual(new Set(events));
    expect(ids).toHaveLength(150);
    console.log(`a row made due behind the drain's starting point went out after ${waited} ms`);
  });
});
