/**
 * OpenTelemetry spans of a publish and of each attempt, through the API only: without an SDK (the default)
 * the global tracer is the API's no-op one, whose spans record nothing and cost a call. An operator turns
 * the SDK on with the standard OTEL_* variables (src/tracing.ts).
 *
 * A publish and the attempts of its deliveries run at different times, often in other threads or
 * processes. The publish's span context is stored with the event (its W3C traceparent, only while tracing
 * records), and each attempt's span links to it; every one of them also carries the event's public id as
 * `hookd.event.id`. Spans name webhooks and workspaces by their public ids, never by URL (which may hold a
 * receiver's token in its query).
 */
import { SpanKind, SpanStatusCode, TraceFlags, trace, type Link, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';

/**
 * hookd's tracer, from the thread's tracer provider. The API resolves a tracer to the SDK's once one is
 * registered, and keeps it so: kept here for good, it would go on starting spans through a provider shut
 * down and unregistered since (src/tracing.ts), so it is taken again whenever the provider changes.
 */
let current: { provider: TracerProvider; tracer: Tracer } | null = null;
function tracer(): Tracer {
  const provider = trace.getTracerProvider();
  if (current?.provider !== provider) current = { provider, tracer: provider.getTracer('hookd') };
  return current.tracer;
}

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
  const span = tracer().startSpan(SPAN.publish, { kind: SpanKind.PRODUCER });
  if (span.isRecording()) span.setAttributes({ [ATTR.workspaceId]: workspaceId, [ATTR.eventType]: type });
  return span;
}

/** `traceParent`: the publish's, stored with the event; the attempt's span links to it. */
export function startAttemptSpan(traceParent?: string | null): Span {
  const link = linkTo(traceParent);
  return tracer().startSpan(SPAN.attempt, { kind: SpanKind.CLIENT, ...(link ? { links: [link] } : {}) });
}

/** A recording span's context as a W3C traceparent (to store with the event), or null. */
export function traceParentOf(span: Span): string | null {
  if (!span.isRecording()) return null;
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-${(traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED ? '01' : '00'}`;
}

const TRACE_PARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

function linkTo(traceParent: string | null | undefined): Link | null {
  const match = traceParent ? TRACE_PARENT.exec(traceParent) : null;
  if (!match) return null;
  return { context: { traceId: match[1], spanId: match[2], traceFlags: parseInt(match[3], 16), isRemote: true } };
}

/** Ends a span that failed with an exception (the publish was refused, the sender crashed). */
export function endWithError(span: Span, error: unknown): void {
  if (span.isRecording()) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}
