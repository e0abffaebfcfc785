/**
 * The operator CLI against a live hookd, each command run as a child process (`node bin/hookd.js …`) and
 * its output parsed: workspaces, keys, webhooks, events, deliveries and `hookd tail`; human tables and
 * --json; and the exit codes scripts rely on (0 done, 1 refused, 2 usage, 3 token, 4 not found, 5 unreachable).
 */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { ADMIN, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

const BIN = fileURLToPath(new URL('../../../bin/hookd.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('hookd operator commands', () => {
  let server: TestHookd;
  let receiver: Receiver;
  let env: NodeJS.ProcessEnv;

  /** Runs `hookd …args` with HOOKD_URL/HOOKD_TOKEN (and HOOKD_WORKSPACE once set) in its environment. */
  function hookd(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
    return new Promise((resolve) => {
      execFile(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, timeout: 20_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  }
  const json = async (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
    const run = await hookd([...args, '--json'], extraEnv);
    expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    return JSON.parse(run.stdout);
  };

  beforeAll(async () => {
    server = await startTestHookd();
    receiver = await Receiver.start();
    env = { PATH: process.env.PATH, HOME: process.env.HOME, HOOKD_URL: server.url, HOOKD_TOKEN: ADMIN };
  });
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });

  it('manages workspaces and keys with the admin token', async () => {
    const created = await json(['workspace', 'create', 'cli shop']);
    expect(created).toMatchObject({ id: expect.any(String), name: 'cli shop' });
    const table = await hookd(['workspace', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+CREATED$/);
    expect(table.stdout).toContain(`${created.id}  cli shop`);
    expect((await json(['workspace', 'rename', created.id, 'renamed shop'])).name).toBe('renamed shop');

    const key = await json(['key', 'create', '--name', 'deploy', '-w', created.id]);
    expect(key.key).toMatch(/^hk_/);
    expect((await json(['key', 'list', '-w', created.id])).map((k: any) => k.name)).toEqual(['deploy']);
    // The key works for its workspace: a list with it as the token.
    expect(await json(['webhook', 'list', '-w', created.id], { HOOKD_TOKEN: key.key })).toEqual([]);
    expect((await hookd(['key', 'revoke', key.id, '-w', created.id])).stdout).toContain(`revoked key ${key.id}`);
    expect((await hookd(['webhook', 'list', '-w', created.id], { HOOKD_TOKEN: key.key })).code).toBe(3);

    expect((await hookd(['workspace', 'delete', created.id])).code).toBe(0);
    expect((await hookd(['workspace', 'delete', created.id])).code).toBe(4);
  });

  it('creates a webhook, publishes, and reads deliveries, the secret verifying what arrived', async () => {
    const ws = await json(['workspace', 'create', 'deliveries']);
    const scoped = { HOOKD_WORKSPACE: ws.id };
    const webhook = await json(['webhook', 'create', '--name', 'orders', '--endpoint', receiver.url('/cli'), '--events', 'order.created,order.updated', '--active', '--header', 'X-Tenant: acme'], scoped);
    expect(webhook).toMatchObject({ name: 'orders', status: 'active', events: ['order.created', 'order.updated'], headers: { 'X-Tenant': 'acme' }, secret: expect.stringMatching(/^whsec_/) });
    expect((await json(['webhook', 'secret', webhook.id], scoped)).secret).toBe(webhook.secret);

    const published = await json(['event', 'publish', 'order.created', '--data', '{"id":42}', '--idempotency-key', 'k1'], scoped);
    expect(published).toMatchObject({ type: 'order.created', deliveryCount: 1, replayed: false });
    const [request] = await receiver.waitFor(1);
    new StandardWebhook(webhook.secret).verify(request.text, request.headers as Record<string, string>);
    expect(JSON.parse(request.text)).toMatchObject({ type: 'order.created', data: { id: 42 } });
    expect((await json(['event', 'publish', 'order.created', '--data', '{"id":42}', '--idempotency-key', 'k1'], scoped)).replayed).toBe(true);

    const delivered = await eventually(async () => {
      const list = await json(['delivery', 'list', '--status', 'succeeded'], scoped);
      return list.length === 1 ? list : null;
    });
    expect(delivered[0]).toMatchObject({ webhookId: webhook.id, eventType: 'order.created', lastResponseCode: 200 });
    const detail = await json(['delivery', 'get', webhook.id, delivered[0].id], scoped);
    expect(detail.attempts).toHaveLength(1);
    const human = await hookd(['delivery', 'get', webhook.id, delivered[0].id], scoped);
    expect(human.stdout).toMatch(/status:\s+succeeded/);
    expect(human.stdout).toMatch(/TIME\s+TRIGGER\s+CODE\s+MS\s+ERROR/);
    expect((await json(['delivery', 'resend', webhook.id, delivered[0].id], scoped)).status).toBe('pending');
    await receiver.waitFor(2);

    const events = await json(['event', 'list', '--type', 'order.*'], scoped);
    expect(events.map((e: any) => e.id)).toEqual([published.id]);
    const eventTable = await hookd(['event', 'get', published.id], scoped);
    expect(eventTable.stdout).toContain('data:');
    expect(eventTable.stdout).toContain('{"id":42}');

    expect((await json(['webhook', 'list', '--event', 'order.updated'], scoped)).map((w: any) => w.id)).toEqual([webhook.id]);
    expect(await json(['webhook', 'list', '--name-contains', 'nothing like it'], scoped)).toEqual([]);
    expect((await json(['webhook', 'update', webhook.id, '--description', 'to the shop'], scoped)).description).toBe('to the shop');
    // Nothing failed: recover re-sends none (and says so).
    expect(await json(['delivery', 'recover', webhook.id, '--since', '2024-01-01T00:00:00Z'], scoped)).toEqual({ resent: 0, more: false });
    expect((await hookd(['delivery', 'recover', webhook.id], scoped)).stdout).toBe('0 failed deliveries go out again\n');
    expect((await json(['webhook', 'pause', webhook.id], scoped)).status).toBe('paused');
    expect((await json(['webhook', 'resume', webhook.id], scoped)).status).toBe('active');
    const rotated = await json(['webhook', 'rotate', webhook.id], scoped);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(await json(['webhook', 'secret', webhook.id], scoped)).toMatchObject({ secret: rotated.secret, previousSecret: webhook.secret });
    const tested = await hookd(['webhook', 'test', webhook.id, '--event', 'order.updated'], scoped);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toContain('1 of 1 succeeded');
    expect((await hookd(['webhook', 'delete', webhook.id], scoped)).code).toBe(0);
    expect((await hookd(['webhook', 'get', webhook.id], scoped)).code).toBe(4);
  });

  it('tails new attempts, one line each, until interrupted', async () => {
    const ws = await json(['workspace', 'create', 'tail']);
    const scoped = { HOOKD_WORKSPACE: ws.id };
    const webhook = await json(['webhook', 'create', '--name', 't', '--endpoint', receiver.url('/tail'), '--events', 'order.created', '--active'], scoped);
    const child = spawn(process.execPath, [BIN, 'tail', '--interval', '100'], { env: { ...env, ...scoped } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await eventually(async () => stderr.includes('following'), 15_000);
      for (const id of [1, 2]) await server.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { id } });
      await eventually(async () => stdout.split('\n').filter((line) => line.includes(webhook.id)).length >= 2, 10_000);
      const lines = stdout.trim().split('\n');
      for (const line of lines) expect(line).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\S+Z  ${webhook.id}  order\\.created  200  \\d+ms$`));
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  it('exits with codes scripts can rely on, and says what is wrong', async () => {
    const noToken = await hookd(['workspace', 'list'], { HOOKD_TOKEN: '' });
    expect(noToken).toMatchObject({ code: 2, stderr: expect.stringContaining('no token') });
    expect(await hookd(['webhook', 'list'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no workspace') });
    expect(await hookd(['workspace', 'frobnicate'])).toMatchObject({ code: 2 });
    expect(await hookd(['webhook', 'list', '-w', 'x', '--limit', '900'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--limit') });
    expect(await hookd(['event', 'publish', 'order.created', '-w', 'x', '--data', '[1]'])).toMatchObject({ code: 2, stderr: expect.stringContaining('JSON object') });
    expect(await hookd(['workspace', 'list'], { HOOKD_TOKEN: 'wrong' })).toMatchObject({ code: 3, stderr: expect.stringContaining('UNAUTHORIZED') });
    expect(await hookd(['workspace', 'rename', 'nope', 'x'])).toMatchObject({ code: 4, stderr: expect.stringContaining('not found') });
    const ws = await json(['workspace', 'create', 'errors']);
    const invalid = await hookd(['webhook', 'create', '-w', ws.id, '--name', 'bad', '--endpoint', 'ftp://example.com/', '--events', 'order.created']);
    expect(invalid).toMatchObject({ code: 1, stderr: expect.stringMatching(/\(url\) \[VALIDATION_ERROR\]/) });
    const unreachable = await hookd(['workspace', 'list'], { HOOKD_URL: `http://127.0.0.1:${await closedPort()}` });
    expect(unreachable).toMatchObject({ code: 5, stderr: expect.stringContaining('cannot reach hookd') });
    // --help lists a command's own options only, and exits 0.
    const help = await hookd(['webhook', 'create', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--endpoint <url>');
    expect(help.stdout).not.toContain('--event-type');
    expect((await hookd(['delivery', 'list', '--help'])).stdout).toContain('--event-type <type>');
  });
});

/** A loopback port nobody listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
