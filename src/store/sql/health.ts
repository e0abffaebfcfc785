/**
 * The counts behind the webhook health report (core/webhook-health.ts): a few grouped queries over the
 * window. They read every delivery and attempt of the workspace in it (a million attempts a day: 1.2 s
 * on SQLite), so they run as long reads (long-reads.ts), off SQLite's event loop, all in one read
 * transaction; the core runs one report at a time.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { HealthRepo, WorkspaceRef } from '../../core/ports/store.ts';
import { DURATION_BOUNDS } from '../../core/webhook-health.ts';
import { firstIdSince } from './first-id-since.ts';
import type { LongReads } from './long-reads.ts';
import { num } from './rows.ts';

type Collected = Awaited<ReturnType<HealthRepo['collect']>>;

// The bucket of a duration, as a CASE over the fixed bounds (constants, not user input).
const durationBucket = sql.raw(`CASE ${DURATION_BOUNDS.map((bound, i) => `WHEN duration_ms < ${bound} THEN ${i}`).join(' ')} ELSE ${DURATION_BOUNDS.length} END`);

export class SqlHealth implements HealthRepo {
  constructor(private readonly db: Kysely<Database>, private readonly longReads: LongReads) {}

  async collect(workspace: WorkspaceRef, since: number, bucketMs: number): Promise<Collected> {
    const webhooks = await this.db.selectFrom('webhooks').select(['id', 'uid']).where('workspace_id', '=', workspace.seq).orderBy('id').execute();
    const entries = new Map(webhooks.map((w) => [num(w.id), {
      webhookId: w.uid,
      deliveries: { succeeded: 0, failed: 0, pending: 0 },
      succeededAttempts: 0,
      durationBuckets: new Array<number>(DURATION_BOUNDS.length + 1).fill(0),
      lastFailure: null as Collected['webhooks'][number]['lastFailure'],
    }]));
    if (entries.size === 0) return { webhooks: [], series: [] };
    const firstDelivery = await firstIdSince(this.db, 'deliveries', since);
    const firstAttempt = await firstIdSince(this.db, 'attempts', since);

    const deliveriesByStatus = this.db.selectFrom('deliveries').select(['webhook_id', 'status', sql<number>`count(*)`.as('n')])
      .where('workspace_id', '=', workspace.seq).where('id', '>=', firstDelivery).where('created_at', '>=', since)
      .groupBy(['webhook_id', 'status']);
    // The workspace's webhooks as a subquery: a list of their ids could pass the engines' limit on parameters.
    const inWindow = this.db.selectFrom('attempts')
      .where('webhook_id', 'in', (eb) => eb.selectFrom('webhooks').select('id').where('workspace_id', '=', workspace.seq))
      .where('id', '>=', firstAttempt).where('created_at', '>=', since);
    const byDuration = inWindow.select(['webhook_id', 'success', durationBucket.as('bucket'), sql<number>`count(*)`.as('n')])
      .groupBy(['webhook_id', 'success', 'bucket']);
    const lastFailed = this.db.selectFrom('attempts').select(['webhook_id', 'created_at', 'response_code', 'error'])
      .where('id', 'in', inWindow.where('success', '=', 0).select(sql<number>`max(id)`.as('id')).groupBy('webhook_id'));
    // A literal integer (one of the report's fixed bucket sizes): bound as a parameter, SQLite would divide as floating point.
    const bucket = sql.lit(Math.trunc(bucketMs));
    const bucketStart = sql<number>`(created_at / ${bucket}) * ${bucket}`;
    const overTime = inWindow.select([bucketStart.as('at'), 'success', sql<number>`count(*)`.as('n')]).groupBy(['at', 'success']);
    const [deliveries, histogram, lastFailures, series] = await this.longReads([deliveriesByStatus, byDuration, lastFailed, overTime].map((query) => query.compile()));

    for (const row of deliveries) {
      const entry = entries.get(num(row.webhook_id));
      if (!entry) continue;
      const n = num(row.n);
      if (row.status === 'succeeded') entry.deliveries.succeeded += n;
      else if (row.status === 'failed') entry.deliveries.failed += n;
      else entry.deliveries.pending += n;
    }

    for (const row of histogram) {
      const entry = entries.get(num(row.webhook_id));
      if (!entry) continue;
      const n = num(row.n);
      const bucket = num(row.bucket as number);
      entry.durationBuckets[bucket] = (entry.durationBuckets[bucket] ?? 0) + n;
      if (num(row.success) === 1) entry.succeededAttempts += n;
    }

    for (const row of lastFailures) {
      const entry = entries.get(num(row.webhook_id));
      if (entry) entry.lastFailure = { at: num(row.created_at), responseCode: row.response_code === null ? null : num(row.response_code), error: row.error as string | null };
    }

    const points = new Map<number, { at: number; succeeded: number; failed: number }>();
    for (const row of series) {
      const at = num(row.at);
      const point = points.get(at) ?? { at, succeeded: 0, failed: 0 };
      if (num(row.success) === 1) point.succeeded += num(row.n);
      else point.failed += num(row.n);
      points.set(at, point);
    }
    return { webhooks: [...entries.values()], series: [...points.values()].sort((a, b) => a.at - b.at) };
  }
}
