/**
 * /metrics's store gauges are read on a connection of their own (store/sqlite-reader.ts on SQLite; the
 * pool's on PostgreSQL), never on the one the event loop's requests write through: on SQLite a count of a
 * million deliveries held the event loop for half a second. Shown by reading them while a transaction
 * holds the store's own connection: read there, the read would wait for the transaction, which waits for
 * the read. The read sees what is committed only.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { SqliteReader } from '../../../src/store/sqlite-reader.ts';
import { SQLITE_FILE } from '../../../src/store/open.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';

describe(`the store gauges' own connection (${USE_POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let started: ApiRoleHookd;
  let hookd: Hookd;
  let store: SqlStore;

  beforeAll(async () => {
    started = await startApiRoleHookd('gauges-reader');
    ({ hookd, store } = started);
    const workspace = await hookd.core.workspaces.create({ name: 'gauges' });
    await hookd.core.webhooks.create(workspace, { name: 'w', url: 'http://127.0.0.1:9/w', events: ['order.created'], status: 'active' });
  });

  afterAll(async () => {
    await started?.stop();
  });

  it('reads while a transaction holds the store, and sees only what is committed', async () => {
    const during = await store.db.transaction().execute(async (trx) => {
      await sql`UPDATE webhooks SET status = 'paused'`.execute(trx);
      return store.queueStats.read();
    });
    expect(during.webhooks).toEqual({ active: 1, paused: 0, disabled: 0 });
    expect((await store.queueStats.read()).webhooks).toEqual({ active: 0, paused: 1, disabled: 0 });
  });
});

describe.skipIf(USE_POSTGRES)('the SQLite reader', () => {
  let started: ApiRoleHookd;
  let reader: SqliteReader;

  beforeAll(async () => {
    started = await startApiRoleHookd('sqlite-reader');
    reader = new SqliteReader(join(started.config.dataDir, SQLITE_FILE), createRequire(import.meta.url).resolve('better-sqlite3'));
  });

  afterAll(async () => {
    await reader?.stop();
    await started?.stop();
  });

  it('answers a failed statement with its error, and goes on reading', async () => {
    await expect(reader.read(['SELECT * FROM no_such_table'])).rejects.toThrow(/no such table/);
    expect(await reader.read(['SELECT 1 AS one', "SELECT 'two' AS two"])).toEqual([[{ one: 1 }], [{ two: 'two' }]]);
  });

  it('writes nothing: its connection is read-only', async () => {
    await expect(reader.read(['DELETE FROM webhooks RETURNING id'])).rejects.toThrow(/readonly/);
  });

  it('refuses reads once stopped', async () => {
    await reader.stop();
    await expect(reader.read(['SELECT 1'])).rejects.toThrow(/stopped/);
  });
});
