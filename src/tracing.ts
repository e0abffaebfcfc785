/**
 * Turns the OpenTelemetry SDK on when the standard OTEL_* variables ask for it, so that the spans of
 * core/spans.ts are exported over OTLP/HTTP. Without them nothing is loaded: the API's no-op tracer stays
 * in place and spans cost nothing.
 *
 * On: OTEL_TRACES_EXPORTER names `otlp` (or `console`), or OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set and OTEL_TRACES_EXPORTER is not `none`; never with
 * OTEL_SDK_DISABLED=true. The exporter, sampler and resource read their own variables
 * (OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, …).
 *
 * The global tracer provider belongs to one thread: the CLI calls this in the main thread, and SQLite's
 * dispatcher thread calls it again for itself (the thread sees the same environment), so its attempt
 * spans are exported too, by a provider of its own.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { VERSION } from './version.ts';

/** How long a stop waits for the last spans to be exported. */
const SHUTDOWN_WAIT_MS = 3000;

export interface Tracing {
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

/** The exporters OTEL_TRACES_EXPORTER asks for (`otlp` when only an endpoint is set), or none. */
export function tracesExporters(env: NodeJS.ProcessEnv): string[] {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return [];
  const named = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  if (named.includes('none')) return [];
  if (named.length > 0) return named.filter((name) => name === 'otlp' || name === 'console');
  return env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? ['otlp'] : [];
}

/** Starts the SDK if the environment asks for it; null when it does not. */
export async function startTracing(env: NodeJS.ProcessEnv = process.env): Promise<Tracing | null> {
  const exporters = tracesExporters(env);
  if (exporters.length === 0) return null;
  const [{ NodeTracerProvider }, { BatchSpanProcessor, ConsoleSpanExporter }, { OTLPTraceExporter }, resources] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  // hookd's name and version, unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES say otherwise.
  const resource = resources.resourceFromAttributes({ 'service.name': 'hookd', 'service.version': VERSION })
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: exporters.map((name) => new BatchSpanProcessor(name === 'console' ? new ConsoleSpanExporter() : new OTLPTraceExporter())),
  });
  provider.register();
  return {
    shutdown: async () => {
      // A collector that is away must not hold up hookd's stop past a few seconds: what is still buffered then is lost.
      await Promise.race([provider.shutdown(), new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref())]);
      // register() set the thread's globals; a provider shut down must not stay behind them, still starting
      // spans whose ids end up stored with events (the API's no-op tracer is back, as before the start).
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
