/**
 * What every answer must be: no 5xx, no JSON-RPC internal error, the face's own format (native envelope,
 * WooCommerce `errors`, JSON-RPC answers over HTTP 200), nothing internal in it, and an answer at all.
 */
import { bodyLength, header, type Face, type FuzzRequest, type FuzzResponse } from './request.ts';

/** hookd's body limit (src/api/unread-body.ts BODY_LIMIT). */
const BODY_LIMIT = 1024 * 1024;

export type ProblemKind = 'crash' | 'hang' | 'framing' | 'upload-cut' | 'no-answer' | '5xx' | 'internal-error' | 'leak' | 'format' | 'transport-format' | 'slow' | 'stall' | 'corruption' | 'wrong-result';

export type Severity = 'high' | 'medium' | 'low';

export const SEVERITY: Record<ProblemKind, Severity> = {
  crash: 'high',
  hang: 'high',
  '5xx': 'high',
  'internal-error': 'high',
  leak: 'high',
  corruption: 'high',
  stall: 'high',
  'no-answer': 'medium',
  framing: 'high',
  format: 'medium',
  'wrong-result': 'medium',
  slow: 'medium',
  'transport-format': 'low',
  'upload-cut': 'low',
};

export interface Problem {
  kind: ProblemKind;
  /** Short words that tell this problem from others on the same route (an error code, a field). */
  signature: string;
  detail: string;
}

const SECRET_LEAK = 'a webhook secret the fuzzer set';

/** Text that must never reach a client: stored secrets and hashes, stack traces, file paths. */
const LEAKS: Array<[RegExp, string]> = [
  [/adminTokenHash/i, 'adminTokenHash'],
  [/secretEnc|secret_enc/i, 'secretEnc'],
  [/consumerSecretHash|consumer_secret_hash/i, 'consumerSecretHash'],
  [/consumer_secret_enc|consumerSecretEnc/i, 'consumerSecretEnc'],
  [/keyHash|key_hash/, 'keyHash'],
  [/encryptionKey|encryption_key/, 'encryptionKey'],
  [/\bat [^\n]{0,200}\.ts:\d+/, 'stack trace (at … .ts:N)'],
  [/\bat [^\n]{0,200}\.[cm]?js:\d+:\d+/, 'stack trace (at … .js:N:N)'],
  [/\/work\/|node_modules\/|file:\/\/\//, 'server file path'],
  [/SQLITE_[A-Z]+|SqliteError|syntax error at or near|violates [a-z ]+ constraint|"db":\{/, 'database internals'],
  [/fzsecret|ZnpzZWNyZXQt/, SECRET_LEAK],
];

/**
 * Webhook secrets the fuzzer sets all carry this marker (as it is, or base64 in a `whsec_` secret: `ZnpzZWNyZXQt`
 * is `fzsecret-` in base64), so an echo of one is found wherever it appears.
 */
export const SECRET_MARKER = 'fzsecret';
const SECRET_MARKER_BASE64 = Buffer.from(`${SECRET_MARKER}-`).toString('base64');

/** The path without an absolute-form scheme and host, and without its query. */
function pathnameOf(path: string): string {
  return path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split('?')[0];
}

const SECRET_ROUTE = /^\/workspaces\/[^/]+\/webhooks\/[^/]+\/secret$/;

/**
 * A successful GET /workspaces/{ws}/webhooks/{id}/secret: the one answer that legitimately shows a webhook's
 * signing secret (one the fuzzer set too). Every other answer, including the generated `secret` that
 * POST …/webhooks and POST …/rotate-secret show once, must not carry a secret the fuzzer set.
 */
export function readsSecret(request: FuzzRequest, response: FuzzResponse): boolean {
  return faceOfPath(request.path) === 'native' && request.method === 'GET' && response.status >= 200 && response.status < 300 && SECRET_ROUTE.test(pathnameOf(request.path));
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Digits, ids and long runs made alike, so the same fault on different data dedups to one signature. */
export function normalise(text: string, max = 70): string {
  return text
    .replace(/"[^"]{24,}"/g, '"…"')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, 'UUID')
    .replace(/\b(hk|ck|cs)_[A-Za-z0-9]+/g, '$1_…')
    .replace(/\d+/g, '#')
    .replace(/(.)\1{8,}/g, '$1…')
    .slice(0, max);
}

/**
 * The body an answer given by Node or Fastify's client-error handler has (a request Node could not even
 * parse): it never reached a face, so its format is reported apart, with low severity.
 */
function isTransportAnswer(response: FuzzResponse): boolean {
  if (![400, 408, 413, 414, 417, 431, 505].includes(response.status)) return false;
  if (response.text === '') return true;
  const parsed = parseJson(response.text);
  return parsed.ok && isFastifyDefault(parsed.value);
}

/** Fastify's own error body `{"error","message","statusCode"}`: what no face writes. */
function isFastifyDefault(value: unknown): boolean {
  return isObject(value) && typeof value.error === 'string' && typeof value.message === 'string' && typeof value.statusCode === 'number';
}

/** Which face answers a path: the one whose prefix it has (after any absolute-form scheme and host), whatever generated it. */
export function faceOfPath(path: string): Face {
  const pathname = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split('?')[0];
  if (pathname === '/wc-api/v2' || pathname.startsWith('/wc-api/v2/')) return 'woo';
  if (pathname === '/api/jsonrpc' || pathname === '/jsonrpc') return 'jsonrpc';
  return 'native';
}

/** A workspace's JWKS: a key set by design, not the envelope; public keys only (a JWK with `d` is a private key). */
const JWKS_PATH = /^\/workspaces\/[^/]+\/\.well-known\/jwks\.json$/;
function checkJwks(body: unknown): Problem[] {
  if (!isObject(body) || !Array.isArray(body.keys)) return [{ kind: 'format', signature: 'JWKS not a key set', detail: 'the body is not {"keys": [...]}' }];
  const bad = body.keys.some((key: unknown) => !isObject(key) || key.kty !== 'OKP' || key.crv !== 'Ed25519' || typeof key.kid !== 'string' || 'd' in key);
  return bad ? [{ kind: 'format', signature: 'JWKS key not an Ed25519 public key', detail: 'a key is not {kty: OKP, crv: Ed25519, x, kid} without d' }] : [];
}

function checkNative(request: FuzzRequest, response: FuzzResponse): Problem[] {
  const { status, text } = response;
  if (request.method === 'HEAD' || status === 204) {
    return text === '' ? [] : [{ kind: 'format', signature: `${status} body on ${request.method === 'HEAD' ? 'HEAD' : '204'}`, detail: 'an answer that must have no body has one' }];
  }
  // Absolute form (`http://host/openapi.json`) names the same path.
  const path = pathnameOf(request.path);
  const parsed = parseJson(text);
  // Not the API's envelope, by design: health, metrics, the OpenAPI and OpenRPC documents, the reference pages.
  if (status < 400 && (path === '/healthz' || path === '/metrics' || path === '/openapi.json' || path === '/openrpc.json' || path === '/docs' || path.startsWith('/docs/'))) return [];
  if (!parsed.ok) return [{ kind: 'format', signature: `${status} not JSON`, detail: `the body is not JSON: ${text.slice(0, 120)}` }];
  const body = parsed.value;
  if (status < 400 && JWKS_PATH.test(path)) return checkJwks(body);
  if (!isObject(body) || !('data' in body) || !('error' in body)) {
    return [{ kind: 'format', signature: `${status} not an envelope`, detail: 'the body is not {"data":…,"error":…}' }];
  }
  if (status < 400) {
    return body.error === null ? [] : [{ kind: 'format', signature: `${status} error in a success`, detail: 'a 2xx answer carries an error' }];
  }
  const error = body.error;
  if (body.data !== null || !isObject(error) || typeof error.code !== 'string' || typeof error.message !== 'string'
    || !(error.details === null || (isObject(error.details) && typeof error.details.field === 'string'))) {
    return [{ kind: 'format', signature: `${status} malformed error`, detail: 'the error is not {"code","message","details":null|{"field"}}' }];
  }
  return [];
}

function checkWoo(request: FuzzRequest, response: FuzzResponse): Problem[] {
  const { status, text } = response;
  if (request.method === 'HEAD' || status === 204) return text === '' ? [] : [{ kind: 'format', signature: `${status} body on HEAD`, detail: 'an answer that must have no body has one' }];
  const parsed = parseJson(text);
  if (!parsed.ok) return [{ kind: 'format', signature: `${status} not JSON`, detail: `the body is not JSON: ${text.slice(0, 120)}` }];
  const body = parsed.value;
  if (status < 400) {
    return isObject(body) && !('errors' in body) ? [] : [{ kind: 'format', signature: `${status} odd success`, detail: 'a 2xx answer that is not a WooCommerce object' }];
  }
  const errors = isObject(body) ? body.errors : undefined;
  const ok = Array.isArray(errors) && errors.length > 0 && Object.keys(body as object).length === 1
    && errors.every((e) => isObject(e) && typeof e.code === 'string' && e.code.startsWith('woocommerce_api_') && typeof e.message === 'string');
  return ok ? [] : [{ kind: 'format', signature: `${status} not {"errors":[…]}`, detail: `not WooCommerce's error format: ${text.slice(0, 160)}` }];
}

function checkJsonRpc(request: FuzzRequest, response: FuzzResponse): Problem[] {
  const { status, text } = response;
  if (request.method !== 'POST') {
    // Only POST is JSON-RPC; any other method on its path is a route that does not exist (native 404 is fine).
    if (status >= 400 && status < 500) {
      const native = checkNative(request, response);
      if (native.length === 0) return [];
      const parsed = parseJson(text);
      if (parsed.ok && isObject(parsed.value) && 'jsonrpc' in parsed.value) return [];
      return native;
    }
    return request.method === 'HEAD' || status === 204 ? [] : checkNative(request, response);
  }
  if (status === 204 && text === '') return [];
  if (status !== 200) return [{ kind: 'format', signature: `HTTP ${status}`, detail: `a JSON-RPC answer over HTTP ${status} (JSON-RPC clients need 200)` }];
  const parsed = parseJson(text);
  if (!parsed.ok) return [{ kind: 'format', signature: 'not JSON', detail: `the body is not JSON: ${text.slice(0, 120)}` }];
  const answers = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (Array.isArray(parsed.value) && parsed.value.length === 0) return [{ kind: 'format', signature: 'empty batch answer', detail: 'an empty array answer' }];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const answer of answers) {
    let problem: Problem | null = null;
    if (!isObject(answer) || !(answer.jsonrpc === '2.0' || answer.jsonrpc === 2) || !('id' in answer)) {
      problem = { kind: 'format', signature: 'not a JSON-RPC answer', detail: `an answer without jsonrpc/id: ${JSON.stringify(answer)?.slice(0, 120)}` };
    } else if (answer.error === null || answer.error === undefined) {
      if (!('result' in answer)) problem = { kind: 'format', signature: 'neither result nor error', detail: 'an answer with neither result nor error' };
    } else if (!isObject(answer.error) || !Number.isInteger(answer.error.code) || typeof answer.error.message !== 'string') {
      problem = { kind: 'format', signature: 'malformed error', detail: `an error that is not {code, message}: ${JSON.stringify(answer.error).slice(0, 120)}` };
    } else if (answer.error.code === -32603) {
      problem = { kind: 'internal-error', signature: `-32603 ${normalise(String(answer.error.message), 40)}`, detail: `JSON-RPC internal error: ${JSON.stringify(answer.error).slice(0, 200)}` };
    }
    if (problem && !seen.has(problem.signature)) {
      seen.add(problem.signature);
      problems.push(problem);
    }
  }
  const calls = callsIn(request);
  if (answers.length > calls) {
    problems.push({ kind: 'format', signature: 'more answers than calls', detail: `${answers.length} answers to ${calls} calls` });
  }
  return problems;
}

/** How many calls a JSON-RPC body holds (a batch's length; 1 for anything else, even broken JSON). */
function callsIn(request: FuzzRequest): number {
  const text = typeof request.body === 'string' ? request.body : request.body?.toString('utf8') ?? '';
  const parsed = parseJson(text);
  return parsed.ok && Array.isArray(parsed.value) && parsed.value.length > 0 ? parsed.value.length : 1;
}

/** The error code the face gave, for signatures and statistics. */
export function errorCode(request: FuzzRequest, response: FuzzResponse): string {
  const parsed = parseJson(response.text);
  if (!parsed.ok) return '';
  const body = parsed.value;
  if (faceOfPath(request.path) === 'jsonrpc' && request.method === 'POST') {
    const answers = Array.isArray(body) ? body : [body];
    const codes = [...new Set(answers.map((a) => (isObject(a) && isObject(a.error) ? String(a.error.code) : 'ok')))];
    return codes.sort().join(',').slice(0, 60);
  }
  if (!isObject(body)) return '';
  if (isObject(body.error) && typeof body.error.code === 'string') return body.error.code;
  if (Array.isArray(body.errors) && isObject(body.errors[0])) return String(body.errors[0].code);
  return '';
}

export function checkResponse(request: FuzzRequest, response: FuzzResponse, slowMs: number): Problem[] {
  if (response.failure) {
    if (response.failure.kind === 'timeout') return [{ kind: 'hang', signature: 'timeout', detail: response.failure.message }];
    if (/EPIPE|ECONNRESET/.test(response.failure.message) && bodyLength(request.body) > 65_536) {
      // hookd answered before the upload ended (413 for an over-limit body, 404 for a route that does not
      // exist, …) and closed the connection (the request said Connection: close): a client still writing
      // may see the reset before it reads the answer.
      const over = bodyLength(request.body) > BODY_LIMIT;
      // Over the limit, cutting the upload short is the defence itself (hookd must not read an attacker's
      // body to its end to answer politely): no finding. Within the limit, hookd drains it and answers.
      if (over) return [];
      return [{ kind: 'upload-cut', signature: over ? 'reset during an over-limit upload' : 'reset during an upload answered early', detail: `${response.failure.message} while sending a ${bodyLength(request.body)}-byte body (the limit is ${BODY_LIMIT})` }];
    }
    return [{ kind: 'no-answer', signature: response.failure.kind, detail: response.failure.message }];
  }
  const problems: Problem[] = [];
  if (response.status >= 500) {
    // The status alone: what tells 5xx apart is where the server failed (found when the finding is replayed).
    problems.push({ kind: '5xx', signature: `HTTP ${response.status}`, detail: `HTTP ${response.status}: ${response.text.slice(0, 200) || '(no body)'}` });
  } else if (isTransportAnswer(response) && !looksLikeFace(request, response)) {
    problems.push({ kind: 'transport-format', signature: `${response.status} ${response.text === '' ? 'empty' : 'Client Error'}`, detail: `answered before any face saw it: ${response.status} ${response.text.slice(0, 120)}` });
  } else {
    problems.push(...checkFace(request, response));
  }
  // A request Node could not parse gets its error body even on HEAD (the method was never read), then the
  // connection closes: nothing a client could misread.
  const unparsedHead = request.method === 'HEAD' && isTransportAnswer({ ...response, text: '' });
  if (response.framing && !unparsedHead) problems.push({ kind: 'framing', signature: response.framing.startsWith('the connection') ? 'kept-alive connection left unusable' : 'bytes after the answer', detail: response.framing });
  const everything = `${Object.entries(response.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n${response.text}`;
  const leaked: string[] = [];
  let sample = '';
  const secretRead = readsSecret(request, response);
  for (const [pattern, name] of LEAKS) {
    if (name === SECRET_LEAK) {
      // A secret the fuzzer put in the request's own path or query may come back in a "no route …" message: only bodies count there.
      if (!response.text.includes(SECRET_MARKER) && !response.text.includes(SECRET_MARKER_BASE64)) continue;
      // Reading a webhook's secret is what GET …/secret is for (but tenant B's key must never get one: below).
      if (secretRead) continue;
    }
    if (pattern.test(everything) && !echoesRequest(request, name)) {
      leaked.push(name);
      sample ||= (everything.match(pattern)?.[0] ?? '').slice(0, 120);
    }
  }
  if (secretRead && request.credential === 'b') {
    leaked.push("a signing secret read with another tenant's key");
    sample ||= response.text.slice(0, 120);
  }
  if (leaked.length > 0) problems.push({ kind: 'leak', signature: leaked.join(', '), detail: `the answer contains ${leaked.join(', ')}, e.g. ${JSON.stringify(sample)}` });
  if (problems.length === 0) problems.push(...checkFilters(request, response));
  if (response.durationMs > slowMs) {
    problems.push({ kind: 'slow', signature: `over ${slowMs} ms`, detail: `answered in ${Math.round(response.durationMs)} ms` });
  }
  return problems;
}

/** Whether the request itself carried text matching the pattern (an echo of the caller's own input is not a leak). */
function echoesRequest(request: FuzzRequest, name: string): boolean {
  if (name === SECRET_LEAK) return false;
  const pattern = LEAKS.find(([, n]) => n === name)?.[0];
  const sent = `${request.path}\n${request.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n${typeof request.body === 'string' ? request.body : request.body?.toString('utf8') ?? ''}`;
  return pattern !== undefined && pattern.test(sent);
}

function checkFace(request: FuzzRequest, response: FuzzResponse): Problem[] {
  const face = faceOfPath(request.path);
  return face === 'native' ? checkNative(request, response) : face === 'woo' ? checkWoo(request, response) : checkJsonRpc(request, response);
}

function looksLikeFace(request: FuzzRequest, response: FuzzResponse): boolean {
  return checkFace(request, response).length === 0;
}

export { header };

/** The query's parameters, decoded as Fastify does (`+` is a space); null when one cannot be decoded. */
function queryParams(path: string): Array<[string, string]> | null {
  const query = path.split(/\?(.*)/s)[1];
  if (!query) return [];
  const out: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    try {
      const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
      out.push(at < 0 ? [decode(part), ''] : [decode(part.slice(0, at)), decode(part.slice(at + 1))]);
    } catch {
      return null;
    }
  }
  return out;
}

/** An RFC 3339 UTC time the fuzzer can read exactly as hookd does (others are not checked), in epoch ms. */
function plainInstant(text: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,3}))?Z$/.exec(text);
  if (!m) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== `${m[1]}.${(m[2] ?? '').padEnd(3, '0')}Z`) return null;
  return ms;
}

const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
const contains = (value: unknown, part: string) => typeof value === 'string'
  && (asciiLower(value).includes(asciiLower(part)) || value.toLowerCase().includes(part.toLowerCase()));
const typeMatches = (value: unknown, filter: string) => filter === '*' || (typeof value === 'string'
  && (filter.endsWith('.*') ? value.startsWith(filter.slice(0, -1)) : value === filter));

/** What each list's filters promise of every item it returns: [query parameter, test of one item]. */
const LIST_FILTERS: Array<[RegExp, Record<string, (item: Record<string, unknown>, value: string) => boolean>]> = [
  [/^\/workspaces\/[^/]+\/webhooks$/, { name: (i, v) => contains(i.name, v), url: (i, v) => contains(i.url, v), status: (i, v) => i.status === v }],
  [/^\/workspaces\/[^/]+\/events$/, { type: (i, v) => typeMatches(i.type, v) }],
  [/^\/workspaces\/[^/]+\/deliveries$/, { eventType: (i, v) => typeMatches(i.eventType, v), status: (i, v) => i.status === v, webhookId: (i, v) => typeof i.webhookId === 'string' && i.webhookId.toLowerCase() === v.toLowerCase() }],
  [/^\/workspaces\/[^/]+\/webhooks\/[^/]+\/deliveries$/, { eventType: (i, v) => typeMatches(i.eventType, v), status: (i, v) => i.status === v }],
];

/**
 * A successful native list answer must hold only items its filters let through: a substring filter that
 * LIKE's wildcards (`%`, `_`, `\`) widen, a type filter that matches too much, a time range not kept.
 * Checked only for parameters given once and read the same way by hookd and by the fuzzer.
 */
export function checkFilters(request: FuzzRequest, response: FuzzResponse): Problem[] {
  if (request.method !== 'GET' || response.status !== 200 || faceOfPath(request.path) !== 'native') return [];
  const pathname = pathnameOf(request.path);
  const filters = LIST_FILTERS.find(([route]) => route.test(pathname))?.[1];
  if (!filters) return [];
  const params = queryParams(request.path);
  const parsed = parseJson(response.text);
  if (!params || !parsed.ok || !isObject(parsed.value) || !Array.isArray(parsed.value.data)) return [];
  const items = parsed.value.data.filter(isObject);
  const once = (name: string) => {
    const values = params.filter(([k]) => k === name);
    return values.length === 1 ? values[0][1] : undefined;
  };
  const tests: Array<[string, string, (item: Record<string, unknown>) => boolean]> = [];
  for (const [name, test] of Object.entries(filters)) {
    const value = once(name);
    if (value !== undefined && value !== '') tests.push([name, value, (item) => test(item, value)]);
  }
  const after = once('after');
  const before = once('before');
  const from = after === undefined ? null : plainInstant(after);
  const to = before === undefined ? null : plainInstant(before);
  if (from !== null) tests.push(['after', after as string, (item) => typeof item.createdAt === 'string' && Date.parse(item.createdAt) >= from]);
  if (to !== null) tests.push(['before', before as string, (item) => typeof item.createdAt === 'string' && Date.parse(item.createdAt) <= to]);
  const problems: Problem[] = [];
  for (const [name, value, test] of tests) {
    const wrong = items.find((item) => !test(item));
    if (wrong) {
      problems.push({
        kind: 'wrong-result', signature: `${name} not kept`,
        detail: `${name}=${JSON.stringify(value)} let through an item that does not match it: ${JSON.stringify(wrong).slice(0, 200)}`,
      });
    }
  }
  return problems;
}
