/**
 * Text PostgreSQL cannot store: an endpoint answering with NUL bytes (in its body or a header) is logged
 * like any other answer (each NUL kept as U+FFFD), its delivery moves on, and other deliveries are
 * recorded meanwhile. Input with a NUL never gets a 5xx: PostgreSQL's text refuses NUL, and hookd on it
 * answers 400; SQLite keeps it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';
import { ADMIN, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { deliveryOf, publish, workspaceWithWebhook } from './support.ts';

describe('NUL bytes', () => {
  let server: TestHookd;
  const newReceiver = receiversClosedAfterAll();

  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '50ms' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('logs an answer holding NUL bytes, and keeps recording the others', async () => {
    const hostile = await newReceiver();
    hostile.behaviour = { kind: 'status', status: 500, headers: { 'x-odd': 'a' }, body: 'bad\u0000body\u0000' };
    const healthy = await newReceiver();
    const bad = await workspaceWithWebhook(server.api, 'nul-answer', hostile.url('/nul'));
    const good = await workspaceWithWebhook(server.api, 'nul-neighbour', healthy.url('/ok'));
    const badEvent = await publish(bad.ws, { n: 1 });
    const goodEvent = await publish(good.ws, { n: 2 });
    const failed = await deliveryOf(bad.ws, bad.webhook.id, badEvent.id, 'failed');
    expect(failed.attempts).toHaveLength(2);
    expect(failed.attempts[0].response.code).toBe(500);
    expect(failed.attempts[0].response.body).toBe('bad\uFFFDbody\uFFFD');
    const delivered = await deliveryOf(good.ws, good.webhook.id, goodEvent.id, 'succeeded');
    expect(delivered.attempts).toHaveLength(1);
  });

  it('answers a NUL in a path or a name with a 4xx, never a 5xx (a 400 on PostgreSQL)', async () => {
    const { ws } = await workspaceWithWebhook(server.api, 'nul-input', 'http://127.0.0.1:9/unused');
    const admin = server.api.as(ADMIN);
    const path = await admin.request('GET', '/workspaces/%00/event-types');
    expect([400, 404]).toContain(path.status);
    const named = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'a\u0000b', url: 'http://127.0.0.1:9/x', events: ['order.created'] });
    if (USE_POSTGRES) {
      expect(named.status).toBe(400);
      expect(named.body.error.message).toContain('NUL');
      const listed = await ws.api.request('GET', `/workspaces/${ws.id}/webhooks`);
      expect(listed.body.data.map((w: { name: string }) => w.name)).not.toContain('a\u0000b');
    } else {
      expect(named.status).toBe(201);
    }
  });
});
