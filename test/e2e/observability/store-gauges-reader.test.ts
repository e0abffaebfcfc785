/**
 * /metrics's store gauges are read on a connection of their own (store/sqlite-background.ts on SQLite; the
 * pool's on PostgreSQL), never on the one the event loop's requests write through: on SQLite a count of a
 * million deliveries held the event loop for half a second. Shown by reading them while a transaction
 * holds the store's own connection: read there, the read would wait for the transaction, which waits for
 * the read. The read sees what is committed only.
 */
import { createRequire } from 'node:module';
import SQLite from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { SqliteBackground } from '../../../src/store/sqlite-background.ts';
import { SQLITE_FILE } from '../../../src/store/open.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { eventually } from '../../helpers/hookd.ts';
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

const require = createRequire(import.meta.url);

describe.skipIf(USE_POSTGRES)('the SQLite background thread', () => {
  let started: ApiRoleHookd;
  let reader: SqliteBackground;

  beforeAll(async () => {
    started = await startApiRoleHookd('sqlite-reader');
    reader = new SqliteBackground(join(started.config.dataDir, SQLITE_FILE), require.resolve('better-sqlite3'));
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

  it('checkpoints the write-ahead log', async () => {
    // A file of its own whose writer never checkpoints: only the thread copies the log into the file.
    const path = join(started.config.dataDir, 'checkpointed.sqlite');
    const file = new SQLite(path);
    file.pragma('journal_mode = WAL');
    file.pragma('wal_autocheckpoint = 0');
    file.exec('CREATE TABLE t (v TEXT)');
    const before = statSync(path).size;
    const insert = file.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(1000));
    expect(statSync(path).size).toBe(before);
    const thread = new SqliteBackground(path, require.resolve('better-sqlite3'), 50);
    try {
      await eventually(async () => statSync(path).size > before, 5_000, 50);
    } finally {
      await thread.stop();
      file.close();
    }
  });

  it('refuses reads once stopped', async () => {
    await reader.stop();
    await expect(reader.read(['SELECT 1'])).rejects.toThrow(/stopped/);
  });
});
