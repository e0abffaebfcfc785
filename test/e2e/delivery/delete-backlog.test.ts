/**
 * Deleting a webhook with a history larger than one chunk (store/sql/webhooks.ts): its deliveries and
 * attempts go a chunk per statement, other requests going on meanwhile, and nothing of it is left. On
 * SQLite and on PostgreSQL.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { Webhook, Workspace } from '../../../src/core/model.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { insertBacklog, startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';

/** Two chunks and a half. */
const HISTORY = 2500;

describe(`deleting a webhook with a long history (${USE_POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let started: ApiRoleHookd;
  let hookd: Hookd;
  let store: SqlStore;
  let workspace: Workspace;
  let webhook: Webhook;
  let kept: Webhook;

  const rowsOf = async (seq: number) => Promise.all((['deliveries', 'attempts'] as const).map(async (table) =>
    Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('webhook_id', '=', seq).executeTakeFirstOrThrow()).n)));

  beforeAll(async () => {
    started = await startApiRoleHookd('delete-backlog');
    ({ hookd, store } = started);
    workspace = await hookd.core.workspaces.create({ name: 'delete-backlog' });
    webhook = await hookd.core.webhooks.create(workspace, { name: 'going', url: 'http://127.0.0.1:9/going', events: ['order.created'], status: 'active' });
    kept = await hookd.core.webhooks.create(workspace, { name: 'staying', url: 'http://127.0.0.1:9/staying', events: ['order.created'], status: 'paused' });
    const eventSeq = (await hookd.core.events.publish(workspace, { type: 'order.created', data: {} })).event.seq;
    await insertBacklog(store, { eventSeq, webhookSeq: webhook.seq, workspaceSeq: workspace.seq }, HISTORY, Date.now() - 3_600_000);
    // An attempt for each delivery, as their history.
    await sql`INSERT INTO attempts (delivery_id, webhook_id, workspace_id, event_type, "trigger", success, request_url, request_headers, request_body,
        response_code, response_message, response_headers, response_body, duration_ms, error, created_at)
      SELECT id, webhook_id, workspace_id, 'order.created', 'scheduled', 0, 'http://127.0.0.1:9/going', '{}', NULL, 500, 'Internal Server Error', '{}', NULL, 1, NULL, created_at
      FROM deliveries WHERE webhook_id = ${webhook.seq}`.execute(store.db);
    expect(await rowsOf(webhook.seq)).toEqual([HISTORY + 1, HISTORY + 1]);
  });

  afterAll(async () => {
    await started?.stop();
  });

  it('deletes its history a chunk at a time, letting other requests in, and leaves the other webhook as it was', async () => {
    const before = await rowsOf(kept.seq);
    const order: string[] = [];
    const deleting = hookd.core.webhooks.delete(webhook).then(() => order.push('deleted'));
    const other = hookd.core.workspaces.list({ limit: 1 }).then(() => order.push('other request'));
    await Promise.all([deleting, other]);
    expect(order).toEqual(['other request', 'deleted']);
    expect(await rowsOf(webhook.seq)).toEqual([0, 0]);
    expect(await store.webhooks.get(workspace, webhook.id)).toBeNull();
    expect(await rowsOf(kept.seq)).toEqual(before);
  });
});
