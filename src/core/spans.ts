/**
 * OpenTelemetry spans of a publish and of each attempt, through the API only: without an SDK (the default)
 * the global tracer is the API's no-op one, whose spans record nothing and cost a call. An operator turns
 * the SDK on with the standard OTEL_* variables (src/tracing.ts).
 *
 * A publish and the attempts of its deliveries run at different times, often in other threads or
 * processes, and the publish's span context is not stored with the event: they are linked by the event's
 * public id, which every one of them carries as `hookd.event.id` (a backend's search by attribute finds
 * an event's whole story). Spans name webhooks and workspaces by their public ids, never by URL (which may
 * hold a receiver's token in its query).
 */
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';

/** One tracer for hookd; the API resolves it to the SDK's once one is registered. */
const tracer = trace.getTracer('hookd');

export const SPAN = { publish: 'hookd.publish', attempt: 'hookd.attempt' } as const;

export const ATTR = {
  eventId: 'hookd.event.id',
  eventType: 'hookd.event.type',
  workspaceId: 'hookd.workspace.id',
  webhookId: 'hookd.webhook.id',
  deliveryId: 'hookd.delivery.id',
  deliveries: 'hookd.event.deliveries',
  replayed: 'hookd.event.replayed',
  attemptNumber: 'hookd.attempt.number',
  trigger: 'hookd.attempt.trigger',
  statusCode: 'http.response.status_code',
  serverAddress: 'server.address',
} as const;

export function startPublishSpan(workspaceId: string, type: string): Span {
  const span = tracer.startSpan(SPAN.publish, { kind: SpanKind.PRODUCER });
  if (span.isRecording()) span.setAttributes({ [ATTR.workspaceId]: workspaceId, [ATTR.eventType]: type });
  return span;
}

export function startAttemptSpan(): Span {
  return tracer.startSpan(SPAN.attempt, { kind: SpanKind.CLIENT });
}

/** Ends a span that failed with an exception (the publish was refused, the sender crashed). */
export function endWithError(span: Span, error: unknown): void {
  if (span.isRecording()) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}
