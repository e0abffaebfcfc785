/**
 * npm run bench [-- --events N --webhooks W --seconds S]
 *
 * Prints, from one run on this machine:
 *  1. the ceiling: raw undici POSTs/s to a local keep-alive receiver (another process);
 *  2. hookd end-to-end deliveries/s: events published through the API, fanned out, delivered to that
 *     receiver and their attempts recorded in the store; and its ratio to the ceiling;
 *  3. p50/p99 publish-to-receipt latency at a steady 500 events/s.
 * Figures are ratios against the baseline measured in the same run, because these machines are noisy.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { Pool } from 'undici';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '4000' },
    webhooks: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '8' },
    rate: { type: 'string', default: '500' },
    store: { type: 'string', default: 'sqlite' },
  },
});
const EVENTS = Number(args.events);
const WEBHOOKS = Number(args.webhooks);
const STEADY_SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const ADMIN = 'bench-admin';
const root = fileURLToPath(new URL('..', import.meta.url));
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startReceiver(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(join(root, 'bin/run-ts.js'), [join(root, 'bench/receiver.ts')], { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return { child, port };
}

async function json(pool: Pool, method: string, path: string, body?: unknown, token = ADMIN): Promise<any> {
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
async function inParallel(total: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await task(next++);
  }));
}

async function rawCeiling(port: number, requests: number): Promise<number> {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 64 });
  const body = JSON.stringify({ type: 'order.created', timestamp: new Date().toISOString(), data: { id: 1, total: '9.50', currency: 'USD' } });
  const send = async () => {
    const response = await pool.request({ method: 'POST', path: '/raw', headers: { 'content-type': 'application/json', 'webhook-id': 'raw' }, body });
    await response.body.dump();
  };
  await inParallel(500, 32, send);
  const started = now();
  await inParallel(requests, 64, send);
  const perSecond = requests / ((now() - started) / 1000);
  await pool.close();
  return perSecond;
}

async function startHookd(dataDir: string, port: number): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOOKD_PORT: String(port),
    HOOKD_HOST: '127.0.0.1',
    HOOKD_DATA_DIR: dataDir,
    HOOKD_ADMIN_TOKEN: ADMIN,
    HOOKD_ALLOW_PRIVATE_NETWORKS: 'true',
    HOOKD_LOG_LEVEL: 'warn',
  };
  if (args.store === 'postgres') {
    env.HOOKD_DATABASE_URL = process.env.HOOKD_BENCH_DATABASE_URL ?? process.env.HOOKD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  }
  // HOOKD_BENCH_PROFILE=<dir> writes a CPU profile of the hookd process there (open it in Chrome DevTools).
  const profile = process.env.HOOKD_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HOOKD_BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, join(root, 'bin/hookd.js'), 'serve'], { env, stdio: 'inherit' });
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const receiver = await startReceiver();
  const receiverPool = new Pool(`http://127.0.0.1:${receiver.port}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'hookd-bench-'));
  const hookdPort = 20_000 + Math.floor(Math.random() * 20_000);
  let hookd: ChildProcess | null = null;
  try {
    const rawRequests = Math.max(5000, EVENTS * WEBHOOKS);
    const ceiling = await rawCeiling(receiver.port, rawRequests);
    await json(receiverPool, 'POST', '/__reset');

    hookd = await startHookd(dataDir, hookdPort);
    const api = new Pool(`http://127.0.0.1:${hookdPort}`, { connections: 32 });
    const workspace = (await json(api, 'POST', '/workspaces', { name: 'bench' })).data;
    const key = (await json(api, 'POST', `/workspaces/${workspace.id}/api-keys`, {})).data.key as string;
    for (let i = 0; i < WEBHOOKS; i++) {
      await json(api, 'POST', `/workspaces/${workspace.id}/webhooks`, {
        name: `bench ${i}`, url: `http://127.0.0.1:${receiver.port}/hook/${i}`, events: ['order.created'], active: true,
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      }, key);
    }
    const publish = (i: number) => json(api, 'POST', `/workspaces/${workspace.id}/events`, { type: 'order.created', data: { id: i, total: '9.50', currency: 'USD' } }, key);

    // Warm-up, then the throughput run: publish as fast as the API takes it; done when every delivery
    // has arrived and its attempt is recorded.
    await inParallel(200, 16, publish);
    await waitForCount(receiverPool, 200 * WEBHOOKS);
    await json(receiverPool, 'POST', '/__reset');
    const db = args.store === 'sqlite' ? new SQLite(join(dataDir, 'hookd.sqlite'), { readonly: true }) : null;
    const recordedBefore = db ? countSucceeded(db) : 0;
    const expected = EVENTS * WEBHOOKS;
    const started = now();
    await inParallel(EVENTS, 32, publish);
    const publishedAt = now();
    await waitForCount(receiverPool, expected);
    const receivedAt = now();
    if (db) while (countSucceeded(db) - recordedBefore < expected) await sleep(2);
    const recordedAt = now();
    const deliveriesPerSecond = expected / ((recordedAt - started) / 1000);

    // Latency at a steady rate: one webhook receives, publish RATE events per second.
    await json(receiverPool, 'POST', '/__reset');
    const latencyWebhook = await json(api, 'POST', `/workspaces/${workspace.id}/webhooks`, {
      name: 'latency', url: `http://127.0.0.1:${receiver.port}/latency`, events: ['order.updated'], active: true,
    }, key);
    void latencyWebhook;
    const sentAt = new Map<string, number>();
    const total = RATE * STEADY_SECONDS;
    const steadyStart = now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = steadyStart + (i * 1000) / RATE;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      const t = now();
      inflight.push(json(api, 'POST', `/workspaces/${workspace.id}/events`, { type: 'order.updated', data: { id: i } }, key)
        .then((response) => { sentAt.set(response.data.id, t); }));
    }
    await Promise.all(inflight);
    await waitForCount(receiverPool, total);
    const arrivals = await json(receiverPool, 'GET', '/__arrivals') as Record<string, number>;
    const latencies = [...sentAt].map(([id, t]) => arrivals[id] - t).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    const achievedRate = total / ((now() - steadyStart) / 1000);

    const line = (label: string, value: string) => console.log(`${label.padEnd(48)} ${value}`);
    console.log(`\nhookd benchmark (store: ${args.store}, ${EVENTS} events × ${WEBHOOKS} webhooks, steady ${RATE}/s for ${STEADY_SECONDS}s)`);
    line('raw undici POSTs/s (ceiling)', ceiling.toFixed(0));
    line('hookd end-to-end deliveries/s', deliveriesPerSecond.toFixed(0));
    line('ratio hookd / raw', (deliveriesPerSecond / ceiling).toFixed(3));
    line('  publish phase (events/s through the API)', (EVENTS / ((publishedAt - started) / 1000)).toFixed(0));
    line('  last receipt → all attempts recorded (ms)', (recordedAt - receivedAt).toFixed(1));
    line(`steady-state publish rate achieved (events/s)`, achievedRate.toFixed(0));
    line('publish-to-receipt latency p50 (ms)', percentile(latencies, 50).toFixed(2));
    line('publish-to-receipt latency p99 (ms)', percentile(latencies, 99).toFixed(2));
    line('publish-to-receipt latency max (ms)', latencies[latencies.length - 1].toFixed(2));
    db?.close();
    await api.close();
  } finally {
    hookd?.kill('SIGTERM');
    if (hookd) await new Promise((resolve) => hookd?.once('exit', resolve));
    receiver.child.kill();
    await receiverPool.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function countSucceeded(db: SQLite.Database): number {
  return (db.prepare("SELECT count(*) AS n FROM attempts WHERE success = 1 AND trigger = 'scheduled'").get() as { n: number }).n;
}

async function waitForCount(pool: Pool, count: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const stats = await json(pool, 'GET', '/__stats') as { count: number };
    if (stats.count >= count) return;
    await sleep(5);
  }
  throw new Error(`receiver did not get ${count} requests in time`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
