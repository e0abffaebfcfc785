/**
 * On PostgreSQL a publish written in one statement (store/sql/one-statement-publish.ts) tells the other
 * processes of its deliveries in that statement: one notice, sent with the commit, from the store's own
 * connection, and no second one from the connection kept for notices. A publish that takes the general
 * path's transaction (to a FIFO webhook) is told of by that connection, as before.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { Workspace } from '../../../src/core/model.ts';
import { workChannel } from '../../../src/store/postgres-signals.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';
import { eventually } from '../../helpers/hookd.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`the notice of a publish (${USE_POSTGRES ? 'running' : reason})`, () => {
  let running: ApiRoleHookd;
  let hookd: Hookd;
  let workspace: Workspace;
  let listener: pg.Client;
  /** The backends that sent the notices received, in order. */
  const senders: number[] = [];

  beforeAll(async () => {
    running = await startApiRoleHookd('publish-notice');
    hookd = running.hookd;
    workspace = await hookd.core.workspaces.create({ name: 'notice' });
    await hookd.core.webhooks.create(workspace, { name: 'plain', url: 'http://127.0.0.1:9/p', events: ['order.created'], status: 'active' });
    await hookd.core.webhooks.create(workspace, { name: 'fifo', url: 'http://127.0.0.1:9/f', events: ['order.shipped'], status: 'active', ordering: 'fifo' });
    const { rows: [{ schema }] } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(running.store.db);
    listener = new pg.Client({ connectionString: running.config.databaseUrl });
    await listener.connect();
    listener.on('notification', (message) => senders.push(message.processId));
    await listener.query(`LISTEN "${workChannel(schema)}"`);
  });

  afterAll(async () => {
    await listener?.end();
    await running?.stop();
  });

  /** The notices a publish of `type` causes, by the name of the connection that sent each. */
  async function noticesOf(type: string): Promise<string[]> {
    senders.length = 0;
    await hookd.core.events.publish(workspace, { type, data: { n: 1 } });
    await eventually(async () => senders.length > 0);
    // Time for a second notice, were one sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const names: string[] = [];
    for (const pid of senders) {
      const { rows: [row] } = await listener.query<{ name: string }>('SELECT application_name AS name FROM pg_stat_activity WHERE pid = $1', [pid]);
      names.push(row?.name ?? 'gone');
    }
    return names;
  }

  it('is sent once, by the statement that wrote the deliveries', async () => {
    expect(await noticesOf('order.created')).toEqual([`hookd ${process.pid}`]);
  });

  it('is sent by the connection kept for notices when the publish took a transaction', async () => {
    expect(await noticesOf('order.shipped')).toEqual([`hookd ${process.pid} notify`]);
  });
});
