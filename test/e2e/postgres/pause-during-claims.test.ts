/**
 * A pause holds a webhook's whole backlog even while claims hold some of its rows, and never waits for
 * them (see store/sql/queued-work.ts): on PostgreSQL a claim can lock rows the pause is moving a chunk at
 * a time; the pause must not stop short there, and must not wait for the lock either, since a move that
 * waits while holding rows of its own deadlocked with another move of the same webhook (the PATCH answered
 * 503). The claim is played here by a transaction that locks every tenth row and keeps them locked until
 * the pause has answered, then marks them `sending` as a claim would.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';
import { Receiver } from '../../helpers/receiver.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`pausing a webhook while claims take its rows (${USE_POSTGRES ? 'running' : reason})`, () => {
  let hookd: TestHookd;
  let db: pg.Client;
  let schemaUrl: string;
  let failing: Receiver | undefined;

  beforeAll(async () => {
    schemaUrl = (await createTestSchema()).url;
    // Each delivery fails once (its endpoint answers 500, which rests nothing) and then waits an hour: a
    // backlog nobody sends meanwhile.
    hookd = await startTestHookd({ databaseUrl: schemaUrl, retrySchedule: '1h', webhookConcurrency: '64' });
    db = new pg.Client({ connectionString: schemaUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await hookd?.stop();
    await failing?.close();
  });

  it('holds every pending delivery no claim holds, without waiting for those a claim holds', { timeout: 120_000 }, async () => {
    const total = 2500;
    const ws = await createWorkspace(hookd.api, 'pause-race');
    failing = await Receiver.start();
    failing.behaviour = { kind: 'status', status: 500 };
    const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'failing', url: failing.url('/failing'), events: ['order.created'], active: true });
    expect(created.status, created.text).toBe(201);
    for (let i = 0; i < total; i += 100) {
      const batch = Array.from({ length: Math.min(100, total - i) }, (_, j) => ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i: i + j } }));
      for (const response of await Promise.all(batch)) expect(response.status).toBe(202);
    }
    const counts = async () => Object.fromEntries((await db.query<{ status: string; n: number }>(
      "SELECT status, count(*)::int AS n FROM deliveries WHERE attempt_count > 0 OR status <> 'pending' GROUP BY status")).rows.map((row) => [row.status, row.n]));
    await eventually(async () => (await counts()).pending === total, 60_000, 250);

    const claim = new pg.Client({ connectionString: schemaUrl });
    await claim.connect();
    try {
      await claim.query('BEGIN');
      const taken = (await claim.query<{ id: string }>("SELECT id FROM deliveries WHERE status = 'pending' AND id % 10 = 0 FOR UPDATE")).rows.map((row) => row.id);
      // Answered while the "claim" still holds its rows: the pause stepped over them.
      const paused = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${created.body.data.id}`, { active: false });
      expect(paused.status, paused.text).toBe(200);
      expect(await counts()).toEqual({ held: total - taken.length, pending: taken.length });
      await claim.query("UPDATE deliveries SET status = 'sending' WHERE id = ANY($1)", [taken]);
      await claim.query('COMMIT');
      expect(await counts()).toEqual({ held: total - taken.length, sending: taken.length });
    } finally {
      await claim.end();
    }
  });
});
