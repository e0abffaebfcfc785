/**
 * A filtered list reads a window of rows per page (store/sql/scan-window.ts): a filter that matches none
 * of a workspace's (or a webhook's) newest 10 000 events, deliveries or attempts answers with what it found there and a
 * cursor below them, and paging on finds the matches further down, each once, in order. The WooCommerce
 * face's delivery log, paged by offset, reaches as far.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HookdClient } from '../../../src/client/index.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { SCAN_WINDOW } from '../../../src/store/sql/scan-window.ts';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

const ROWS = 25_000;
const BIN = fileURLToPath(new URL('../../../bin/hookd.js', import.meta.url));

describe('filtered lists', () => {
  let server: TestHookd;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;
  let webhookId: string;
  let webhookNumber: number;

  beforeAll(async () => {
    server = await startTestHookd();
    ws = await createWorkspace(server.api);
    // Paused: nothing is sent; the rows below are written directly.
    const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'log', url: 'http://127.0.0.1:9/log', events: ['order.created', 'order.status'] });
    expect(created.status, created.text).toBe(201);
    webhookId = created.body.data.id;
    const db = (server.hookd.store as SqlStore).db;
    const { workspaceSeq, webhookSeq } = await db.selectFrom('webhooks').select(['workspace_id as workspaceSeq', 'id as webhookSeq']).where('uid', '=', webhookId).executeTakeFirstOrThrow();
    webhookNumber = Number(webhookSeq);
    const at = Date.now() - 60_000;
    // Three refunds first, the oldest, then ROWS orders: each event with one delivery and one attempt.
    await sql`INSERT INTO events (uid, workspace_id, type, data, idempotency_key, created_at, trace_parent)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS + 3})
      SELECT 'bulk_' || i, CAST(${workspaceSeq} AS BIGINT), CASE WHEN i <= 3 THEN 'order.status' ELSE 'order.created' END, '{}', NULL,
        CAST(${at} AS BIGINT) + i, NULL FROM n`.execute(db);
    await sql`INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, "trigger", next_attempt_at, created_at, updated_at)
      SELECT 'bulk_' || e.id, e.id, CAST(${webhookSeq} AS BIGINT), e.workspace_id, CASE WHEN e.type = 'order.status' THEN 'failed' ELSE 'succeeded' END,
        1, 'scheduled', NULL, e.created_at, e.created_at FROM events e WHERE e.uid LIKE 'bulk_%' ORDER BY e.id`.execute(db);
    await sql`INSERT INTO attempts (delivery_id, webhook_id, workspace_id, event_type, "trigger", success, request_url, request_headers, request_body,
        response_code, response_message, response_headers, response_body, duration_ms, error, created_at)
      SELECT d.id, d.webhook_id, d.workspace_id, 'order.created', CASE WHEN d.status = 'failed' THEN 'manual' ELSE 'scheduled' END, 1, 'http://127.0.0.1:9/log', '{}', NULL,
        200, 'OK', '{}', NULL, 1, NULL, d.created_at FROM deliveries d WHERE d.uid LIKE 'bulk_%' ORDER BY d.id`.execute(db);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  /** Every page of a list from `path` (a query string included), until its cursor ends. */
  async function allPages(path: string): Promise<Array<{ count: number; ids: string[] }>> {
    const pages = [];
    let cursor: string | null = null;
    do {
      const response: { status: number; body: { data: Array<{ id: string }>; page: { nextCursor: string | null } } } = await ws.api.get(`${path}&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      pages.push({ count: response.body.data.length, ids: response.body.data.map((item) => item.id) });
      cursor = response.body.page.nextCursor;
    } while (cursor !== null && pages.length < 100);
    return pages;
  }

  it.each([
    ['events of a type', () => `/workspaces/${ws.id}/events?type=order.status`],
    ['deliveries of a status', () => `/workspaces/${ws.id}/webhooks/${webhookId}/deliveries?status=failed`],
    ["a workspace's deliveries of a status", () => `/workspaces/${ws.id}/deliveries?status=failed`],
    ["a webhook's attempts of a trigger", () => `/workspaces/${ws.id}/webhooks/${webhookId}/attempts?trigger=manual`],
    ["a workspace's attempts of a trigger", () => `/workspaces/${ws.id}/attempts?trigger=manual`],
  ])('%s: a window of rows a page, then a cursor below it, to the matches further down', async (_name, path) => {
    const pages = await allPages(path());
    // The newest ROWS rows hold no match: a page for each window of them, empty, with a cursor.
    const windows = Math.floor(ROWS / SCAN_WINDOW);
    expect(pages.slice(0, windows).map((page) => page.count)).toEqual(Array(windows).fill(0));
    const found = pages.flatMap((page) => page.ids);
    expect(found).toHaveLength(3);
    expect(new Set(found).size).toBe(3);
    expect(pages.length).toBe(windows + 1);
  });

  it("the client's filled list follows the cursors until it has what it asked for (the dashboard's search)", async () => {
    const client = new HookdClient({ url: server.url, token: ws.key });
    const asked: Array<number> = [];
    const found = await client.filled((paging) => {
      asked.push(paging.limit);
      return client.api.GET('/workspaces/{ws}/events', { params: { path: { ws: ws.id }, query: { type: 'order.status', ...paging } } });
    }, 2);
    expect(found.items.map((event) => event.type)).toEqual(['order.status', 'order.status']);
    expect(found.nextCursor).not.toBeNull();
    expect(asked).toEqual([2, 2, 2]);
    // At most the requests it is given: then what it has, and where to go on.
    const first = await client.filled((paging) => client.api.GET('/workspaces/{ws}/events', { params: { path: { ws: ws.id }, query: { type: 'order.status', ...paging } } }), 2, 1);
    expect(first.items).toEqual([]);
    expect(first.nextCursor).not.toBeNull();
  });

  it("WooCommerce's delivery log reaches a webhook's newest 10 000 attempts, and counts no further", async () => {
    const log = async (query: string) => {
      const response = await fetch(`${server.url}/wc-api/v2/webhooks/${webhookNumber}/deliveries?${query}`, {
        headers: { authorization: `Basic ${Buffer.from(`${ws.consumerKey}:${ws.consumerSecret}`).toString('base64')}` },
      });
      expect(response.status).toBe(200);
      return { total: response.headers.get('x-wc-total'), count: ((await response.json()) as { webhook_deliveries: unknown[] }).webhook_deliveries.length };
    };
    expect(await log('filter[limit]=20')).toEqual({ total: String(SCAN_WINDOW), count: 20 });
    expect(await log(`filter[offset]=${SCAN_WINDOW - 10}&filter[limit]=20`)).toEqual({ total: String(SCAN_WINDOW), count: 10 });
    expect(await log(`filter[offset]=${SCAN_WINDOW}&filter[limit]=20`)).toEqual({ total: String(SCAN_WINDOW), count: 0 });
  });

  it('the CLI lists fill their pages the same way', async () => {
    const cli = (args: string[]) => new Promise<Array<{ type?: string; status?: string }>>((resolve, reject) => {
      execFile(process.execPath, [BIN, ...args, '--json'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, HOOKD_URL: server.url, HOOKD_TOKEN: ws.key, HOOKD_WORKSPACE: ws.id }, timeout: 20_000 },
        (error, stdout, stderr) => (error ? reject(new Error(`${args.join(' ')}: ${stderr}`)) : resolve(JSON.parse(stdout))));
    });
    expect((await cli(['event', 'list', '--type', 'order.status'])).map((event) => event.type)).toEqual(['order.status', 'order.status', 'order.status']);
    expect((await cli(['delivery', 'list', '--status', 'failed'])).map((delivery) => delivery.status)).toEqual(['failed', 'failed', 'failed']);
  });

  it('pages as before where no filter is given: full pages, in order', async () => {
    const first = await ws.api.get(`/workspaces/${ws.id}/events?limit=50`);
    expect(first.body.data).toHaveLength(50);
    const second = await ws.api.get(`/workspaces/${ws.id}/events?limit=50&cursor=${first.body.page.nextCursor}`);
    expect(second.body.data).toHaveLength(50);
    expect(second.body.data[0].id).not.toBe(first.body.data[49].id);
  });
});
