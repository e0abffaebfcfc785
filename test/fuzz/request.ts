/** What the fuzzer sends and gets back, and how a request is written in a report. */

export type Face = 'native' | 'woo' | 'jsonrpc';

export interface FuzzRequest {
  face: Face;
  /** The route as a template, e.g. `PATCH /workspaces/:ws/webhooks/:id` (dedup and stats key). */
  route: string;
  method: string;
  /** Path and query, exactly as sent. */
  path: string;
  /** In order; a name may repeat. */
  headers: Array<[string, string]>;
  body?: string | Buffer;
  /** Needs bytes no ordinary HTTP client would send (odd methods, header bytes, framing): marked so in reports. */
  raw?: boolean;
  /** The mutations applied, in words, for the report. */
  notes: string[];
  /** Native requests: the credentials the generator meant (tenant A's key, the admin token, tenant B's key, or an odd Authorization). */
  credential?: 'a' | 'admin' | 'b' | 'odd';
  /** For JSON-RPC: the ids of the calls in the body (to check the answers). */
  rpc?: { batch: boolean; size: number };
  /** Called with the answer: the world learns ids of what was created (the campaign goes on using them). */
  learn?: (response: FuzzResponse) => void;
}

export interface FuzzResponse {
  /** 0 when there was no HTTP answer. */
  status: number;
  headers: Record<string, string>;
  text: string;
  durationMs: number;
  /** Bytes past the end of the answer, or a kept-alive connection left unusable (a framing error). */
  framing?: string;
  /** No answer: `timeout` (the client gave up: a hang), `closed` (the connection ended without an answer), or another client error. */
  failure?: { kind: 'timeout' | 'closed' | 'error'; message: string };
}

export function header(request: FuzzRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  return request.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

export function bodyText(body: string | Buffer | undefined): string {
  if (body === undefined) return '';
  return typeof body === 'string' ? body : body.toString('latin1');
}

export function bodyLength(body: string | Buffer | undefined): number {
  if (body === undefined) return 0;
  return typeof body === 'string' ? Buffer.byteLength(body) : body.length;
}

/** Shortens long text for a report: head, a count of what was left out, tail. */
export function excerpt(text: string, max = 600): string {
  const printable = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  if (printable.length <= max) return printable;
  const head = Math.floor(max * 0.7);
  const tail = max - head;
  return `${printable.slice(0, head)} …[${printable.length - max} chars left out]… ${printable.slice(-tail)}`;
}

/** The request as a reader can replay it (method, path, headers, body excerpt). */
export function describeRequest(request: FuzzRequest, bodyMax = 600): string {
  const lines = [`${request.method} ${excerpt(request.path, 300)}${request.raw ? '   (raw socket)' : ''}`];
  for (const [name, value] of request.headers) lines.push(`${name}: ${excerpt(value, 160)}`);
  if (request.body !== undefined) {
    const size = bodyLength(request.body);
    lines.push('', `${excerpt(bodyText(request.body), bodyMax)}${size > bodyMax ? `   (${size} bytes)` : ''}`);
  }
  return lines.join('\n');
}

export function describeResponse(response: FuzzResponse, max = 400): string {
  if (response.failure) return `no answer (${response.failure.kind}: ${response.failure.message}) after ${Math.round(response.durationMs)} ms`;
  return `${response.status} ${excerpt(response.text, max)}`;
}
