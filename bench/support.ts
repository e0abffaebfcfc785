/** What the benchmarks share: hookd and receiver processes, free ports, the API client, parallel loops. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';

export const ADMIN = 'bench-admin';
export const root = fileURLToPath(new URL('..', import.meta.url));
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The benchmark's receiver (bench/receiver.ts), in a process of its own. */
export async function startReceiver(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(root, 'bin/run-ts.js'), [join(root, 'bench/receiver.ts')], { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return { child, port };
}

export async function json(pool: Pool, method: string, path: string, body?: unknown, token = ADMIN): Promise<any> {
  const response = await pool.request({
    method: method as 'GET',
    path,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
  return text === '' ? null : JSON.parse(text);
}

/** Runs `total` calls of `task` with at most `concurrency` at once. */
export async function inParallel(total: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await task(next++);
  }));
}

export interface HookdSetup {
  dataDir: string;
  databaseUrl?: string;
}

/** Starts one hookd process (`serve`, `serve --api-only` or `worker`) and waits until it is up. */
export async function startHookd(setup: HookdSetup, port: number, command: string[] = ['serve']): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOOKD_PORT: String(port),
    HOOKD_HOST: '127.0.0.1',
    HOOKD_DATA_DIR: setup.dataDir,
    HOOKD_ADMIN_TOKEN: ADMIN,
    HOOKD_ALLOW_PRIVATE_NETWORKS: 'true',
    HOOKD_LOG_LEVEL: 'warn',
    ...(setup.databaseUrl ? { HOOKD_DATABASE_URL: setup.databaseUrl } : {}),
  };
  // HOOKD_BENCH_PROFILE=<dir> writes a CPU profile of each hookd process there (open it in Chrome DevTools).
  const profile = process.env.HOOKD_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HOOKD_BENCH_PROFILE}`] : [];
  // HOOKD_BENCH_NODE_FLAGS="--flag …" tries Node/V8 flags on the hookd processes only.
  const flags = process.env.HOOKD_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...profile, ...flags, join(root, 'bin/hookd.js'), ...command], { env, stdio: 'inherit' });
  if (command[0] === 'worker') return child;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // starting
    }
    await sleep(100);
  }
  throw new Error('hookd did not start');
}

/**
 * A port nothing listens on right now, from the kernel. A random pick could land on a port in use: the
 * range overlaps the kernel's ephemeral ports, which the benchmark's own connections hold by the thousand.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Stops hookd processes with SIGTERM and waits until they have exited. */
export const stopAll = async (children: ChildProcess[]) => {
  await Promise.all(children.map((child) => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(null);
    child.once('exit', resolve);
    child.kill('SIGTERM');
  })));
};

export async function waitForCount(pool: Pool, count: number, timeoutMs = 120_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`receiver did not get ${count} requests in time`)), timeoutMs);
  });
  try {
    await Promise.race([json(pool, 'GET', `/__count/${count}`), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A scenario's set-up: a receiver process, one SQLite hookd process, and a workspace with an API key on it. */
export interface BenchWorkspace {
  receiver: { child: ChildProcess; port: number };
  receiverPool: Pool;
  api: Pool;
  /** Creates a webhook of the workspace. */
  webhook(name: string, url: string, event: string, active?: boolean): Promise<unknown>;
  /** Publishes an event of `type` to the workspace. */
  publish(type: string, data: Record<string, unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

export async function benchWorkspace(name: string, connections: number): Promise<BenchWorkspace> {
  const receiver = await startReceiver();
  const receiverPool = new Pool(`http://127.0.0.1:${receiver.port}`);
  const dataDir = mkdtempSync(join(tmpdir(), `hookd-bench-${name}-`));
  const port = await freePort();
  const hookd = await startHookd({ dataDir }, port);
  const api = new Pool(`http://127.0.0.1:${port}`, { connections });
  const workspace = (await json(api, 'POST', '/workspaces', { name })).data;
  const key = (await json(api, 'POST', `/workspaces/${workspace.id}/api-keys`, {})).data.key as string;
  return {
    receiver,
    receiverPool,
    api,
    webhook: (webhookName, url, event, active = true) => json(api, 'POST', `/workspaces/${workspace.id}/webhooks`, { name: webhookName, url, events: [event], active }, key),
    publish: (type, data) => json(api, 'POST', `/workspaces/${workspace.id}/events`, { type, data }, key),
    async stop() {
      await api.close();
      await stopAll([hookd]);
      receiver.child.kill();
      await receiverPool.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
