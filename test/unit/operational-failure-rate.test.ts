/**
 * The failure-rate rule of operational webhooks (sql/operational.ts), driven through the store's own
 * recording of outcomes with a clock the test sets: an endpoint that fails between successes is told
 * about by its failure rate, not only by first failures; and a notice comes at most once per 15 minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLoggedAttempt, type AttemptOutcome } from '../../src/core/ports/store.ts';
import { openStore } from '../../src/store/open.ts';
import type { SqlStore } from '../../src/store/sql/index.ts';

const MINUTE = 60_000;
const policy = { standard: { failures: 1_000_000, afterMs: 10 * 24 * 60 * MINUTE }, woocommerce: { failures: 1_000_000 } };

describe('the failure-rate notice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookd-failure-rate-'));
  let store: SqlStore;
  let workspaceSeq = 0;
  let webhookSeq = 0;
  let eventSeq = 0;

  beforeAll(async () => {
    store = await openStore({ dataDir: dir, databaseUrl: undefined });
    await store.migrate();
    const workspace = await store.workspaces.create('w', 0);
    workspaceSeq = workspace.seq;
    const fields = { workspace, description: '', status: 'active' as const, sealedHeaders: {}, secretEnc: 'x', format: 'standard' as const, meta: {}, pausedBehavior: 'queue' as const, disableRule: 'standard' as const, now: 0 };
    webhookSeq = (await store.webhooks.create({ ...fields, name: 'flaky', url: 'https://flaky.example/hook', events: ['order.created'] })).seq;
    // An operational endpoint of the same workspace: the notices about the flaky webhook are stored for it.
    await store.webhooks.create({ ...fields, name: 'ops', url: 'https://ops.example/hook', events: ['hookd.*'] });
    const event = await store.db.insertInto('events').values({ uid: 'evt_1', workspace_id: workspaceSeq, type: 'order.created', data: '{}', idempotency_key: null, created_at: 0 }).returning('id').executeTakeFirstOrThrow();
    eventSeq = Number(event.id);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Records one attempt per entry of `results` (true: success), each of a delivery being sent, at `now`. */
  async function record(results: boolean[], now: number): Promise<void> {
    const outcomes: AttemptOutcome[] = [];
    for (const success of results) {
      const delivery = await store.db.insertInto('deliveries').values({
        uid: `d_${now}_${outcomes.length}`, event_id: eventSeq, webhook_id: webhookSeq, workspace_id: workspaceSeq, status: 'sending',
        attempt_count: 0, next_attempt_at: now + MINUTE, last_attempt_at: null, trigger: 'scheduled', created_at: now, updated_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      const attempt = toLoggedAttempt({
        deliverySeq: Number(delivery.id), webhookSeq, workspaceSeq, eventType: 'order.created', trigger: 'scheduled', success, requestUrl: 'https://flaky.example/hook',
        requestHeaders: {}, requestBody: null, responseCode: success ? 200 : 500, responseMessage: null, responseHeaders: {}, responseBody: null,
        durationMs: 5, error: null, createdAt: now,
      });
      outcomes.push({ deliverySeq: Number(delivery.id), webhookSeq, fifo: false, attempt, next: success ? { status: 'succeeded', at: null } : { status: 'failed', at: null } });
    }
    await store.dispatch.record(outcomes, policy, now);
  }

  const notices = async () => (await store.db.selectFrom('events').select(['data', 'created_at']).where('type', '=', 'hookd.webhook.failing').orderBy('id').execute())
    .map((row) => ({ at: Number(row.created_at), ...(JSON.parse(row.data) as { trigger: string; window: { attempts: number; failed: number } | null }) }));

  it('tells of an endpoint failing between successes by its rate, once per 15 minutes', async () => {
    const t0 = 1_800_000_000_000;
    await record([false], t0);
    expect((await notices()).map((n) => n.trigger)).toEqual(['first_failure']);
    // Fails every other attempt for 14 minutes: each failure starts a new streak, but the last notice is recent.
    for (let minute = 1; minute <= 14; minute++) await record([true, false], t0 + minute * MINUTE);
    expect(await notices()).toHaveLength(1);
    // Fifteen minutes on, the next failure is told, and by its rate: 30 attempts in the window, 15 failed.
    await record([true, false], t0 + 15 * MINUTE + 1000);
    const told = await notices();
    expect(told).toHaveLength(2);
    expect(told[1]).toMatchObject({ trigger: 'failure_rate', window: { attempts: 30, failed: 15 } });
    // And not again within 15 minutes.
    for (let minute = 16; minute <= 29; minute++) await record([true, false], t0 + minute * MINUTE);
    expect(await notices()).toHaveLength(2);
  });
});
