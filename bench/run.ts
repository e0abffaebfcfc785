/**
 * npm run bench [-- --events N --webhooks W --rounds K --seconds S --rate R --baseline bullmq|none]
 * npm run bench -- --store postgres [--workers 0,1,2,4] [--sqlite no] [--history N]   (0: one `serve` process; N: an API process + N workers; hookd on SQLite measured too, unless --sqlite no; --history: N deliveries already sent in hookd's tables, see history.ts. HOOKD_BENCH_DATABASE_URL, default the local server)
 * npm run bench -- --scenario fanout [--webhooks-in-workspace N]   (publish latency as a workspace grows: see fanout.ts)
 * npm run bench -- --scenario hanging [--hanging H]   (healthy endpoints beside H hanging ones: see hanging.ts)
 * npm run bench -- --scenario backlog [--backlog N] [--store postgres] [--drain-rate R]   (one dead endpoint's backlog vs everyone else: see backlog.ts)
 * npm run bench -- --scenario filter [--events N]   (what a payload filter and a transform cost per delivery: see filter.ts)
 * npm run bench -- --scenario store [--events N] [--rounds K]   (what hookd's store costs PostgreSQL per delivery, step by step, against the baseline's log: see store.ts)
 * npm run bench -- --passes N [options above]   (N, odd, passes over the targets, every other one in reverse order, and the median of their figures)
 * npm run bench -- --alternate <dir> [--pairs N] [options above]   (this checkout's hookd against another's, in alternating runs: see alternate.ts)
 *
 * Measures, in one run on this machine, each target: hookd, and the baseline, what a Node developer
 * builds instead of hookd (bench/baseline/): a Fastify publisher that enqueues one BullMQ job per webhook
 * URL, and a BullMQ worker (64 jobs at once) that POSTs them with undici, signed as Standard Webhooks.
 * The baseline is measured first, in the variant that matches the store: "BullMQ (Redis only)" against
 * hookd on SQLite, "BullMQ + undici + PostgreSQL log" (one INSERT per attempt) against hookd on PostgreSQL.
 * It needs Redis at 127.0.0.1:6379 and uses a queue of its own, removed afterwards; --baseline none skips it.
 *
 * For each target it prints:
 *  1. the ceiling: raw undici POSTs/s to a local keep-alive receiver (another process), measured right
 *     before and right after each throughput round, the ratio taken to their mean (the machine's load drifts);
 *  2. end-to-end deliveries/s: events published to the target's API, fanned out to W (4) webhooks,
 *     delivered to that receiver and recorded (hookd: attempts in its store; the baseline: its PostgreSQL
 *     log, or the completed jobs in Redis); and its ratio to the ceiling. This is done in K rounds
 *     (default 3), the ceiling measured between them, and the median round's ratio is the figure;
 *  3. "vs baseline": that median ratio over the baseline's, both measured in this run;
 *  4. CPU time per delivery in the throughput rounds, from /proc: the target's own processes (all their
 *     threads), and beside it the servers it uses: Redis (redis-server) and PostgreSQL (every 'postgres'
 *     process: the time of a backend that exits during a round is lost, and another user of the same
 *     server would count too); their total (own + the servers: for hookd on PostgreSQL, own + PostgreSQL);
 *     the load's, the same for every target (this process's publishers and the receiver process); the
 *     whole machine's (every process and the kernel, from /proc/stat), and how busy the machine was
 *     meanwhile. On a saturated machine the rates follow the whole machine's CPU per delivery, so the
 *     baseline's over a target's is the "vs baseline" that the costs allow, printed beside the measured one,
 *     and the machine's CPU per raw POST in the ceilings over it the ratio that they allow;
 *  5. for hookd on PostgreSQL, "vs 1 worker": its median total CPU per delivery over the 1-worker run's
 *     in this run ('–' when --workers has no 1): more worker processes should add capacity, not
 *     contention, so this should stay near 1. The same in the steady phase (7), where the machine is not
 *     saturated: a throughput round's figure for more processes also holds them taking turns on its cores;
 *  6. for hookd on PostgreSQL, lock waits: during each throughput round and the steady phase, every
 *     100 ms, one query over a connection of the bench's own (its backend's CPU time is taken out of
 *     PostgreSQL's) samples pg_stat_activity and pg_locks for the backends of this run's hookd processes
 *     (application_name `hookd <pid>`, `… listen`, `… notify`, in hookd's database): how many wait on a
 *     lock (wait_event_type 'Lock') and how many locks they have not been granted; reported as the
 *     samples, the mean and max of backends waiting, and the share of samples with any wait;
 *  7. publish-to-receipt latency (p50, p99, max) of every delivery at a steady R (500) events/s, each
 *     event to the W webhooks, for S (8) seconds, after WARM_UP_SECONDS at that rate that are not timed:
 *     right after the last throughput round the first second was the slowest of the phase for every
 *     target (p50 15–100 ms, against 8–38 in the seconds after: docs/performance.md, 2026-12-06, late
 *     night), which measured the way out of a burst, not the steady rate;
 * and at the end a summary table, one row per target, with the total CPU, "vs 1 worker" and the lock
 * waits (mean / max backends waiting, throughput rounds; steady phase).
 * Figures are ratios against the ceiling and the baseline measured in the same run, because these
 * machines are noisy. With --store postgres, hookd is an API process plus 1, 2 and 4 worker processes.
 */
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Pool } from 'undici';
import { startBaseline } from './baseline/run.ts';
import { cpuSeconds, machineBusySeconds, machineShares, machineTicks, ownCpuSeconds, serverCpuBetween, serverCpuByPid } from './cpu.ts';
import { fanoutScenario } from './fanout.ts';
import { hangingScenario } from './hanging.ts';
import { backlogScenario } from './backlog.ts';
import { historySize, writeHistory } from './history.ts';
import { filterScenario } from './filter.ts';
import { storeScenario } from './store.ts';
import { alternate, type SummaryRow } from './alternate.ts';
import {
  EVENT_TYPE, SIGNING_SECRET, freePort, httpPublisher, inParallel, json, median, now, postgresSchema, sleep, startHookd,
  startReceiver, startedOrStopped, stopAll, waitForCount, webhookPaths, type Target,
} from './support.ts';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '4000' },
    webhooks: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '8' },
    rate: { type: 'string', default: '500' },
    store: { type: 'string', default: 'sqlite' },
    workers: { type: 'string', default: '0,1,2,4' },
    rounds: { type: 'string', default: '3' },
    baseline: { type: 'string', default: 'bullmq' },
    scenario: { type: 'string', default: 'throughput' },
    hanging: { type: 'string', default: '50' },
    backlog: { type: 'string', default: '200000' },
    'drain-rate': { type: 'string' },
    'webhooks-in-workspace': { type: 'string', default: '999' },
    sqlite: { type: 'string', default: 'yes' },
    history: { type: 'string', default: '0' },
    alternate: { type: 'string' },
    pairs: { type: 'string', default: '5' },
    passes: { type: 'string', default: '1' },
  },
});
const WORKERS = args.workers.split(',').map(Number);
const EVENTS = Number(args.events);
const WEBHOOKS = Number(args.webhooks);
const STEADY_SECONDS = Number(args.seconds);
/** Published at the steady rate before the timed seconds of the latency phase (see 7 above). */
const WARM_UP_SECONDS = 1;
const RATE = Number(args.rate);
const ROUNDS = Number(args.rounds);
/**
 * Whole passes over the targets, every other one in reverse order; the summary then takes their medians.
 * An odd number: the median of an even count would be one of the two middle passes, picked by its side.
 */
const PASSES = Number(args.passes);
const MAX_PASSES = 19;
const HISTORY = historySize(args.history);

/** The ceiling: raw POSTs per second, and the whole machine's CPU per POST meanwhile (µs; null off Linux). */
interface Ceiling {
  perSecond: number;
  machineUs: number | null;
}

async function rawCeiling(port: number, requests: number): Promise<Ceiling> {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 64 });
  const body = JSON.stringify({ type: 'order.created', timestamp: new Date().toISOString(), data: { id: 1, total: '9.50', currency: 'USD' } });
  const send = async () => {
    const response = await pool.request({ method: 'POST', path: '/raw', headers: { 'content-type': 'application/json', 'webhook-id': 'raw' }, body });
    await response.body.dump();
  };
  // Warm: a cold client and receiver (JIT, pools) measure well under half their steady rate.
  await inParallel(5000, 64, send);
  const started = now();
  const ticksBefore = machineTicks();
  await inParallel(requests, 64, send);
  const ticksAfter = machineTicks();
  const perSecond = requests / ((now() - started) / 1000);
  await pool.close();
  return { perSecond, machineUs: ticksBefore === null || ticksAfter === null ? null : (machineBusySeconds(ticksBefore, ticksAfter) * 1e6) / requests };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}


/** CPU time per delivery (µs) in a throughput round; null off Linux, or for a server the target does not use. */
interface Cpu {
  /** The target's own processes, all their threads. */
  own: number | null;
  redis: number | null;
  postgres: number | null;
  /**
   * The load, the same for every target: this process (the 32 publishers, the lock probe's queries) and
   * the receiver process. On a machine that runs it beside the target, it takes its share of the cores.
   */
  load: number | null;
  /** Everything the machine ran, all processes and the kernel: what a saturated machine's rate follows. */
  machine: number | null;
}

/**
 * One sample of hookd's PostgreSQL backends (those of this run's hookd processes, by application_name,
 * in hookd's database), taken every LOCK_SAMPLE_MS during a throughput round and the steady phase.
 */
interface LockSample {
  /** hookd's backends connected: its pools, LISTEN and NOTIFY connections. */
  backends: number;
  /** Of those, the ones waiting on a heavyweight lock (pg_stat_activity.wait_event_type = 'Lock'). */
  waiting: number;
  /** Their locks not granted (pg_locks WHERE NOT granted): what they wait for. */
  ungranted: number;
}

/** One throughput run of a target, between two measurements of the ceiling. */
interface Round {
  /** Raw undici POSTs/s just before and just after the throughput run. */
  ceilings: [number, number];
  /** The whole machine's CPU per raw POST in the two ceilings, their mean (µs); null off Linux. */
  ceilingMachineUs: number | null;
  deliveriesPerSecond: number;
  publishPerSecond: number;
  recordLagMs: number;
  cpuPerDeliveryUs: Cpu;
  /** Own + every server it uses (for hookd on PostgreSQL: own + PostgreSQL), µs per delivery; null off Linux. */
  totalCpuPerDeliveryUs: number | null;
  /** Share of the machine's time, during the throughput run, that was busy / stolen by the hypervisor; null off Linux. */
  machine: { busy: number; stolen: number } | null;
  /** Lock samples during the run; null for a target that is not hookd on PostgreSQL. */
  locks: LockSample[] | null;
}

interface Figures {
  rounds: Round[];
  achievedRate: number;
  /** Publish-to-receipt times (ms) of the steady phase's deliveries, sorted. */
  latencies: number[];
  /** Deliveries the steady phase made, the untimed first second's too (latencies has one per timed delivery whose arrival was matched). */
  deliveries: number;
  /** Lock samples during the steady phase; null for a target that is not hookd on PostgreSQL. */
  steadyLocks: LockSample[] | null;
  /**
   * Total CPU time per delivery (µs) in the steady phase, own + servers, as totalCpuPerDeliveryUs; null off
   * Linux. Unlike a throughput round's, the machine is not saturated: more processes are not also more
   * processes taking turns on two cores.
   */
  steadyTotalCpuUs: number | null;
}

/** A measured target: what the report and the summary need once its processes are gone. */
interface Result {
  label: string;
  /** hookd on PostgreSQL: its number of worker processes; null for the other targets. */
  workers: number | null;
  /** The servers whose CPU time is in its total. */
  uses: Target['uses'];
  figures: Figures;
}

/**
 * Samples hookd's PostgreSQL backends over a connection of its own (not one of hookd's processes, so
 * not in its own CPU time): one query per sample.
 */
interface LockProbe {
  /** The probe's own backend: its CPU time is taken out of the PostgreSQL server's. */
  backendPid: number;
  sample(): Promise<LockSample>;
  close(): Promise<void>;
}

/** What measure() drives: a target, and for hookd on PostgreSQL its lock probe and worker count. */
type Measurable = Target & { locks?: LockProbe; workers?: number };

const LOCK_SAMPLE_MS = 100;

/**
 * One snapshot of pg_stat_activity and pg_locks: the backends of hookd's processes (application_name
 * `hookd <pid>`, `hookd <pid> listen` or `hookd <pid> notify`, for this run's pids only: tests or another
 * hookd may use the same server) in this database, those waiting on a lock, and their ungranted locks.
 * The CTE is read once. pg_locks briefly takes the lock manager's partition locks: once every
 * LOCK_SAMPLE_MS, that costs the server little.
 */
const LOCK_SAMPLE_SQL = `
  WITH hookd AS (
    SELECT pid, wait_event_type FROM pg_stat_activity
    WHERE datname = current_database() AND application_name LIKE 'hookd %'
      AND split_part(application_name, ' ', 2) = ANY($1::text[])
  )
  SELECT (SELECT count(*) FROM hookd)::int AS backends,
         (SELECT count(*) FROM hookd WHERE wait_event_type = 'Lock')::int AS waiting,
         (SELECT count(*) FROM pg_locks WHERE NOT granted AND pid IN (SELECT pid FROM hookd))::int AS ungranted`;

/** A lock probe of hookd's processes `pids` on the database at `url`. */
async function lockProbe(url: string, pids: () => number[]): Promise<LockProbe> {
  // Its application_name does not start with 'hookd', so no filter on it would count it as hookd's.
  const client = new pg.Client({ connectionString: url, application_name: 'bench lock sampler' });
  await client.connect();
  try {
    const backendPid = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    return {
      backendPid,
      // A named statement: parsed and planned once, then only executed.
      sample: async () => (await client.query<LockSample>({ name: 'bench-lock-sample', text: LOCK_SAMPLE_SQL, values: [pids().map(String)] })).rows[0],
      close: () => client.end(),
    };
  } catch (error) {
    await client.end();
    throw error;
  }
}

/**
 * Samples with `probe` every LOCK_SAMPLE_MS (the next sample LOCK_SAMPLE_MS after the last one began,
 * never two at once) until the returned function is called; that resolves to the samples, or null
 * without a probe. A failed sample fails the measurement there.
 */
function sampleLocks(probe: LockProbe | undefined): () => Promise<LockSample[] | null> {
  if (!probe) return async () => null;
  const samples: LockSample[] = [];
  let running = true;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | undefined;
  const loop = (async () => {
    while (running) {
      const started = now();
      samples.push(await probe.sample());
      const wait = LOCK_SAMPLE_MS - (now() - started);
      if (running && wait > 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, wait);
        });
      }
    }
  })();
  // Kept until stop() reads it, so that a failed sample is not an unhandled rejection meanwhile.
  const done = loop.then(() => null, (error: unknown) => error);
  return async () => {
    running = false;
    clearTimeout(timer);
    (wake as (() => void) | null)?.();
    const error = await done;
    if (error) throw error;
    return samples;
  };
}

interface LockStats {
  samples: number;
  /** Backends waiting on a lock, per sample. */
  meanWaiting: number;
  maxWaiting: number;
  /** Share of the samples with at least one backend waiting on a lock. */
  anyWaiting: number;
  meanUngranted: number;
  maxUngranted: number;
  /** The most hookd backends one sample saw: 0 would mean the filter missed them. */
  maxBackends: number;
}

function lockStats(samples: LockSample[]): LockStats | null {
  if (samples.length === 0) return null;
  const mean = (key: keyof LockSample) => samples.reduce((sum, sample) => sum + sample[key], 0) / samples.length;
  const max = (key: keyof LockSample) => Math.max(...samples.map((sample) => sample[key]));
  return {
    samples: samples.length,
    meanWaiting: mean('waiting'),
    maxWaiting: max('waiting'),
    anyWaiting: samples.filter((sample) => sample.waiting > 0).length / samples.length,
    meanUngranted: mean('ungranted'),
    maxUngranted: max('ungranted'),
    maxBackends: max('backends'),
  };
}

interface Receiver {
  port: number;
  pool: Pool;
  pid: number;
}

/** CPU seconds so far: the target's processes together, a server's by process (serverCpuBetween), the load's, the machine's ticks. */
interface CpuReading {
  own: number | null;
  redis: Map<string, number> | null;
  postgres: Map<string, number> | null;
  load: number | null;
  machine: number[] | null;
}

/**
 * CPU seconds so far of the target's processes and of the servers it uses (null for those it does not).
 * The lock probe's backend is left out of PostgreSQL's: the probe is the bench's, not the target's.
 */
function cpuNow(target: Measurable, receiver: Receiver): CpuReading {
  const postgres = target.uses.postgres ? serverCpuByPid('postgres') : null;
  // Its backend is not in this machine's /proc when the server runs elsewhere; neither is the server.
  if (postgres && target.locks) postgres.delete(String(target.locks.backendPid));
  const receiverSeconds = cpuSeconds([receiver.pid]);
  return {
    own: cpuSeconds(target.pids()),
    redis: target.uses.redis ? serverCpuByPid('redis-server') : null,
    postgres,
    load: receiverSeconds === null ? null : receiverSeconds + ownCpuSeconds(),
    machine: machineTicks(),
  };
}

/**
 * A round's total CPU time per delivery: the target's own and every server's it uses (for hookd on
 * PostgreSQL, own + PostgreSQL); null where one of them was not measured.
 */
function totalCpu(cpu: Cpu, uses: { redis: boolean; postgres: boolean }): number | null {
  const parts = [cpu.own, uses.postgres ? cpu.postgres : 0, uses.redis ? cpu.redis : 0];
  return parts.some((part) => part === null) ? null : (parts as number[]).reduce((sum, part) => sum + part, 0);
}

function cpuPerDelivery(before: CpuReading, after: CpuReading, deliveries: number): Cpu {
  const per = (seconds: number | null) => (seconds === null ? null : (seconds * 1e6) / deliveries);
  const server = (key: 'redis' | 'postgres') => {
    const [from, to] = [before[key], after[key]];
    return from === null || to === null ? null : serverCpuBetween(from, to);
  };
  const between = (key: 'own' | 'load') => {
    const [from, to] = [before[key], after[key]];
    return from === null || to === null ? null : to - from;
  };
  return {
    own: per(between('own')),
    redis: per(server('redis')),
    postgres: per(server('postgres')),
    load: per(between('load')),
    machine: per(before.machine === null || after.machine === null ? null : machineBusySeconds(before.machine, after.machine)),
  };
}

/** The same order for every target; `id` tells the events apart. */
const order = (id: number) => ({ id, total: '9.50', currency: 'USD' });

/**
 * One measured run of a running target whose events go to the receiver's WEBHOOKS webhooks: the
 * throughput rounds, then the steady-rate latency phase.
 */
async function measure(target: Measurable, receiver: Receiver): Promise<Figures> {
  const ceilingRequests = Math.max(5000, EVENTS * WEBHOOKS);
  const publish = (i: number) => target.publish(order(i));

  // Warm-up, then the throughput run: publish as fast as the API takes it; done when every delivery
  // has arrived and is recorded.
  await json(receiver.pool, 'POST', '/__reset');
  // As many warm-up deliveries as the ceiling's warm-up requests.
  const warmUp = Math.ceil(5000 / WEBHOOKS);
  await inParallel(warmUp, 32, publish);
  await waitForCount(receiver.pool, warmUp * WEBHOOKS);
  while ((await target.recorded()) < warmUp * WEBHOOKS) await sleep(5);
  // Rounds: the ceiling, then the target, then the ceiling again, and so on; each round's ratio is taken
  // to the ceilings right around it, and the median round is the figure (one run alone swings widely here).
  const expected = EVENTS * WEBHOOKS;
  const rounds: Round[] = [];
  let ceilingBefore = await rawCeiling(receiver.port, ceilingRequests);
  for (let round = 0; round < ROUNDS; round++) {
    await json(receiver.pool, 'POST', '/__reset');
    const recordedBefore = await target.recorded();
    const started = now();
    const cpuBefore = cpuNow(target, receiver);
    const machineBefore = machineTicks();
    const stopSampling = sampleLocks(target.locks);
    await inParallel(EVENTS, 32, publish);
    const publishedAt = now();
    await waitForCount(receiver.pool, expected);
    const receivedAt = now();
    while ((await target.recorded()) - recordedBefore < expected) await sleep(2);
    const recordedAt = now();
    const cpuAfter = cpuNow(target, receiver);
    const machineAfter = machineTicks();
    // After the CPU readings: stopping waits for a sample in flight.
    const locks = await stopSampling();
    const ceilingAfter = await rawCeiling(receiver.port, ceilingRequests);
    const cpu = cpuPerDelivery(cpuBefore, cpuAfter, expected);
    rounds.push({
      ceilings: [ceilingBefore.perSecond, ceilingAfter.perSecond],
      ceilingMachineUs: ceilingBefore.machineUs === null || ceilingAfter.machineUs === null ? null : (ceilingBefore.machineUs + ceilingAfter.machineUs) / 2,
      deliveriesPerSecond: expected / ((recordedAt - started) / 1000),
      publishPerSecond: EVENTS / ((publishedAt - started) / 1000),
      recordLagMs: recordedAt - receivedAt,
      cpuPerDeliveryUs: cpu,
      totalCpuPerDeliveryUs: totalCpu(cpu, target.uses),
      machine: machineBefore === null || machineAfter === null ? null : machineShares(machineBefore, machineAfter),
      locks,
    });
    ceilingBefore = ceilingAfter;
  }

  // Latency at a steady rate: RATE events per second, each to the WEBHOOKS webhooks; every delivery's time
  // from its event's publish to its receipt (the receiver keys arrivals by webhook-id, the event's id, and path).
  // The first WARM_UP_SECONDS of events are published at the same pace and not timed; the phase's CPU, lock
  // samples and counts take them in.
  await json(receiver.pool, 'POST', '/__reset');
  const sentAt = new Map<string, number>();
  const untimed = RATE * WARM_UP_SECONDS;
  const total = untimed + RATE * STEADY_SECONDS;
  const phaseStart = now();
  const steadyStart = phaseStart + WARM_UP_SECONDS * 1000;
  const steadyRecordedBefore = await target.recorded();
  const steadyCpuBefore = cpuNow(target, receiver);
  const stopSampling = sampleLocks(target.locks);
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = phaseStart + (i * 1000) / RATE - now();
    if (wait > 1) await sleep(wait);
    const t = now();
    const published = target.publishForId(order(i));
    inflight.push(i < untimed ? published.then(() => undefined) : published.then((id) => { sentAt.set(id, t); }));
  }
  await Promise.all(inflight);
  const achievedRate = total / ((now() - phaseStart) / 1000);
  const deliveries = total * WEBHOOKS;
  await waitForCount(receiver.pool, deliveries);
  while ((await target.recorded()) - steadyRecordedBefore < deliveries) await sleep(2);
  const steadyCpu = cpuPerDelivery(steadyCpuBefore, cpuNow(target, receiver), deliveries);
  const steadyLocks = await stopSampling();
  const arrivals = await json(receiver.pool, 'GET', '/__arrivals') as Record<string, number>;
  const paths = webhookPaths(WEBHOOKS);
  const latencies: number[] = [];
  // HOOKD_BENCH_LATENCY_DUMP=<file>: every timed delivery as "ms since the phase began, latency ms", to
  // see whether a slow tail is one stall or spread out.
  const dumpFile = process.env.HOOKD_BENCH_LATENCY_DUMP;
  const dumped: string[] = [];
  for (const [id, t] of sentAt) {
    for (const path of paths) {
      const at = arrivals[`${id} ${path}`];
      if (at === undefined) continue;
      latencies.push(at - t);
      if (dumpFile) dumped.push(`${(t - steadyStart).toFixed(1)} ${(at - t).toFixed(1)}`);
    }
  }
  if (dumpFile) appendFileSync(dumpFile, `# ${target.label} ${new Date(Date.now() - (now() - steadyStart)).toISOString()}\n${dumped.join('\n')}\n`);
  return { rounds, achievedRate, latencies: latencies.sort((a, b) => a - b), deliveries, steadyLocks, steadyTotalCpuUs: totalCpu(steadyCpu, target.uses) };
}

const line = (label: string, value: string) => console.log(`${label.padEnd(56)} ${value}`);
const fixed = (value: number | null | undefined, digits: number) => (value === null || value === undefined ? '–' : value.toFixed(digits));

const ratio = (round: Round) => round.deliveriesPerSecond / ((round.ceilings[0] + round.ceilings[1]) / 2);
/**
 * The ratio a saturated machine allows: the whole machine's CPU per raw POST in the ceilings over its CPU
 * per delivery in the round (null off Linux). A ratio well under it: something other than CPU held the
 * target back (one busy thread, waits), or the machine was less busy than in the ceilings.
 */
const allowedRatio = (round: Round) => (round.ceilingMachineUs === null || round.cpuPerDeliveryUs.machine === null ? null : round.ceilingMachineUs / round.cpuPerDeliveryUs.machine);
/** The median of figures that may be missing; null if any one is (off Linux, a server not used). */
const medianOfMeasured = (values: Array<number | null>) => (values.some((value) => value === null) ? null : median(values as number[]));
const medianAllowedRatio = (figures: Figures) => medianOfMeasured(figures.rounds.map(allowedRatio));
const medianRatio = (figures: Figures) => median(figures.rounds.map(ratio));
/** The median over the rounds of one CPU figure; null where it was not measured. */
function medianCpu(figures: Figures, key: keyof Cpu | 'total'): number | null {
  return medianOfMeasured(figures.rounds.map((round) => (key === 'total' ? round.totalCpuPerDeliveryUs : round.cpuPerDeliveryUs[key])));
}

/**
 * "vs 1 worker": hookd on PostgreSQL's median total CPU per delivery over that of its 1-worker run in
 * this run; null for the other targets or without a 1-worker run (or a CPU figure).
 */
function vsOneWorker(result: Result, oneWorker: Result | null, phase: 'throughput' | 'steady' = 'throughput'): number | null {
  if (result.workers === null || oneWorker === null) return null;
  const totalOf = (figures: Figures) => (phase === 'steady' ? figures.steadyTotalCpuUs : medianCpu(figures, 'total'));
  const [total, oneTotal] = [totalOf(result.figures), totalOf(oneWorker.figures)];
  return total === null || oneTotal === null ? null : total / oneTotal;
}

/** "vs baseline": the median ratio over the baseline's, against the baseline of its own kind (hookd on SQLite is not measured against the PostgreSQL one). */
function vsBaseline(result: Result, baseline: Result | null): number | null {
  return baseline && result.uses.postgres === baseline.uses.postgres ? medianRatio(result.figures) / medianRatio(baseline.figures) : null;
}

/**
 * The baseline's CPU per delivery of the whole machine over this target's, in the throughput rounds: on a
 * saturated machine the rates follow the CPU time per delivery of everything it runs, the load included,
 * so this is the "vs baseline" that the CPU costs allow (null where either was not measured).
 */
function machineVsBaseline(result: Result, baseline: Result | null): number | null {
  if (!baseline || result.uses.postgres !== baseline.uses.postgres) return null;
  const [ours, theirs] = [medianCpu(result.figures, 'machine'), medianCpu(baseline.figures, 'machine')];
  return ours === null || theirs === null ? null : theirs / ours;
}

/** The samples of every throughput round together; null for a target without lock samples. */
const roundLocks = (figures: Figures) => (figures.rounds.every((round) => round.locks !== null) ? figures.rounds.flatMap((round) => round.locks!) : null);

/** Lock-wait lines of one phase's samples (every LOCK_SAMPLE_MS). */
function lockLines(indent: string, phase: string, samples: LockSample[] | null): void {
  if (samples === null) return;
  const stats = lockStats(samples);
  if (stats === null) return line(`${indent}${phase}: lock samples`, 'none');
  line(`${indent}${phase}: lock samples / hookd backends (max)`, `${stats.samples} / ${stats.maxBackends}`);
  line(`${indent}  backends waiting on a lock: mean / max`, `${stats.meanWaiting.toFixed(2)} / ${stats.maxWaiting}`);
  line(`${indent}  samples with any lock wait (%)`, (stats.anyWaiting * 100).toFixed(1));
  line(`${indent}  ungranted locks: mean / max`, `${stats.meanUngranted.toFixed(2)} / ${stats.maxUngranted}`);
}

/** "mean / max" backends waiting on a lock, for the summary. */
function lockCell(samples: LockSample[] | null): string {
  const stats = samples === null ? null : lockStats(samples);
  return stats === null ? '–' : `${stats.meanWaiting.toFixed(2)} / ${stats.maxWaiting}`;
}

function report(result: Result, baseline: Result | null, oneWorker: Result | null, sqlite: Result | null): void {
  const { figures } = result;
  console.log(`\n${result.label}`);
  figures.rounds.forEach((round, i) => {
    const [before, after] = round.ceilings;
    const cpu = round.cpuPerDeliveryUs;
    console.log(`  round ${i + 1}`);
    line('    raw undici POSTs/s (ceiling), before / after', `${before.toFixed(0)} / ${after.toFixed(0)}`);
    line('    end-to-end deliveries/s', round.deliveriesPerSecond.toFixed(0));
    line('    ratio to raw undici (mean ceiling)', ratio(round).toFixed(3));
    line('    publish phase (events/s through the API)', round.publishPerSecond.toFixed(0));
    line('    last receipt → all deliveries recorded (ms)', round.recordLagMs.toFixed(1));
    if (cpu.own !== null) line('    CPU per delivery (µs), own processes (all threads)', cpu.own.toFixed(0));
    if (cpu.redis !== null) line('    CPU per delivery (µs), Redis server', cpu.redis.toFixed(0));
    if (cpu.postgres !== null) line('    CPU per delivery (µs), PostgreSQL server', cpu.postgres.toFixed(0));
    if (round.totalCpuPerDeliveryUs !== null) line(`    CPU per delivery (µs), total: own + ${servers(result)}`, round.totalCpuPerDeliveryUs.toFixed(0));
    if (cpu.load !== null) line('    CPU per delivery (µs), the load: publishers + receiver', cpu.load.toFixed(0));
    if (cpu.machine !== null) line('    CPU per delivery (µs), the whole machine', cpu.machine.toFixed(0));
    if (round.ceilingMachineUs !== null) line('    CPU per raw POST (µs), the whole machine, in the ceilings', round.ceilingMachineUs.toFixed(0));
    line("    ratio the machine's CPU allows (per raw POST / per delivery)", fixed(allowedRatio(round), 3));
    if (round.machine) line('    machine during the run: busy / stolen (%)', `${(round.machine.busy * 100).toFixed(0)} / ${(round.machine.stolen * 100).toFixed(0)}`);
    lockLines('    ', 'throughput', round.locks);
  });
  const ratios = figures.rounds.map(ratio);
  line(`  ratio to raw undici, median of ${ratios.length} rounds`, `${medianRatio(figures).toFixed(3)} (${ratios.map((r) => r.toFixed(3)).join(', ')})`);
  line("  ratio the machine's CPU allows, median of the rounds", fixed(medianAllowedRatio(figures), 3));
  const overBaseline = vsBaseline(result, baseline);
  if (overBaseline !== null) line("  vs baseline (its median ratio over the baseline's)", overBaseline.toFixed(2));
  const allowed = machineVsBaseline(result, baseline);
  if (allowed !== null) line("  vs baseline that the machine's CPU per delivery allows", allowed.toFixed(2));
  if (sqlite && result.workers !== null) line("  vs hookd on SQLite (its median ratio over SQLite's)", (medianRatio(figures) / medianRatio(sqlite.figures)).toFixed(2));
  const total = medianCpu(figures, 'total');
  if (total !== null) line(`  total CPU/delivery (µs), own + ${servers(result)}`, total.toFixed(0));
  if (result.workers !== null) line("  vs 1 worker (total CPU over the 1-worker run's)", fixed(vsOneWorker(result, oneWorker), 2));
  if (figures.rounds.length > 1) lockLines('  ', `all ${figures.rounds.length} rounds`, roundLocks(figures));
  line('  steady-state publish rate achieved (events/s)', figures.achievedRate.toFixed(0));
  line(`  deliveries timed (of ${figures.deliveries - RATE * WARM_UP_SECONDS * WEBHOOKS} after ${WARM_UP_SECONDS} s untimed, to ${WEBHOOKS} webhooks)`, String(figures.latencies.length));
  line('  publish-to-receipt latency p50 (ms)', fixed(percentile(figures.latencies, 50), 2));
  line('  publish-to-receipt latency p99 (ms)', fixed(percentile(figures.latencies, 99), 2));
  line('  publish-to-receipt latency max (ms)', fixed(figures.latencies.at(-1), 2));
  if (figures.steadyTotalCpuUs !== null) line(`  steady phase: total CPU/delivery (µs), own + ${servers(result)}`, figures.steadyTotalCpuUs.toFixed(0));
  if (result.workers !== null) line("  steady phase: vs 1 worker (total CPU over the 1-worker run's)", fixed(vsOneWorker(result, oneWorker, 'steady'), 2));
  lockLines('  ', 'steady phase', figures.steadyLocks);
}

/** The servers in a target's total CPU time. */
const servers = (result: Result) => [result.uses.postgres ? 'PostgreSQL' : null, result.uses.redis ? 'Redis' : null].filter(Boolean).join(' + ') || 'no server';

/**
 * One target's row of the summary: medians over its rounds, the steady phase's latency, and its figures
 * against the baseline, hookd on SQLite and the 1-worker run measured in the same pass.
 */
interface Row {
  label: string;
  deliveriesPerSecond: number;
  ratio: number;
  vsBaseline: number | null;
  vsSqlite: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  cpu: Cpu;
  /** The baseline's whole-machine CPU per delivery over this target's: the "vs baseline" a saturated machine allows. */
  machineVsBaseline: number | null;
  /** The ratio a saturated machine allows (allowedRatio), median of the rounds. */
  allowedRatio: number | null;
  totalCpuUs: number | null;
  vsOneWorker: number | null;
  steadyTotalCpuUs: number | null;
  steadyVsOneWorker: number | null;
  /** Lock samples of the throughput rounds and of the steady phase; null for a target without them. */
  locks: { rounds: LockSample[]; steady: LockSample[] } | null;
}

function rowOf(result: Result, baseline: Result | null, sqlite: Result | null, oneWorker: Result | null): Row {
  const { figures } = result;
  const rounds = roundLocks(figures);
  return {
    label: result.label,
    deliveriesPerSecond: median(figures.rounds.map((round) => round.deliveriesPerSecond)),
    ratio: medianRatio(figures),
    vsBaseline: vsBaseline(result, baseline),
    vsSqlite: sqlite && result.workers !== null ? medianRatio(figures) / medianRatio(sqlite.figures) : null,
    p50Ms: percentile(figures.latencies, 50) ?? null,
    p99Ms: percentile(figures.latencies, 99) ?? null,
    cpu: { own: medianCpu(figures, 'own'), postgres: medianCpu(figures, 'postgres'), redis: medianCpu(figures, 'redis'), load: medianCpu(figures, 'load'), machine: medianCpu(figures, 'machine') },
    machineVsBaseline: machineVsBaseline(result, baseline),
    allowedRatio: medianAllowedRatio(figures),
    totalCpuUs: medianCpu(figures, 'total'),
    vsOneWorker: vsOneWorker(result, oneWorker),
    steadyTotalCpuUs: figures.steadyTotalCpuUs,
    steadyVsOneWorker: vsOneWorker(result, oneWorker, 'steady'),
    locks: rounds === null || figures.steadyLocks === null ? null : { rounds, steady: figures.steadyLocks },
  };
}

/**
 * The rows of several passes as one: each figure the median of its passes' (a ratio to the baseline, to
 * SQLite or to 1 worker taken within each pass first), the lock samples of every pass together.
 */
function medianRows(passes: Row[][]): Row[] {
  const of = <T>(values: T[], pick: (value: T) => number | null) => medianOfMeasured(values.map(pick));
  return passes[0].map(({ label }) => {
    const rows = passes.map((pass) => pass.find((row) => row.label === label)).filter((row): row is Row => row !== undefined);
    return {
      label,
      deliveriesPerSecond: of(rows, (row) => row.deliveriesPerSecond)!,
      ratio: of(rows, (row) => row.ratio)!,
      vsBaseline: of(rows, (row) => row.vsBaseline),
      vsSqlite: of(rows, (row) => row.vsSqlite),
      p50Ms: of(rows, (row) => row.p50Ms),
      p99Ms: of(rows, (row) => row.p99Ms),
      cpu: {
        own: of(rows, (row) => row.cpu.own), postgres: of(rows, (row) => row.cpu.postgres), redis: of(rows, (row) => row.cpu.redis),
        load: of(rows, (row) => row.cpu.load), machine: of(rows, (row) => row.cpu.machine),
      },
      machineVsBaseline: of(rows, (row) => row.machineVsBaseline),
      allowedRatio: of(rows, (row) => row.allowedRatio),
      totalCpuUs: of(rows, (row) => row.totalCpuUs),
      vsOneWorker: of(rows, (row) => row.vsOneWorker),
      steadyTotalCpuUs: of(rows, (row) => row.steadyTotalCpuUs),
      steadyVsOneWorker: of(rows, (row) => row.steadyVsOneWorker),
      locks: rows.every((row) => row.locks !== null) ? { rounds: rows.flatMap((row) => row.locks!.rounds), steady: rows.flatMap((row) => row.locks!.steady) } : null,
    };
  });
}

/** The summary: one row per target, as a Markdown table. */
function printSummary(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log('total CPU: own + the servers the target uses (hookd on PostgreSQL: own + PostgreSQL), throughput rounds and the steady phase; vs 1 worker: over the 1-worker run\'s total;');
  console.log(`lock waits: hookd's backends waiting on a lock, mean / max of samples every ${LOCK_SAMPLE_MS} ms, throughput rounds; steady phase`);
  console.log("machine: the whole machine's CPU per delivery in the rounds (of it the load: publishers + receiver); what a saturated machine allows: the ratio (its CPU per raw POST over that) and vs baseline (the baseline's over that)");
  console.log('| target | deliveries/s vs ceiling | vs baseline | vs hookd on SQLite | p50 / p99 ms | own CPU µs/delivery | PostgreSQL CPU µs/delivery | Redis CPU µs/delivery | total CPU µs/delivery (own + PostgreSQL) | vs 1 worker | steady: total CPU µs/delivery, vs 1 worker | lock waits mean / max (throughput; steady) | machine CPU µs/delivery (load) | allowed: ratio, vs baseline |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const cells = [
      row.label,
      `${row.deliveriesPerSecond.toFixed(0)} / ${row.ratio.toFixed(3)}`,
      fixed(row.vsBaseline, 2),
      fixed(row.vsSqlite, 2),
      `${fixed(row.p50Ms, 1)} / ${fixed(row.p99Ms, 1)}`,
      fixed(row.cpu.own, 0),
      fixed(row.cpu.postgres, 0),
      fixed(row.cpu.redis, 0),
      fixed(row.totalCpuUs, 0),
      fixed(row.vsOneWorker, 2),
      `${fixed(row.steadyTotalCpuUs, 0)}, ${fixed(row.steadyVsOneWorker, 2)}`,
      row.locks === null ? '–' : `${lockCell(row.locks.rounds)}; ${lockCell(row.locks.steady)}`,
      `${fixed(row.cpu.machine, 0)} (${fixed(row.cpu.load, 0)})`,
      `${fixed(row.allowedRatio, 3)}, ${fixed(row.machineVsBaseline, 2)}`,
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
}

/** hookd's processes and how to count and end them, once they run. */
interface HookdProcesses {
  label: string;
  apiPort: number;
  children: ChildProcess[];
  postgres: boolean;
  recorded: () => Promise<number>;
  stop: () => Promise<void>;
}

/** hookd as a target: a workspace of the running processes, whose webhooks go to `urls`. */
async function hookdTarget({ label, apiPort, children, postgres, recorded, stop }: HookdProcesses, urls: string[]): Promise<Target> {
  const api = new Pool(`http://127.0.0.1:${apiPort}`, { connections: 32 });
  return startedOrStopped(() => api.close(), async () => {
    const workspace = (await json(api, 'POST', '/workspaces', { name: 'bench' })).data;
    const key = (await json(api, 'POST', `/workspaces/${workspace.id}/api-keys`, {})).data.key as string;
    for (const [i, url] of urls.entries()) {
      await json(api, 'POST', `/workspaces/${workspace.id}/webhooks`, { name: `bench ${i}`, url, events: [EVENT_TYPE], active: true, secret: SIGNING_SECRET }, key);
    }
    return {
      label,
      ...httpPublisher(api, `/workspaces/${workspace.id}/events`, { authorization: `Bearer ${key}` }, (answer: { data: { id: string } }) => answer.data.id),
      recorded,
      pids: () => children.map((child) => child.pid!),
      uses: { redis: false, postgres },
      async stop() {
        await api.close();
        await stop();
      },
    };
  });
}

/** Successful scheduled attempts in hookd's store: hookd's record of its deliveries. */
const SUCCEEDED = "SELECT count(*) AS n FROM attempts WHERE success = 1 AND trigger = 'scheduled'";

async function startHookdOnSqlite(urls: string[]): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookd-bench-'));
  const children: ChildProcess[] = [];
  let db: SQLite.Database | null = null;
  const stop = async () => {
    db?.close();
    await stopAll(children);
    rmSync(dataDir, { recursive: true, force: true });
  };
  return startedOrStopped(stop, async () => {
    const port = await freePort();
    children.push(await startHookd({ dataDir }, port));
    const store = new SQLite(join(dataDir, 'hookd.sqlite'), { readonly: true });
    db = store;
    const recorded = async () => (store.prepare(SUCCEEDED).get() as { n: number }).n;
    return hookdTarget({ label: 'hookd, SQLite, one process (hookd serve)', apiPort: port, children, postgres: false, recorded, stop }, urls);
  });
}

async function startHookdOnPostgres(urls: string[], workers: number): Promise<Measurable> {
  const database = await postgresSchema('hookd_bench');
  const dataDir = mkdtempSync(join(tmpdir(), 'hookd-bench-'));
  const children: ChildProcess[] = [];
  let counter: pg.Client | null = null;
  let probe: LockProbe | null = null;
  const stop = async () => {
    await counter?.end();
    await probe?.close();
    await stopAll(children);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return startedOrStopped(stop, async () => {
    const port = await freePort();
    // 0 workers: one `serve` process that both takes events and delivers them.
    children.push(await startHookd({ dataDir, databaseUrl: database.url }, port, workers === 0 ? ['serve'] : ['serve', '--api-only']));
    for (let i = 0; i < workers; i++) children.push(await startHookd({ dataDir, databaseUrl: database.url }, 0, ['worker']));
    const client = new pg.Client({ connectionString: database.url });
    counter = client;
    await client.connect();
    const recorded = async () => Number((await client.query(SUCCEEDED)).rows[0].n);
    probe = await lockProbe(database.url, () => children.map((child) => child.pid!));
    const locks = probe;
    const label = workers === 0
      ? 'hookd, PostgreSQL, one hookd serve process'
      : `hookd, PostgreSQL, hookd serve --api-only + ${workers} hookd worker process${workers > 1 ? 'es' : ''}`;
    const target = await hookdTarget({ label, apiPort: port, children, postgres: true, recorded, stop }, urls);
    await writeHistory(client, HISTORY);
    return { ...target, locks, workers };
  });
}

/**
 * Starts a target, measures it, stops it, and prints its figures (against the baseline and hookd's
 * 1-worker run on PostgreSQL, when they were measured before it).
 */
async function measured(start: () => Promise<Measurable>, receiver: Receiver, baseline: Result | null, oneWorker: Result | null, sqlite: Result | null = null): Promise<Result> {
  const target = await start();
  let figures: Figures;
  try {
    figures = await measure(target, receiver);
  } finally {
    await target.stop();
  }
  const result: Result = { label: target.label, workers: target.workers ?? null, uses: target.uses, figures };
  // The 1-worker run is its own reference.
  report(result, baseline, result.workers === 1 ? result : oneWorker, sqlite);
  return result;
}

/** What a target is compared with, among the results of its pass so far: the baseline (it alone uses Redis), hookd on SQLite, 1 worker. */
function references(results: Result[]): { baseline: Result | null; sqlite: Result | null; oneWorker: Result | null } {
  return {
    baseline: results.find((result) => result.workers === null && result.uses.redis) ?? null,
    sqlite: results.find((result) => result.workers === null && !result.uses.redis) ?? null,
    oneWorker: results.find((result) => result.workers === 1) ?? null,
  };
}

/** The command line without --alternate and --pairs: what each of alternate.ts's runs is given. */
function withoutAlternation(argv: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--alternate' || argv[i] === '--pairs') i++;
    else if (!argv[i].startsWith('--alternate=') && !argv[i].startsWith('--pairs=')) rest.push(argv[i]);
  }
  return rest;
}

async function main(): Promise<void> {
  if (args.alternate !== undefined) {
    if (args.scenario !== 'throughput') throw new Error('--alternate compares the throughput benchmark, not a --scenario');
    return alternate(args.alternate, Number(args.pairs), withoutAlternation(process.argv.slice(2)));
  }
  if (args.scenario === 'hanging') return hangingScenario(EVENTS, Number(args.hanging));
  if (args.scenario === 'backlog') return backlogScenario(Number(args.backlog), args.store, args['drain-rate'] === undefined ? null : Number(args['drain-rate']));
  if (args.scenario === 'fanout') return fanoutScenario(Number(args['webhooks-in-workspace']));
  if (args.scenario === 'filter') return filterScenario(Number(args.events ?? 5000));
  if (args.scenario === 'store') return storeScenario(EVENTS, Number(args.rounds));
  if (args.baseline !== 'bullmq' && args.baseline !== 'none') throw new Error(`--baseline: bullmq or none, not ${args.baseline}`);
  if (!Number.isInteger(PASSES) || PASSES < 1 || PASSES > MAX_PASSES || PASSES % 2 === 0) throw new Error(`--passes: an odd number from 1 to ${MAX_PASSES}`);
  const postgres = args.store === 'postgres';
  const receiverProcess = await startReceiver();
  const receiver: Receiver = { port: receiverProcess.port, pool: new Pool(`http://127.0.0.1:${receiverProcess.port}`), pid: receiverProcess.child.pid! };
  const urls = webhookPaths(WEBHOOKS).map((path) => `http://127.0.0.1:${receiver.port}${path}`);
  try {
    console.log(`\nhookd benchmark: ${EVENTS} events × ${WEBHOOKS} webhooks, then steady ${RATE} events/s × ${WEBHOOKS} webhooks for ${STEADY_SECONDS}s${PASSES > 1 ? `; ${PASSES} passes over the targets, every other one in reverse order` : ''}`);
    // The baseline first, so that each hookd report can already compare with it; on PostgreSQL, hookd on
    // SQLite too (unless --sqlite no): the scale-out store is compared with the embedded one.
    const targets: Array<() => Promise<Measurable>> = [];
    if (args.baseline !== 'none') targets.push(() => startBaseline(postgres ? 'postgres' : 'redis', urls));
    if (!postgres || args.sqlite !== 'no') targets.push(() => startHookdOnSqlite(urls));
    if (postgres) targets.push(...WORKERS.map((workers) => () => startHookdOnPostgres(urls, workers)));
    const passes: Row[][] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      // A reversed pass puts the machine's drift over the run on every target alike (ABBA).
      const order = pass % 2 === 0 ? targets : [...targets].reverse();
      const results: Result[] = [];
      for (const start of order) {
        const { baseline, sqlite, oneWorker } = references(results);
        results.push(await measured(start, receiver, baseline, oneWorker, sqlite));
      }
      if (pass % 2 === 1) results.reverse();
      const { baseline, sqlite, oneWorker } = references(results);
      passes.push(results.map((result) => rowOf(result, baseline, sqlite, oneWorker)));
      const rounds = `${EVENTS} events × ${WEBHOOKS} webhooks in ${ROUNDS} rounds (medians); latency at ${RATE} events/s × ${WEBHOOKS} webhooks`;
      printSummary(PASSES > 1 ? `pass ${pass + 1} of ${PASSES}: ${rounds}` : `summary: ${rounds}`, passes[pass]);
    }
    const rows = PASSES > 1 ? medianRows(passes) : passes[0];
    if (PASSES > 1) printSummary(`summary: the median of ${PASSES} passes, each figure and each ratio taken within its pass`, rows);
    // Run by alternate.ts: the figures it compares go back over IPC.
    process.send?.({ summary: rows.map(({ label, ratio, totalCpuUs, cpu, p99Ms, steadyTotalCpuUs }): SummaryRow => ({
      label, ratio, totalCpuUs, serverCpuUs: cpu.postgres ?? cpu.redis ?? null, p99Ms: p99Ms ?? Number.NaN, steadyTotalCpuUs })) });
  } finally {
    receiverProcess.child.kill();
    await receiver.pool.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
