/**
 * npm run bench -- --scenario backlog [--backlog N] [--store sqlite|postgres] [--drain-rate R]
 *
 * What a big backlog for ONE dead endpoint costs everyone else, in one run on one `hookd serve` process
 * (SQLite, or a fresh schema on PostgreSQL: HOOKD_BENCH_DATABASE_URL, else the tests' server). Workspace
 * "others" has a healthy webhook (a receiver process); workspace "dead" has one webhook whose URL is a
 * loopback port where nothing listens (connection refused). Throughout, /healthz is probed every 20 ms
 * and the healthy webhook gets 100 events/s, each timed from its scheduled start, so a stall counts for
 * every probe it holds up (not once, as a probe that waits for the previous one would count it).
 *  A. 10 s of that alone: the reference.
 *  R. A drain of normal size, for comparison with C: 5000 deliveries held for a paused webhook of "others"
 *     (published before A) are made due at once by resuming it, and delivered.
 *  B. N (200000) events for the dead webhook, published as fast as the API takes them (32 at once). hookd
 *     tries each, fails, and tries again 5 s later: its default retry schedule, kept. A short schedule
 *     would retry the whole backlog every few seconds, a storm the real schedule never makes.
 *  C. The backlog's drain: a receiver starts on the dead port, and the operator pauses and resumes the
 *     webhook (PATCH active false, then true): resuming makes every waiting delivery due now, the API's
 *     way to skip the 5-minute retry that would come next. Until all N have arrived. With --drain-rate R,
 *     the operator first gives the webhook a rate limit of R requests/s (`rateLimit`), hookd's way to
 *     drain a backlog beside other traffic without taking the whole machine.
 * Prints per phase the probes' p50/p99/max and their p99 against A's, hookd's largest RSS (VmRSS, sampled
 * every second) and CPU use; then the backlog's publish rate, both drains' rates and hookd's CPU per
 * drained delivery in C against R's (with the probes' CPU in it, and less A's CPU per second over each
 * phase's length). PostgreSQL's own CPU is left out: the bench's server is shared, and
 * other users' backends come and go.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { cpuSeconds } from './cpu.ts';
import { freePort, inParallel, json, now, postgresSchema, sleep, startBenchChild, startHookd, startReceiver, stopAll, waitForCount } from './support.ts';

const PROBE_MS = 20;
const HEALTHY_PER_SECOND = 100;
const PHASE_A_MS = 10_000;
const REFERENCE_DELIVERIES = 5000;
/** The drain fails when no delivery arrives for this long. */
const STALL_MS = 120_000;

interface Phase {
  name: string;
  startedAt: number;
  endedAt: number;
  /** /healthz times (ms) from each probe's scheduled start to its answer. */
  healthz: number[];
  /** The healthy webhook's events: id → scheduled publish time, and publish answer times (ms). */
  sentAt: Map<string, number>;
  answered: number[];
  /** Non-200 /healthz answers and failed publishes. */
  errors: number;
  rssKb: number;
  /** hookd's CPU seconds (all threads): when the phase began, then used in it; null off Linux. */
  cpu: number | null;
  /** hookd's failed attempts by the phase's end: only the dead endpoint fails. */
  failedAttempts: number;
}

function percentile(sorted: number[], p: number): number | undefined {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** hookd's resident memory (kB) from /proc; 0 off Linux. */
function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * A loopback port below the kernel's ephemeral range (32768 up) that nothing listens on. The dead endpoint
 * must still be free when its receiver starts, minutes later; an ephemeral port could be taken meanwhile
 * as the local end of one of the run's many outgoing connections.
 */
async function quietPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) {
      await new Promise((resolve) => server.close(resolve));
      return port;
    }
  }
}

/**
 * Calls `task(scheduledAt)` every `ms` on a fixed schedule, not waiting for the previous call (a slow answer
 * must not postpone the next probe, or a stall would be timed once). Returns a stop that awaits the calls.
 */
function every(ms: number, task: (scheduledAt: number) => Promise<void>): () => Promise<void> {
  let running = true;
  const calls = new Set<Promise<void>>();
  const loop = (async () => {
    const start = now();
    for (let i = 0; running; i++) {
      const at = start + i * ms;
      const wait = at - now();
      if (wait > 1) await sleep(wait);
      // Sent up to 1 ms early (not worth a sleep), it is timed from when it was sent: from `at`, it measured
      // less than its answer took, less than nothing for the fastest.
      const call = task(Math.min(at, now())).catch((error) => console.error('probe:', error)).finally(() => calls.delete(call));
      calls.add(call);
    }
  })();
  return async () => {
    running = false;
    await loop;
    await Promise.all(calls);
  };
}

interface Workspace {
  id: string;
  key: string;
}

async function workspace(api: Pool, name: string): Promise<Workspace> {
  const id = (await json(api, 'POST', '/workspaces', { name })).data.id as string;
  return { id, key: (await json(api, 'POST', `/workspaces/${id}/api-keys`, {})).data.key as string };
}

/** Publishes one event; resolves to its id, which its deliveries carry as webhook-id. */
async function publish(pool: Pool, ws: Workspace, type: string, data: Record<string, unknown>): Promise<string> {
  const response = await pool.request({
    method: 'POST', path: `/workspaces/${ws.id}/events`, body: JSON.stringify({ type, data }),
    headers: { authorization: `Bearer ${ws.key}`, 'content-type': 'application/json' },
  });
  if (response.statusCode !== 202) throw new Error(`publish: ${response.statusCode} ${await response.body.text()}`);
  return ((await response.body.json()) as { data: { id: string } }).data.id;
}

export async function backlogScenario(backlog: number, store: string, drainRate: number | null = null): Promise<void> {
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`--store: sqlite or postgres, not ${store}`);
  if (drainRate !== null && !(Number.isInteger(drainRate) && drainRate >= 1 && drainRate <= 10_000)) throw new Error(`--drain-rate: requests per second, 1 to 10000, not ${drainRate}`);
  // Undone in reverse order, whatever failed: pools, then processes, then the schema and the data dir.
  const cleanups: Array<() => unknown> = [];
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'hookd-bench-backlog-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let databaseUrl: string | undefined;
    if (store === 'postgres') {
      const schema = await postgresSchema('hookd_backlog');
      cleanups.push(() => schema.drop());
      databaseUrl = schema.url;
    }
    const children: ChildProcess[] = [];
    cleanups.push(() => stopAll(children));
    const receiver = await startReceiver();
    children.push(receiver.child);
    const deadPort = await quietPort();
    const port = await freePort();
    const hookd = await startHookd({ dataDir, databaseUrl }, port);
    children.unshift(hookd);
    const pid = hookd.pid!;
    const pool = (origin: string, connections: number) => {
      const created = new Pool(origin, { connections });
      cleanups.push(() => created.close());
      return created;
    };
    const hookdUrl = `http://127.0.0.1:${port}`;
    const api = pool(hookdUrl, 4);
    const receiverPool = pool(`http://127.0.0.1:${receiver.port}`, 2);
    // Each load its own connections, so a probe never queues behind the backlog in the client.
    const [backlogPool, healthzPool, healthyPool] = [pool(hookdUrl, 32), pool(hookdUrl, 8), pool(hookdUrl, 8)];

    const others = await workspace(api, 'others');
    const dead = await workspace(api, 'dead');
    const webhook = async (ws: Workspace, name: string, url: string, event: string, active = true) =>
      (await json(api, 'POST', `/workspaces/${ws.id}/webhooks`, { name, url, events: [event], active }, ws.key)).data.id as string;
    const setActive = (ws: Workspace, id: string, active: boolean) => json(api, 'PATCH', `/workspaces/${ws.id}/webhooks/${id}`, { active }, ws.key);
    await webhook(others, 'healthy', `http://127.0.0.1:${receiver.port}/healthy`, 'order.created');
    const deadHook = await webhook(dead, 'dead', `http://127.0.0.1:${deadPort}/dead`, 'order.updated');
    const cpuNow = () => cpuSeconds([pid]);
    const failedAttempts = async () => {
      const text = await (await healthzPool.request({ method: 'GET', path: '/metrics' })).body.text();
      return Number(/hookd_attempts_total\{result="failure"\} (\d+)/.exec(text)?.[1] ?? 0);
    };

    console.log(`\nbacklog for one dead endpoint: ${backlog} events, hookd on ${store === 'postgres' ? 'PostgreSQL' : 'SQLite'} (one hookd serve process)${drainRate === null ? '' : `, drained at most ${drainRate} requests/s (the webhook's rate limit)`}`);
    console.log(`  throughout: GET /healthz every ${PROBE_MS} ms, ${HEALTHY_PER_SECOND} events/s to a healthy webhook of another workspace`);

    // Warm-up (JIT, pools, store caches), so that A is not measured on a cold hookd.
    await inParallel(2000, 32, (i) => publish(backlogPool, others, 'order.created', { id: i }));
    await waitForCount(receiverPool, 2000);
    await json(receiverPool, 'POST', '/__reset');
    // The reference drain's deliveries, held for a paused webhook with a receiver of its own (so that its
    // count is the drain's alone); published now, so that only the drain falls in its phase.
    const referenceReceiver = await startReceiver();
    children.push(referenceReceiver.child);
    const referencePool = pool(`http://127.0.0.1:${referenceReceiver.port}`, 1);
    const referenceHook = await webhook(others, 'reference', `http://127.0.0.1:${referenceReceiver.port}/reference`, 'coupon.created', false);
    await inParallel(REFERENCE_DELIVERIES, 32, (i) => publish(backlogPool, others, 'coupon.created', { id: i }));

    const phases: Phase[] = [];
    let phase!: Phase;
    const begin = (name: string) => {
      phase = { name, startedAt: now(), endedAt: 0, healthz: [], sentAt: new Map(), answered: [], errors: 0, rssKb: rssKb(pid), cpu: cpuNow(), failedAttempts: 0 };
      phases.push(phase);
    };
    const end = async () => {
      phase.endedAt = now();
      phase.rssKb = Math.max(phase.rssKb, rssKb(pid));
      const cpu = cpuNow();
      phase.cpu = cpu === null || phase.cpu === null ? null : cpu - phase.cpu;
      phase.failedAttempts = await failedAttempts();
    };
    /** Resumes a paused webhook (every held delivery is due at once) and waits until `total` have arrived. */
    const drain = async (ws: Workspace, id: string, receiverOf: Pool, total: number) => {
      await setActive(ws, id, true);
      // Polled, four times a second: a /__count request held open for minutes would outlast undici's timeouts.
      let [last, lastChangeAt] = [-1, now()];
      for (;;) {
        const { count } = (await json(receiverOf, 'GET', '/__stats')) as { count: number };
        if (count >= total) return;
        if (count !== last) [last, lastChangeAt] = [count, now()];
        else if (now() - lastChangeAt > STALL_MS) throw new Error(`a drain stalled: ${count} of ${total} delivered`);
        await sleep(250);
      }
    };

    begin('A: no backlog');
    const rss = setInterval(() => { phase.rssKb = Math.max(phase.rssKb, rssKb(pid)); }, 1000);
    cleanups.push(() => clearInterval(rss));
    // Each probe files its figures under the phase it was scheduled in.
    const stopHealthz = every(PROBE_MS, async (at) => {
      const mine = phase;
      const response = await healthzPool.request({ method: 'GET', path: '/healthz' }).catch(() => null);
      await response?.body.dump();
      if (response?.statusCode !== 200) mine.errors++;
      mine.healthz.push(now() - at);
    });
    let healthyEvents = 0;
    const stopHealthy = every(1000 / HEALTHY_PER_SECOND, async (at) => {
      const mine = phase;
      try {
        const id = await publish(healthyPool, others, 'order.created', { id: healthyEvents++ });
        mine.answered.push(now() - at);
        mine.sentAt.set(id, at);
      } catch {
        mine.errors++;
      }
    });
    let stopped = false;
    const stopProbes = async () => {
      if (stopped) return;
      stopped = true;
      await Promise.all([stopHealthz(), stopHealthy()]);
    };
    cleanups.push(stopProbes);
    await sleep(PHASE_A_MS);
    await end();

    begin(`R: drain of ${REFERENCE_DELIVERIES}`);
    await drain(others, referenceHook, referencePool, REFERENCE_DELIVERIES);
    await end();

    console.log(`  B: publishing the backlog…`);
    begin('B: backlog publishing');
    await inParallel(backlog, 32, (i) => publish(backlogPool, dead, 'order.updated', { id: i }));
    await end();

    console.log(`  C: draining…`);
    const deadReceiver = await startBenchChild<{ port: number }>('bench/receiver.ts', [String(deadPort)]);
    children.push(deadReceiver.child);
    const deadPool = pool(`http://127.0.0.1:${deadPort}`, 1);
    const arrived = async () => ((await json(deadPool, 'GET', '/__stats')) as { count: number }).count;
    begin('C: backlog drain');
    // Some deliveries may have got through since the receiver started: retries that came due.
    const arrivedBefore = await arrived();
    if (drainRate !== null) await json(api, 'PATCH', `/workspaces/${dead.id}/webhooks/${deadHook}`, { rateLimit: { perSecond: drainRate } }, dead.key);
    const pauseStart = now();
    await setActive(dead, deadHook, false);
    const pauseMs = now() - pauseStart;
    await drain(dead, deadHook, deadPool, backlog);
    await end();
    const drained = (await arrived()) - arrivedBefore;
    await stopProbes();
    clearInterval(rss);

    // Every healthy event published has arrived before its latencies are read.
    const published = phases.reduce((sum, p) => sum + p.sentAt.size, 0);
    await waitForCount(receiverPool, published);
    const arrivals = (await json(receiverPool, 'GET', '/__arrivals')) as Record<string, number>;

    const sorted = (values: number[]) => [...values].sort((x, y) => x - y);
    type Figures = { p: Phase; healthz: number[]; latencies: number[]; answered: number[]; seconds: number };
    const figures: Figures[] = phases.map((p) => ({
      p,
      healthz: sorted(p.healthz),
      latencies: sorted([...p.sentAt].map(([id, at]) => arrivals[`${id} /healthy`] - at).filter(Number.isFinite)),
      answered: sorted(p.answered),
      seconds: (p.endedAt - p.startedAt) / 1000,
    }));
    const ms = (value: number | undefined) => (value === undefined ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(0));
    const spread = (values: number[]) => `${ms(percentile(values, 50))} / ${ms(percentile(values, 99))} / ${ms(values.at(-1))}`;
    const p99 = (values: number[]) => percentile(values, 99) ?? NaN;
    const ratio = (pick: (f: Figures) => number[]) => (f: Figures) => (p99(pick(f)) / p99(pick(figures[0]))).toFixed(2);
    const row = (label: string, cell: (f: Figures) => string) => console.log(`  ${label.padEnd(46)}${figures.map((f) => cell(f).padEnd(24)).join('')}`);
    console.log('');
    row('', (f) => f.p.name);
    row('duration (s)', (f) => f.seconds.toFixed(1));
    row('healthz p50 / p99 / max (ms)', (f) => spread(f.healthz));
    row('  p99 vs A', ratio((f) => f.healthz));
    row('healthy publish→receipt p50 / p99 / max (ms)', (f) => spread(f.latencies));
    row('  p99 vs A', ratio((f) => f.latencies));
    row('healthy publish answer p50 / p99 / max (ms)', (f) => spread(f.answered));
    row('  p99 vs A', ratio((f) => f.answered));
    row('healthz probes / healthy events timed', (f) => `${f.healthz.length} / ${f.latencies.length} of ${f.p.sentAt.size}`);
    row('errors (healthz not 200, publish failed)', (f) => String(f.p.errors));
    row('hookd max RSS (MB)', (f) => (f.p.rssKb / 1024).toFixed(0));
    row('hookd CPU (% of one core)', (f) => (f.p.cpu === null ? '–' : ((f.p.cpu / f.seconds) * 100).toFixed(0)));
    row('failed attempts so far (the dead endpoint)', (f) => String(f.p.failedAttempts));

    const [, r, b, c] = figures;
    const line = (label: string, value: string) => console.log(`  ${label.padEnd(74)} ${value}`);
    console.log('');
    line('backlog publish rate (events/s)', (backlog / b.seconds).toFixed(0));
    line('backlog drain: pause answered in (ms)', pauseMs.toFixed(0));
    line(`deliveries/s: drain of ${REFERENCE_DELIVERIES} (R) / backlog drain (C, ${drained} in ${c.seconds.toFixed(1)} s)`,
      `${(REFERENCE_DELIVERIES / r.seconds).toFixed(0)} / ${(drained / c.seconds).toFixed(0)}`);
    // Both drains run beside the same probes, so their CPU per delivery compares like with like (A shows
    // the probes' own load, which does not simply add up: at a low rate each event costs more than in a batch).
    if (r.p.cpu !== null && c.p.cpu !== null) {
      const [small, large] = [(r.p.cpu * 1e6) / REFERENCE_DELIVERIES, (c.p.cpu * 1e6) / drained];
      line('hookd CPU per drained delivery, probes included (µs): R / C', `${small.toFixed(0)} / ${large.toFixed(0)}`);
      line('  C vs R', (large / small).toFixed(2));
      // A drain held to a rate limit lasts many times R's length, and the probes' CPU with it: the figure
      // above then charges the probes to the drain. Less A's CPU per second over each phase's length (an
      // estimate: under load each probe costs more than in A).
      const [a] = figures;
      if (a.p.cpu !== null) {
        const probesPerSecond = a.p.cpu / a.seconds;
        const [smallNet, largeNet] = [((r.p.cpu - probesPerSecond * r.seconds) * 1e6) / REFERENCE_DELIVERIES, ((c.p.cpu - probesPerSecond * c.seconds) * 1e6) / drained];
        line('hookd CPU per drained delivery, less A\'s CPU per second (µs): R / C', `${smallNet.toFixed(0)} / ${largeNet.toFixed(0)}`);
        line('  C vs R', (largeNet / smallNet).toFixed(2));
      }
    }
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('backlog scenario, cleaning up:', error);
      }
    }
  }
}
