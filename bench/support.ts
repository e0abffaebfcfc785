/**
 * What the benchmarks share: hookd, receiver and other bench processes, free ports, the API client,
 * parallel loops, PostgreSQL schemas, and what a measured target (hookd or the baseline) offers.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Pool } from 'undici';

export const ADMIN = 'bench-admin';
/** The secret the bench's webhooks sign with, hookd's and the baseline's alike. */
export const SIGNING_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
/** The type of every event the throughput and latency phases publish. */
export const EVENT_TYPE = 'order.created';
export const root = fileURLToPath(new URL('..', import.meta.url));
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The middle value (of an even count, the upper of the two middle ones): always one measured figure, a round's. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Starts a bench-only TypeScript file (path from the repository's root) in a process of its own, run the
 * way hookd runs (bin/run-ts.js, no build step), and waits for its first IPC message: it sends one when
 * it is ready, with what the parent needs to know (its port, say).
 */
export async function startBenchChild<Ready>(file: string, args: string[] = []): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(join(root, 'bin/run-ts.js'), [join(root, file), ...args], { stdio: 'inherit' });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code, signal) => reject(new Error(`${file} exited (${code ?? signal}) before it was ready`)));
  });
  return { child, ready };
}

/** The benchmark's receiver (bench/receiver.ts), in a process of its own. */
export async function startReceiver(): Promise<{ child: ChildProcess; port: number }> {
  const { child, ready } = await startBenchChild<{ port: number }>('bench/receiver.ts');
  return { child, port: ready.port };
}

/**
 * What the throughput and latency phases drive, hookd or the baseline: publishing, counting the recorded
 * deliveries, and the processes whose CPU time is the target's own.
 */
export interface Target {
  label: string;
  /** Publishes one event of EVENT_TYPE with `data`; it goes to the WEBHOOKS webhooks of the receiver. */
  publish(data: Record<string, unknown>): Promise<void>;
  /** The same, resolving to the event's id: the webhook-id its deliveries carry. */
  publishForId(data: Record<string, unknown>): Promise<string>;
  /** Deliveries that succeeded and were recorded (the target's record of them: its store, log or queue). */
  recorded(): Promise<number>;
  pids(): number[];
  /** The servers it uses, whose CPU time is shown beside its own. */
  uses: { redis: boolean; postgres: boolean };
  stop(): Promise<void>;
}

/** The receiver's paths for `webhooks` webhooks; the receiver keys arrivals by webhook-id and path. */
export const webhookPaths = (webhooks: number) => Array.from({ length: webhooks }, (_, i) => `/hook/${i}`);

/**
 * Publishing through an HTTP API, one load generator for every target. Lean like the ceiling's client:
 * it checks the status, and parses the answer only when the event's id is wanted.
 */
export function httpPublisher(pool: Pool, path: string, headers: Record<string, string>, idOf: (answer: any) => string): Pick<Target, 'publish' | 'publishForId'> {
  const allHeaders = { ...headers, 'content-type': 'application/json' };
  const send = async (data: Record<string, unknown>) => {
    const response = await pool.request({ method: 'POST', path, headers: allHeaders, body: JSON.stringify({ type: EVENT_TYPE, data }) });
    if (response.statusCode !== 202) throw new Error(`publish: ${response.statusCode} ${await response.body.text()}`);
    return response.body;
  };
  return {
    publish: async (data) => (await send(data)).dump(),
    publishForId: async (data) => idOf(await (await send(data)).json()),
  };
}

/**
 * A schema of its own on the bench's PostgreSQL server (HOOKD_BENCH_DATABASE_URL, else the tests' one),
 * so runs never see each other's tables; `url` connects with it as the search path, `drop` removes it.
 */
export async function postgresSchema(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.HOOKD_BENCH_DATABASE_URL ?? process.env.HOOKD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      try {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
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
    HOOKD_LOG_LEVEL: process.env.HOOKD_BENCH_LOG_LEVEL ?? 'warn',
    ...(setup.databaseUrl ? { HOOKD_DATABASE_URL: setup.databaseUrl } : {}),
  };
  // HOOKD_BENCH_PROFILE=<dir> writes a CPU profile of each hookd process there (open it in Chrome DevTools).
  const profile = process.env.HOOKD_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HOOKD_BENCH_PROFILE}`] : [];
  // HOOKD_BENCH_NODE_FLAGS="--flag …" tries Node/V8 flags on the hookd processes only.
  const flags = process.env.HOOKD_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  // HOOKD_BENCH_HOOKD=<dir> runs another checkout's hookd (built), as `--alternate` does (alternate.ts).
  const child = spawn(process.execPath, [...profile, ...flags, join(process.env.HOOKD_BENCH_HOOKD ?? root, 'bin/hookd.js'), ...command], { env, stdio: 'inherit' });
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

/** Runs `start`; if it fails, `stop` undoes what it had started, and the error goes on. */
export async function startedOrStopped<T>(stop: () => Promise<void>, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    await stop().catch((cleanup) => console.error('cleaning up after a failed start:', cleanup));
    throw error;
  }
}

/** Stops hookd or bench processes with SIGTERM and waits until they have exited. */
export const stopAll = async (children: ChildProcess[]) => {
  await Promise.all(children.map((child) => new Promise((resolve) => {
    // Gone already, by its own exit or a signal: 'exit' will not come again.
    if (child.exitCode !== null || child.signalCode !== null) return resolve(null);
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
  /** hookd's process id (its CPU time is what a scenario measures). */
  pid: number;
  /** Creates a webhook of the workspace; `extra`: more of its fields (a filter, say). */
  webhook(name: string, url: string, event: string, active?: boolean, extra?: Record<string, unknown>): Promise<unknown>;
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
    pid: hookd.pid as number,
    webhook: (webhookName, url, event, active = true, extra = {}) => json(api, 'POST', `/workspaces/${workspace.id}/webhooks`, { name: webhookName, url, events: [event], active, ...extra }, key),
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
