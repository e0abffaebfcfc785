/**
 * Sends fuzz requests byte by byte over a socket of their own (so any method, header byte or framing can be
 * said, and a hang is the fault of the request that hung), and parses the answer by hand. One request in
 * ten keeps its connection alive and is followed, on the same connection, by `GET /healthz`: the server
 * must leave a connection usable (well framed) after whatever it was sent. Every request has a timeout.
 *
 * (An undici pool was used at first; on this campaign it ended with requests queued forever on connections
 * it thought busy, while the same requests over raw sockets were all answered and framed correctly.)
 */
import { connect } from 'node:net';
import type { FuzzRequest, FuzzResponse } from './request.ts';

const FOLLOW_UP_EVERY = 10;

export class Transport {
  readonly #host: string;
  readonly #port: number;
  #count = 0;

  constructor(readonly baseUrl: string, readonly timeoutMs: number) {
    const url = new URL(baseUrl);
    this.#host = url.hostname;
    this.#port = Number(url.port);
  }

  send(request: FuzzRequest): Promise<FuzzResponse> {
    const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
    // The follow-up needs the request's own framing intact.
    const followUp = this.#count++ % FOLLOW_UP_EVERY === 0 && !names.has('connection') && !names.has('transfer-encoding') && !names.has('content-length')
      && !names.has('expect') && /^[A-Z]+$/.test(request.method) && request.method !== 'CONNECT' && !/[\s]/.test(request.path);
    return this.sendRaw(request, followUp);
  }

  sendRaw(request: FuzzRequest, followUp = false): Promise<FuzzResponse> {
    const started = performance.now();
    const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
    let head = `${request.method} ${request.path} HTTP/1.1\r\n`;
    if (!names.has('host')) head += `Host: ${this.#host}:${this.#port}\r\n`;
    for (const [name, value] of request.headers) head += `${name}: ${value}\r\n`;
    if (!names.has('connection')) head += followUp ? 'Connection: keep-alive\r\n' : 'Connection: close\r\n';
    if (body && !names.has('content-length') && !names.has('transfer-encoding')) head += `Content-Length: ${body.length}\r\n`;
    head += '\r\n';
    const parts: Buffer[] = [Buffer.from(head, 'utf8')];
    if (body) parts.push(body);
    if (followUp) parts.push(Buffer.from(`GET /healthz HTTP/1.1\r\nHost: ${this.#host}:${this.#port}\r\nConnection: close\r\n\r\n`));
    const payload = Buffer.concat(parts);
    const isHead = request.method === 'HEAD';

    return new Promise<FuzzResponse>((resolve) => {
      const chunks: Buffer[] = [];
      let settled = false;
      const socket = connect(this.#port, this.#host);
      const finish = (failure?: FuzzResponse['failure']) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(grace);
        socket.destroy();
        const durationMs = performance.now() - started;
        const data = Buffer.concat(chunks);
        if (failure && data.length === 0) return resolve({ status: 0, headers: {}, text: '', durationMs, failure });
        const parsed = parseResponse(data, isHead);
        if (!parsed) {
          return resolve({ status: 0, headers: {}, text: data.toString('utf8').slice(0, 2000), durationMs, failure: failure ?? { kind: 'closed', message: data.length === 0 ? 'the connection closed without an answer' : 'an answer that is not HTTP' } });
        }
        const { consumed, ...answer } = parsed;
        const rest = data.subarray(consumed);
        let framing: string | undefined;
        const closes = /close/i.test(answer.headers.connection ?? '');
        if (followUp && !closes) {
          // The connection stayed open: the next answer on it must be the follow-up's, whole and right.
          const next = parseResponse(rest, false);
          if (!next && rest.length === 0) {
            // Closed without a word after the answer: a client just reconnects (though `Connection: close` would say so).
          } else if (!next || next.status !== 200 || !next.text.includes('"status"')) {
            framing = `the connection was left unusable: GET /healthz sent after this request on the same connection got ${next ? `${next.status} ${JSON.stringify(next.text.slice(0, 80))}` : `no answer (${rest.length} bytes: ${JSON.stringify(rest.subarray(0, 80).toString('latin1'))})`}`;
          } else if (next.consumed < rest.length) {
            framing = `${rest.length - next.consumed} bytes after the follow-up's answer`;
          }
        } else if (rest.length > 0) {
          // Bytes after the answer's end: a kept-alive client would read them as the next answer.
          framing = `${rest.length} bytes after the end of the answer: ${JSON.stringify(rest.subarray(0, 60).toString('latin1'))}`;
        }
        resolve({ ...answer, durationMs, ...(framing ? { framing } : {}) });
      };
      const timer = setTimeout(() => finish({ kind: 'timeout', message: `no answer within ${this.timeoutMs} ms` }), this.timeoutMs);
      let grace: NodeJS.Timeout | undefined;
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (grace) return;
        // Once the answer (and the follow-up's) is whole, the exchange ends soon even if the connection stays
        // open; anything more that arrives meanwhile is a framing error.
        const data = Buffer.concat(chunks);
        const first = parseResponse(data, isHead, true);
        if (!first) return;
        if (followUp && !/close/i.test(first.headers.connection ?? '') && !parseResponse(data.subarray(first.consumed), false, true)) return;
        grace = setTimeout(() => finish(), 300);
      });
      socket.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'closed', message: `${error.code ?? ''} ${error.message}`.trim() }));
      socket.on('end', () => finish());
      socket.on('close', () => finish());
      // Written in pieces, and no more once an answer has begun (the server may answer early, e.g. 413, and
      // close: writing on would end in EPIPE and lose the answer). Not half-closed after writing: Node's
      // server would abort a request whose client has ended its side.
      const writeAll = async () => {
        for (let at = 0; at < payload.length && !settled && chunks.length === 0; at += 65_536) {
          if (!socket.write(payload.subarray(at, at + 65_536))) {
            await new Promise<void>((resume) => {
              socket.once('drain', resume);
              socket.once('close', resume);
            });
          }
        }
      };
      void writeAll().catch(() => undefined);
    });
  }

  async close(): Promise<void> {
    // Nothing is kept open between requests.
  }
}

/**
 * One HTTP/1.1 answer from raw bytes (interim 1xx answers skipped), or null when the bytes are not a whole
 * answer yet (`complete` asks only whether they are).
 */
function parseResponse(data: Buffer, head: boolean, complete = false): (Omit<FuzzResponse, 'durationMs'> & { consumed: number }) | null {
  let offset = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', offset);
    if (end < 0) return null;
    const lines = data.subarray(offset, end).toString('latin1').split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
    if (!match) return null;
    const status = Number(match[1]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) {
        const name = line.slice(0, colon).trim().toLowerCase();
        headers[name] = headers[name] === undefined ? line.slice(colon + 1).trim() : `${headers[name]}, ${line.slice(colon + 1).trim()}`;
      }
    }
    const bodyStart = end + 4;
    if (status >= 100 && status < 200) {
      offset = bodyStart;
      continue;
    }
    if (head || status === 204 || status === 304) return { status, headers, text: '', consumed: bodyStart };
    if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const parts: Buffer[] = [];
      let at = bodyStart;
      for (;;) {
        const lineEnd = data.indexOf('\r\n', at);
        const partial = () => (complete ? null : { status, headers, text: Buffer.concat(parts).toString('utf8'), consumed: data.length });
        if (lineEnd < 0) return partial();
        const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
        if (!Number.isFinite(size)) return partial();
        if (size === 0) {
          // The last chunk, then (no trailers) an empty line.
          const end = data.indexOf('\r\n', lineEnd + 2);
          if (end < 0) return partial();
          return { status, headers, text: Buffer.concat(parts).toString('utf8'), consumed: end + 2 };
        }
        if (data.length < lineEnd + 2 + size) return partial();
        parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
    }
    const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
    if (length !== undefined) {
      if (data.length < bodyStart + length) return complete ? null : { status, headers, text: data.subarray(bodyStart).toString('utf8'), consumed: data.length };
      return { status, headers, text: data.subarray(bodyStart, bodyStart + length).toString('utf8'), consumed: bodyStart + length };
    }
    // No length: the body runs to the end of the connection.
    return complete ? null : { status, headers, text: data.subarray(bodyStart).toString('utf8'), consumed: data.length };
  }
}
