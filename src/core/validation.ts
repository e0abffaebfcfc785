/** The core's rules for what a webhook may contain, shared by every face. */
import { Invalid } from './errors.ts';
import { isPrivateSigningKey } from './signing-keys.ts';
import type { DeliveryFormat } from './model.ts';
import { describeRefusal, type EgressPolicy } from './addresses.ts';

export const MAX_URL_LENGTH = 2048;

export function validateUrl(text: string, egress: EgressPolicy, field = 'url'): string {
  if (text.length > MAX_URL_LENGTH) throw new Invalid(field, `must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Invalid(field, 'must be an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Invalid(field, 'must use http:// or https://');
  if (url.username !== '' || url.password !== '') throw new Invalid(field, 'must not contain credentials (use headers instead)');
  if (url.hostname === '') throw new Invalid(field, 'must name a host');
  const refusal = egress.hostRefusal(url.hostname);
  if (refusal) throw new Invalid(field, `points at ${url.hostname}, which hookd refuses: ${describeRefusal(refusal)}`);
  return text;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/**
 * HTTP's field-value grammar (RFC 9110 5.5): visible ASCII, space, tab and obs-text (bytes 0x80–0xFF,
 * sent as Latin-1); no control characters, and no leading or trailing white space, which HTTP strips.
 * A value outside it would be accepted here and then fail every attempt.
 */
const HEADER_VALUE = /^(?:[\x21-\x7E\x80-\xFF](?:[\t\x20-\x7E\x80-\xFF]*[\x21-\x7E\x80-\xFF])?)?$/;
export const MAX_HEADER_VALUE = 4096;
/** Headers hookd sets itself (signatures, framing): an extra header may not replace them. */
const RESERVED_HEADERS = new Set([
  'webhook-id', 'webhook-timestamp', 'webhook-signature', 'webhook-key-id', 'content-type', 'content-length', 'host', 'user-agent',
  'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect', 'proxy-authorization',
  'x-wc-webhook-source', 'x-wc-webhook-topic', 'x-wc-webhook-resource', 'x-wc-webhook-event', 'x-wc-webhook-signature',
  'x-wc-webhook-id', 'x-wc-webhook-delivery-id', 'x-plugin-hmac-sha256',
]);
export const MAX_HEADERS = 50;

export function validateHeaders(headers: Record<string, unknown>, field = 'headers'): Record<string, string> {
  const entries = Object.entries(headers);
  if (entries.length > MAX_HEADERS) throw new Invalid(field, `at most ${MAX_HEADERS} headers`);
  // Null prototype: a header named `__proto__` is kept as a header, not taken for the object's prototype.
  const out: Record<string, string> = Object.create(null);
  const seen = new Set<string>();
  for (const [name, value] of entries) {
    if (!HEADER_NAME.test(name)) throw new Invalid(`${field}.${name}`, 'is not a valid header name');
    const lower = name.toLowerCase();
    if (RESERVED_HEADERS.has(lower)) throw new Invalid(`${field}.${name}`, 'is set by hookd and cannot be overridden');
    if (seen.has(lower)) throw new Invalid(`${field}.${name}`, 'is given twice');
    seen.add(lower);
    if (typeof value !== 'string') throw new Invalid(`${field}.${name}`, 'must be a string');
    if (value.length > MAX_HEADER_VALUE) throw new Invalid(`${field}.${name}`, `must be at most ${MAX_HEADER_VALUE} characters`);
    if (!HEADER_VALUE.test(value)) {
      throw new Invalid(`${field}.${name}`, 'must be one line of visible characters, spaces and tabs (Latin-1; no control characters): HTTP cannot carry anything else');
    }
    out[name] = value;
  }
  return out;
}

/**
 * A signing secret. hookd's rule: 8 to 256 characters, no white space. WooCommerce's (for webhooks of its
 * format): any secret of 1 to 256 characters, as WooCommerce itself accepts.
 */
export function validateSecret(secret: string, field = 'secret', format: DeliveryFormat = 'standard'): string {
  // The sender tells an Ed25519 key from an HMAC secret by this form (core/signing-keys.ts): no HMAC secret may take it.
  if (isPrivateSigningKey(secret)) throw new Invalid(field, 'a whsk_ key is an Ed25519 private key: hookd generates those itself (set "signing": "ed25519")');
  if (format === 'woocommerce') {
    if (secret.length < 1 || secret.length > 256) throw new Invalid(field, 'must be 1 to 256 characters');
    return secret;
  }
  if (secret.length < 8 || secret.length > 256) throw new Invalid(field, 'must be 8 to 256 characters');
  if (/\s/.test(secret)) throw new Invalid(field, 'must not contain white space');
  if (secret.startsWith('whsec_')) {
    const key = secret.slice(6);
    const bytes = Buffer.from(key, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || bytes.length < 16 || bytes.length > 64) {
      throw new Invalid(field, 'a whsec_ secret must carry 16 to 64 bytes in base64');
    }
  }
  return secret;
}

export function validateText(value: string, field: string, max: number, required = true): string {
  const trimmed = value.trim();
  if (required && trimmed === '') throw new Invalid(field, 'must not be empty');
  if (trimmed.length > max) throw new Invalid(field, `must be at most ${max} characters`);
  return trimmed;
}

/** JSON nested deeper than this is refused: serialising it can exhaust the stack, and no real payload needs it. */
export const MAX_JSON_DEPTH = 100;

/** Checks nesting without recursion (the value may be nested far too deep for the stack). */
export function validateJsonDepth(value: unknown, field: string, max = MAX_JSON_DEPTH): void {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    if (depth > max) throw new Invalid(field, `must not nest objects and arrays more than ${max} levels deep`);
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, depth + 1]);
  }
}

export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Invalid(field, 'must be a JSON object');
  return value as Record<string, unknown>;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * An RFC 3339 date-time (`2024-05-01T12:00:00Z`, `…+02:00`) as epoch milliseconds. Every calendar field
 * is checked (JavaScript's Date.parse turns February 30 into March 1), and a leap second (`23:59:60`),
 * which RFC 3339 allows and Date.parse refuses, is the first instant of the next minute.
 */
export function parseInstant(text: string, field: string): number {
  const match = RFC3339.exec(text);
  const refuse = () => new Invalid(field, 'must be an RFC 3339 date-time such as 2024-05-01T12:00:00Z');
  if (!match) throw refuse();
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 9, 10].map((i) => Number(match[i] ?? 0));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59) throw refuse();
  const leap = second === 60;
  const ms = Date.parse(leap ? `${text.slice(0, 17)}59${text.slice(19)}` : text);
  if (Number.isNaN(ms)) throw refuse();
  return leap ? ms - (ms % 1000) + 1000 : ms;
}
