/**
 * npm run bench [-- --events N --webhooks W --rounds K --seconds S --rate R]
 * npm run bench -- --scenario fanout [--webhooks-in-workspace N]   (publish latency as a workspace grows: see fanout.ts)
 * npm run bench -- --scenario hanging [--hanging H]   (healthy endpoints beside H hanging ones: see hanging.ts)
 * npm run bench -- --store postgres [--workers 1,2,4]   (HOOKD_BENCH_DATABASE_URL, default the local server)
 *
 * Prints, from one run on this machine:
 *  1. the ceiling: raw undici POSTs/s to a local keep-alive receiver (another process), measured right
 *     before and right after each hookd run, the ratio taken to their mean (the machine's load drifts);
 *  2. hookd end-to-end deliveries/s: events published through the API, fanned out, delivered to that
 *     receiver and their attempts recorded in the store; and its ratio to the ceiling. This is done in
 *     K rounds (default 3), the ceiling measured between them, and the median round's ratio is the figure;
 *  3. hookd's CPU time per delivery (all its threads, from /proc), and how busy the machine was meanwhile;
 *  4. p50/p99 publish-to-receipt latency at a steady 500 events/s.
 * Figures are ratios against the baseline measured in the same run, because these machines are noisy.
 * With --store postgres the same figures are measured for an API process plus 1, 2 and 4 worker processes.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Pool } from 'undici';
import { fanoutScenario } from './fanout.ts';
import { hangingScenario } from './hanging.ts';
import { ADMIN, freePort, inParallel, json, now, sleep, startHookd, startReceiver, stopAll, waitForCount } from './support.ts';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '4000' },
    webhooks: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '8' },
    rate: { type: 'string', default: '500' },
    store: { type: 'string', default: 'sqlite' },
    workers: { type: 'string', default: '1,2,4' },
    rounds: { type: 'string', default: '3' },
    scenario: { type: 'string', default: 'throughput' },
    hanging: { type: 'string', default: '50' },
    'webhooks-in-workspace': { type: 'string', default: '999' },
  },
});
const WORKERS = args.workers.split(',').map(Number);
const EVENTS = Number(args.events);
const WEBHOOKS = Number(args.webhooks);
const STEADY_SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const ROUNDS = Number(args.rounds);
async function rawCeiling(port: number, requests: number): Promise<number> {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 64 });
  const body = JSON.stringify({ type: 'order.created', timestamp: new Date().toISOString(), data: { id: 1, total: '9.50', currency: 'USD' } });
  const send = async () => {
    const response = await pool.request({ method: 'POST', path: '/raw', headers: { 'content-type': 'application/json', 'webhook-id': 'raw' }, body });
    await response.body.dump();
  };
  // Warm: a cold client and receiver (JIT, pools) measure well under half their steady rate.
  await inParallel(5000, 64, send);
  const started = now();
  await inParallel(requests, 64, send);
  const perSecond = requests / ((now() - started) / 1000);
  await pool.close();
  return perSecond;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Figures {
  rounds: Round[];
  achievedRate: number;
  latencies: number[];
}

/** One throughput run of hookd, between two measurements of the ceiling. */
interface Round {
  /** Raw undici POSTs/s just before and just after the throughput run. */
  ceilings: [number, number];
  deliveriesPerSecond: number;
  publishPerSecond: number;
  recordLagMs: number;
  /** hookd's own CPU time (all its processes and threads) per delivery in the throughput run; null off Linux. */
  cpuPerDeliveryUs: number | null;
  /** Share of the machine's time, during the throughput run, that was busy / stolen by the hypervisor; null off Linux. */
  machine: { busy: number; stolen: number } | null;
}

/**
 * One measured run against running hookd processes (their API at `apiPort`): the throughput phase, then
 * the steady-rate latency phase. `recorded()` counts the successful scheduled attempts in the store.
 */
async function measure(apiPort: number, receiverPort: number, receiverPool: Pool, recorded: () => Promise<number>, hookdPids: number[]): Promise<Figures> {
  const ceilingRequests = Math.max(5000, EVENTS * WEBHOOKS);
  const api = new Pool(`http://127.0.0.1:${apiPort}`, { connections: 32 });
  const workspace = (await json(api, 'POST', '/workspaces', { name: 'bench' })).data;
  const key = (await json(api, 'POST', `/workspaces/${workspace.id}/api-keys`, {})).data.key as string;
  for (let i = 0; i < WEBHOOKS; i++) {
    await json(api, 'POST', `/workspaces/${workspace.id}/webhooks`, {
      name: `bench ${i}`, url: `http://127.0.0.1:${receiverPort}/hook/${i}`, events: ['order.created'], active: true,
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    }, key);
  }
  // The load generator, lean like the ceiling's client: it checks the status and does not parse the answer.
  const publishHeaders = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const publish = async (i: number) => {
    const response = await api.request({
      method: 'POST', path: `/workspaces/${workspace.id}/events`, headers: publishHeaders,
      body: JSON.stringify({ type: 'order.created', data: { id: i, total: '9.50', currency: 'USD' } }),
    });
    if (response.statusCode !== 202) throw new Error(`publish: ${response.statusCode} ${await response.body.text()}`);
    await response.body.dump();
  };

  // Warm-up, then the throughput run: publish as fast as the API takes it; done when every delivery
  // has arrived and its attempt is recorded.
  await json(receiverPool, 'POST', '/__reset');
  // As many warm-up deliveries as the ceiling's warm-up requests.
  const warmUp = Math.ceil(5000 / WEBHOOKS);
  await inParallel(warmUp, 32, publish);
  await waitForCount(receiverPool, warmUp * WEBHOOKS);
  while ((await recorded()) < warmUp * WEBHOOKS) await sleep(5);
  // Rounds: the ceiling, then hookd, then the ceiling again, and so on; each round's ratio is taken to
  // the ceilings right around it, and the median round is the figure (one run alone swings widely here).
  const expected = EVENTS * WEBHOOKS;
  const rounds: Round[] = [];
  let ceilingBefore = await rawCeiling(receiverPort, ceilingRequests);
  for (let round = 0; round < ROUNDS; round++) {
    await json(receiverPool, 'POST', '/__reset');
    const recordedBefore = await recorded();
    const started = now();
    const cpuBefore = cpuSeconds(hookdPids);
    const machineBefore = machineTicks();
    await inParallel(EVENTS, 32, publish);
    const publishedAt = now();
    await waitForCount(receiverPool, expected);
    const receivedAt = now();
    while ((await recorded()) - recordedBefore < expected) await sleep(2);
    const recordedAt = now();
    const cpuAfter = cpuSeconds(hookdPids);
    const machineAfter = machineTicks();
    const ceilingAfter = await rawCeiling(receiverPort, ceilingRequests);
    rounds.push({
      ceilings: [ceilingBefore, ceilingAfter],
      deliveriesPerSecond: expected / ((recordedAt - started) / 1000),
      publishPerSecond: EVENTS / ((publishedAt - started) / 1000),
      recordLagMs: recordedAt - receivedAt,
      cpuPerDeliveryUs: cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1e6) / expected,
      machine: machineBefore === null || machineAfter === null ? null : machineShares(machineBefore, machineAfter),
    });
    ceilingBefore = ceilingAfter;
  }

  // Latency at a steady rate: one webhook receives, publish RATE events per second.
  await json(receiverPool, 'POST', '/__reset');
  await json(api, 'POST', `/workspaces/${workspace.id}/webhooks`, {
    name: 'latency', url: `http://127.0.0.1:${receiverPort}/latency`, events: ['order.updated'], active: true,
  }, key);
  const sentAt = new Map<string, number>();
  const total = RATE * STEADY_SECONDS;
  const steadyStart = now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = steadyStart + (i * 1000) / RATE - now();
    if (wait > 1) await sleep(wait);
    const t = now();
    inflight.push(json(api, 'POST', `/workspaces/${workspace.id}/events`, { type: 'order.updated', data: { id: i } }, key)
      .then((response) => { sentAt.set(response.data.id, t); }));
  }
  await Promise.all(inflight);
  const achievedRate = total / ((now() - steadyStart) / 1000);
  await waitForCount(receiverPool, total);
  const arrivals = await json(receiverPool, 'GET', '/__arrivals') as Record<string, number>;
  const latencies = [...sentAt].map(([id, t]) => arrivals[id] - t).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  await api.close();
  return { rounds, achievedRate, latencies };
}

const line = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);

const ratio = (round: Round) => round.deliveriesPerSecond / ((round.ceilings[0] + round.ceilings[1]) / 2);

function report(label: string, figures: Figures): void {
  console.log(`\n${label}`);
  figures.rounds.forEach((round, i) => {
    const [before, after] = round.ceilings;
    console.log(`  round ${i + 1}`);
    line('    raw undici POSTs/s (ceiling), before / after', `${before.toFixed(0)} / ${after.toFixed(0)}`);
    line('    hookd end-to-end deliveries/s', round.deliveriesPerSecond.toFixed(0));
    line('    ratio hookd / raw undici (mean ceiling)', ratio(round).toFixed(3));
    line('    publish phase (events/s through the API)', round.publishPerSecond.toFixed(0));
    line('    last receipt → all attempts recorded (ms)', round.recordLagMs.toFixed(1));
    if (round.cpuPerDeliveryUs !== null) line('    hookd CPU time per delivery (µs, all threads)', round.cpuPerDeliveryUs.toFixed(0));
    if (round.machine) line('    machine during the run: busy / stolen (%)', `${(round.machine.busy * 100).toFixed(0)} / ${(round.machine.stolen * 100).toFixed(0)}`);
  });
  const ratios = figures.rounds.map(ratio).sort((a, b) => a - b);
  line(`  ratio hookd / raw undici, median of ${ratios.length} rounds`, `${ratios[Math.floor(ratios.length / 2)].toFixed(3)} (${ratios.map((r) => r.toFixed(3)).join(', ')})`);
  line('  steady-state publish rate achieved (events/s)', figures.achievedRate.toFixed(0));
  line('  publish-to-receipt latency p50 (ms)', percentile(figures.latencies, 50).toFixed(2));
  line('  publish-to-receipt latency p99 (ms)', percentile(figures.latencies, 99).toFixed(2));
  line('  publish-to-receipt latency max (ms)', figures.latencies[figures.latencies.length - 1].toFixed(2));
}

async function sqliteRun(receiverPort: number, receiverPool: Pool): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookd-bench-'));
  const port = await freePort();
  const hookd = await startHookd({ dataDir }, port);
  try {
    const db = new SQLite(join(dataDir, 'hookd.sqlite'), { readonly: true });
    const figures = await measure(port, receiverPort, receiverPool, async () => countSucceeded(db), [hookd.pid!]);
    db.close();
    report('SQLite, one process (hookd serve)', figures);
  } finally {
    await stopAll([hookd]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgresRun(receiverPort: number, receiverPool: Pool, workers: number): Promise<void> {
  const base = process.env.HOOKD_BENCH_DATABASE_URL ?? process.env.HOOKD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `hookd_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'hookd-bench-'));
  const port = await freePort();
  const children: ChildProcess[] = [];
  try {
    children.push(await startHookd({ dataDir, databaseUrl: url.toString() }, port, ['serve', '--api-only']));
    for (let i = 0; i < workers; i++) children.push(await startHookd({ dataDir, databaseUrl: url.toString() }, 0, ['worker']));
    const counter = new pg.Client({ connectionString: url.toString() });
    await counter.connect();
    const recorded = async () => Number((await counter.query("SELECT count(*) AS n FROM attempts WHERE success = 1 AND trigger = 'scheduled'")).rows[0].n);
    const figures = await measure(port, receiverPort, receiverPool, recorded, children.map((child) => child.pid!));
    await counter.end();
    report(`PostgreSQL, hookd serve --api-only + ${workers} hookd worker process${workers > 1 ? 'es' : ''}`, figures);
  } finally {
    await stopAll(children);
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (args.scenario === 'hanging') return hangingScenario(EVENTS, Number(args.hanging));
  if (args.scenario === 'fanout') return fanoutScenario(Number(args['webhooks-in-workspace']));
  const receiver = await startReceiver();
  const receiverPool = new Pool(`http://127.0.0.1:${receiver.port}`);
  try {
    console.log(`\nhookd benchmark: ${EVENTS} events × ${WEBHOOKS} webhooks, then steady ${RATE} events/s for ${STEADY_SECONDS}s`);
    if (args.store === 'postgres') {
      for (const workers of WORKERS) await postgresRun(receiver.port, receiverPool, workers);
    } else {
      await sqliteRun(receiver.port, receiverPool);
    }
  } finally {
    receiver.child.kill();
    await receiverPool.close();
  }
}

/**
 * CPU seconds (user + system, every thread) the processes have used so far, from /proc; null where
 * there is no /proc. Unlike wall-clock figures this does not depend on what else the machine runs.
 */
function cpuSeconds(pids: number[]): number | null {
  try {
    return pids.reduce((sum, pid) => {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return sum + (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    }, 0);
  } catch {
    return null;
  }
}

/**
 * The machine's CPU time so far from /proc/stat's first line (user nice system idle iowait irq softirq
 * steal), null where there is none. Steal is time the hypervisor gave to other guests: on a shared machine
 * it is why two runs minutes apart can differ by half, and a run with much of it says little.
 */
function machineTicks(): number[] | null {
  try {
    return readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  } catch {
    return null;
  }
}

function machineShares(before: number[], after: number[]): { busy: number; stolen: number } {
  const used = after.map((value, i) => value - before[i]);
  const total = used.reduce((sum, value) => sum + value, 0) || 1;
  const idle = used[3] + used[4];
  return { busy: (total - idle - used[7]) / total, stolen: used[7] / total };
}

/** USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS = 100;

function countSucceeded(db: SQLite.Database): number {
  return (db.prepare("SELECT count(*) AS n FROM attempts WHERE success = 1 AND trigger = 'scheduled'").get() as { n: number }).n;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
