/** The campaign's report as text (Markdown, readable in a terminal too). */
import type { CampaignResult, TriagedFinding } from './engine.ts';
import { describeRequest, describeResponse } from './request.ts';

const kb = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '?' : `${(value / 1024).toFixed(1)} MiB`);

function table(rows: string[][]): string {
  const widths = rows[0].map((_c, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r, n) => {
    const line = `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    return n === 0 ? `${line}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|` : line;
  }).join('\n');
}

export function findingsOnly(result: CampaignResult): TriagedFinding[] {
  return result.triaged;
}

export function formatReport(result: CampaignResult, command: string): string {
  const out: string[] = [];
  const classes = ['2xx', '3xx', '4xx', '5xx', 'hang', 'no answer'];
  out.push(`# hookd fuzz campaign — seed ${result.seed}`, '');
  out.push(`Command: \`${command}\``, '');
  out.push(`- requests sent: ${result.sent} of ${result.requested} (${(result.bytesSent / 1048576).toFixed(1)} MiB of bodies), ${result.concurrency} in flight, ${result.timeoutMs} ms timeout each`);
  out.push(`- duration: ${(result.durationMs / 1000).toFixed(1)} s (${Math.round(result.sent / (result.durationMs / 1000))} requests/s)`);
  out.push(`- 5xx answers: ${result.fiveXX}; JSON-RPC answers with internal errors (-32603): ${result.internalErrors}; hangs (no answer in ${result.timeoutMs} ms): ${result.hangs}; no answer at all (connection closed): ${result.noAnswer}`);
  out.push(`- hookd crashed: ${result.crashed ? 'YES' : 'no'}`);
  out.push(`- hookd memory (VmRSS): before ${kb(result.memoryBefore?.rssKb)}, after ${kb(result.memoryAfter?.rssKb)}; peak (VmHWM) ${kb(result.memoryAfter?.hwmKb)}`);
  out.push(`- canary (tenant C reads its sentinel every 200 ms during the campaign): ${result.canary.samples} reads, p50 ${result.canary.p50Ms.toFixed(1)} ms, p99 ${result.canary.p99Ms.toFixed(1)} ms, max ${result.canary.maxMs.toFixed(1)} ms, ${result.canary.over} over the stall threshold`);
  for (const w of result.canary.worst) out.push(`  - a canary read took ${w.ms.toFixed(0)} ms while in flight: ${w.inFlight.join(' | ') || 'nothing'}`);
  if (result.uncoveredRoutes.length > 0) out.push(`- OpenAPI routes without a generator of their own (fuzzed generically): ${result.uncoveredRoutes.join(', ')}`);
  else out.push('- every route in /openapi.json has a generator');
  if (result.generatorErrors.length > 0) out.push(`- FUZZER BUGS: ${result.generatorErrors.length} requests could not be generated, e.g. ${result.generatorErrors[0]}`);
  out.push('', '## Answers by status class', '');
  const faces = Object.keys(result.byFace).sort();
  out.push(table([
    ['face', ...classes, 'total'],
    ...faces.map((face) => [face, ...classes.map((c) => String(result.byFace[face][c] ?? 0)), String(Object.values(result.byFace[face]).reduce((a, b) => a + b, 0))]),
    ['all', ...classes.map((c) => String(result.byClass[c] ?? 0)), String(result.sent)],
  ]));
  out.push('', '## Routes', '');
  out.push(table([
    ['route', 'sent', '2xx', '4xx', '5xx', 'other', 'most frequent codes'],
    ...Object.entries(result.byRoute).sort(([a], [b]) => a.localeCompare(b)).map(([route, s]) => {
      const other = s.count - (s.classes['2xx'] ?? 0) - (s.classes['4xx'] ?? 0) - (s.classes['5xx'] ?? 0);
      const codes = Object.entries(s.codes).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([c, n]) => `${c} ×${n}`).join(', ');
      return [route, String(s.count), String(s.classes['2xx'] ?? 0), String(s.classes['4xx'] ?? 0), String(s.classes['5xx'] ?? 0), String(other), codes];
    }),
  ]));
  out.push('', '## Slowest answers', '');
  for (const slow of result.slowest) {
    out.push(`- ${slow.ms.toFixed(0)} ms, status ${slow.status}, ${slow.route}`, '', '```', slow.request, '```', '');
  }
  out.push('## Post-campaign checks', '');
  for (const check of result.postChecks) out.push(`- [${check.ok ? 'ok' : 'FAILED'}] ${check.name}: ${check.detail.split('\n').join(' / ')}`);
  out.push('', `## Findings: ${result.triaged.length} distinct`, '');
  if (result.triaged.length === 0) out.push('None.');
  const byFace = new Map<string, TriagedFinding[]>();
  for (const finding of result.triaged) byFace.set(finding.face, [...(byFace.get(finding.face) ?? []), finding]);
  let n = 0;
  for (const [face, list] of byFace) {
    const title: Record<string, string> = {
      native: 'Native API', woo: 'WooCommerce legacy v2 (/wc-api/v2)', jsonrpc: 'JSON-RPC (/api/jsonrpc)', process: 'The process',
      transport: "Before any face (Node's HTTP parser, Fastify's defaults)",
    };
    out.push(`### ${title[face] ?? face}`, '');
    for (const f of list) {
      n++;
      out.push(`#### ${n}. [${f.severity}] ${f.kind}: ${f.signature}${f.cause ? ` — ${f.cause}` : ''}`, '');
      out.push(`- seen on: ${f.routes.map((r) => `${r.route} (${r.count})`).join('; ')} — per route, the answers of this kind and signature, whatever their cause`);
      out.push(`- ${f.detail.split('\n').join(' ')}`);
      if (f.variants.length > 0) out.push(`- the same place also failed with: ${f.variants.slice(0, 6).join(' | ')}`);
      out.push(`- replayed alone: ${f.reproduced ? `reproduced${f.repro.shrinkTries > 0 ? `, shrunk in ${f.repro.shrinkTries} tries` : ''}` : 'not reproduced alone (or not replayed)'}`);
      if (f.repro.notes.length > 0) out.push(`- mutations of the first example: ${f.repro.notes.join('; ')}`);
      if (f.others.length > 0) out.push('- other requests that failed the same way:', ...f.others.map((o) => `  - ${o}`));
      out.push('', 'Request:', '', '```', describeRequest(f.repro.request, 800), '```', '', 'Response:', '', '```', describeResponse(f.repro.response, 500), '```', '');
    }
  }
  if (result.serverErrors.length > 0) {
    out.push('## Errors hookd logged during the campaign', '');
    for (const e of result.serverErrors.slice(0, 40)) out.push(`- ×${e.count} ${e.text}`);
    out.push('');
  }
  return out.join('\n');
}

/** One line per finding, for test failure messages. */
export function summary(result: CampaignResult): string {
  return result.triaged.map((f, i) => `${i + 1}. [${f.severity}] ${f.face} ${f.kind} ${f.signature} on ${f.routes.map((r) => r.route).join(', ')}${f.cause ? ` — ${f.cause}` : ''}`).join('\n');
}
