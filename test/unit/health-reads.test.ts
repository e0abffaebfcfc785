/**
 * The webhook health report reads every delivery and attempt of its window: its grouped reads are long
 * reads (store/sql/long-reads.ts: on SQLite, off the event loop), what it reads on the store's own
 * connection searches indexes only, and the core makes one report at a time, sharing one asked for twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../src/core/context.ts';
import { Unavailable } from '../../src/core/errors.ts';
import type { Workspace } from '../../src/core/model.ts';
import { WebhookHealthReport } from '../../src/core/webhook-health.ts';
import { storeWithCapturedReads, type CapturedReads } from '../helpers/captured-reads.ts';

describe("the health report's reads", () => {
  let reads: CapturedReads;
  let workspaceSeq: number;

  beforeAll(async () => {
    reads = await storeWithCapturedReads('health');
    const { store, file } = reads;
    const workspace = await store.workspaces.create('health', Date.now());
    workspaceSeq = workspace.seq;
    const webhook = await store.webhooks.create({
      workspace, name: 'w', url: 'http://127.0.0.1:9/w', description: '', events: ['*'], sealedHeaders: {}, status: 'active', secretEnc: 'x',
      format: 'standard', meta: {}, pausedBehavior: 'queue', disableRule: 'standard', now: Date.now(),
    });
    file.prepare(`INSERT INTO attempts (delivery_id, webhook_id, workspace_id, event_type, "trigger", success, request_url, request_headers, request_body,
        response_code, response_message, response_headers, response_body, duration_ms, error, created_at)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
      SELECT NULL, ?, ?, 'order.created', 'scheduled', i % 2, 'http://127.0.0.1:9/w', '{}', NULL, 200, 'OK', '{}', NULL, i % 300, NULL, ? + i FROM n`)
      .run(webhook.seq, workspace.seq, Date.now() - 3_600_000);
  });

  afterAll(() => reads.close());

  it('groups the window as long reads, and reads on the connection by index searches only', async () => {
    const { store, asLongReads, onConnection } = reads;
    reads.clear();
    const report = await store.webhookHealth.collect({ seq: workspaceSeq } as never, Date.now() - 86_400_000, 3_600_000);
    expect(report.webhooks[0].succeededAttempts).toBe(1000);
    // The deliveries by status, the attempts by duration, the last failures and the attempts over time.
    expect(asLongReads).toHaveLength(4);
    const ownReads = onConnection.filter((query) => !asLongReads.some((read) => typeof read !== 'string' && read.sql === query.sql));
    expect(ownReads.length).toBeGreaterThan(0);
    for (const query of ownReads) {
      // A scan of the webhooks (a workspace has at most 1 000) is fine; of attempts or deliveries, never.
      expect(reads.scans(query, /^(attempts|deliveries)$/), query.sql).toEqual([]);
    }
  });
});

describe('the health report, made one at a time', () => {
  /** A core whose store's collect waits until the test lets it finish. */
  function reportWithStore() {
    const asked: Array<{ workspaceSeq: number; finish: () => void }> = [];
    const ctx = {
      now: () => Date.now(),
      store: {
        webhookHealth: {
          collect: (workspace: { seq: number }) => new Promise((resolve) => {
            asked.push({ workspaceSeq: workspace.seq, finish: () => resolve({ webhooks: [], series: [] }) });
          }),
        },
      },
    } as unknown as CoreContext;
    return { report: new WebhookHealthReport(ctx), asked };
  }
  const workspace = (seq: number) => ({ seq }) as Workspace;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('shares a report asked for again while it is made, and starts the next when one is done', async () => {
    const { report, asked } = reportWithStore();
    const first = report.report(workspace(1), '24h');
    const again = report.report(workspace(1), '24h');
    const other = report.report(workspace(2), '24h');
    await settle();
    expect(asked.map((a) => a.workspaceSeq)).toEqual([1]);
    asked[0].finish();
    expect(await again).toBe(await first);
    await settle();
    expect(asked.map((a) => a.workspaceSeq)).toEqual([1, 2]);
    asked[1].finish();
    await other;
    // Done: asked for again, it is made anew.
    const later = report.report(workspace(1), '24h');
    await settle();
    expect(asked).toHaveLength(3);
    asked[2].finish();
    await later;
  });

  it('refuses a report past 32 waiting, with 503 Unavailable, and takes them again once they are made', async () => {
    const { report, asked } = reportWithStore();
    const waiting = Array.from({ length: 32 }, (_, i) => report.report(workspace(i + 1), '7d'));
    await expect(report.report(workspace(99), '7d')).rejects.toBeInstanceOf(Unavailable);
    for (let i = 0; i < 32; i++) {
      await settle();
      asked[i].finish();
    }
    await Promise.all(waiting);
    const after = report.report(workspace(99), '7d');
    await settle();
    asked[32].finish();
    await expect(after).resolves.toEqual(expect.objectContaining({ window: '7d' }));
  });
});
