/**
 * Transformations: a webhook's `transform` is a JSONata expression that turns the event into the request
 * sent, as Svix's transformations do. Its input is the event, `{id, type, timestamp, data}`. Its result is
 * either
 *   - a request: an object whose keys are only among `body`, `method`, `headers` and `path` (at least one,
 *     and then `body` must be there): the body sent, POST or PUT, extra headers (the rules of a webhook's
 *     own extra headers; they replace its extras of the same name) and a path suffix (transform-path.ts); or
 *   - anything else: the body itself.
 * The body is sent as JSON (a string result is a JSON string) and signed as the webhook's format signs.
 * Checked when the webhook is saved; compiled once per expression; evaluated bounded
 * (transform-evaluator.ts) where the attempt is made.
 */
import { Invalid } from './errors.ts';
import { compileTransform, EVALUATION_LIMITS, TransformError, type CompiledTransform } from './transform-evaluator.ts';
import { appendPath } from './transform-path.ts';
import { MAX_JSON_DEPTH, validateHeaders } from './validation.ts';
import { BoundedMemo } from '../util/bounded-memo.ts';

export const TRANSFORM_LIMITS = { expressionChars: 8 * 1024, bodyBytes: EVALUATION_LIMITS.text } as const;

export type TransformMethod = 'POST' | 'PUT';

/** The request a transform made of an event. */
export interface TransformedRequest {
  url: string;
  method: TransformMethod;
  /** Its extra headers only (the webhook's own extras and hookd's are added where the request is built). */
  headers: Record<string, string>;
  body: string;
}

export type TransformOutcome = { ok: true; request: TransformedRequest } | { ok: false; error: string };

/** What a transform is given. */
export interface TransformInput {
  id: string;
  type: string;
  timestamp: string;
  data: unknown;
}

/** Checks an expression when a webhook is saved (or tried); returns it as given. */
export function validateTransform(text: unknown, field = 'transform'): string {
  if (typeof text !== 'string' || text.trim() === '') throw new Invalid(field, 'must be a JSONata expression, e.g. {"body": {"order": data.id}}');
  if (text.length > TRANSFORM_LIMITS.expressionChars) throw new Invalid(field, `must be at most ${TRANSFORM_LIMITS.expressionChars} characters`);
  try {
    compiled.get(text);
  } catch (error) {
    if (error instanceof TransformError) throw new Invalid(field, error.message);
    throw error;
  }
  return text;
}

/** Compiled expressions by their text: once per webhook version (and shared by webhooks with the same one). */
const compiled = new BoundedMemo<string, CompiledTransform>(1_000, compileTransform);

/** The transform's input for an event as stored: its data is kept as JSON text. */
export function transformInput(event: { id: string; type: string; createdAt: number; dataJson: string }): TransformInput {
  return { id: event.id, type: event.type, timestamp: new Date(event.createdAt).toISOString(), data: JSON.parse(event.dataJson) as unknown };
}

/** Runs the webhook's transform on an event; never throws: a failure is the attempt's error. */
export async function runTransform(expression: string, input: TransformInput, url: string): Promise<TransformOutcome> {
  try {
    const result = await compiled.get(expression).evaluate(input);
    return { ok: true, request: toRequest(result, url) };
  } catch (error) {
    if (error instanceof TransformError) return { ok: false, error: `transform ${error.message}` };
    return { ok: false, error: `transform failed: ${(error as Error)?.message ?? String(error)}` };
  }
}

const REQUEST_KEYS = new Set(['body', 'method', 'headers', 'path']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isFunction(value);
/** jsonata's functions are objects marked as such (or JavaScript functions). */
const isFunction = (value: unknown): boolean =>
  typeof value === 'function' || (typeof value === 'object' && value !== null && (Object.hasOwn(value, '_jsonata_lambda') || Object.hasOwn(value, '_jsonata_function')));

function toRequest(result: unknown, url: string): TransformedRequest {
  if (result === undefined) throw new TransformError('result: the expression gave nothing (did a path match nothing?)');
  const keys = isPlainObject(result) ? Object.keys(result) : [];
  if (keys.length === 0 || !keys.every((key) => REQUEST_KEYS.has(key))) return { url, method: 'POST', headers: {}, body: toBody(result) };
  const request = result as Record<string, unknown>;
  if (!Object.hasOwn(request, 'body')) throw new TransformError('result: a request needs a body (it names method, headers or path; did body match nothing?)');
  let method: TransformMethod = 'POST';
  if (Object.hasOwn(request, 'method')) {
    if (request.method !== 'POST' && request.method !== 'PUT') throw new TransformError('result: method must be "POST" or "PUT"');
    method = request.method;
  }
  return {
    url: Object.hasOwn(request, 'path') ? withPath(url, request.path) : url,
    method,
    headers: Object.hasOwn(request, 'headers') ? extraHeaders(request.headers) : {},
    body: toBody(request.body),
  };
}

function withPath(url: string, path: unknown): string {
  try {
    return appendPath(url, path);
  } catch (error) {
    throw new TransformError(`result: ${(error as Error).message}`);
  }
}

/** The rules of a webhook's own extra headers: names, values, how many, none of hookd's own. */
function extraHeaders(headers: unknown): Record<string, string> {
  if (!isPlainObject(headers)) throw new TransformError('result: headers must be an object of names and string values');
  try {
    return validateHeaders(headers, 'headers');
  } catch (error) {
    if (error instanceof Invalid) throw new TransformError(`result: ${error.field}: ${error.message}`);
    throw error;
  }
}

/** The body as JSON text, its size and nesting checked before it is written out (a result can share one huge string many times). */
function toBody(value: unknown): string {
  if (value === undefined) throw new TransformError('result: the body is nothing (did a path match nothing?)');
  let size = 0;
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item === 'string') size += item.length + 2;
    else if (isFunction(item)) throw new TransformError('result: the body holds a function');
    else if (item !== null && typeof item === 'object') {
      if (depth > MAX_JSON_DEPTH) throw new TransformError(`result: the body nests more than ${MAX_JSON_DEPTH} levels`);
      const entries = Array.isArray(item) ? item : Object.entries(item);
      size += 2 + entries.length;
      for (const entry of entries) {
        if (Array.isArray(item)) pending.push([entry, depth + 1]);
        else {
          const [key, child] = entry as [string, unknown];
          size += key.length + 3;
          pending.push([child, depth + 1]);
        }
      }
    } else size += 24;
    if (size > TRANSFORM_LIMITS.bodyBytes * 2) break;
  }
  const body = size > TRANSFORM_LIMITS.bodyBytes * 2 ? null : JSON.stringify(value);
  if (body === null || Buffer.byteLength(body) > TRANSFORM_LIMITS.bodyBytes) {
    throw new TransformError(`result: the body is larger than ${TRANSFORM_LIMITS.bodyBytes} bytes`);
  }
  return body;
}

/** The webhook's extra headers with the transform's: a name the transform sets (in any case) replaces the webhook's. */
export function withTransformHeaders(own: Record<string, string>, extra: Record<string, string>): Record<string, string> {
  const replaced = new Set(Object.keys(extra).map((name) => name.toLowerCase()));
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(own)) if (!replaced.has(name.toLowerCase())) out[name] = value;
  for (const [name, value] of Object.entries(extra)) out[name] = value;
  return out;
}
