/**
 * WooCommerce's legacy API authentication: HTTP Basic or `consumer_key`/`consumer_secret` query
 * parameters, or one-legged OAuth 1.0a in the query string (HMAC-SHA1/HMAC-SHA256, 15-minute timestamp
 * window, nonces refused when replayed). The base string is built by the `oauth-1.0a` library, the one
 * WooCommerce's npm clients sign with.
 */
import { createHmac } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import OAuth from 'oauth-1.0a';
import { safeEqual } from '../../core/crypto.ts';
import { TooManyAttempts } from '../../core/errors.ts';
import type { Core } from '../../core/hookd.ts';
import type { Workspace } from '../../core/model.ts';
import { basicCredentials } from '../basic-auth.ts';
import { WooError } from './errors.ts';

/** WooCommerce refuses a timestamp more than this far from now, into the past or the future. */
const WINDOW_MS = 15 * 60 * 1000;
/**
 * How long a nonce is remembered: a request seen now may be dated up to WINDOW_MS ahead, and a copy of it
 * stays acceptable until WINDOW_MS after that date. Forgotten sooner, a request dated in the future could
 * be replayed once its nonce was forgotten.
 */
const NONCE_MEMORY_MS = 2 * WINDOW_MS;
/** Clients send 32 to 43 characters; a UUID is 36. */
const MAX_NONCE_LENGTH = 128;
/** A Map: the method name is the caller's, and a plain object would find `toString` or `constructor` in it. */
const ALGORITHMS = new Map<string, 'sha1' | 'sha256'>([['HMAC-SHA1', 'sha1'], ['HMAC-SHA256', 'sha256']]);

const authError = (message: string) => new WooError(401, 'woocommerce_api_authentication_error', message);

/**
 * One value per parameter, the last one winning (as PHP's $_GET does with repeated keys). Null prototype:
 * a `__proto__` or `constructor` key is a parameter like any other, and absent names read as undefined.
 */
export function lastValues(query: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof last === 'string') out[key] = last;
  }
  return out;
}

/**
 * `signedMethod` is the method an OAuth signature must cover: the request's own, or the one an
 * X-HTTP-Method-Override header asks for (the header itself is not signed). Callers presenting the
 * secret itself (Basic, consumer_secret) prove who they are without it.
 */
export async function authenticate(core: Core, request: FastifyRequest, signedMethod = request.method): Promise<{ workspace: Workspace; consumerSecret: string }> {
  const params = lastValues(request.query);
  const credentials = basicCredentials(request.headers.authorization)
    ?? (params.consumer_key !== undefined || params.consumer_secret !== undefined ? [params.consumer_key, params.consumer_secret] as [string, string] : null);
  if (credentials) {
    if (!credentials[0]) throw authError('Consumer Key is missing');
    try {
      const { principal } = await core.auth.consumerPair(credentials[0], credentials[1], request.ip);
      return { workspace: principal.workspace, consumerSecret: credentials[1] };
    } catch (error) {
      throw error instanceof TooManyAttempts ? error : authError('Consumer Key or Consumer Secret is invalid');
    }
  }
  if (params.oauth_consumer_key !== undefined || params.oauth_signature !== undefined) return oauth(core, request, params, signedMethod);
  throw authError('Consumer Key is missing');
}

async function oauth(core: Core, request: FastifyRequest, params: Record<string, string>, method: string) {
  // Every refusal counts as a failed authentication of this address (and of the key, once it is known);
  // past the limit it becomes "too many attempts", as the key look-up below does for a right request.
  const refuse = (message: string, consumerKey?: string) => core.auth.failed(request.ip, consumerKey, authError(message));
  for (const name of ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method']) {
    if (!params[name]) throw refuse(`${name} parameter is missing`);
  }
  const algorithm = ALGORITHMS.get(params.oauth_signature_method);
  if (!algorithm) throw refuse('Invalid Signature - signature method is invalid or unsupported');
  // Whole seconds only (not ` 1e9`, `0x…`, `….5`), and nonces no longer than clients make them: both are
  // stored or compared, and the nonce table should not hold what a caller chose to make large.
  const timestamp = /^\d{1,12}$/.test(params.oauth_timestamp) ? Number(params.oauth_timestamp) * 1000 : Number.NaN;
  if (!(Math.abs(Date.now() - timestamp) <= WINDOW_MS)) throw refuse('Invalid timestamp');
  if (params.oauth_nonce.length > MAX_NONCE_LENGTH) throw refuse('Invalid nonce - longer than 128 characters');

  let principal;
  let secret;
  try {
    ({ principal, secret } = await core.auth.consumerSecret(params.oauth_consumer_key, request.ip));
  } catch (error) {
    throw error instanceof TooManyAttempts ? error : authError('Consumer Key is invalid');
  }
  const { oauth_signature: signature, ...signed } = params;
  const url = `${request.protocol}://${request.headers.host ?? 'localhost'}${request.url.split('?')[0]}`;
  const hash = (base: string, key: string) => createHmac(algorithm, key).update(base).digest('base64');
  const signer = new OAuth({ consumer: { key: params.oauth_consumer_key, secret }, signature_method: params.oauth_signature_method, hash_function: hash });
  const base = signer.getBaseString({ url, method, data: signed }, {} as OAuth.Data);
  // WooCommerce's v2 server keys the HMAC with the bare secret; v3-style clients append "&". Both are accepted.
  const key = signer.percentEncode(secret);
  if (![key, `${key}&`].some((candidate) => safeEqual(hash(base, candidate), signature))) {
    throw refuse(method === request.method
      ? 'Invalid Signature - provided signature does not match'
      : `Invalid Signature - the X-HTTP-Method-Override header is not covered by the signature: sign the request for ${method}, or use ?_method=`, params.oauth_consumer_key);
  }
  if (!(await core.auth.useNonce(params.oauth_consumer_key, params.oauth_nonce, NONCE_MEMORY_MS))) {
    throw refuse('Invalid nonce - nonce has already been used');
  }
  return { workspace: principal.workspace, consumerSecret: secret };
}
