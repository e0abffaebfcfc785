/**
 * A delivery shows its latest attempts (core/deliveries.ts, DELIVERY_ATTEMPTS_SHOWN): each resend makes
 * one more, as often as a client asks, so the list that comes with the delivery is bounded; the whole log
 * is paged by the webhook's attempts list.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_ATTEMPTS_SHOWN } from '../../../src/core/deliveries.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

describe("a delivery's attempts", () => {
  let server: TestHookd;

  beforeAll(async () => {
    server = await startTestHookd();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it(`come with it, the latest ${DELIVERY_ATTEMPTS_SHOWN}, oldest first; the webhook's log has them all`, async () => {
    const ws = await createWorkspace(server.api, 'many-attempts');
    // Paused: the delivery is held, nothing is sent; its attempts are written directly.
    const webhook = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'h', url: 'http://127.0.0.1:9/h', events: ['order.created'], active: false })).body.data;
    const event = (await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { n: 1 } })).body.data;
    const delivery = (await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries`)).body.data[0];
    expect(delivery.eventId).toBe(event.id);
    const total = DELIVERY_ATTEMPTS_SHOWN + 5;
    const db = (server.hookd.store as SqlStore).db;
    await sql`INSERT INTO attempts (delivery_id, webhook_id, workspace_id, event_type, "trigger", success, request_url, request_headers, request_body,
        response_code, response_message, response_headers, response_body, duration_ms, error, created_at)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${total})
      SELECT d.id, d.webhook_id, d.workspace_id, 'order.created', 'manual', 0, 'http://127.0.0.1:9/h', '{}', NULL, 500, 'Internal Server Error', '{}', NULL, 1, NULL,
        CAST(${Date.now()} AS BIGINT) + n.i FROM n, deliveries d WHERE d.uid = ${delivery.id}`.execute(db);
    const shown = (await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries/${delivery.id}`)).body.data;
    const all: Array<{ id: string; createdAt: string }> = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ id: string; createdAt: string }>; page: { nextCursor: string | null } } } = await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/attempts?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...page.body.data);
      cursor = page.body.page.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(total);
    expect(shown.attempts).toHaveLength(DELIVERY_ATTEMPTS_SHOWN);
    // The latest, oldest first: the log's newest, in the other order.
    expect(shown.attempts.map((attempt: { id: string }) => attempt.id)).toEqual(all.slice(0, DELIVERY_ATTEMPTS_SHOWN).map((attempt) => attempt.id).reverse());
  });
});
