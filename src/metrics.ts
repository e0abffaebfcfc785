/** Prometheus metrics (GET /metrics): process defaults plus what the dispatcher does. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
