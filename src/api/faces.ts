/**
 * Which face a path belongs to, and a refusal in that face's own error shape for the cases decided
 * before any route runs: no route, a method the path does not take, a request the HTTP parser refuses
 * or one that took too long to arrive.
 */
import { JSONRPC_PATHS } from './jsonrpc/index.ts';
import { WOO_PREFIX } from './woocommerce/index.ts';

export type Face = 'native' | 'woocommerce' | 'jsonrpc';

export function faceOf(target: string): Face {
  const bare = pathOf(target);
  if (bare === WOO_PREFIX || bare.startsWith(`${WOO_PREFIX}/`)) return 'woocommerce';
  if (JSONRPC_PATHS.includes(bare)) return 'jsonrpc';
  return 'native';
}

/** The path a request target names, without its query: origin form (`/x?y`) or absolute form (`http://host/x`, which Node passes on as it came). */
export function pathOf(target: string): string {
  if (!isAbsolute(target)) return target.split('?')[0];
  try {
    return new URL(target).pathname;
  } catch {
    return '/';
  }
}

export const isAbsolute = (target: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(target);

/** What each status is called in each face. */
const NAMES = new Map<number, { native: string; woocommerce: string }>([
  [400, { native: 'BAD_REQUEST', woocommerce: 'woocommerce_api_invalid_request' }],
  [404, { native: 'RESOURCE_NOT_FOUND', woocommerce: 'woocommerce_api_no_route' }],
  [405, { native: 'METHOD_NOT_ALLOWED', woocommerce: 'woocommerce_api_method_not_allowed' }],
  [408, { native: 'REQUEST_TIMEOUT', woocommerce: 'woocommerce_api_request_timeout' }],
  [413, { native: 'PAYLOAD_TOO_LARGE', woocommerce: 'woocommerce_api_request_too_large' }],
  [415, { native: 'UNSUPPORTED_MEDIA_TYPE', woocommerce: 'woocommerce_api_invalid_request' }],
  [417, { native: 'EXPECTATION_FAILED', woocommerce: 'woocommerce_api_invalid_request' }],
  [431, { native: 'HEADERS_TOO_LARGE', woocommerce: 'woocommerce_api_headers_too_large' }],
]);

/**
 * The HTTP status a refusal goes out with. JSON-RPC clients take any status but 200 for a broken
 * transport and never read the error in the body, so that face answers a POST (a JSON-RPC call) 200, as
 * it does every error; any other method is no JSON-RPC call, and gets the status itself.
 */
export function httpStatus(face: Face, status: number, method: string | undefined): number {
  return face === 'jsonrpc' && method === 'POST' && status !== 405 ? 200 : status;
}

/** The JSON body of a refusal with `status`, as `face` words its errors. */
export function refusalBody(face: Face, status: number, message: string): string {
  const names = NAMES.get(status) ?? NAMES.get(400)!;
  switch (face) {
    case 'woocommerce':
      return JSON.stringify({ errors: [{ code: names.woocommerce, message }] });
    case 'jsonrpc':
      return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32600, message: `Invalid Request: ${message}` } });
    case 'native':
      return JSON.stringify({ data: null, error: { code: names.native, message, details: null } });
  }
}
