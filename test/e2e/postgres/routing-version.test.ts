/**
 * PostgreSQL keeps the webhooks a publish looked up, under the routing's version (sql/subscribed-routes.ts,
 * migrations/028): every change to the routing, by hookd or by anyone's SQL, must reach the next publish,
 * and nothing else may raise the version. Runs in the `postgres` project only (HOOKD_TEST_DATABASE_URL set).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import type { Workspace } from '../../../src/core/model.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`the routing kept by a publishing process on PostgreSQL (${USE_POSTGRES ? 'running' : reason})`, () => {
  let started: ApiRoleHookd;
  /** Another client of the database, as an operator's SQL or another process. */
  let other: pg.Client;
  beforeAll(async () => {
    started = await startApiRoleHookd('routing-version');
    other = new pg.Client({ connectionString: started.config.databaseUrl });
    await other.connect();
  });
  afterAll(async () => {
    await other?.end();
    await started?.stop();
  });

  const url = 'http://127.0.0.1:9/hooks';
  const publish = async (workspace: Workspace, type = 'order.created', data: Record<string, unknown> = {}) =>
    (await started.hookd.core.events.publish(workspace, { type, data })).deliveryCount;
  const version = async () => Number((await other.query<{ version: string }>('SELECT version FROM routing_version')).rows[0].version);
  /** The webhooks an event's deliveries went to, by name. */
  const routedTo = async (workspace: Workspace, type = 'order.created', data: Record<string, unknown> = {}) => {
    const { event } = await started.hookd.core.events.publish(workspace, { type, data });
    const { rows } = await other.query<{ name: string; status: string }>(
      'SELECT w.name, d.status FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN events e ON e.id = d.event_id WHERE e.uid = $1 ORDER BY w.name', [event.id]);
    return rows.map((row) => (row.status === 'held' ? `${row.name} (held)` : row.name));
  };

  it('follows every change hookd makes to the webhooks and their subscriptions', async () => {
    const { core } = started.hookd;
    const workspace = await core.workspaces.create({ name: 'routing' });
    let first = await core.webhooks.create(workspace, { name: 'first', url, events: ['order.*'], status: 'active' });
    expect(await routedTo(workspace)).toEqual(['first']);
    expect(await routedTo(workspace)).toEqual(['first']);

    const second = await core.webhooks.create(workspace, { name: 'second', url, events: ['order.created'], status: 'active' });
    expect(await routedTo(workspace)).toEqual(['first', 'second']);

    await core.webhooks.patch(workspace, second, { events: ['order.deleted'] });
    expect(await routedTo(workspace)).toEqual(['first']);
    expect(await routedTo(workspace, 'order.deleted')).toEqual(['first', 'second']);

    first = await core.webhooks.patch(workspace, first, { status: 'paused', pausedBehavior: 'queue' });
    expect(await routedTo(workspace)).toEqual(['first (held)']);
    first = await core.webhooks.patch(workspace, first, { pausedBehavior: 'drop' });
    expect(await routedTo(workspace)).toEqual([]);
    first = await core.webhooks.patch(workspace, first, { status: 'active' });
    expect(await routedTo(workspace)).toEqual(['first']);

    first = await core.webhooks.patch(workspace, first, { filter: { 'data.total': { $gt: 10 } } });
    expect(await routedTo(workspace, 'order.created', { total: 5 })).toEqual([]);
    expect(await routedTo(workspace, 'order.created', { total: 50 })).toEqual(['first']);
    first = await core.webhooks.patch(workspace, first, { filter: null });
    expect(await routedTo(workspace, 'order.created', { total: 5 })).toEqual(['first']);

    await core.webhooks.setStatus(first, 'disabled');
    expect(await routedTo(workspace)).toEqual([]);
    await core.webhooks.setStatus(first, 'active');
    expect(await routedTo(workspace)).toEqual(['first']);

    await core.webhooks.delete(await core.webhooks.get(workspace, first.id));
    expect(await publish(workspace)).toBe(0);
    expect(await routedTo(workspace, 'order.deleted')).toEqual(['second']);
  });

  it('follows changes made outside this process, and only those raise the version', async () => {
    const { core } = started.hookd;
    const workspace = await core.workspaces.create({ name: 'routing elsewhere' });
    const webhook = await core.webhooks.create(workspace, { name: 'elsewhere', url, events: ['order.created'], status: 'active' });
    expect(await publish(workspace)).toBe(1);

    // What every batch of outcomes writes to a webhook (its health), and what no routing reads: nothing raised.
    const before = await version();
    await other.query('UPDATE webhooks SET failure_count = failure_count + 1, last_success_at = 1, rate_log = NULL, updated_at = 2 WHERE id = $1', [webhook.seq]);
    await other.query('UPDATE webhooks SET status = status WHERE id = $1', [webhook.seq]);
    expect(await version()).toBe(before);
    expect(await publish(workspace)).toBe(1);

    // A change in a transaction is seen once it commits, not before.
    await other.query('BEGIN');
    await other.query(`UPDATE webhooks SET status = 'disabled' WHERE id = $1`, [webhook.seq]);
    expect(await publish(workspace)).toBe(1);
    await other.query('COMMIT');
    expect(await version()).toBe(before + 1);
    expect(await publish(workspace)).toBe(0);

    await other.query(`UPDATE webhooks SET status = 'active' WHERE id = $1`, [webhook.seq]);
    expect(await publish(workspace)).toBe(1);
    await other.query('DELETE FROM webhook_subscriptions WHERE webhook_id = $1', [webhook.seq]);
    expect(await publish(workspace)).toBe(0);
    await other.query('INSERT INTO webhook_subscriptions (workspace_id, pattern, webhook_id) VALUES ($1, $2, $3)', [workspace.seq, 'order.*', webhook.seq]);
    expect(await publish(workspace)).toBe(1);
    // One transaction that changes many rows raises it once per row, all at its commit.
    await other.query(`UPDATE webhooks SET ordering = 'none', rate_limit = 5 WHERE id = $1`, [webhook.seq]);
    expect(await version()).toBe(before + 5);
    expect(await publish(workspace)).toBe(1);
    // An operator's TRUNCATE too (the schema is this file's own, and this its last step).
    await other.query('TRUNCATE webhook_subscriptions');
    expect(await publish(workspace)).toBe(0);
    expect(await version()).toBe(before + 6);
  });
});
