/**
 * Signatures. Standard Webhooks (https://www.standardwebhooks.com): `v1,<base64 HMAC-SHA256 of
 * "<id>.<timestamp>.<body>">`, one per active secret, space-separated. A `whsec_` secret is base64 key
 * material; any other secret is used as its raw UTF-8 bytes (receivers verify it with format "raw").
 */
import { createHmac, createSecretKey } from 'node:crypto';
import { BoundedMemo } from '../util/bounded-memo.ts';

function secretKeyBytes(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
}

/** HMAC keys by secret: decoded once per webhook, not once per attempt. */
const hmacKeys = new BoundedMemo(10_000, (secret: string) => createSecretKey(secretKeyBytes(secret)));

export function standardSignature(secrets: string[], messageId: string, timestamp: number, body: string): string {
  const signed = `${messageId}.${timestamp}.${body}`;
  return secrets.map((secret) => `v1,${createHmac('sha256', hmacKeys.get(secret)).update(signed).digest('base64')}`).join(' ');
}

/** base64(HMAC-SHA256(body)) keyed by the secret's text, as WooCommerce and ShipStream sign. */
export function bodySignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}
