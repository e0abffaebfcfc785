/** Retention prunes old attempts, finished deliveries and their events, and never pending work. */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/store/schema.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { SqlRetention } from '../../../src/store/sql/retention.ts';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';

const DAY = 86_400_000;

/** `n` attempts of a webhook, written directly, all started at `createdAt`. */
async function insertAttempts(db: Kysely<Database>, webhookSeq: number, n: number, createdAt: number): Promise<void> {
  await sql`INSERT INTO attempts (delivery_id, webhook_id, workspace_id, event_type, "trigger", success, request_url, request_headers, request_body,
      response_code, response_message, response_headers, response_body, duration_ms, error, created_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})
    SELECT NULL, CAST(${webhookSeq} AS BIGINT), (SELECT workspace_id FROM webhooks WHERE id = ${webhookSeq}), 'order.created', 'scheduled', 1, 'http://127.0.0.1:9/', '{}', NULL, 200, 'OK', '{}', NULL, 1,
      NULL, CAST(${createdAt} AS BIGINT) FROM n`.execute(db);
}

/** Rows of `table` read so far in this transaction (PostgreSQL): by its sequential scans, and entries of its indexes returned. */
async function rowsRead(trx: Kysely<Database>, table: string): Promise<number> {
  const { rows: [stats] } = await sql<{ read: string }>`SELECT pg_stat_get_xact_tuples_returned(CAST(${table} AS regclass))
    + (SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(indexrelid)), 0) FROM pg_index WHERE indrelid = CAST(${table} AS regclass)) AS read`.execute(trx);
  return Number(stats.read);
}

describe('retention', () => {
  let server: TestHookd;
  let receiver: Receiver;

  beforeAll(async () => {
    server = await startTestHookd({ retention: '1d' });
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });

  it('prunes history past the retention period, in batches, keeping held work', async () => {
    const ws = await createWorkspace(server.api);
    const live = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'live', url: receiver.url('/live'), events: ['order.created'], active: true })).body.data;
    const paused = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'paused', url: receiver.url('/paused'), events: ['order.created'] })).body.data;
    const events = [];
    for (let i = 0; i < 5; i++) events.push((await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i } })).body.data.id);
    await receiver.waitFor(5);
    await eventually(async () => {
      const list = await ws.api.get(`/workspaces/${ws.id}/webhooks/${live.id}/deliveries?status=succeeded`);
      return list.body.data.length === 5;
    });
    const job = server.hookd.retention!;
    expect(await job.runOnce()).toEqual({ attempts: 0, deliveries: 0, events: 0 });
    const counts = await job.runOnce(Date.now() + 2 * 86_400_000);
    expect(counts).toEqual({ attempts: 5, deliveries: 5, events: 0 });
    expect((await ws.api.get(`/workspaces/${ws.id}/webhooks/${live.id}/deliveries`)).body.data).toHaveLength(0);
    // The paused webhook's held deliveries (and so their events) are kept.
    expect((await ws.api.get(`/workspaces/${ws.id}/webhooks/${paused.id}/deliveries?status=held`)).body.data).toHaveLength(5);
    expect((await ws.api.get(`/workspaces/${ws.id}/events/${events[0]}`)).status).toBe(200);
    await ws.api.delete(`/workspaces/${ws.id}/webhooks/${paused.id}`);
    expect((await job.runOnce(Date.now() + 2 * 86_400_000)).events).toBe(5);
    expect((await ws.api.get(`/workspaces/${ws.id}/events/${events[0]}`)).status).toBe(404);
  });

  it('walks the history a chunk of ids at a time, over gaps, to the first row newer than the cutoff', async () => {
    const ws = await createWorkspace(server.api);
    const webhook = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'history', url: receiver.url('/history'), events: ['order.created'] })).body.data;
    const db = (server.hookd.store as SqlStore).db;
    const { seq } = (await db.selectFrom('webhooks').select('id as seq').where('uid', '=', webhook.id).executeTakeFirstOrThrow());
    await insertAttempts(db, Number(seq), 2_500, Date.now() - 3 * DAY);
    // A gap of 1 000 ids in the middle, as an earlier pruning of one webhook's attempts leaves.
    await sql`DELETE FROM attempts WHERE id IN (SELECT id FROM attempts WHERE webhook_id = ${seq} ORDER BY id LIMIT 1000 OFFSET 700)`.execute(db);
    await insertAttempts(db, Number(seq), 7, Date.now());
    const counts = await server.hookd.retention!.runOnce();
    expect(counts.attempts).toBe(1_500);
    expect(Number((await db.selectFrom('attempts').select((eb) => eb.fn.countAll().as('n')).where('webhook_id', '=', seq).executeTakeFirstOrThrow()).n)).toBe(7);
  });

  it.skipIf(!USE_POSTGRES)(`reads one row of each table, not the whole history, when nothing is old enough${USE_POSTGRES ? '' : ' (needs PostgreSQL, whose statistics count the rows read: runs in the postgres project)'}`, async () => {
    // A server of its own: rows the tests above pruned would leave dead index entries at the front, which
    // the first scan after them steps over once.
    const own = await startTestHookd({ retention: '1d' });
    try {
      const ws = await createWorkspace(own.api);
      const webhook = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'recent', url: receiver.url('/recent'), events: ['order.created'] })).body.data;
      const db = (own.hookd.store as SqlStore).db;
      const { seq } = (await db.selectFrom('webhooks').select('id as seq').where('uid', '=', webhook.id).executeTakeFirstOrThrow());
      await insertAttempts(db, Number(seq), 3_000, Date.now());
      for (let i = 0; i < 20; i++) await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i } });
      await db.transaction().execute(async (trx) => {
        const tables = ['attempts', 'deliveries', 'events'];
        const before = await Promise.all(tables.map((table) => rowsRead(trx, table)));
        expect(await new SqlRetention(trx).prune(Date.now() - DAY)).toEqual({ attempts: 0, deliveries: 0, events: 0 });
        const read = (await Promise.all(tables.map((table) => rowsRead(trx, table)))).map((after, i) => after - before[i]);
        console.log(`rows read by a pruning with nothing to prune (attempts, deliveries, events): ${read.join(', ')}`);
        // The first row of each, newer than the cutoff, ends its walk; the look for rows of deleted
        // webhooks (orphans.ts) reads one entry per webhook. Not the 3 000 attempts.
        expect(read[0]).toBeLessThan(10);
        expect(Math.max(...read)).toBeLessThan(50);
      });
    } finally {
      await own.stop();
    }
  });
});
