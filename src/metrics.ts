/**
 * Prometheus metrics (GET /metrics): process defaults, what the dispatcher does, and gauges read from the
 * store. Label sets are bounded: results and outcomes are a handful of words, workspaces are capped
 * (observability/workspace-labels.ts), and no metric is labelled by webhook, delivery or event.
 */
import { AggregatorRegistry, Counter, Histogram, Registry, collectDefaultMetrics, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { registerStoreGauges, type StoreGaugeOptions } from './observability/store-gauges.ts';
import { WorkspaceLabels } from './observability/workspace-labels.ts';
import type { QueueStats } from './store/sql/queue-stats.ts';

/** Workspaces that get a label of their own by default (HOOKD_METRICS_WORKSPACES). */
export const DEFAULT_WORKSPACE_LABELS = 20;

/** The store's statements, in milliseconds to seconds: a claim or a record batch is a few statements. */
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** One registry's metrics as data, as they cross from the dispatcher thread to the API thread. */
export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

export class Metrics {
  readonly registry = new Registry();
  readonly attempts = new Counter({ name: 'hookd_attempts_total', help: 'delivery attempts, by result', labelNames: ['result'] as const, registers: [this.registry] });
  readonly attemptSeconds = new Histogram({
    name: 'hookd_attempt_duration_seconds',
    help: 'duration of delivery attempts',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly disabled = new Counter({ name: 'hookd_webhooks_disabled_total', help: 'webhooks disabled for failing', registers: [this.registry] });
  readonly workspaceAttempts = new Counter({
    name: 'hookd_workspace_attempts_total',
    help: 'delivery attempts by workspace (its public id; past HOOKD_METRICS_WORKSPACES of them, "other") and outcome (success, http_4xx, http_5xx, http_other, no_response)',
    labelNames: ['workspace', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly firstAttemptSeconds = new Histogram({
    name: 'hookd_publish_to_first_attempt_seconds',
    help: "time from an event's publish to the start of a delivery's first attempt (queueing, claiming and hand-off; the attempt itself is hookd_attempt_duration_seconds)",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly claimSeconds = new Histogram({ name: 'hookd_claim_duration_seconds', help: "duration of the dispatcher's claims of due deliveries", buckets: STORE_BUCKETS, registers: [this.registry] });
  readonly recordSeconds = new Histogram({ name: 'hookd_record_duration_seconds', help: 'duration of recording (committing) a batch of attempt outcomes', buckets: STORE_BUCKETS, registers: [this.registry] });
  readonly workspaceLabels: WorkspaceLabels;

  /**
   * `processMetrics: false` in a second thread of the process, whose process figures the first already
   * reports. `workspaceLabels`: how many workspaces get a label of their own.
   */
  constructor(options: { processMetrics?: boolean; workspaceLabels?: number } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.workspaceLabels = new WorkspaceLabels(options.workspaceLabels ?? DEFAULT_WORKSPACE_LABELS);
  }

  /** Adds the gauges read from the store at scrape time (in the thread that holds the store). */
  watchStore(read: () => Promise<QueueStats>, options?: StoreGaugeOptions): void {
    registerStoreGauges(this.registry, read, options);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  snapshot(): Promise<MetricsSnapshot> {
    return this.registry.getMetricsAsJSON() as Promise<MetricsSnapshot>;
  }

  /** The exposition text of these metrics added to other threads' snapshots (counters and histograms sum). */
  async render(others: MetricsSnapshot[] = []): Promise<string> {
    if (others.length === 0) return this.registry.metrics();
    return AggregatorRegistry.aggregate([await this.snapshot(), ...others]).metrics();
  }
}
