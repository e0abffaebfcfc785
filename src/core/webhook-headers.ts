/**
 * A webhook's extra request headers often carry the receiver's credentials (hookd tells users to put
 * them there rather than in the URL). So their values are sealed (encrypted) at rest, opened only to be
 * sent, and every answer and attempt log shows the values of sensitive names masked.
 */
import type { SecretBox } from './crypto.ts';

/** What a masked value reads as. Sent back unchanged in an update, it keeps the stored value. */
export const MASKED = '********';

const SENSITIVE_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
const SENSITIVE_PARTS = /token|key|secret|password|signature|hmac/;

export function isSensitiveHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SENSITIVE_NAMES.has(lower) || SENSITIVE_PARTS.test(lower);
}

/** A copy with the values of sensitive names masked (null prototype: any name is kept as it is). */
export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(headers)) out[name] = isSensitiveHeader(name) ? MASKED : value;
  return out;
}

export function sealHeaders(box: SecretBox, headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(headers)) out[name] = box.encrypt(value);
  return out;
}

/**
 * The values of sealed headers, opened by `open` (the box's decrypt, or a memo of it). A value stored
 * before headers were sealed is not ciphertext: it is its own plain value.
 */
export function openHeaders(sealed: Record<string, string>, open: (stored: string) => string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(sealed)) out[name] = openValue(value, open);
  return out;
}

function openValue(stored: string, open: (stored: string) => string): string {
  if (!stored.startsWith('v1.')) return stored;
  try {
    return open(stored);
  } catch {
    return stored;
  }
}

/** Headers as every answer shows them: sensitive values masked, the others opened. */
export function shownHeaders(sealed: Record<string, string>, box: SecretBox): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(sealed)) out[name] = isSensitiveHeader(name) ? MASKED : openValue(value, (text) => box.decrypt(text));
  return out;
}

/** Whether a stored value is sealed (one written before headers were sealed is its own plain value). */
export function isSealed(stored: string, box: SecretBox): boolean {
  try {
    box.decrypt(stored);
    return true;
  } catch {
    return false;
  }
}

/**
 * New headers to store, sealed. A sensitive header sent back with the masked value (a client that read
 * the webhook and writes it back) keeps the value stored under that name.
 */
export function sealUpdate(box: SecretBox, headers: Record<string, string>, current: Record<string, string>): Record<string, string> {
  const currentByName = new Map(Object.entries(current).map(([name, value]) => [name.toLowerCase(), value]));
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(headers)) {
    const kept = value === MASKED && isSensitiveHeader(name) ? currentByName.get(name.toLowerCase()) : undefined;
    out[name] = kept ?? box.encrypt(value);
  }
  return out;
}
