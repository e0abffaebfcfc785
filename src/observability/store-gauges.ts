/**
 * Gauges read from the store at scrape time: deliveries waiting or in flight by status, the age of the
 * oldest due delivery, and webhooks by status (disabled among them). They describe the shared store, not
 * this process, so every process that serves /metrics reports the same figures (on PostgreSQL, alert on
 * one of them with `max without(instance)`, not on their sum).
 *
 * A scrape must not be able to load the database, however often it comes and however many scrapers
 * there are: a read is made at most once per `ttlMs`, concurrent scrapes share it, and the statements
 * walk partial indexes with bounded counts (store/sql/queue-stats.ts). When the store cannot be read,
 * the gauges keep their last values (/healthz reports the store).
 */
import { Gauge, type Registry } from 'prom-client';
import type { QueueStats } from '../store/sql/queue-stats.ts';

export const STORE_GAUGES_TTL_MS = 5000;

/** The latest read, fresh for `ttlMs`; one read at a time. */
class CachedRead<T> {
  #value: T | null = null;
  #readAt = -Infinity;
  #reading: Promise<T | null> | null = null;

  constructor(private readonly read: () => Promise<T>, private readonly ttlMs: number, private readonly now: () => number) {}

  get(): Promise<T | null> {
    if (this.now() - this.#readAt < this.ttlMs) return Promise.resolve(this.#value);
    this.#reading ??= this.read().then(
      (value) => { this.#value = value; return value; },
      () => this.#value,
    ).finally(() => {
      this.#readAt = this.now();
      this.#reading = null;
    });
    return this.#reading;
  }
}

export interface StoreGaugeOptions {
  ttlMs?: number;
  now?: () => number;
}

export function registerStoreGauges(registry: Registry, read: () => Promise<QueueStats>, options: StoreGaugeOptions = {}): void {
  const now = options.now ?? Date.now;
  const stats = new CachedRead(read, options.ttlMs ?? STORE_GAUGES_TTL_MS, now);
  new Gauge({
    name: 'hookd_deliveries',
    help: 'deliveries in the store by status: waiting (pending, queued behind a FIFO head, held by an inactive webhook), being sent (sending), or failed for good (failed, until recovered or pruned); each count stops at 1e6',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const value = await stats.get();
      if (value) for (const [status, n] of Object.entries(value.deliveries)) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'hookd_oldest_due_delivery_age_seconds',
    help: 'how long the longest-waiting due delivery has been due (0 when none is due): the dispatchers are behind when it grows',
    registers: [registry],
    async collect() {
      const value = await stats.get();
      if (value) this.set(value.earliestDueAt === null ? 0 : Math.max(0, now() - value.earliestDueAt) / 1000);
    },
  });
  new Gauge({
    name: 'hookd_webhooks',
    help: 'webhooks in the store, by status (active, paused, disabled)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const value = await stats.get();
      if (value) for (const [status, n] of Object.entries(value.webhooks)) this.set({ status }, n);
    },
  });
}
