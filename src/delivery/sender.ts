/**
 * One HTTP POST to a subscriber: pooled keep-alive connections per origin (undici), a hard timeout,
 * redirects not followed, and the response captured up to a cap.
 */
import { STATUS_CODES } from 'node:http';
import { Agent } from 'undici';
import { guardedConnector } from './guard.ts';

export interface HttpResult {
  statusCode: number | null;
  statusMessage: string | null;
  headers: Record<string, string>;
  body: string | null;
  durationMs: number;
  error: string | null;
}

export interface SenderOptions {
  timeoutMs: number;
  allowPrivateNetworks: boolean;
  bodyCapBytes: number;
}

export class HttpSender {
  readonly #agent: Agent;
  readonly #shutdown = new AbortController();

  constructor(private readonly options: SenderOptions) {
    const connectTimeout = Math.min(options.timeoutMs, 10_000);
    this.#agent = new Agent({
      keepAliveTimeout: 4_000,
      connect: options.allowPrivateNetworks ? { timeout: connectTimeout } : guardedConnector(connectTimeout),
    });
  }

  get aborted(): boolean {
    return this.#shutdown.signal.aborted;
  }

  async post(url: string, headers: Record<string, string>, body: string): Promise<HttpResult> {
    const started = performance.now();
    const signal = AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.#shutdown.signal]);
    const elapsed = () => Math.round((performance.now() - started) * 1000) / 1000;
    try {
      const response = await this.#agent.request({
        origin: new URL(url).origin,
        path: pathOf(url),
        method: 'POST',
        headers,
        body,
        signal,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      const responseBody = await readCapped(response.body, this.options.bodyCapBytes);
      return {
        statusCode: response.statusCode,
        statusMessage: STATUS_CODES[response.statusCode] ?? '',
        headers: flattenHeaders(response.headers),
        body: responseBody,
        durationMs: elapsed(),
        error: null,
      };
    } catch (error) {
      return { statusCode: null, statusMessage: null, headers: {}, body: null, durationMs: elapsed(), error: describe(error, signal) };
    }
  }

  /** Aborts every request in flight (shutdown after the grace period). */
  abortAll(): void {
    this.#shutdown.abort(new Error('hookd is shutting down'));
  }

  async close(): Promise<void> {
    await this.#agent.close().catch(() => undefined);
  }
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }, cap: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > cap) {
      parts.push(chunk.subarray(0, cap - size));
      size = cap;
      body.destroy();
      break;
    }
    parts.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(parts, size).toString('utf8');
}

function describe(error: unknown, signal: AbortSignal): string {
  const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.code === 'HOOKD_BLOCKED_ADDRESS' || err.cause?.code === 'HOOKD_BLOCKED_ADDRESS') return err.cause?.message ?? err.message ?? 'blocked';
  if (signal.aborted) {
    const reason = signal.reason as Error | undefined;
    return reason?.name === 'TimeoutError' ? 'timeout: no complete response in time' : `aborted: ${reason?.message ?? 'cancelled'}`;
  }
  const code = err.code ?? err.cause?.code;
  const message = err.message ?? String(error);
  return code ? `${code}: ${message}` : message;
}
