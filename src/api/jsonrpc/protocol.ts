/**
 * The seed's JSON-RPC convention on top of a JSON-RPC 2.0 library (json-rpc-2.0 does the framing,
 * dispatch and standard errors). Written here only what the library cannot do:
 * - the seed sends `"jsonrpc": 2.0` as a number (JavaScript clients send `2`); the library wants "2.0",
 *   so requests are normalised and each answer echoes the request's own form (a number is written `2.0`);
 * - answers carry `"error": null` beside `result`, as the seed shows;
 * - a batch answers with an array even when only one response remains.
 */
import type { JSONRPCResponse, JSONRPCServer } from 'json-rpc-2.0';
import { PROTOCOL } from './errors.ts';

type Form = 'number' | 'string';

function serialize(response: JSONRPCResponse, form: Form): string {
  const version = form === 'number' ? '2.0' : '"2.0"';
  const id = JSON.stringify(response.id ?? null);
  if ('error' in response && response.error) {
    return `{"jsonrpc":${version},"id":${id},"error":${JSON.stringify(response.error)}}`;
  }
  const result = JSON.stringify((response as { result?: unknown }).result ?? null);
  return `{"jsonrpc":${version},"id":${id},"error":null,"result":${result}}`;
}

function normalise(request: unknown): { request: unknown; form: Form } {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) return { request: {}, form: 'string' };
  const version = (request as { jsonrpc?: unknown }).jsonrpc;
  if (version === 2) return { request: { ...request, jsonrpc: '2.0' }, form: 'number' };
  return { request, form: 'string' };
}

/** Handles one HTTP body; returns the JSON text to answer with, or null when there is nothing to say. */
export async function handleBody<P>(server: JSONRPCServer<P>, body: string, params: P): Promise<string | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return serialize({ jsonrpc: '2.0', id: null, error: { code: PROTOCOL.parseError, message: 'Parse error' } }, 'string');
  }
  const one = async (raw: unknown): Promise<string | null> => {
    const { request, form } = normalise(raw);
    const response = await server.receive(request as never, params);
    return response ? serialize(response, form) : null;
  };
  if (!Array.isArray(parsed)) return one(parsed);
  if (parsed.length === 0) {
    return serialize({ jsonrpc: '2.0', id: null, error: { code: PROTOCOL.invalidRequest, message: 'Invalid Request' } }, 'string');
  }
  const answers = (await Promise.all(parsed.map(one))).filter((answer): answer is string => answer !== null);
  return answers.length === 0 ? null : `[${answers.join(',')}]`;
}
