/**
 * A small fuzz campaign against a hookd process (fixed seed, about 1 800 requests): fails on any finding,
 * a 5xx, a JSON-RPC internal error, an answer outside its face's format, a leak, a hang, a stall, a crash
 * or a post-campaign check that does not hold. `npm run fuzz` runs the full campaign with the same code.
 */
import { describe, expect, it } from 'vitest';
import { runCampaign } from './engine.ts';
import { formatReport, summary } from './report.ts';

const SEED = 15;
const REQUESTS = 1_800;

describe('fuzzing the three API faces', () => {
  it(`answers ${REQUESTS} hostile requests (seed ${SEED}) with clean 4xx, and loses nothing`, async () => {
    const result = await runCampaign({ seed: SEED, requests: REQUESTS, concurrency: 8, shrinkBudget: 8, triageMs: 8_000, stallMs: 2_000 });
    const failed = result.postChecks.filter((check) => !check.ok).map((check) => `${check.name}: ${check.detail}`);
    if (result.triaged.length > 0 || failed.length > 0) {
      console.log(formatReport(result, `npm run fuzz -- --seed ${SEED} --requests ${REQUESTS}`));
    }
    expect(result.sent).toBe(REQUESTS);
    expect(failed, 'post-campaign checks').toEqual([]);
    expect(summary(result), `findings (see the report above; replay with npm run fuzz -- --seed ${SEED} --requests ${REQUESTS})`).toBe('');
  }, 120_000);
});
