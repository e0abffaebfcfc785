/**
 * The dispatcher's sender, observed: each attempt gets a span (core/spans.ts) and is counted by workspace
 * and outcome, and a delivery's first attempt measures the time since its event was published. Wrapped
 * around the sender (setup.ts) rather than written into the dispatcher, so the dispatcher's hot path
 * stays as it is: per attempt this adds one no-op span (without an SDK) and a few counter updates.
 */
import { SpanStatusCode } from '@opentelemetry/api';
import type { AttemptSender } from '../core/ports/sender.ts';
import type { ClaimedDelivery, NewAttempt } from '../core/ports/store.ts';
import { ATTR, endWithError, startAttemptSpan } from '../core/spans.ts';
import type { Metrics } from '../metrics.ts';

export type DispatchSender = AttemptSender & { abortAll(): void; readonly aborted: boolean };

/** An attempt's outcome as a label: a handful of values, whatever the endpoints answer. */
export function outcomeOf(attempt: Pick<NewAttempt, 'success' | 'responseCode'>): string {
  if (attempt.success) return 'success';
  const code = attempt.responseCode;
  if (code === null) return 'no_response';
  if (code >= 400 && code < 500) return 'http_4xx';
  if (code >= 500 && code < 600) return 'http_5xx';
  return 'http_other';
}

/** The host the attempt went to (not the URL: its query may hold a receiver's token). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

export class ObservedSender implements DispatchSender {
  constructor(private readonly inner: DispatchSender, private readonly metrics: Metrics) {}

  get aborted(): boolean {
    return this.inner.aborted;
  }

  abortAll(): void {
    this.inner.abortAll();
  }

  ping(webhookSeq: number, url: string): ReturnType<AttemptSender['ping']> {
    return this.inner.ping(webhookSeq, url);
  }

  async send(delivery: ClaimedDelivery): Promise<NewAttempt> {
    const span = startAttemptSpan(delivery.event.traceParent);
    let attempt: NewAttempt;
    try {
      attempt = await this.inner.send(delivery);
    } catch (error) {
      endWithError(span, error);
      throw error;
    }
    // Shutdown cut it short: not the endpoint's doing, and the delivery goes back to the store unrecorded.
    if (this.inner.aborted && attempt.error?.startsWith('aborted')) {
      span.end();
      return attempt;
    }
    const outcome = outcomeOf(attempt);
    if (span.isRecording()) {
      span.setAttributes({
        [ATTR.eventId]: delivery.event.id,
        [ATTR.eventType]: delivery.event.type,
        [ATTR.deliveryId]: delivery.id,
        [ATTR.webhookId]: delivery.webhook.id,
        [ATTR.workspaceId]: delivery.webhook.workspaceId,
        [ATTR.attemptNumber]: delivery.attemptCount + 1,
        [ATTR.trigger]: delivery.trigger,
        [ATTR.serverAddress]: hostOf(delivery.webhook.url),
        ...(attempt.responseCode === null ? {} : { [ATTR.statusCode]: attempt.responseCode }),
      });
      if (!attempt.success) span.setStatus({ code: SpanStatusCode.ERROR, message: attempt.error ?? outcome });
    }
    span.end();
    this.metrics.workspaceAttempts.inc({ workspace: this.metrics.workspaceLabels.of(delivery.webhook.workspaceId), outcome });
    if (delivery.attemptCount === 0) this.metrics.firstAttemptSeconds.observe(Math.max(0, attempt.createdAt - delivery.event.createdAt) / 1000);
    return attempt;
  }
}
