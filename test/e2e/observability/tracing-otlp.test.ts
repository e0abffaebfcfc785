/**
 * The OTLP exporter, turned on by the standard OTEL_* variables (src/tracing.ts), against a stand-in
 * collector: the publish spans of the API thread and the attempt spans of the dispatcher, which on SQLite
 * runs in a thread of its own that starts its own SDK from the same variables, arrive over OTLP/HTTP.
 */
import { createServer, type Server } from 'node:http';
import { trace } from '@opentelemetry/api';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAttemptSpan, startPublishSpan, traceParentOf } from '../../../src/core/spans.ts';
import { startTracing, tracesExporters, type Tracing } from '../../../src/tracing.ts';
import { eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';
import { publish, workspaceWithWebhook } from '../delivery/support.ts';

const receiver = receiversClosedAfterAll();

interface OtlpValue { stringValue?: string; intValue?: string | number; boolValue?: boolean }
interface OtlpAttribute { key: string; value: OtlpValue }
interface OtlpSpan { name: string; attributes: OtlpAttribute[]; resource: Record<string, unknown> }

const plain = (attributes: OtlpAttribute[] = []) => Object.fromEntries(attributes.map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue]));

describe('OTLP export', () => {
  const spans: OtlpSpan[] = [];
  let collector: Server;
  let server: TestHookd;
  let tracing: Tracing | null;
  const variables = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_BSP_SCHEDULE_DELAY', 'OTEL_RESOURCE_ATTRIBUTES'];

  beforeAll(async () => {
    collector = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => { body += chunk; }).on('end', () => {
        if (request.url === '/v1/traces') {
          for (const resourceSpans of JSON.parse(body).resourceSpans ?? []) {
            const resource = plain(resourceSpans.resource?.attributes);
            for (const scope of resourceSpans.scopeSpans ?? []) for (const span of scope.spans ?? []) spans.push({ ...span, resource });
          }
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    Object.assign(process.env, {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_BSP_SCHEDULE_DELAY: '50',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
    });
    // As the CLI does before it starts hookd; the dispatcher thread (SQLite) starts its own.
    tracing = await startTracing();
    server = await startTestHookd();
  });
  afterAll(async () => {
    await server?.stop();
    await tracing?.shutdown();
    for (const name of variables) delete process.env[name];
    await new Promise((resolve) => collector.close(resolve));
  });

  it('exports the publish and the attempt, both naming the event, from whichever thread made them', async () => {
    expect(tracing).not.toBeNull();
    const ok = await receiver();
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'otlp', ok.url('/ok'));
    const event = await publish(ws, { id: 7 });
    const of = (name: string) => spans.filter((span) => span.name === name && plain(span.attributes)['hookd.event.id'] === event.id);
    await eventually(async () => of('hookd.publish').length === 1 && of('hookd.attempt').length === 1, 15_000, 50);
    const [attempt] = of('hookd.attempt');
    expect(plain(attempt.attributes)).toMatchObject({ 'hookd.webhook.id': webhook.id, 'hookd.workspace.id': ws.id });
    for (const span of [...of('hookd.publish'), attempt]) {
      expect(span.resource).toMatchObject({ 'service.name': 'hookd', 'deployment.environment': 'test' });
    }
  });
});

describe('a tracing stopped', () => {
  it('leaves no tracer behind: spans are no-ops again, as before it started', async () => {
    // No span is ended, so the exporter sends nothing.
    const tracing = await startTracing({ OTEL_TRACES_EXPORTER: 'otlp' });
    expect(trace.getTracer('probe').startSpan('on').isRecording()).toBe(true);
    await tracing?.shutdown();
    const after = trace.getTracer('probe').startSpan('off');
    expect(after.isRecording()).toBe(false);
    expect(trace.isSpanContextValid(after.spanContext())).toBe(false);
  });

  it("stops hookd's own spans too, though its tracer was taken while the provider ran", async () => {
    const tracing = await startTracing({ OTEL_TRACES_EXPORTER: 'otlp' });
    const during = startPublishSpan('ws', 'order.created');
    expect(traceParentOf(during)).not.toBeNull();
    await tracing?.shutdown();
    // A traceparent stored with every event after the stop would link attempts to spans nobody exports.
    expect(traceParentOf(startPublishSpan('ws', 'order.created'))).toBeNull();
    expect(startAttemptSpan().isRecording()).toBe(false);
  });
});

describe('which variables turn tracing on', () => {
  it('follows OTEL_TRACES_EXPORTER, the OTLP endpoints and OTEL_SDK_DISABLED', () => {
    expect(tracesExporters({})).toEqual([]);
    expect(tracesExporters({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual(['otlp']);
    expect(tracesExporters({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toEqual(['otlp']);
    expect(tracesExporters({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual(['otlp']);
    expect(tracesExporters({ OTEL_TRACES_EXPORTER: 'console, otlp' })).toEqual(['console', 'otlp']);
    expect(tracesExporters({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual([]);
    expect(tracesExporters({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toEqual([]);
    // Exporters hookd does not bundle (zipkin, jaeger) are left out rather than failing the start.
    expect(tracesExporters({ OTEL_TRACES_EXPORTER: 'zipkin' })).toEqual([]);
  });
});
