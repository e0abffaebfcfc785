/**
 * npm run bench -- --scenario store [--events N] [--rounds K]
 *
 * What hookd's store costs PostgreSQL per delivery, step by step, against the baseline's log in the same
 * run: no HTTP, no sending, none of the end-to-end benchmark's noise from the receiver and publishers.
 *
 * hookd: an API-role hookd in this process, on a schema of its own; N events published through its core
 * (4 webhooks each, 32 publishes at once, as the throughput phase), then claimed as a dispatcher claims
 * (batches of up to 128), each batch recorded as successes before the next claim (in batches of 36, the
 * size a busy dispatcher records).
 * PostgreSQL's CPU (every `postgres` process) and this process's are read from /proc around each step
 * (this process's figure for the claims and records includes those reads: a few µs per delivery).
 * The baseline: the same N × 4 deliveries written as its worker writes its log, ONE INSERT per attempt,
 * 64 at once through a pool of 10.
 *
 * Rounds alternate (hookd, baseline, hookd, …) so that the machine's drift falls on both; medians.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { startHookd, type Hookd } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { disablePolicyOf } from '../src/delivery/setup.ts';
import type { AttemptOutcome, ClaimedDelivery } from '../src/core/ports/store.ts';
import type { Workspace } from '../src/core/model.ts';
import { ownCpuSeconds, serverCpuBetween, serverCpuByPid } from './cpu.ts';
import { EVENT_TYPE, inParallel, median, postgresSchema } from './support.ts';
import { CREATE_DELIVERY_LOG, INSERT_ATTEMPT } from './baseline/delivery-log.ts';

const WEBHOOKS = 4;
const PUBLISHING = 32;
const CLAIM_LIMIT = 128;
const RECORD_BATCH = 36;
const BASELINE_IN_FLIGHT = 64;
/** Bounds of --events and --rounds. */
const MAX_EVENTS = 1_000_000;
const MAX_ROUNDS = 99;
/** An order of about 1 KiB, as the throughput phase publishes. */
const data = (i: number) => ({ id: i, customer: 'c'.repeat(40), items: Array.from({ length: 12 }, (_, n) => ({ sku: `SKU-${n}`, qty: n, price: 9.99 })) });

/** CPU µs per delivery: PostgreSQL's (every `postgres` process), and this process's. */
interface Cost {
  postgres: number;
  own: number;
}

/** What `run` cost, per delivery. */
async function measured(deliveries: number, run: () => Promise<void>): Promise<Cost> {
  const before = serverCpuByPid('postgres');
  const own = ownCpuSeconds();
  await run();
  const spent = ownCpuSeconds() - own;
  const after = serverCpuByPid('postgres');
  if (!before || !after) throw new Error('cannot read PostgreSQL\'s CPU time from /proc');
  return { postgres: (serverCpuBetween(before, after) * 1e6) / deliveries, own: (spent * 1e6) / deliveries };
}

interface Steps {
  publish: Cost;
  claim: Cost;
  record: Cost;
}

async function hookdRound(hookd: Hookd, config: Config, workspace: Workspace, events: number): Promise<Steps> {
  const deliveries = events * WEBHOOKS;
  const publish = await measured(deliveries, () => inParallel(events, PUBLISHING, (i) => hookd.core.events.publish(workspace, { type: EVENT_TYPE, data: data(i) })));
  // As a dispatcher does: a claim, then its deliveries' outcomes recorded, then the next claim. Each step's
  // CPU is added up on its own.
  const claim: Cost = { postgres: 0, own: 0 };
  const record: Cost = { postgres: 0, own: 0 };
  const disablePolicy = disablePolicyOf(config);
  const add = (sum: Cost, step: Cost) => {
    sum.postgres += step.postgres;
    sum.own += step.own;
  };
  let claimedSoFar = 0;
  while (claimedSoFar < deliveries) {
    let batch: ClaimedDelivery[] = [];
    add(claim, await measured(deliveries, async () => {
      const now = Date.now();
      batch = await hookd.store.dispatch.claim({
        now, leaseUntil: now + config.leaseMs, limit: CLAIM_LIMIT, perWebhookRoom: new Map(), perWebhookDefault: CLAIM_LIMIT,
        perWorkspaceRoom: new Map(), perWorkspaceDefault: CLAIM_LIMIT, webhookConcurrency: CLAIM_LIMIT, settled: [], held: [],
      });
    }));
    if (batch.length === 0) throw new Error(`claimed ${claimedSoFar} of ${deliveries} deliveries, then nothing`);
    claimedSoFar += batch.length;
    for (let start = 0; start < batch.length; start += RECORD_BATCH) {
      const now = Date.now();
      const outcomes: AttemptOutcome[] = batch.slice(start, start + RECORD_BATCH).map((delivery) => ({
        deliverySeq: delivery.seq, webhookSeq: delivery.webhook.seq, fifo: false, next: { status: 'succeeded', at: null },
        attempt: {
          deliverySeq: delivery.seq, webhookSeq: delivery.webhook.seq, workspaceSeq: delivery.webhook.workspaceSeq, eventType: delivery.event.type, trigger: 'scheduled', success: true,
          requestUrl: delivery.webhook.url, requestHeadersJson: '{"content-type":"application/json","webhook-id":"x"}', requestBody: delivery.event.dataJson,
          responseCode: 200, responseMessage: 'OK', responseHeadersJson: '{"content-length":"2"}', responseBody: 'ok', durationMs: 1.2, error: null, createdAt: now,
        },
      }));
      add(record, await measured(deliveries, () => hookd.store.dispatch.record(outcomes, disablePolicy, now).then(() => undefined)));
    }
  }
  return { publish, claim, record };
}

async function baselineRound(log: pg.Pool, events: number, url: string): Promise<Cost> {
  const deliveries = events * WEBHOOKS;
  const bodies = Array.from({ length: events }, (_, i) => JSON.stringify(data(i)));
  return measured(deliveries, () => inParallel(deliveries, BASELINE_IN_FLIGHT, (i) => log.query(
    INSERT_ATTEMPT, [`${url}/hook/${i % WEBHOOKS}`, 200, 1.2, bodies[Math.floor(i / WEBHOOKS)], 'ok'],
  )));
}

export async function storeScenario(events: number, rounds: number): Promise<void> {
  if (!Number.isInteger(events) || events < 1 || events > MAX_EVENTS) throw new Error(`--events: 1 to ${MAX_EVENTS}, not ${events}`);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_ROUNDS) throw new Error(`--rounds: 1 to ${MAX_ROUNDS}, not ${rounds}`);
  // hookd keeps its encryption key in its data dir, on PostgreSQL too.
  const dataDir = mkdtempSync(join(tmpdir(), 'hookd-bench-store-'));
  const hookdSchema = await postgresSchema('hookd_bench_store');
  const baselineSchema = await postgresSchema('baseline_bench_store');
  const config = loadConfig({}, {
    dataDir, adminToken: 'bench-admin', port: '0', host: '127.0.0.1', allowPrivateNetworks: 'true', logLevel: 'warn', databaseUrl: hookdSchema.url,
  }, 'api');
  const hookd = await startHookd(config, pino({ level: 'warn' }));
  const log = new pg.Pool({ connectionString: baselineSchema.url, max: 10 });
  try {
    await log.query(CREATE_DELIVERY_LOG);
    const workspace = await hookd.core.workspaces.create({ name: 'store-bench' });
    // Nothing is sent: the URLs are never asked for.
    for (let i = 0; i < WEBHOOKS; i++) {
      await hookd.core.webhooks.create(workspace, { name: `h${i}`, url: `http://127.0.0.1:9/hook/${i}`, events: [EVENT_TYPE], status: 'active' });
    }
    console.log(`\nhookd's store on PostgreSQL, per delivery: ${events} events × ${WEBHOOKS} webhooks published, claimed and recorded, against the baseline's log (one INSERT per attempt), ${rounds} alternating rounds after one of each to warm up`);
    await hookdRound(hookd, config, workspace, Math.min(events, 1000));
    await baselineRound(log, Math.min(events, 1000), 'http://127.0.0.1:9');
    const hookdRounds: Steps[] = [];
    const baseline: Cost[] = [];
    for (let round = 0; round < rounds; round++) {
      hookdRounds.push(await hookdRound(hookd, config, workspace, events));
      baseline.push(await baselineRound(log, events, 'http://127.0.0.1:9'));
    }
    const line = (label: string, values: number[], digits = 1) => console.log(`${label.padEnd(60)} ${median(values).toFixed(digits)} (${values.map((v) => v.toFixed(digits)).join(', ')})`);
    const total = (steps: Steps, side: 'postgres' | 'own') => steps.publish[side] + steps.claim[side] + steps.record[side];
    line('  PostgreSQL CPU µs/delivery, hookd: publish', hookdRounds.map((r) => r.publish.postgres));
    line('  PostgreSQL CPU µs/delivery, hookd: claim', hookdRounds.map((r) => r.claim.postgres));
    line('  PostgreSQL CPU µs/delivery, hookd: record', hookdRounds.map((r) => r.record.postgres));
    line('  PostgreSQL CPU µs/delivery, hookd: all three', hookdRounds.map((r) => total(r, 'postgres')));
    line('  PostgreSQL CPU µs/delivery, baseline: its INSERT', baseline.map((b) => b.postgres));
    line('  ratio, hookd over the baseline (each round\'s own)', hookdRounds.map((r, i) => total(r, 'postgres') / baseline[i].postgres), 2);
    line('  this process\'s CPU µs/delivery, hookd\'s store calls', hookdRounds.map((r) => total(r, 'own')));
    line('  this process\'s CPU µs/delivery, the baseline\'s INSERTs', baseline.map((b) => b.own));
  } finally {
    await log.end();
    await hookd.close();
    await hookdSchema.drop();
    await baselineSchema.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
