/**
 * OpenTelemetry spans, caught with the SDK's in-memory exporter: a span for each publish and for each
 * attempt, linked by the event's id. The dispatcher runs in this thread (HOOKD_DISPATCH_THREAD=false on
 * SQLite; PostgreSQL has no dispatcher thread), where the test's tracer provider is registered: tracer
 * providers are per thread (the dispatcher thread's own SDK is tested in tracing-otlp.test.ts).
 */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';
import { publish, workspaceWithWebhook } from '../delivery/support.ts';

const receiver = receiversClosedAfterAll();
const exporter = new InMemorySpanExporter();

const named = (name: string, eventId: string) => exporter.getFinishedSpans().filter((span) => span.name === name && span.attributes['hookd.event.id'] === eventId);

describe('spans of publishes and attempts', () => {
  let server: TestHookd;
  beforeAll(async () => {
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    server = await startTestHookd({ dispatchThread: 'false', retrySchedule: '50ms', retryJitter: '0' });
  });
  afterAll(async () => {
    await server?.stop();
    trace.disable();
  });

  it('emits a publish span and one span per attempt, all naming the event and linked to the publish', async () => {
    const ok = await receiver();
    const flaky = await receiver();
    flaky.behaviour = { kind: 'status', status: 500 };
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'traced', ok.url('/ok'));
    const second = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'flaky', url: flaky.url('/flaky'), events: ['order.created'], active: true });
    expect(second.status).toBe(201);
    const event = await publish(ws, { id: 42 });

    // The flaky endpoint gets its first attempt and its one retry: three attempts in all.
    const attempts = await eventually(async () => {
      const spans = named('hookd.attempt', event.id);
      return spans.length === 3 ? spans : null;
    });
    const [published] = named('hookd.publish', event.id);
    expect(published).toBeDefined();
    expect(published.kind).toBe(SpanKind.PRODUCER);
    expect(published.attributes).toMatchObject({ 'hookd.workspace.id': ws.id, 'hookd.event.type': 'order.created', 'hookd.event.deliveries': 2, 'hookd.event.replayed': false });
    // Each attempt, later and elsewhere, links to the publish's span (its context stored with the event).
    for (const attempt of attempts) {
      expect(attempt.links.map((link) => link.context.spanId), 'attempt links to the publish').toEqual([published.spanContext().spanId]);
      expect(attempt.links[0].context.traceId).toBe(published.spanContext().traceId);
    }

    const byWebhook = (id: string) => attempts.filter((span) => span.attributes['hookd.webhook.id'] === id);
    const [good] = byWebhook(webhook.id);
    expect(good.kind).toBe(SpanKind.CLIENT);
    expect(good.attributes).toMatchObject({ 'hookd.workspace.id': ws.id, 'hookd.attempt.number': 1, 'http.response.status_code': 200, 'server.address': '127.0.0.1' });
    expect(good.status.code).not.toBe(SpanStatusCode.ERROR);
    // Each attempt of a delivery names the same delivery, numbered.
    const failing = byWebhook(second.body.data.id).sort((a: ReadableSpan, b: ReadableSpan) => Number(a.attributes['hookd.attempt.number']) - Number(b.attributes['hookd.attempt.number']));
    expect(failing.map((span) => span.attributes['hookd.attempt.number'])).toEqual([1, 2]);
    expect(new Set(failing.map((span) => span.attributes['hookd.delivery.id'])).size).toBe(1);
    for (const span of failing) {
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes['http.response.status_code']).toBe(500);
    }
    // No span carries the endpoint's URL (its query may hold a token).
    for (const span of [published, ...attempts]) expect(JSON.stringify(span.attributes)).not.toContain('/flaky');
  });

  it('marks a refused publish as an error', async () => {
    const { ws } = await workspaceWithWebhook(server.api, 'refused', 'http://127.0.0.1:9/never');
    const refused = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'no.such.type', data: {} });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const span = exporter.getFinishedSpans().find((s) => s.name === 'hookd.publish' && s.attributes['hookd.workspace.id'] === ws.id);
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  });
});
