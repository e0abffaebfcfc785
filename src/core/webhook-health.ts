/**
 * How a workspace's webhooks are doing over a window (24 h or 7 d): per webhook its deliveries by outcome,
 * its attempts' success rate, p95 duration and last failure, and the workspace's attempts over time. The
 * dashboard's overview reads this; operators can chart it too.
 *
 * p95 is estimated from a fixed histogram (as Prometheus does): the store counts attempts per duration
 * bucket in one grouped query instead of sorting every duration of the window.
 */
import type { CoreContext } from './context.ts';
import { Unavailable } from './errors.ts';
import type { Workspace } from './model.ts';

export type HealthWindow = '24h' | '7d';
export const HEALTH_WINDOWS: Record<HealthWindow, { ms: number; bucketMs: number }> = Object.freeze({
  '24h': { ms: 24 * 3_600_000, bucketMs: 3_600_000 },
  '7d': { ms: 7 * 24 * 3_600_000, bucketMs: 6 * 3_600_000 },
});

/** Upper bounds (ms) of the duration buckets; the last bucket is open. */
export const DURATION_BOUNDS = [10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000] as const;

export interface WebhookHealth {
  webhookId: string;
  deliveries: { succeeded: number; failed: number; pending: number };
  attempts: number;
  succeededAttempts: number;
  /** Of attempts in the window; null when there were none. */
  successRate: number | null;
  p95DurationMs: number | null;
  lastFailure: { at: number; responseCode: number | null; error: string | null } | null;
}

export interface HealthPoint {
  at: number;
  succeeded: number;
  failed: number;
}

export interface WorkspaceHealth {
  window: HealthWindow;
  since: number;
  bucketMs: number;
  webhooks: WebhookHealth[];
  series: HealthPoint[];
}

/** Reports asked for and not yet made, past which another is refused (503, try again shortly). */
const MAX_REPORTS_ASKED = 32;

export class WebhookHealthReport {
  /** Reports being made or waiting, by workspace and window: asking for one already asked for shares it. */
  readonly #asked = new Map<string, Promise<WorkspaceHealth>>();
  /** The report last asked for: the next one starts when it is done. */
  #last: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: CoreContext) {}

  /**
   * One report at a time, in the order asked. Each reads every delivery and attempt of its window (a
   * million attempts a day: about a second), so reports made side by side would take the store's
   * connections, or SQLite's reading thread, from everything else, as often as clients ask.
   */
  report(workspace: Workspace, window: HealthWindow): Promise<WorkspaceHealth> {
    const key = `${workspace.seq}:${window}`;
    const asked = this.#asked.get(key);
    if (asked) return asked;
    if (this.#asked.size >= MAX_REPORTS_ASKED) return Promise.reject(new Unavailable('too many health reports are being made at once; try again shortly', 1000));
    const made = this.#last.then(() => this.make(workspace, window)).finally(() => this.#asked.delete(key));
    this.#last = made.catch(() => undefined);
    this.#asked.set(key, made);
    return made;
  }

  private async make(workspace: Workspace, window: HealthWindow): Promise<WorkspaceHealth> {
    const { ms, bucketMs } = HEALTH_WINDOWS[window];
    const now = this.ctx.now();
    // Whole buckets, so the first bar is not a sliver.
    const since = Math.floor((now - ms) / bucketMs) * bucketMs + bucketMs;
    const raw = await this.ctx.store.webhookHealth.collect(workspace, since, bucketMs);
    const webhooks = raw.webhooks.map((w): WebhookHealth => {
      const attempts = w.durationBuckets.reduce((sum, n) => sum + n, 0);
      return {
        webhookId: w.webhookId,
        deliveries: w.deliveries,
        attempts,
        succeededAttempts: w.succeededAttempts,
        successRate: attempts === 0 ? null : w.succeededAttempts / attempts,
        p95DurationMs: percentile(w.durationBuckets, 0.95),
        lastFailure: w.lastFailure,
      };
    });
    const byBucket = new Map(raw.series.map((p) => [p.at, p]));
    const series: HealthPoint[] = [];
    for (let at = since; at <= now; at += bucketMs) series.push(byBucket.get(at) ?? { at, succeeded: 0, failed: 0 });
    return { window, since, bucketMs, webhooks, series };
  }
}

/** The q-quantile of a histogram over DURATION_BOUNDS, interpolated linearly inside its bucket. */
export function percentile(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    const count = buckets[i] ?? 0;
    if (count > 0 && seen + count >= rank) {
      const lower = i === 0 ? 0 : DURATION_BOUNDS[i - 1] ?? 0;
      // The open last bucket has no upper bound: report its lower bound.
      const upper = DURATION_BOUNDS[i] ?? lower;
      return Math.round(lower + (upper - lower) * ((rank - seen) / count));
    }
    seen += count;
  }
  return DURATION_BOUNDS[DURATION_BOUNDS.length - 1] ?? null;
}
