/**
 * /metrics after real deliveries, on both stores: the store's gauges (deliveries by status, the oldest due
 * delivery's age, webhooks by status), attempts by workspace and outcome, the latency and duration
 * histograms, and the claim and record timings. On SQLite the dispatcher runs in its thread, so the
 * figures also cross from it. And the label sets stay bounded however many workspaces deliver.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHookd, type Hookd } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { ApiClient, TEST_SETTINGS, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { USE_POSTGRES, createTestSchema, type TestSchema } from '../../helpers/postgres.ts';
import { scrape, valueOf } from '../../helpers/prometheus.ts';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';
import { publish, workspaceWithWebhook } from '../delivery/support.ts';

const receiver = receiversClosedAfterAll();
const TOKEN = 'metrics-token';

describe('metrics after deliveries', () => {
  let server: TestHookd;
  beforeAll(async () => {
    server = await startTestHookd({ metricsToken: TOKEN, metricsWorkspaces: '3', retrySchedule: '1h' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('counts attempts by workspace and outcome, times them, and reads the store', async () => {
    const ok = await receiver();
    const failing = await receiver();
    failing.behaviour = { kind: 'status', status: 503 };
    const gone = await receiver();
    gone.behaviour = { kind: 'status', status: 410 };
    const a = await workspaceWithWebhook(server.api, 'metrics-ok', ok.url('/ok'));
    const b = await workspaceWithWebhook(server.api, 'metrics-failing', failing.url('/failing'));
    const c = await workspaceWithWebhook(server.api, 'metrics-gone', gone.url('/gone'));
    // The failing webhook's delivery stays pending (its retry is in an hour); the 410 disables its webhook.
    for (let n = 0; n < 5; n++) await publish(a.ws, { n });
    await publish(b.ws, { n: 0 });
    await publish(c.ws, { n: 0 });
    await eventually(async () => ok.requests.length === 5 && failing.requests.length === 1 && gone.requests.length === 1);

    const samples = await eventually(async () => {
      const now = await scrape(server.url, TOKEN);
      const recorded = valueOf(now, 'hookd_record_duration_seconds_count') ?? 0;
      const disabled = valueOf(now, 'hookd_webhooks', { status: 'disabled' });
      // Recorded, and the store's gauges read after the 410 disabled its webhook (they are cached a few seconds).
      // And every outcome recorded: a delivery whose answer came in is `sending` in the store until its batch is written.
      const settled = valueOf(now, 'hookd_deliveries', { status: 'sending' }) === 0 && valueOf(now, 'hookd_attempt_duration_seconds_count') === 7;
      // The 410's delivery waits for its disabled webhook: held.
      const held = valueOf(now, 'hookd_deliveries', { status: 'held' }) === 1;
      return recorded > 0 && disabled === 1 && settled && held && valueOf(now, 'hookd_deliveries', { status: 'pending' }) === 1 ? now : null;
    }, 15_000, 250);

    expect(valueOf(samples, 'hookd_workspace_attempts_total', { workspace: a.ws.id, outcome: 'success' })).toBe(5);
    expect(valueOf(samples, 'hookd_workspace_attempts_total', { workspace: b.ws.id, outcome: 'http_5xx' })).toBe(1);
    expect(valueOf(samples, 'hookd_workspace_attempts_total', { workspace: c.ws.id, outcome: 'http_4xx' })).toBe(1);
    expect(valueOf(samples, 'hookd_attempts_total', { result: 'success' })).toBe(5);
    expect(valueOf(samples, 'hookd_attempt_duration_seconds_count')).toBe(7);
    expect(valueOf(samples, 'hookd_publish_to_first_attempt_seconds_count')).toBe(7);
    expect(valueOf(samples, 'hookd_claim_duration_seconds_count')).toBeGreaterThan(0);
    expect(valueOf(samples, 'hookd_webhooks', { status: 'active' })).toBe(2);
    // The failing delivery waits for its retry in an hour: pending, not due, so nothing is late.
    expect(valueOf(samples, 'hookd_deliveries', { status: 'sending' })).toBe(0);
    expect(valueOf(samples, 'hookd_oldest_due_delivery_age_seconds')).toBe(0);
    // Process metrics once, not once per thread.
    expect(samples.filter((s) => s.name === 'process_cpu_seconds_total')).toHaveLength(1);
    // No metric names a webhook, a delivery or an event.
    const ids = [a.webhook.id, b.webhook.id, c.webhook.id];
    expect(samples.filter((s) => Object.values(s.labels).some((value) => ids.includes(value)))).toEqual([]);
  });

  it('keeps workspace labels bounded: past the cap, workspaces are counted as "other"', async () => {
    const ok = await receiver();
    const many = [];
    for (let n = 0; n < 12; n++) many.push(await workspaceWithWebhook(server.api, `metrics-many-${n}`, ok.url(`/many/${n}`)));
    for (const { ws } of many) await publish(ws, { n: 1 });
    await eventually(async () => ok.requests.length === many.length);

    const samples = await eventually(async () => {
      const now = await scrape(server.url, TOKEN);
      const total = now.filter((s) => s.name === 'hookd_workspace_attempts_total').reduce((sum, s) => sum + s.value, 0);
      return total === 7 + many.length ? now : null;
    });
    const workspaces = new Set(samples.filter((s) => s.name === 'hookd_workspace_attempts_total').map((s) => s.labels.workspace));
    // The three workspaces of the first test hold the three labels; all twelve new ones are "other".
    expect(workspaces.size).toBe(4);
    expect(workspaces.has('other')).toBe(true);
    expect(valueOf(samples, 'hookd_workspace_attempts_total', { workspace: 'other', outcome: 'success' })).toBe(many.length);
    // The store's gauges are a fixed set of series, whatever the number of webhooks.
    expect(samples.filter((s) => s.name === 'hookd_webhooks')).toHaveLength(3);
    expect(samples.filter((s) => s.name === 'hookd_deliveries')).toHaveLength(5);
  });

  it('is behind the metrics token', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
  });
});

describe('the oldest due delivery', () => {
  let hookd: Hookd;
  let schema: TestSchema | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'hookd-metrics-'));
  beforeAll(async () => {
    // The API role, no dispatcher: what is published stays due, and its age grows.
    schema = USE_POSTGRES ? await createTestSchema() : null;
    const config = loadConfig({}, { ...TEST_SETTINGS, dataDir: dir, ...(schema ? { databaseUrl: schema.url } : {}) }, 'api');
    hookd = await startHookd(config, pino({ level: 'warn' }));
  });
  afterAll(async () => {
    await hookd?.close();
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is reported from the store by a process without a dispatcher', async () => {
    const ok = await receiver();
    const { ws } = await workspaceWithWebhook(new ApiClient(hookd.url as string), 'metrics-due', ok.url('/due'));
    await publish(ws, { n: 1 });
    await publish(ws, { n: 2 });
    const samples = await eventually(async () => {
      const now = await scrape(hookd.url as string);
      return (valueOf(now, 'hookd_oldest_due_delivery_age_seconds') ?? 0) > 0 ? now : null;
    }, 15_000, 250);
    expect(valueOf(samples, 'hookd_deliveries', { status: 'pending' })).toBe(2);
    expect(ok.requests).toHaveLength(0);
  });
});
