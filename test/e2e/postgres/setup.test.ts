/**
 * Setting up PostgreSQL as a newcomer would: the schema the URL names need not exist yet (hookd creates
 * it), a URL may name the server's Unix socket, and a second process with an encryption key of its own
 * is refused with words saying what to do.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startHookd } from '../../../src/app.ts';
import { StartupError, loadConfig } from '../../../src/config.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { TEST_DATABASE_URL, USE_POSTGRES } from '../../helpers/postgres.ts';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`setting up PostgreSQL (${USE_POSTGRES ? 'running' : reason})`, () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookd-pg-setup-'));
    dirs.push(dir);
    return dir;
  };
  /** A URL whose search_path names a schema nobody has created. */
  const freshSchemaUrl = () => {
    const url = new URL(TEST_DATABASE_URL as string);
    url.searchParams.set('options', `-c search_path=hookd_test_${randomBytes(6).toString('hex')}`);
    return url.toString();
  };
  const config = (databaseUrl: string) => loadConfig({}, { databaseUrl, dataDir: dataDir(), port: '0', host: '127.0.0.1', adminToken: 'admin', logLevel: 'silent', allowPrivateNetworks: 'true' });
  const newReceiver = receiversClosedAfterAll();

  // Debian's server listens on a Unix socket too; a hookd on the same machine may connect through it (the
  // URL's host is the socket's directory, URL-encoded).
  const socketDir = process.env.HOOKD_TEST_POSTGRES_SOCKET_DIR ?? '/var/run/postgresql';
  const socketPort = new URL(TEST_DATABASE_URL ?? 'postgres://x:5432').port || '5432';
  const socketMissing = existsSync(join(socketDir, `.s.PGSQL.${socketPort}`)) ? null : `no PostgreSQL socket in ${socketDir} (HOOKD_TEST_POSTGRES_SOCKET_DIR)`;

  it.skipIf(socketMissing !== null)(`connects through the server's Unix socket, and delivers (${socketMissing ?? 'running'})`, async () => {
    const tcp = new URL(freshSchemaUrl());
    const url = `postgres://${tcp.username}@${encodeURIComponent(socketDir)}:${socketPort}${tcp.pathname}${tcp.search}`;
    const hookd = await startHookd(config(url), pino({ level: 'silent' }));
    try {
      // A connection through a Unix socket has no server address.
      const { rows } = await sql<{ address: string | null }>`SELECT host(inet_server_addr()) AS address`.execute((hookd.store as SqlStore).db);
      expect(rows).toEqual([{ address: null }]);
      const receiver = await newReceiver();
      const workspace = await hookd.core.workspaces.create({ name: 'socket' });
      await hookd.core.webhooks.create(workspace, { name: 'w', url: receiver.url('/socket'), events: ['order.created'], status: 'active' });
      const published = await hookd.core.events.publish(workspace, { type: 'order.created', data: { through: 'socket' } });
      const [received] = await receiver.waitFor(1);
      expect(JSON.parse(received.text)).toMatchObject({ type: 'order.created', data: { through: 'socket' } });
      expect(received.headers['webhook-id']).toBe(published.event.id);
    } finally {
      await hookd.close();
    }
  });

  it('creates the schema the search_path names when it does not exist', async () => {
    const url = freshSchemaUrl();
    const hookd = await startHookd(config(url), pino({ level: 'silent' }));
    try {
      expect((await fetch(`${hookd.url}/healthz`)).status).toBe(200);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query("SELECT current_schema() AS schema, to_regclass('webhooks') IS NOT NULL AS migrated");
      await client.end();
      expect(rows[0]).toEqual({ schema: new URL(url).searchParams.get('options')?.split('=')[1], migrated: true });
    } finally {
      await hookd.close();
    }
  });

  it('refuses a second process whose own encryption key differs, saying every process needs the same one', async () => {
    const url = freshSchemaUrl();
    const first = await startHookd(config(url), pino({ level: 'silent' }));
    try {
      const error = await startHookd(config(url), pino({ level: 'silent' })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StartupError);
      expect((error as Error).message).toMatch(/encryption\.key \(generated: HOOKD_ENCRYPTION_KEY is not set\) does not match/);
      expect((error as Error).message).toContain('Every hookd process on one PostgreSQL database needs the same HOOKD_ENCRYPTION_KEY');
    } finally {
      await first.close();
    }
  });
});
