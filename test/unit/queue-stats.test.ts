/**
 * The store gauges of /metrics (store/sql/queue-stats.ts, observability/store-gauges.ts): each statement
 * walks a partial index, never the deliveries' history (checked in SQLite's query plans); the figures
 * match the store; and scrapes read the store at most once per cache period, concurrent ones sharing it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerStoreGauges } from '../../src/observability/store-gauges.ts';
import type { Database } from '../../src/store/schema.ts';
import { SqlStore } from '../../src/store/sql/index.ts';
import type { QueueStats } from '../../src/store/sql/queue-stats.ts';
import { parseMetrics, valueOf } from '../helpers/prometheus.ts';

describe('the store gauges', () => {
  let dir: string;
  let file: SQLite.Database;
  let store: SqlStore;
  const captured: CompiledQuery[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hookd-stats-'));
    file = new SQLite(join(dir, 'hookd.sqlite'));
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }), log: (event) => void captured.push(event.query) });
    store = new SqlStore(db, 'sqlite');
    await store.migrate();
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads deliveries through partial indexes only', async () => {
    captured.length = 0;
    await store.queueStats.read();
    const onDeliveries = captured.filter((query) => /FROM deliveries/.test(query.sql));
    expect(onDeliveries).toHaveLength(5);
    for (const statement of onDeliveries) {
      const plan = (file.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...(statement.parameters as unknown[])) as Array<{ detail: string }>)
        .map((row) => row.detail).join(' | ');
      expect(plan, statement.sql).toMatch(/USING (COVERING )?INDEX deliveries_(due|webhook_due|queued|webhook_status)/);
      expect(plan, statement.sql).not.toMatch(/SCAN deliveries(?! USING)/);
    }
  });

  it('reports an empty store as zeros', async () => {
    expect(await store.queueStats.read()).toEqual({
      deliveries: { pending: 0, sending: 0, queued: 0, held: 0, failed: 0 },
      earliestDueAt: null,
      webhooks: { active: 0, paused: 0, disabled: 0 },
    });
  });

  it('reads the store at most once per cache period, however many scrape', async () => {
    let reads = 0;
    let now = 1_000_000;
    const stats: QueueStats = { deliveries: { pending: 3, sending: 1, queued: 0, held: 0, failed: 0 }, earliestDueAt: now - 2500, webhooks: { active: 2, paused: 0, disabled: 1 } };
    const registry = new Registry();
    registerStoreGauges(registry, async () => { reads++; return stats; }, { ttlMs: 5000, now: () => now });
    const texts = await Promise.all([registry.metrics(), registry.metrics(), registry.metrics()]);
    expect(reads).toBe(1);
    const samples = parseMetrics(texts[2]);
    expect(valueOf(samples, 'hookd_deliveries', { status: 'pending' })).toBe(3);
    expect(valueOf(samples, 'hookd_oldest_due_delivery_age_seconds')).toBe(2.5);
    expect(valueOf(samples, 'hookd_webhooks', { status: 'disabled' })).toBe(1);
    now += 4999;
    await registry.metrics();
    expect(reads).toBe(1);
    now += 1;
    await registry.metrics();
    expect(reads).toBe(2);
  });

  it('keeps the last figures when the store cannot be read', async () => {
    let fail = false;
    let now = 0;
    const registry = new Registry();
    registerStoreGauges(registry, async () => {
      if (fail) throw new Error('database away');
      return { deliveries: { pending: 7, sending: 0, queued: 0, held: 0, failed: 0 }, earliestDueAt: null, webhooks: { active: 1, paused: 0, disabled: 0 } };
    }, { ttlMs: 10, now: () => now });
    await registry.metrics();
    fail = true;
    now += 100;
    const samples = parseMetrics(await registry.metrics());
    expect(valueOf(samples, 'hookd_deliveries', { status: 'pending' })).toBe(7);
  });
});
