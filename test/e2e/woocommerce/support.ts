/**
 * Small clients for the WooCommerce face in tests: Basic auth over fetch, and one-legged OAuth 1.0a
 * signed by hand (the `oauth-1.0a` library with the rules of the npm client `woocommerce-api`), so a
 * test can choose the method signed, the method sent, the timestamp and the extra query parameters.
 */
import { createHmac, randomBytes } from 'node:crypto';
import OAuth from 'oauth-1.0a';

export interface WooReply { status: number; headers: Headers; body: any }

async function reply(response: Response): Promise<WooReply> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export function basicHeader(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

/** A request to `/wc-api/v2/<path>` with Basic auth (no auth when `credentials` is null). */
export async function basic(
  baseUrl: string, method: string, path: string, credentials: [string, string] | null,
  init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<WooReply> {
  const headers: Record<string, string> = { ...init.headers };
  if (credentials) headers.authorization = basicHeader(...credentials);
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  return reply(await fetch(`${baseUrl}/wc-api/v2/${path}`, { method, headers, body }));
}

export interface SignOptions {
  /** The method the signature covers (default GET). */
  method?: string;
  /** Query parameters besides the OAuth ones; they are signed too. */
  query?: Record<string, string>;
  /** Seconds since the epoch; default now. */
  timestamp?: number | string;
  /** Default 32 random hex digits. */
  nonce?: string;
}

/** The full URL of `/wc-api/v2/<path>` with a signed OAuth 1.0a query string. */
export function signedUrl(baseUrl: string, path: string, consumerKey: string, consumerSecret: string, options: SignOptions = {}): string {
  const url = `${baseUrl}/wc-api/v2/${path}`;
  const signer = new OAuth({
    consumer: { key: consumerKey, secret: consumerSecret }, signature_method: 'HMAC-SHA256', last_ampersand: false,
    hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
  });
  const request = { url, method: options.method ?? 'GET', data: options.query ?? {} };
  const oauth: Record<string, string | number> = {
    oauth_consumer_key: consumerKey,
    oauth_nonce: options.nonce ?? randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    oauth_version: '1.0',
  };
  const signature = signer.getSignature(request, undefined, oauth as unknown as OAuth.Data);
  const query = new URLSearchParams({ ...options.query, ...Object.fromEntries(Object.entries(oauth).map(([k, v]) => [k, String(v)])), oauth_signature: signature });
  return `${url}?${query.toString()}`;
}

export async function send(url: string, method = 'GET', headers: Record<string, string> = {}): Promise<WooReply> {
  return reply(await fetch(url, { method, headers }));
}
