/**
 * Sends fuzz requests: through an undici pool (keep-alive, bounded connections) when the HTTP client can
 * say the request, or byte by byte over a raw socket when it cannot (CONNECT, unknown methods, header
 * bytes outside Latin-1, duplicate framing headers). Every request has a client-side timeout.
 */
import { connect } from 'node:net';
import { Pool, errors as undiciErrors } from 'undici';
import type { FuzzRequest, FuzzResponse } from './request.ts';

export class Transport {
  readonly #pool: Pool;
  readonly #host: string;
  readonly #port: number;

  constructor(readonly baseUrl: string, connections: number, readonly timeoutMs: number) {
    const url = new URL(baseUrl);
    this.#host = url.hostname;
    this.#port = Number(url.port);
    this.#pool = new Pool(baseUrl, { connections, pipelining: 1, headersTimeout: timeoutMs * 2, bodyTimeout: timeoutMs * 2, keepAliveTimeout: 4_000 });
  }

  async send(request: FuzzRequest): Promise<FuzzResponse> {
    if (request.raw) return this.sendRaw(request);
    const started = performance.now();
    try {
      const response = await this.#pool.request({
        path: request.path,
        method: request.method as never,
        headers: request.headers.flat(),
        body: request.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.body.text();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
      return { status: response.statusCode, headers, text, durationMs: performance.now() - started };
    } catch (error) {
      const err = error as Error & { code?: string; name: string };
      if (err.name === 'TimeoutError' || err.name === 'AbortError' || err.code === 'UND_ERR_ABORTED') {
        return { status: 0, headers: {}, text: '', durationMs: performance.now() - started, failure: { kind: 'timeout', message: `no answer within ${this.timeoutMs} ms` } };
      }
      // The client refused to send it (a header value it will not write, a method it will not send): say it raw.
      if (err instanceof undiciErrors.InvalidArgumentError || err.code === 'UND_ERR_INVALID_ARG' || err instanceof TypeError || err.code === 'UND_ERR_NOT_SUPPORTED') {
        request.raw = true;
        request.notes.push('sent over a raw socket (the HTTP client refused it)');
        return this.sendRaw(request);
      }
      if (err.code === 'UND_ERR_SOCKET' || err.code === 'ECONNRESET' || err.code === 'UND_ERR_CLOSED') {
        // A kept-alive connection the server closed just as the request went out is the client's race, not an
        // answer: the request is said again on a connection of its own, and only that attempt counts.
        const again = await this.sendRaw(request);
        if (!again.failure) return { ...again, durationMs: performance.now() - started };
        return { status: 0, headers: {}, text: '', durationMs: performance.now() - started, failure: { kind: 'closed', message: `${err.code}: ${err.message}; again on a new connection: ${again.failure.message}` } };
      }
      return { status: 0, headers: {}, text: '', durationMs: performance.now() - started, failure: { kind: 'error', message: `${err.code ?? err.name}: ${err.message}` } };
    }
  }

  /** The request written by hand over its own connection (`Connection: close`), the answer parsed by hand. */
  sendRaw(request: FuzzRequest): Promise<FuzzResponse> {
    const started = performance.now();
    const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
    let head = `${request.method} ${request.path} HTTP/1.1\r\n`;
    if (!names.has('host')) head += `Host: ${this.#host}:${this.#port}\r\n`;
    for (const [name, value] of request.headers) head += `${name}: ${value}\r\n`;
    if (!names.has('connection')) head += 'Connection: close\r\n';
    if (body && !names.has('content-length') && !names.has('transfer-encoding')) head += `Content-Length: ${body.length}\r\n`;
    head += '\r\n';
    const payload = body ? Buffer.concat([Buffer.from(head, 'utf8'), body]) : Buffer.from(head, 'utf8');

    return new Promise<FuzzResponse>((resolve) => {
      const chunks: Buffer[] = [];
      let settled = false;
      const socket = connect(this.#port, this.#host);
      const finish = (failure?: FuzzResponse['failure']) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        const durationMs = performance.now() - started;
        const data = Buffer.concat(chunks);
        if (failure && data.length === 0) return resolve({ status: 0, headers: {}, text: '', durationMs, failure });
        const parsed = parseResponse(data, request.method === 'HEAD');
        if (!parsed) {
          return resolve({ status: 0, headers: {}, text: data.toString('utf8').slice(0, 2000), durationMs, failure: failure ?? { kind: 'closed', message: data.length === 0 ? 'the connection closed without an answer' : 'an answer that is not HTTP' } });
        }
        resolve({ ...parsed, durationMs });
      };
      const timer = setTimeout(() => finish({ kind: 'timeout', message: `no answer within ${this.timeoutMs} ms` }), this.timeoutMs);
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        // A complete answer ends the exchange even if the server keeps the connection open.
        if (parseResponse(Buffer.concat(chunks), request.method === 'HEAD', true)) finish();
      });
      socket.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'closed', message: `${error.code ?? ''} ${error.message}`.trim() }));
      socket.on('end', () => finish());
      socket.on('close', () => finish());
      // Not half-closed after writing: Node's server would abort a request whose client has ended its side.
      socket.write(payload);
    });
  }

  async close(): Promise<void> {
    await this.#pool.close().catch(() => undefined);
  }
}

/**
 * One HTTP/1.1 answer from raw bytes (interim 1xx answers skipped), or null when the bytes are not a whole
 * answer yet (`complete` asks only whether they are).
 */
function parseResponse(data: Buffer, head: boolean, complete = false): Omit<FuzzResponse, 'durationMs'> | null {
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
    if (head || status === 204 || status === 304) return { status, headers, text: '' };
    if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const parts: Buffer[] = [];
      let at = bodyStart;
      for (;;) {
        const lineEnd = data.indexOf('\r\n', at);
        if (lineEnd < 0) return complete ? null : { status, headers, text: Buffer.concat(parts).toString('utf8') };
        const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
        if (!Number.isFinite(size)) return complete ? null : { status, headers, text: Buffer.concat(parts).toString('utf8') };
        if (size === 0) return { status, headers, text: Buffer.concat(parts).toString('utf8') };
        if (data.length < lineEnd + 2 + size) return complete ? null : { status, headers, text: Buffer.concat(parts).toString('utf8') };
        parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
    }
    const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
    if (length !== undefined) {
      if (data.length < bodyStart + length) return complete ? null : { status, headers, text: data.subarray(bodyStart).toString('utf8') };
      return { status, headers, text: data.subarray(bodyStart, bodyStart + length).toString('utf8') };
    }
    // No length: the body runs to the end of the connection.
    return complete ? null : { status, headers, text: data.subarray(bodyStart).toString('utf8') };
  }
}
