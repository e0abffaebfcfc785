/**
 * A real HTTP receiver on 127.0.0.1 for tests. It records every request (raw body bytes and headers)
 * and answers according to its current behaviour: a status, a hang, a connection reset, a slow reply or
 * a body that trickles in.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll } from 'vitest';

export type Behaviour =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'slow'; ms: number; status?: number }
  /** Sends the headers at once, then the body one byte every `everyMs`, `bytes` in all. */
  | { kind: 'trickle'; everyMs: number; bytes: number };

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Names and values as they came, in order (`headers` cannot hold a header named `__proto__`). */
  rawHeaders: string[];
  body: Buffer;
  text: string;
  at: number;
}

export class Receiver {
  readonly requests: Received[] = [];
  /** Answers used in order, one per request, before falling back to `behaviour`. */
  readonly script: Behaviour[] = [];
  behaviour: Behaviour = { kind: 'status', status: 200, body: 'ok' };
  #server: Server;
  #sockets = new Set<Socket>();
  #waiters: Array<{ count: number; resolve: () => void }> = [];
  port = 0;

  constructor() {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders, body, text: body.toString('utf8'), at: Date.now() });
        this.#notify();
        const behaviour = this.script.shift() ?? this.behaviour;
        switch (behaviour.kind) {
          case 'status':
            res.writeHead(behaviour.status, { 'content-type': 'text/plain', ...behaviour.headers });
            res.end(behaviour.body ?? '');
            return;
          case 'hang':
            return;
          case 'reset':
            req.socket.destroy();
            return;
          case 'slow':
            setTimeout(() => { res.writeHead(behaviour.status ?? 200); res.end('slow ok'); }, behaviour.ms);
            return;
          case 'trickle': {
            res.writeHead(200, { 'content-type': 'text/plain' });
            let sent = 0;
            const timer = setInterval(() => {
              if (res.destroyed || sent >= behaviour.bytes) {
                clearInterval(timer);
                res.end();
                return;
              }
              res.write('.');
              sent++;
            }, behaviour.everyMs);
            return;
          }
        }
      });
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** On `port` (a free one if 0). */
  static async start(port = 0): Promise<Receiver> {
    const receiver = new Receiver();
    await new Promise<void>((resolve, reject) => {
      receiver.#server.once('error', reject);
      // A deep accept queue: several hookd processes may open hundreds of connections at once, and a
      // queue overflowing while this (shared, busy) test process is slow to accept drops their SYNs, which
      // hookd then sees as connect timeouts. The kernel caps it at net.core.somaxconn.
      receiver.#server.listen({ port, host: '127.0.0.1', backlog: 4096 }, resolve);
    });
    receiver.port = (receiver.#server.address() as AddressInfo).port;
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Resolves once at least `count` requests have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs = 10_000): Promise<Received[]> {
    if (this.requests.length >= count) return Promise.resolve(this.requests);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`receiver got ${this.requests.length} of ${count} requests in ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push({ count, resolve: () => { clearTimeout(timer); resolve(this.requests); } });
    });
  }

  #notify(): void {
    this.#waiters = this.#waiters.filter((waiter) => {
      if (this.requests.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** A factory of receivers, all closed when the enclosing file's (or describe block's) tests are done. */
export function receiversClosedAfterAll(): () => Promise<Receiver> {
  const started: Receiver[] = [];
  afterAll(async () => {
    for (const receiver of started) await receiver.close();
  });
  return async () => {
    const receiver = await Receiver.start();
    started.push(receiver);
    return receiver;
  };
}
