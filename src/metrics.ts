/** Prometheus metrics (GET /metrics): process defaults plus what the dispatcher does. */
import { AggregatorRegistry, Counter, Histogram, Registry, collectDefaultMetrics, type MetricObjectWithValues, type MetricValue } from 'prom-client';

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

  /** `processMetrics: false` in a second thread of the process, whose process figures the first already reports. */
  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
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
