/**
 * `hookd listen` as a developer uses it: the CLI (a child process) opens a session and forwards each
 * delivery to a real local receiver, which verifies it with `standardwebhooks` and the secret the CLI
 * printed; a local 500 is a logged failed attempt, retried; the temporary webhook is gone when the CLI
 * exits, and when it is killed (once the session's grace has passed); and it cannot be pointed elsewhere.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { expectData, expectError } from '../native/envelope.ts';

const BIN = fileURLToPath(new URL('../../../bin/hookd.js', import.meta.url));

interface Listening {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  secret: string;
  webhookId: string;
  exited: Promise<number | null>;
}

describe('hookd listen', () => {
  let server: TestHookd;
  let local: Receiver;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;

  beforeAll(async () => {
    // The address guard stays on: the relay, not a private-network allowance, is what lets deliveries through.
    server = await startTestHookd({ listenGrace: '1s', allowPrivateNetworks: 'false' });
    local = await Receiver.start();
    ws = await createWorkspace(server.api, 'listen');
  });
  afterAll(async () => {
    await server?.stop();
    await local?.close();
  });

  async function listen(path: string): Promise<Listening> {
    const child = spawn(process.execPath, [BIN, 'listen', '--forward-to', local.url(path), '--events', 'order.created'], {
      env: { PATH: process.env.PATH, HOOKD_URL: server.url, HOOKD_TOKEN: ws.key, HOOKD_WORKSPACE: ws.id },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await eventually(async () => stderr.includes('Ready'), 15_000);
    const secret = /signing secret for this session is (whsec_\S+)/.exec(stderr)![1];
    const webhookId = /temporary webhook (\S+);/.exec(stderr)![1];
    return { child, stdout: () => stdout, secret, webhookId, exited };
  }

  const listed = async () => expectData(await ws.api.get(`/workspaces/${ws.id}/webhooks`), 200).map((w: any) => w.id);

  it('forwards each delivery with its real signature, and logs the local answer as the attempt', async () => {
    const session = await listen('/local');
    try {
      expect(await listed()).toContain(session.webhookId);
      const event = expectData(await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 1 } }), 202);
      const [request] = await local.waitFor(1);
      expect(request.path).toBe('/local');
      // Verified by a third-party library, with the secret the CLI printed: the bytes and headers hookd signed.
      const verified = new StandardWebhook(session.secret).verify(request.text, request.headers as Record<string, string>) as { type: string; data: unknown };
      expect(verified).toMatchObject({ type: 'order.created', data: { id: 1 } });
      await eventually(async () => session.stdout().includes(`order.created  ${request.headers['webhook-id']}  200`));

      const deliveries = await eventually(async () => {
        const list = expectData(await ws.api.get(`/workspaces/${ws.id}/deliveries?webhookId=${session.webhookId}`), 200);
        return list.length === 1 && list[0].status === 'succeeded' ? list : null;
      });
      expect(deliveries[0]).toMatchObject({ eventId: event.id, lastResponseCode: 200 });

      // A local 500 is a failed attempt, retried (100 ms, then 200 ms, in tests) until it fails for good.
      local.behaviour = { kind: 'status', status: 500, body: 'broken locally' };
      expectData(await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id: 2 } }), 202);
      const failed = await eventually(async () => {
        const list = expectData(await ws.api.get(`/workspaces/${ws.id}/deliveries?webhookId=${session.webhookId}&status=failed`), 200);
        return list.length === 1 ? list[0] : null;
      });
      expect(failed).toMatchObject({ attemptCount: 3, lastResponseCode: 500 });
      const attempts = expectData(await ws.api.get(`/workspaces/${ws.id}/webhooks/${session.webhookId}/deliveries/${failed.id}`), 200).attempts;
      expect(attempts.map((a: any) => a.response?.body)).toEqual(['broken locally', 'broken locally', 'broken locally']);
      expect(session.stdout().match(/  500  /g)).toHaveLength(3);

      // The session's webhook is hookd's own: it cannot be pointed anywhere else.
      expectError(await ws.api.patch(`/workspaces/${ws.id}/webhooks/${session.webhookId}`, { url: 'http://169.254.169.254/' }), 409, 'CONFLICT');
    } finally {
      local.behaviour = { kind: 'status', status: 200, body: 'ok' };
      session.child.kill('SIGINT');
    }
    expect(await session.exited).toBe(0);
    // Ended with the CLI.
    expect(await listed()).not.toContain(session.webhookId);
  });

  it('loses its temporary webhook when the CLI is killed, once the grace has passed', async () => {
    const session = await listen('/killed');
    expect(await listed()).toContain(session.webhookId);
    session.child.kill('SIGKILL');
    await session.exited;
    await eventually(async () => !(await listed()).includes(session.webhookId), 15_000, 100);
  });

  it('refuses what a session route is given wrong, in the native format', async () => {
    expectError(await ws.api.post(`/workspaces/${ws.id}/listen`, { events: ['nope.nothing'] }), 400, 'VALIDATION_ERROR');
    expectError(await ws.api.delete(`/workspaces/${ws.id}/listen/no-such-session`), 404, 'RESOURCE_NOT_FOUND');
    const opened = expectData(await ws.api.post(`/workspaces/${ws.id}/listen`, {}), 201);
    expectError(await ws.api.post(`/workspaces/${ws.id}/listen/${opened.sessionId}/answers`, { requestId: 1, status: 200 }), 404, 'RESOURCE_NOT_FOUND', 'requestId');
    expectError(await ws.api.post(`/workspaces/${ws.id}/listen/${opened.sessionId}/answers`, { requestId: 1, status: 99 }), 400, 'VALIDATION_ERROR');
    const other = await createWorkspace(server.api, 'not yours');
    expectError(await other.api.delete(`/workspaces/${other.id}/listen/${opened.sessionId}`), 404, 'RESOURCE_NOT_FOUND');
    expect((await ws.api.delete(`/workspaces/${ws.id}/listen/${opened.sessionId}`)).status).toBe(204);
    expect(await listed()).not.toContain(opened.webhookId);
  });

  it('counts sessions against the workspace\'s webhook limit', async () => {
    const limited = await startTestHookd({ maxWebhooksPerWorkspace: '2' });
    try {
      const small = await createWorkspace(limited.api, 'small');
      for (let i = 0; i < 2; i++) expect((await small.api.post(`/workspaces/${small.id}/listen`, {})).status).toBe(201);
      expectError(await small.api.post(`/workspaces/${small.id}/listen`, {}), 409, 'CONFLICT');
    } finally {
      await limited.stop();
    }
  });
});
