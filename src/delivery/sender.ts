/**
 * One HTTP POST to a subscriber: pooled keep-alive connections per origin (undici), a hard timeout,
 * redirects not followed, and the response captured up to a cap.
 */
import { STATUS_CODES } from 'node:http';
import { Agent } from 'undici';
import { BoundedMemo } from '../util/bounded-memo.ts';
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
  /** The URL split as undici wants it; parsed once per webhook URL, not once per attempt. */
  readonly #targets = new BoundedMemo(10_000, (url: string) => {
    const parsed = new URL(url);
    return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
  });
  #aborted = false;

  constructor(private readonly options: SenderOptions) {
    const connectTimeout = Math.min(options.timeoutMs, 10_000);
    this.#agent = new Agent({
      keepAliveTimeout: 4_000,
      // undici's own timers bound each phase (no AbortSignal per request: it costs more than the POST).
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: options.allowPrivateNetworks ? { timeout: connectTimeout } : guardedConnector(connectTimeout),
    });
  }

  /** Whether shutdown aborted the requests in flight. */
  get aborted(): boolean {
    return this.#aborted;
  }

  async post(url: string, headers: Record<string, string>, body: string): Promise<HttpResult> {
    const started = performance.now();
    const deadline = started + this.options.timeoutMs;
    const elapsed = () => Math.round((performance.now() - started) * 1000) / 1000;
    try {
      const target = this.#targets.get(url);
      const response = await this.#agent.request({
        origin: target.origin,
        path: target.path,
        method: 'POST',
        headers,
        body,
      });
      const responseBody = await readCapped(response.body, this.options.bodyCapBytes, deadline);
      return {
        statusCode: response.statusCode,
        statusMessage: STATUS_CODES[response.statusCode] ?? '',
        headers: flattenHeaders(response.headers),
        body: responseBody,
        durationMs: elapsed(),
        error: null,
      };
    } catch (error) {
      return { statusCode: null, statusMessage: null, headers: {}, body: null, durationMs: elapsed(), error: this.describe(error) };
    }
  }

  /** Aborts every request in flight (shutdown after the grace period). */
  abortAll(): void {
    this.#aborted = true;
    void this.#agent.destroy(new Error('hookd is shutting down')).catch(() => undefined);
  }

  async close(): Promise<void> {
    if (!this.#aborted) await this.#agent.close().catch(() => undefined);
  }

  private describe(error: unknown): string {
    const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
    if (err.code === 'HOOKD_BLOCKED_ADDRESS' || err.cause?.code === 'HOOKD_BLOCKED_ADDRESS') return err.cause?.message ?? err.message ?? 'blocked';
    if (this.#aborted) return 'aborted: hookd is shutting down';
    const code = err.code ?? err.cause?.code;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'HOOKD_RESPONSE_TIMEOUT') {
      return `timeout: no complete response within ${this.options.timeoutMs} ms`;
    }
    const message = err.message ?? String(error);
    return code ? `${code}: ${message}` : message;
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Reads the response up to `cap` bytes; a body still arriving at the deadline is a timeout. */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(error?: Error): void }, cap: number, deadline: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (performance.now() > deadline) {
      body.destroy();
      throw Object.assign(new Error('response took too long'), { code: 'HOOKD_RESPONSE_TIMEOUT' });
    }
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
