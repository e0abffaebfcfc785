/**
 * When the store fails, hookd says why and what to do. At start: a data dir that cannot be created and
 * a damaged database file are named, with the reason, and no stack trace. Running: a disk that fills up
 * (SQLite's page limit stands in for it) answers 503 with Retry-After, /healthz names the cause, the log
 * shows the real error (not "cannot rollback"), and everything works again once there is room.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { startHookd } from '../../../src/app.ts';
import { StartupError, loadConfig } from '../../../src/config.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { ADMIN, ApiClient, createWorkspace, eventually } from '../../helpers/hookd.ts';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';

const sqliteOnly = USE_POSTGRES ? 'on SQLite only: it is about the data dir and the SQLite file' : false;
if (sqliteOnly) console.log(`  storage failure tests skipped: ${sqliteOnly}`);

describe.skipIf(sqliteOnly)('storage failures (SQLite)', () => {
  const parent = mkdtempSync(join(tmpdir(), 'hookd-storage-'));
  const newReceiver = receiversClosedAfterAll();
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  const config = (dataDir: string) => loadConfig({}, { dataDir, port: '0', host: '127.0.0.1', adminToken: ADMIN, allowPrivateNetworks: 'true', logLevel: 'warn' });

  it('names the data dir that cannot be created, and why', async () => {
    const file = join(parent, 'a-file');
    writeFileSync(file, 'not a directory');
    const error = await startHookd(config(join(file, 'data')), pino({ level: 'silent' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(new RegExp(`cannot create the data dir ${join(file, 'data')}: .*ENOTDIR`));
  });

  it('names a damaged database file, and what to do', async () => {
    const dataDir = join(parent, 'damaged');
    await startHookd(config(dataDir), pino({ level: 'silent' })).then((hookd) => hookd.close());
    writeFileSync(join(dataDir, 'hookd.sqlite'), Buffer.alloc(8192, 'garbage!'));
    rmSync(join(dataDir, 'hookd.sqlite-wal'), { force: true });
    rmSync(join(dataDir, 'hookd.sqlite-shm'), { force: true });
    const error = await startHookd(config(dataDir), pino({ level: 'silent' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toContain(`the SQLite database ${join(dataDir, 'hookd.sqlite')} is damaged or is not a SQLite database`);
    expect((error as Error).message).toMatch(/SQLITE_NOTADB/);
  });

  it('answers 503 with Retry-After while the disk is full, says why in /healthz and the log, and recovers', { timeout: 30_000 }, async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } }));
    const hookd = await startHookd(config(join(parent, 'full')), log);
    try {
      const api = new ApiClient(hookd.url as string);
      const ws = await createWorkspace(api, 'full');
      const receiver = await newReceiver();
      expect((await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'w', url: receiver.url('/full'), events: ['order.created'], active: true })).status).toBe(201);
      const { db } = hookd.store as SqlStore;
      // No page more than the file has now: the next growth fails as a full disk does (SQLITE_FULL).
      const { rows: [{ page_count: pages }] } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(db);
      await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(db);

      const big = { blob: 'x'.repeat(200_000) };
      const refused = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: big });
      expect(refused.status).toBe(503);
      expect(refused.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('full') });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const health = await fetch(`${hookd.url}/healthz`);
      expect(health.status).toBe(503);
      expect(((await health.json()) as any).problems.store).toMatch(/cannot write.*full/);
      const logged = lines.join('');
      expect(logged).toMatch(/database or disk is full/);
      expect(logged).not.toMatch(/cannot rollback/);

      await sql.raw('PRAGMA max_page_count = 1073741823').execute(db);
      const accepted = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: big });
      expect(accepted.status).toBe(202);
      await receiver.waitFor(1);
      await eventually(async () => (await fetch(`${hookd.url}/healthz`)).status === 200);
    } finally {
      await hookd.close();
    }
  });
});
