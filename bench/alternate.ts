/**
 * npm run bench -- --alternate <dir> [--pairs N] [the benchmark's other options]
 *
 * Compares this checkout's hookd (A) with another's (B: a checkout or worktree with its node_modules and
 * its build, `node bin/build.mjs`) in alternating runs of the throughput benchmark, in ABBA order (A B,
 * B A, A B, …), so that the machine's drift falls on both alike. On these machines the same code's CPU
 * per delivery moves by a quarter between runs minutes apart: one pair says little, the count of pairs
 * that go one way says more. Each run is the whole benchmark with the options given (the baseline too,
 * unless --baseline none), run in a process of its own with HOOKD_BENCH_HOOKD naming B's checkout for B.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median, root } from './support.ts';

/** What each run sends back over IPC (run.ts, summary()): one row per target. */
export interface SummaryRow {
  label: string;
  ratio: number;
  totalCpuUs: number | null;
  /** Of that, the database server's (PostgreSQL, or Redis for the BullMQ baseline on SQLite's side); null without one. */
  serverCpuUs: number | null;
  p99Ms: number;
  /** Total CPU per delivery in the steady phase (the latency phase's rate), where batches are small. */
  steadyTotalCpuUs: number | null;
}

const MAX_PAIRS = 50;

/** Runs the benchmark `pairs` times for each of A and B, and prints each target's figures side by side. */
export async function alternate(other: string, pairs: number, args: string[]): Promise<void> {
  const otherRoot = resolve(other);
  if (!existsSync(join(otherRoot, 'bin/hookd.js')) || !existsSync(join(otherRoot, 'dist'))) {
    throw new Error(`--alternate: ${otherRoot} is not a built hookd checkout (bin/hookd.js and dist/; run node bin/build.mjs there)`);
  }
  if (!Number.isInteger(pairs) || pairs < 1 || pairs > MAX_PAIRS) throw new Error(`--pairs: a whole number from 1 to ${MAX_PAIRS}`);
  console.log(`\nalternating runs, ABBA order, ${pairs} pairs: A = ${root}, B = ${otherRoot}; each: npm run bench -- ${args.join(' ')}`);
  const runs: { a: SummaryRow[]; b: SummaryRow[] }[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    const order: Array<'a' | 'b'> = pair % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    const results: Partial<Record<'a' | 'b', SummaryRow[]>> = {};
    for (const side of order) {
      results[side] = await oneRun(args, side === 'b' ? otherRoot : null);
      console.log(`  pair ${pair + 1}, ${side.toUpperCase()}: ${results[side]!.map((row) => `${row.label} ${row.ratio.toFixed(3)}`).join('; ')}`);
    }
    runs.push({ a: results.a!, b: results.b! });
  }
  for (const label of runs[0].a.map((row) => row.label)) printTarget(label, runs);
}

/** One whole benchmark run, its summary rows; `hookdRoot`: the checkout whose hookd it runs (null: this one). */
function oneRun(args: string[], hookdRoot: string | null): Promise<SummaryRow[]> {
  const env = { ...process.env };
  if (hookdRoot) env.HOOKD_BENCH_HOOKD = hookdRoot;
  else delete env.HOOKD_BENCH_HOOKD;
  const child = fork(join(root, 'bin/run-ts.js'), [join(root, 'bench/run.ts'), ...args], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((done, fail) => {
    let rows: SummaryRow[] | null = null;
    child.on('message', (message) => { rows = (message as { summary: SummaryRow[] }).summary; });
    child.once('error', fail);
    child.once('exit', (code) => (rows && code === 0 ? done(rows) : fail(new Error(`a benchmark run exited with ${code} before its summary`))));
  });
}

function printTarget(label: string, runs: { a: SummaryRow[]; b: SummaryRow[] }[]): void {
  const pairs = runs.map(({ a, b }) => ({ a: a.find((row) => row.label === label), b: b.find((row) => row.label === label) }))
    .filter((pair): pair is { a: SummaryRow; b: SummaryRow } => pair.a !== undefined && pair.b !== undefined);
  if (pairs.length === 0) return;
  const cpu = (value: number | null) => (value === null ? '–' : value.toFixed(0));
  console.log(`\n${label}`);
  console.log('| pair | ratio A | ratio B | total CPU µs/delivery A | B | of which the server\'s A | B | steady phase: total CPU µs/delivery A | B | p99 ms A | B |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  pairs.forEach(({ a, b }, i) => console.log(`| ${i + 1} | ${a.ratio.toFixed(3)} | ${b.ratio.toFixed(3)} | ${cpu(a.totalCpuUs)} | ${cpu(b.totalCpuUs)} | ${cpu(a.serverCpuUs)} | ${cpu(b.serverCpuUs)} | ${cpu(a.steadyTotalCpuUs)} | ${cpu(b.steadyTotalCpuUs)} | ${a.p99Ms.toFixed(1)} | ${b.p99Ms.toFixed(1)} |`));
  const higher = pairs.filter(({ a, b }) => a.ratio > b.ratio).length;
  const lower = (key: 'totalCpuUs' | 'serverCpuUs' | 'steadyTotalCpuUs') => pairs.filter(({ a, b }) => a[key] !== null && b[key] !== null && a[key] < b[key]).length;
  const medianOf = (side: 'a' | 'b', key: 'totalCpuUs' | 'serverCpuUs' | 'steadyTotalCpuUs') => {
    const values = pairs.map((pair) => pair[side][key]).filter((value): value is number => value !== null);
    return values.length ? median(values).toFixed(0) : '–';
  };
  console.log(`  A's ratio higher in ${higher} of ${pairs.length} pairs, its total CPU lower in ${lower('totalCpuUs')}, the server's in ${lower('serverCpuUs')}, in the steady phase in ${lower('steadyTotalCpuUs')}; medians: ratio ${median(pairs.map((p) => p.a.ratio)).toFixed(3)} against ${median(pairs.map((p) => p.b.ratio)).toFixed(3)}, total CPU ${medianOf('a', 'totalCpuUs')} against ${medianOf('b', 'totalCpuUs')} µs (the server's ${medianOf('a', 'serverCpuUs')} against ${medianOf('b', 'serverCpuUs')}), in the steady phase ${medianOf('a', 'steadyTotalCpuUs')} against ${medianOf('b', 'steadyTotalCpuUs')} µs`);
}
