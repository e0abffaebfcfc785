/**
 * PostgreSQL going away does not take hookd with it: connections the server ends are replaced (the
 * process survives, LISTEN comes back), and while the database cannot be reached the API answers 503
 * with Retry-After and /healthz says why; when it is back, hookd carries on. The database "goes away"
 * behind a TCP relay the test cuts and restores.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';
import { createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

/** A TCP relay to the PostgreSQL server that can be cut (every connection dropped, none accepted) and restored. */
class Relay {
  #server: Server | null = null;
  readonly #sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  async open(): Promise<void> {
    this.#server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 5432), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.#server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.#server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server = null;
  }
}

describe.skipIf(!USE_POSTGRES)(`PostgreSQL connections lost (${USE_POSTGRES ? 'running' : reason})`, () => {
  let admin: pg.Client;
  const newReceiver = receiversClosedAfterAll();

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
  });

  it('survives pg_terminate_backend of all its connections, and LISTENs again', { timeout: 30_000 }, async () => {
    const server = await startTestHookd();
    try {
      const ws = await createWorkspace(server.api, 'terminated');
      const receiver = await newReceiver();
      await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'w', url: receiver.url('/t'), events: ['order.created'], active: true });
      const mine = `hookd ${process.pid}%`;
      await eventually(async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name LIKE $1 AND query LIKE 'LISTEN%'", [mine])).rowCount === 1);
      const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE $1', [mine]);
      expect(rowCount).toBeGreaterThan(0);

      // Still here (an unhandled pool error would have ended this process), and working.
      await eventually(async () => (await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i: 1 } })).status === 202);
      await receiver.waitFor(1);
      await eventually(async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name LIKE $1 AND query LIKE 'LISTEN%'", [mine])).rowCount === 1);
    } finally {
      await server.stop();
    }
  });

  it('answers 503 and reports the database in /healthz while it is away, and carries on when it is back', { timeout: 60_000 }, async () => {
    const schema = await createTestSchema();
    const url = new URL(schema.url);
    const relay = new Relay(new URL(schema.url));
    await relay.open();
    url.hostname = '127.0.0.1';
    url.port = String(relay.port);
    const server = await startTestHookd({ databaseUrl: url.toString(), databaseTimeout: '2s' });
    try {
      const ws = await createWorkspace(server.api, 'away');
      const receiver = await newReceiver();
      await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'w', url: receiver.url('/a'), events: ['order.created'], active: true });

      await relay.cut();
      const health = await eventually(async () => {
        const response = await fetch(`${server.url}/healthz`);
        return response.status === 503 ? ((await response.json()) as any) : null;
      }, 20_000);
      expect(health.problems.store).toMatch(/database unavailable/);
      const refused = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i: 1 } });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

      await relay.open();
      await eventually(async () => (await fetch(`${server.url}/healthz`)).status === 200, 20_000);
      expect((await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i: 2 } })).status).toBe(202);
      await receiver.waitFor(1);
    } finally {
      await server.stop();
      await relay.cut();
    }
  });
});
