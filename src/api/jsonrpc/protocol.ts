/**
 * The seed's JSON-RPC convention on top of a JSON-RPC 2.0 library (json-rpc-2.0 does the framing,
 * dispatch and standard errors). Written here only what the library cannot do:
 * - the seed sends `"jsonrpc": 2.0` as a number (JavaScript clients send `2`); the library wants "2.0",
 *   so requests are normalised and each answer echoes the request's own form (a number is written `2.0`);
 * - answers carry `"error": null` beside `result`, as the seed shows;
 * - a batch answers with an array even when only one response remains;
 * - an `id` must be a string, a number or null (the library echoes any value, however deep);
 * - a batch is bounded in calls and in the size of its answer, and its calls run one after another,
 *   yielding between them, so one request cannot hold the thread that also runs the dispatcher's store calls.
 */
import type { JSONRPCResponse, JSONRPCServer } from 'json-rpc-2.0';
import { PROTOCOL } from './errors.ts';

type Form = 'number' | 'string';

/** Calls in one batch: enough for any client's real batching, small enough to answer quickly. */
export const MAX_BATCH_CALLS = 100;
/** Once a batch's answers reach this size, the calls left are not run: each gets an error saying so. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

const error = (code: number, message: string, form: Form = 'string', id: unknown = null): string =>
  serialize({ jsonrpc: '2.0', id: id as null, error: { code, message } }, form);

function serialize(response: JSONRPCResponse, form: Form): string {
  const version = form === 'number' ? '2.0' : '"2.0"';
  const id = JSON.stringify(response.id ?? null);
  if ('error' in response && response.error) {
    return `{"jsonrpc":${version},"id":${id},"error":${JSON.stringify(response.error, plainDataOnly)}}`;
  }
  const result = JSON.stringify((response as { result?: unknown }).result ?? null, plainDataOnly);
  return `{"jsonrpc":${version},"id":${id},"error":null,"result":${result}}`;
}

/**
 * A method's result must be plain data (objects, arrays, strings, numbers, booleans, null). Anything
 * built from a class (a service, a store row class, an Error) is refused, so that no mistake in a method
 * can ever serialise an internal object into an answer.
 */
function plainDataOnly(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) throw new TypeError('a JSON-RPC answer may hold plain data only');
  }
  return value;
}

const isId = (id: unknown): boolean => typeof id === 'string' || typeof id === 'number' || id === null;

/** Handles one HTTP body; returns the JSON text to answer with, or null when there is nothing to say. */
export async function handleBody<P>(server: JSONRPCServer<P>, body: string, params: P): Promise<string | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return error(PROTOCOL.parseError, 'Parse error');
  }
  const one = async (raw: unknown): Promise<string | null> => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return error(PROTOCOL.invalidRequest, 'Invalid Request');
    const request = raw as { jsonrpc?: unknown; id?: unknown };
    const form: Form = request.jsonrpc === 2 ? 'number' : 'string';
    if ('id' in request && !isId(request.id)) return error(PROTOCOL.invalidRequest, 'Invalid Request: the id must be a string, a number or null', form);
    const normalised = form === 'number' ? { ...request, jsonrpc: '2.0' } : request;
    const response = await server.receive(normalised as never, params);
    if (!response) return null;
    try {
      return serialize(response, form);
    } catch {
      return error(PROTOCOL.internalError, 'Internal error', form, response.id);
    }
  };
  if (!Array.isArray(parsed)) return one(parsed);
  if (parsed.length === 0) return error(PROTOCOL.invalidRequest, 'Invalid Request');
  if (parsed.length > MAX_BATCH_CALLS) {
    return error(PROTOCOL.invalidRequest, `Invalid Request: a batch may hold at most ${MAX_BATCH_CALLS} calls (this one has ${parsed.length})`);
  }
  const answers: string[] = [];
  let size = 0;
  for (const raw of parsed) {
    const isNotification = raw !== null && typeof raw === 'object' && !('id' in raw);
    const answer = size < MAX_ANSWER_BYTES ? await one(raw) : isNotification ? null : notRun(raw);
    // Between calls, let the thread serve others (the dispatcher's store calls run on it).
    await new Promise((resolve) => setImmediate(resolve));
    if (answer === null) continue;
    size += answer.length;
    answers.push(size <= MAX_ANSWER_BYTES ? answer : notRun(raw, 'its answer would pass'));
  }
  return answers.length === 0 ? null : `[${answers.join(',')}]`;
}

/** The answer to a call of a batch that was not run (or not answered) because the batch's answers are too large. */
function notRun(raw: unknown, why = 'the answers before it reached'): string {
  const request = (raw !== null && typeof raw === 'object' ? raw : {}) as { jsonrpc?: unknown; id?: unknown };
  return error(PROTOCOL.invalidRequest, `Invalid Request: not answered, ${why} the batch limit of ${MAX_ANSWER_BYTES / 1024 / 1024} MiB; send fewer calls per batch`,
    request.jsonrpc === 2 ? 'number' : 'string', isId(request.id) ? request.id : null);
}
