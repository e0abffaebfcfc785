/**
 * A fuzz campaign: hookd started as its own process, N requests generated from one seed (bounded
 * concurrency, a timeout each), every answer checked, a canary measuring whether other work stalls,
 * then the post-campaign checks, and each distinct finding replayed alone (with the server's error log
 * captured) and shrunk to a small reproducing request.
 */
import { Worker } from 'node:worker_threads';
import { SEVERITY, checkResponse, errorCode, type Problem, type ProblemKind, type Severity } from './checks.ts';
import { genericOps, NATIVE_OPS, nativeRequest, uncoveredOperations } from './gen-native.ts';
import { jsonRpcRequest } from './gen-jsonrpc.ts';
import { refreshOAuth, wooRequest } from './gen-woo.ts';
import { Rng } from './prng.ts';
import { bodyLength, describeRequest, excerpt, type Face, type FuzzRequest, type FuzzResponse } from './request.ts';
import { shrink } from './shrink.ts';
import { Transport } from './transport.ts';
import { World, sleep, type MemorySample, type PostCheck } from './world.ts';

export interface CampaignOptions {
  seed: number;
  requests: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Client-side timeout of one request: past it, a "hang". */
  timeoutMs?: number;
  /** An answer slower than this is a finding. */
  slowMs?: number;
  /** A canary request slower than this means other work stalled. */
  stallMs?: number;
  /** Share of requests per face. */
  mix?: Record<Face, number>;
  /** Replays and shrinking after the campaign (off: findings keep their first example as is). */
  triage?: boolean;
  /** Replays allowed to shrink one finding. */
  shrinkBudget?: number;
  /** Time allowed for replaying and shrinking all findings. */
  triageMs?: number;
  log?: (line: string) => void;
}

/** A face; `transport` for answers given before any face saw the request (Node's parser, Fastify's defaults); `process` for hookd as a whole. */
export type FindingFace = Face | 'transport' | 'process';

/** Problems that do not depend on the route are one finding whatever route the request was meant for. */
const ROUTE_FREE: ProblemKind[] = ['transport-format', 'upload-cut'];

export interface Example {
  request: FuzzRequest;
  response: FuzzResponse;
  problem: Problem;
}

export interface Finding {
  key: string;
  kind: ProblemKind;
  severity: Severity;
  face: FindingFace;
  route: string;
  signature: string;
  count: number;
  examples: Example[];
}

/** A finding after its examples were replayed alone: split by the server-side cause, with a shrunk repro. */
export interface TriagedFinding {
  kind: ProblemKind;
  severity: Severity;
  face: FindingFace;
  signature: string;
  /** What the server logged when the repro ran (error type, message, where in src/), if anything. */
  cause: string;
  /** The cause without its message (error type and location in src/): findings with the same place are one bug. */
  place: string;
  /** Other requests that failed the same way, in one line each (method, path, mutations). */
  others: string[];
  /** Other messages seen at the same place (e.g. the same TypeError for different inputs). */
  variants: string[];
  /** Routes it was seen on, with counts. */
  routes: Array<{ route: string; count: number }>;
  count: number;
  reproduced: boolean;
  repro: { request: FuzzRequest; response: FuzzResponse; notes: string[]; shrinkTries: number };
  detail: string;
}

export interface RouteStats {
  count: number;
  classes: Record<string, number>;
  codes: Record<string, number>;
}

export interface CampaignResult {
  seed: number;
  requested: number;
  sent: number;
  durationMs: number;
  concurrency: number;
  timeoutMs: number;
  byClass: Record<string, number>;
  byFace: Record<string, Record<string, number>>;
  byRoute: Record<string, RouteStats>;
  fiveXX: number;
  internalErrors: number;
  hangs: number;
  noAnswer: number;
  slowest: Array<{ ms: number; status: number; route: string; request: string }>;
  memoryBefore: MemorySample | null;
  memoryAfter: MemorySample | null;
  canary: { samples: number; maxMs: number; p50Ms: number; p99Ms: number; over: number; worst: Array<{ ms: number; inFlight: string[] }> };
  findings: Finding[];
  triaged: TriagedFinding[];
  postChecks: PostCheck[];
  serverErrors: Array<{ text: string; count: number }>;
  uncoveredRoutes: string[];
  crashed: boolean;
  bytesSent: number;
  /** Requests the generators failed to build (bugs of the fuzzer). */
  generatorErrors: string[];
}

const DEFAULT_MIX: Record<Face, number> = { native: 0.45, woo: 0.3, jsonrpc: 0.25 };

function statusClass(response: FuzzResponse): string {
  if (response.failure) return response.failure.kind === 'timeout' ? 'hang' : 'no answer';
  return `${Math.floor(response.status / 100)}xx`;
}

export function copyRequest(request: FuzzRequest): FuzzRequest {
  return { ...request, headers: request.headers.map(([k, v]) => [k, v] as [string, string]), notes: [...request.notes], learn: undefined };
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const concurrency = options.concurrency ?? 8;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const slowMs = options.slowMs ?? 3_000;
  const stallMs = options.stallMs ?? 1_000;
  const mix = options.mix ?? DEFAULT_MIX;
  const log = options.log ?? (() => undefined);

  const world = await World.start();
  const transport = new Transport(world.baseUrl, timeoutMs);
  const started = performance.now();
  const result: CampaignResult = {
    seed: options.seed, requested: options.requests, sent: 0, durationMs: 0, concurrency, timeoutMs,
    byClass: {}, byFace: {}, byRoute: {}, fiveXX: 0, internalErrors: 0, hangs: 0, noAnswer: 0, slowest: [],
    memoryBefore: null, memoryAfter: null, canary: { samples: 0, maxMs: 0, p50Ms: 0, p99Ms: 0, over: 0, worst: [] },
    findings: [], triaged: [], postChecks: [], serverErrors: [], uncoveredRoutes: [], crashed: false, bytesSent: 0, generatorErrors: [],
  };
  const findings = new Map<string, Finding>();
  const inFlight = new Set<FuzzRequest>();
  const startedAt = new Map<FuzzRequest, number>();
  /** Recently answered requests with their times in flight (wall clock), to find what overlapped a slow canary read. */
  const finished: Array<{ request: FuzzRequest; start: number; end: number }> = [];
  const overlapping = (from: number, to: number): FuzzRequest[] => [
    ...finished.filter((f) => f.start <= to && f.end >= from).map((f) => f.request),
    ...[...inFlight].filter((r) => (startedAt.get(r) ?? 0) <= to),
  ];

  const record = (face: FindingFace, route: string, problem: Problem, request: FuzzRequest, response: FuzzResponse) => {
    if (ROUTE_FREE.includes(problem.kind) || (problem.kind === 'no-answer' && request.raw)) {
      face = 'transport';
      route = 'any route';
    }
    const key = `${face} | ${route} | ${problem.kind} | ${problem.signature}`;
    let finding = findings.get(key);
    if (!finding) {
      finding = { key, kind: problem.kind, severity: SEVERITY[problem.kind], face, route, signature: problem.signature, count: 0, examples: [] };
      findings.set(key, finding);
    }
    if (problem.kind === 'stall') {
      if (finding.examples.length === 0 || finding.examples[0].response.durationMs !== response.durationMs) finding.count++;
      if (finding.examples.length < 12 && !finding.examples.some((e) => e.request === request)) finding.examples.push({ request, response, problem });
      return;
    }
    finding.count++;
    // Examples with different mutations, so replays can tell causes apart.
    const firstNote = request.notes[0] ?? '';
    if (finding.examples.length < 8 && !finding.examples.some((e) => (e.request.notes[0] ?? '') === firstNote && finding.examples.length >= 3)) {
      finding.examples.push({ request, response, problem });
    }
  };

  try {
    const openapi = (await (await fetch(`${world.baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    result.uncoveredRoutes = uncoveredOperations(openapi);
    const ops = [...NATIVE_OPS, ...genericOps(result.uncoveredRoutes)];
    result.memoryBefore = world.memory();
    const logOffset = world.outputLength();

    // The canary: tenant C reads its sentinel every 200 ms from a thread of its own (so the fuzzer's own work,
    // such as building a 1 MiB body, never delays it). Suspects of a slow read: every request whose time in
    // flight overlapped it.
    const canaryTimes: number[] = [];
    let worst: Array<{ ms: number; inFlight: string[] }> = [];
    const nativeSnapshot = JSON.stringify(JSON.parse(world.sentinelSnapshot).native);
    const canary = startCanary(`${world.baseUrl}${world.sentinelPath}`, `Bearer ${world.c.key}`, timeoutMs, (sample) => {
      canaryTimes.push(sample.ms);
      const suspects = overlapping(sample.start, sample.start + sample.ms);
      if (worst.length < 3 || sample.ms > worst[worst.length - 1].ms) {
        worst.push({ ms: sample.ms, inFlight: suspects.map((r) => `${r.route} [${r.notes.slice(0, 3).join('; ') || 'no mutation'}]`) });
        worst = worst.sort((a, b) => b.ms - a.ms).slice(0, 3);
      }
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(sample.text);
      } catch {
        // compared below as it is
      }
      if (sample.status !== 0 && JSON.stringify([sample.status, parsed]) !== nativeSnapshot) {
        const request: FuzzRequest = { face: 'native', route: 'canary', method: 'GET', path: world.sentinelPath, headers: [['authorization', 'Bearer <tenant C key>']], notes: ['canary'] };
        record('native', 'canary: GET sentinel (tenant C)', { kind: 'corruption', signature: 'sentinel changed', detail: `the sentinel now reads ${sample.status} ${sample.text.slice(0, 300)}` }, request, { status: sample.status, headers: {}, text: sample.text, durationMs: sample.ms });
      }
      if (sample.ms > stallMs) {
        const during = suspects.map((r) => `${r.route} [${r.notes.slice(0, 2).join('; ')}]`);
        const problem: Problem = { kind: 'stall', signature: `canary over ${stallMs} ms`, detail: `a plain read (tenant C's sentinel) took ${Math.round(sample.ms)} ms while these were in flight: ${during.join(' | ')}` };
        for (const suspect of suspects) record('process', 'canary: GET sentinel (tenant C)', problem, suspect, { status: sample.status, headers: {}, text: '', durationMs: sample.ms });
      }
    });

    const master = new Rng(options.seed);
    let next = 0;
    const faces = Object.entries(mix) as Array<[Face, number]>;
    const generate = (): FuzzRequest => {
      const face = master.weighted(faces.map(([f, weight]) => [weight, f] as const));
      const rng = master.fork();
      if (face === 'native') return nativeRequest(rng, world, ops);
      if (face === 'woo') return wooRequest(rng, world);
      return jsonRpcRequest(rng, world);
    };

    const recent: FuzzRequest[] = [];
    const worker = async () => {
      while (next < options.requests && !result.crashed) {
        next++;
        let request: FuzzRequest;
        try {
          request = generate();
        } catch (error) {
          // A bug of the fuzzer's, not of hookd's: counted and reported, the campaign goes on.
          result.generatorErrors.push(String((error as Error).stack ?? error).split('\n').slice(0, 3).join(' '));
          continue;
        }
        inFlight.add(request);
        startedAt.set(request, Date.now());
        result.bytesSent += bodyLength(request.body);
        const response = await withWatchdog(transport.send(request), timeoutMs + 5_000, request);
        inFlight.delete(request);
        finished.push({ request, start: startedAt.get(request) ?? 0, end: Date.now() });
        startedAt.delete(request);
        if (finished.length > 200) finished.shift();
        if (process.env.HOOKD_FUZZ_DEBUG && response.failure?.kind === 'timeout') {
          process.stderr.write(`TIMEOUT: ${describeRequest(request, 200)}\nPREVIOUS:\n${recent.map((r) => describeRequest(r, 200)).join('\n---\n')}\n=====\n`);
        }
        recent.push(request);
        if (recent.length > 3) recent.shift();
        result.sent++;
        try {
          observe(request, response);
        } catch (error) {
          // A bug of the fuzzer's checks: reported, and the campaign goes on.
          result.generatorErrors.push(`checking ${request.route}: ${String((error as Error).stack ?? error).split('\n').slice(0, 3).join(' ')}`);
        }
      }
    };
    const observe = (request: FuzzRequest, response: FuzzResponse) => {
      if (result.sent % 2000 === 0) log(`  ${result.sent} requests, ${Math.round((performance.now() - started) / 1000)} s, ${findings.size} distinct findings so far`);
      try {
        request.learn?.(response);
      } catch {
        // learning is best effort
      }
      const cls = statusClass(response);
      result.byClass[cls] = (result.byClass[cls] ?? 0) + 1;
      (result.byFace[request.face] ??= {})[cls] = (result.byFace[request.face][cls] ?? 0) + 1;
      const stats = (result.byRoute[`${request.face} ${request.route}`] ??= { count: 0, classes: {}, codes: {} });
      stats.count++;
      stats.classes[cls] = (stats.classes[cls] ?? 0) + 1;
      const code = response.failure ? '' : errorCode(request, response);
      if (code) stats.codes[code] = (stats.codes[code] ?? 0) + 1;
      if (response.status >= 500) result.fiveXX++;
      if (response.failure?.kind === 'timeout') result.hangs++;
      else if (response.failure) result.noAnswer++;
      if (result.slowest.length < 5 || response.durationMs > result.slowest[result.slowest.length - 1].ms) {
        result.slowest.push({ ms: response.durationMs, status: response.status, route: request.route, request: describeRequest(request, 300) });
        result.slowest = result.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
      }
      const problems = checkResponse(request, response, slowMs);
      if (problems.some((p) => p.kind === 'internal-error')) result.internalErrors++;
      for (const problem of problems) record(request.face, request.route, problem, request, response);
      if (response.failure && response.failure.kind !== 'timeout' && !world.alive()) {
        result.crashed = true;
        record('process', 'hookd process', { kind: 'crash', signature: `exited ${world.hookd.child.exitCode ?? world.hookd.child.signalCode}`, detail: `hookd exited (${world.exitStory()}); in flight: ${[...inFlight].map((r) => r.route).join(', ')}` }, request, response);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    result.durationMs = performance.now() - started;
    await canary.stop();
    result.slowest = result.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
    const sorted = [...canaryTimes].sort((a, b) => a - b);
    result.canary = {
      samples: sorted.length,
      maxMs: sorted[sorted.length - 1] ?? 0,
      p50Ms: sorted[Math.floor(sorted.length * 0.5)] ?? 0,
      p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
      over: sorted.filter((ms) => ms > stallMs).length,
      worst,
    };
    // Let retries and deliveries settle a moment before measuring.
    await sleep(1000);
    result.memoryAfter = world.memory();
    log(`  campaign done: ${result.sent} requests in ${Math.round(result.durationMs / 1000)} s; post-campaign checks…`);
    result.postChecks = await world.postChecks();
    for (const check of result.postChecks.filter((c) => !c.ok)) {
      const request: FuzzRequest = { face: 'native', route: 'post-campaign check', method: '-', path: '-', headers: [], notes: [check.name] };
      record('process', 'post-campaign check', { kind: check.name.includes('alive') ? 'crash' : 'corruption', signature: check.name, detail: check.detail }, request, { status: 0, headers: {}, text: check.detail, durationMs: 0 });
    }
    const errors = new Map<string, number>();
    for (const e of world.errorLogs(logOffset)) {
      const text = `${e.msg}: ${e.type} ${e.message}${e.where ? ` (${e.where})` : ''}`;
      errors.set(text, (errors.get(text) ?? 0) + 1);
    }
    result.serverErrors = [...errors.entries()].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count);
    result.findings = [...findings.values()].sort(bySeverity);
    if (options.triage !== false && world.alive()) {
      log(`  replaying and shrinking ${result.findings.length} findings…`);
      try {
        result.triaged = await triage(world, transport, result.findings, slowMs, stallMs, options.shrinkBudget ?? 60, options.triageMs ?? 300_000, log);
      } catch (error) {
        // A bug of the fuzzer's triage must not cost the campaign's report: the findings go out as found.
        result.generatorErrors.push(`triage: ${String((error as Error).stack ?? error).split('\n').slice(0, 3).join(' ')}`);
        result.triaged = result.findings.map((f) => untriaged(f));
      }
    } else {
      result.triaged = result.findings.map((f) => untriaged(f));
    }
  } finally {
    await transport.close();
    await world.stop();
  }
  return result;
}

function oneLiners(examples: Example[]): string[] {
  return examples.slice(0, 5).map((e) => `${e.request.method} ${excerpt(e.request.path, 90)}${e.request.raw ? ' (raw)' : ''} — ${e.request.notes.join('; ') || 'no mutation'}`);
}

/**
 * A stall's suspects replayed one at a time while a second client reads the sentinel every 50 ms: the one
 * that makes that read slowest is the repro.
 */
async function triageStall(world: World, transport: Transport, finding: Finding, stallMs: number): Promise<TriagedFinding> {
  let best: { example: Example; response: FuzzResponse; worst: number } | null = null;
  for (const example of finding.examples) {
    let worst = 0;
    let running = true;
    const reads = (async () => {
      while (running) {
        const t0 = performance.now();
        await world.c.api.get(world.sentinelPath).catch(() => undefined);
        worst = Math.max(worst, performance.now() - t0);
        await sleep(50);
      }
    })();
    await sleep(60);
    const response = await transport.sendRaw(refreshOAuth(copyRequest(example.request), world));
    running = false;
    await reads;
    if (!best || worst > best.worst) best = { example, response, worst };
  }
  const result = untriaged(finding);
  if (best) {
    result.reproduced = best.worst > stallMs;
    result.repro = { request: best.example.request, response: best.response, notes: best.example.request.notes, shrinkTries: 0 };
    result.detail = `${finding.examples[0].problem.detail}. Replayed one at a time, the worst suspect made a concurrent plain read take ${Math.round(best.worst)} ms (the request itself took ${Math.round(best.response.durationMs)} ms)`;
    result.others = oneLiners(finding.examples.filter((e) => e !== best?.example));
  }
  return result;
}

/**
 * The client's own timeouts should always end a request; if one did not, the campaign would stall. This
 * outer limit ends it anyway (as a hang, marked as caught by the watchdog).
 */
async function withWatchdog(sending: Promise<FuzzResponse>, ms: number, request: FuzzRequest): Promise<FuzzResponse> {
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  const watchdog = new Promise<FuzzResponse>((resolve) => {
    timer = setTimeout(() => {
      request.notes.push('ended by the fuzzer\'s watchdog (the client-side timeout did not fire)');
      resolve({ status: 0, headers: {}, text: '', durationMs: performance.now() - started, failure: { kind: 'timeout', message: `no answer within ${ms} ms (watchdog)` } });
    }, ms);
  });
  try {
    return await Promise.race([sending, watchdog]);
  } finally {
    clearTimeout(timer);
  }
}

interface CanarySample {
  /** Wall-clock start (ms). */
  start: number;
  ms: number;
  status: number;
  text: string;
}

/** The canary's thread: plain JavaScript (no TypeScript loader needed in a worker), Node's own fetch. */
const CANARY_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let running = true;
parentPort.on('message', () => { running = false; });
(async () => {
  while (running) {
    const start = Date.now();
    const t0 = performance.now();
    let status = 0;
    let text = '';
    try {
      const response = await fetch(workerData.url, { headers: { authorization: workerData.authorization }, signal: AbortSignal.timeout(workerData.timeoutMs) });
      status = response.status;
      text = await response.text();
    } catch (error) {
      text = String(error);
    }
    parentPort.postMessage({ start, ms: performance.now() - t0, status, text });
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  parentPort.postMessage('done');
})();
`;

function startCanary(url: string, authorization: string, timeoutMs: number, onSample: (sample: CanarySample) => void): { stop(): Promise<void> } {
  const worker = new Worker(CANARY_SOURCE, { eval: true, workerData: { url, authorization, timeoutMs } });
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => { done = resolve; });
  worker.on('message', (message: CanarySample | 'done') => {
    if (message === 'done') done();
    else onSample(message);
  });
  worker.on('error', () => done());
  worker.on('exit', () => done());
  return {
    async stop() {
      worker.postMessage('stop');
      await Promise.race([finished, sleep(timeoutMs + 1000)]);
      await worker.terminate();
    },
  };
}

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
function bySeverity(a: { severity: Severity; count: number }, b: { severity: Severity; count: number }): number {
  return RANK[a.severity] - RANK[b.severity] || b.count - a.count;
}

function untriaged(finding: Finding, cause = ''): TriagedFinding {
  const example = finding.examples[0];
  return {
    kind: finding.kind, severity: finding.severity, face: finding.face, signature: finding.signature, cause, place: '', variants: [], others: oneLiners(finding.examples.slice(1)),
    routes: [{ route: finding.route, count: finding.count }], count: finding.count, reproduced: false,
    repro: { request: example.request, response: example.response, notes: example.request.notes, shrinkTries: 0 }, detail: example.problem.detail,
  };
}

/**
 * Replays each finding's examples one at a time (nothing else in flight), reads what the server logged,
 * splits findings by that cause, shrinks one example of each, and merges the same cause seen on several routes.
 */
async function triage(world: World, transport: Transport, findings: Finding[], slowMs: number, stallMs: number, budget: number, triageMs: number, log: (line: string) => void): Promise<TriagedFinding[]> {
  const out: TriagedFinding[] = [];
  const deadline = Date.now() + triageMs;
  const replay = async (request: FuzzRequest, followUp: boolean) => {
    const offset = world.outputLength();
    // OAuth nonces are single-use and timestamps age: a replay is signed afresh (a request that was signed right stays right).
    const response = await transport.sendRaw(refreshOAuth(copyRequest(request), world), followUp);
    await sleep(40);
    const logs = world.errorLogs(offset);
    let cause = logs.length > 0 ? `${logs[0].type}: ${logs[0].message}${logs[0].where ? ` (at ${logs[0].where})` : ''}` : '';
    // Where it failed, without the message (which often quotes the input): the key that tells causes apart.
    let place = logs.length > 0 ? `${logs[0].type} at ${logs[0].where || logs[0].message}` : '';
    if (!place && response.status >= 500) {
      // Nothing logged (an error handler that failed itself): the answer's own words are all there is.
      const message = (/"message":"([^"]*)"/.exec(response.text)?.[1] ?? response.text).slice(0, 120);
      cause = `nothing logged; the answer says: ${message}`;
      place = `answer: ${message}`;
    }
    return { response, cause, place, problems: checkResponse(request, response, slowMs) };
  };
  for (const finding of findings) {
    if (finding.kind === 'stall' && world.alive() && Date.now() < deadline) {
      out.push(await triageStall(world, transport, finding, stallMs));
      continue;
    }
    if (!world.alive() || Date.now() > deadline || finding.face === 'process' || finding.kind === 'hang' || finding.kind === 'slow') {
      out.push(untriaged(finding));
      continue;
    }
    const keyOf = (problem: Problem) => `${finding.face} | ${finding.route} | ${problem.kind} | ${problem.signature}`;
    const groups = new Map<string, Example[]>();
    const causes = new Map<string, string>();
    for (const example of finding.examples.slice(0, 6)) {
      if (Date.now() > deadline) break;
      const { response, cause, place, problems } = await replay(example.request, finding.kind === 'framing');
      const match = problems.find((p) => keyOf(p) === finding.key);
      const label = match ? place || '-' : 'not reproduced alone';
      const list = groups.get(label) ?? [];
      list.push(match ? { request: example.request, response, problem: match } : example);
      groups.set(label, list);
      if (!causes.has(label)) causes.set(label, cause);
    }
    for (const [place, examples] of groups) {
      const cause = place === '-' || place === 'not reproduced alone' ? place : causes.get(place) ?? place;
      const reproduced = cause !== 'not reproduced alone';
      if (!reproduced && groups.size > 1) continue;
      let repro = examples[0];
      let tries = 0;
      let shrunkCause: string | null = null;
      let shrunkPlace: string | null = null;
      if (reproduced && Date.now() < deadline) {
        const shrunk = await shrink(copyRequest(repro.request), async (candidate) => {
          const again = await replay(candidate, finding.kind === 'framing');
          // A 5xx is told apart from other 5xx on the route only by where the server failed; other kinds by their signature.
          return again.problems.some((p) => keyOf(p) === finding.key) && (finding.kind !== '5xx' || place === '-' || again.place === place);
        }, budget);
        tries = shrunk.tries;
        const final = await replay(shrunk.request, finding.kind === 'framing');
        const problem = final.problems.find((p) => keyOf(p) === finding.key) ?? repro.problem;
        repro = { request: shrunk.request, response: final.response, problem };
        if (finding.kind !== '5xx') {
          // In a batch the first error logged may belong to another call: the shrunk request tells the real cause.
          shrunkCause = final.cause;
          shrunkPlace = final.place;
        }
      }
      out.push({
        kind: finding.kind, severity: finding.severity, face: finding.face, signature: finding.signature,
        cause: shrunkCause ?? (cause === '-' ? '' : cause), place: shrunkPlace ?? (place === '-' ? '' : place), variants: [], others: oneLiners(examples.slice(1)), routes: [{ route: finding.route, count: finding.count }], count: finding.count, reproduced,
        repro: { request: repro.request, response: repro.response, notes: examples[0].request.notes, shrinkTries: tries }, detail: repro.problem.detail,
      });
    }
    log(`    ${finding.key}: ${groups.size} cause(s)`);
  }
  // The same server-side cause on several routes of one face is one finding (its smallest repro kept).
  const merged = new Map<string, TriagedFinding>();
  for (const finding of out) {
    const key = finding.place && finding.reproduced ? `${finding.face}|${finding.kind}|${finding.signature}|${finding.place}` : `${finding.face}|${finding.routes[0].route}|${finding.kind}|${finding.signature}|${finding.cause}`;
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, finding);
      continue;
    }
    for (const route of finding.routes) {
      const same = existing.routes.find((r) => r.route === route.route);
      if (same) same.count += route.count;
      else existing.routes.push({ ...route });
    }
    existing.count += finding.count;
    existing.others = [...existing.others, ...finding.others].slice(0, 6);
    if (finding.cause && finding.cause !== existing.cause && !existing.variants.includes(finding.cause)) existing.variants.push(finding.cause);
    if (bodyLength(finding.repro.request.body) + finding.repro.request.path.length < bodyLength(existing.repro.request.body) + existing.repro.request.path.length) existing.repro = finding.repro;
  }
  return [...merged.values()].sort(bySeverity);
}
