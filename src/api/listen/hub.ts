/**
 * The `hookd listen` connections this process holds: one Server-Sent Events stream per session, to the
 * CLI on a developer's machine. The relay (relay.ts) hands each delivery hookd makes to the session's
 * webhook down that stream, and waits for the CLI to post back what its local endpoint answered
 * (routes.ts); that answer is the attempt's. hookd never connects to the developer's machine.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { Core } from '../../core/hookd.ts';

/** What the CLI's local endpoint answered, or why it could not be reached. */
export interface LocalAnswer {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  error?: string;
}

export interface RelayResult {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** Deliveries one session may have waiting for their answer at once (the dispatcher sends 16 per webhook). */
const MAX_WAITING = 64;

interface Attached {
  workspaceSeq: number;
  webhookSeq: number;
  stream: ServerResponse;
  renewal: NodeJS.Timeout;
  waiting: Map<number, { settle: (result: RelayResult) => void; timer: NodeJS.Timeout }>;
}

export interface HubOptions {
  /** How long a session lives without its CLI connected (its lease); renewed at a third of it. */
  graceMs: number;
  /** How long the relay waits for the CLI's answer. */
  answerTimeoutMs: number;
  log: FastifyBaseLogger;
}

export class ListenHub {
  readonly #attached = new Map<string, Attached>();
  #nextRequest = 1;
  readonly #sweeper: NodeJS.Timeout;

  constructor(private readonly core: Core, private readonly options: HubOptions) {
    // Sessions whose CLI is gone (here or in another process) lose their webhook once the lease runs out.
    const sweep = () => void core.listeners.sweep().catch((error: unknown) => options.log.warn({ err: error }, 'sweeping ended listen sessions failed'));
    sweep();
    this.#sweeper = setInterval(sweep, options.graceMs);
    this.#sweeper.unref();
  }

  /**
   * Takes over `stream` as the session's event stream (a newer connection replaces an older one). Not one
   * whose connection closed while the request was being checked (a CLI killed right after it asked): its
   * 'close' has come and gone, nothing would stop the lease's renewal, and the session would outlive its
   * CLI for good (the CLI test saw it once, under load).
   */
  attach(sessionId: string, workspaceSeq: number, webhookSeq: number, stream: ServerResponse): void {
    if (stream.destroyed) return;
    this.#attached.get(sessionId)?.stream.end();
    stream.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    stream.write(': connected\n\n');
    const renewal = setInterval(() => {
      stream.write(': ping\n\n');
      void this.core.listeners.renew(webhookSeq, sessionId, this.options.graceMs).catch((error: unknown) => this.options.log.warn({ err: error }, 'renewing a listen session failed'));
    }, Math.max(100, Math.floor(this.options.graceMs / 3)));
    renewal.unref();
    const attached: Attached = { workspaceSeq, webhookSeq, stream, renewal, waiting: new Map() };
    this.#attached.set(sessionId, attached);
    void this.core.listeners.renew(webhookSeq, sessionId, this.options.graceMs).catch(() => undefined);
    stream.on('close', () => {
      clearInterval(renewal);
      for (const { settle } of attached.waiting.values()) settle({ status: 502, body: 'the hookd listen client disconnected', headers: {} });
      if (this.#attached.get(sessionId) === attached) this.#attached.delete(sessionId);
    });
  }

  /** One delivery to the session's CLI; resolves with what its local endpoint answered. */
  relay(sessionId: string, headers: Record<string, string>, body: string): Promise<RelayResult> {
    const attached = this.#attached.get(sessionId);
    if (!attached) return Promise.resolve({ status: 503, body: 'no hookd listen client is connected to this session', headers: {} });
    if (attached.waiting.size >= MAX_WAITING) return Promise.resolve({ status: 503, body: 'the hookd listen client has too many deliveries waiting', headers: {} });
    const requestId = this.#nextRequest++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle({ status: 504, body: `the hookd listen client did not answer within ${this.options.answerTimeoutMs} ms`, headers: {} }), this.options.answerTimeoutMs);
      const settle = (result: RelayResult) => {
        clearTimeout(timer);
        attached.waiting.delete(requestId);
        resolve(result);
      };
      attached.waiting.set(requestId, { settle, timer });
      attached.stream.write(`event: delivery\ndata: ${JSON.stringify({ requestId, headers, body })}\n\n`);
    });
  }

  /**
   * The CLI's answer to one delivery of a session of `workspaceSeq` held here; false if nothing waits for
   * it (answered already, timed out, or not this workspace's).
   */
  answer(workspaceSeq: number, sessionId: string, requestId: number, answer: LocalAnswer): boolean {
    const attached = this.#attached.get(sessionId);
    const waiting = attached?.workspaceSeq === workspaceSeq ? attached.waiting.get(requestId) : undefined;
    if (!waiting) return false;
    waiting.settle(answer.error !== undefined
      ? { status: 502, body: `the local endpoint could not be reached: ${answer.error}`, headers: {} }
      : { status: answer.status ?? 502, body: answer.body ?? '', headers: answer.headers ?? {} });
    return true;
  }

  /** Ends the session's stream, if this process holds it. */
  detach(sessionId: string): void {
    this.#attached.get(sessionId)?.stream.end();
  }

  close(): void {
    clearInterval(this.#sweeper);
    for (const attached of this.#attached.values()) attached.stream.end();
  }
}
