/**
 * The full fuzz campaign: `npm run fuzz -- [--seed N] [--requests N] [--concurrency N] [--out FILE] [--no-triage]`
 * (or HOOKD_FUZZ_SEED / HOOKD_FUZZ_REQUESTS / HOOKD_FUZZ_CONCURRENCY / HOOKD_FUZZ_REPORT). Prints the report,
 * writes it to --out if given, and exits 1 when there is any finding.
 */
import { writeFileSync } from 'node:fs';
import { runCampaign } from './engine.ts';
import { parseSeed } from './prng.ts';
import { formatReport } from './report.ts';
import { RUNNING } from './world.ts';

// Interrupted: the hookd under test goes too (it is this process's child, by its pid).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const hookd of RUNNING) hookd.child.kill('SIGKILL');
    process.exit(130);
  });
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

const seed = parseSeed(arg('seed') ?? process.env.HOOKD_FUZZ_SEED, 20_240_601);
const requests = Number(arg('requests') ?? process.env.HOOKD_FUZZ_REQUESTS ?? 20_000);
const concurrency = Number(arg('concurrency') ?? process.env.HOOKD_FUZZ_CONCURRENCY ?? 8);
const out = arg('out') ?? process.env.HOOKD_FUZZ_REPORT;
const triage = !process.argv.includes('--no-triage');
if (!Number.isInteger(requests) || requests <= 0) throw new Error(`--requests must be a positive whole number, not ${requests}`);

console.log(`hookd fuzz campaign: seed ${seed}, ${requests} requests, ${concurrency} in flight`);
const result = await runCampaign({ seed, requests, concurrency, triage, log: (line) => console.log(line) });
const command = `npm run fuzz -- --seed ${seed} --requests ${requests}${concurrency !== 8 ? ` --concurrency ${concurrency}` : ''}`;
const report = formatReport(result, command);
console.log(`\n${report}`);
if (out) {
  writeFileSync(out, report);
  console.log(`report written to ${out}`);
}
process.exitCode = result.triaged.length > 0 ? 1 : 0;
