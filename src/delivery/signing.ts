/**
 * Signatures. Standard Webhooks (https://www.standardwebhooks.com): one signature per active secret over
 * "<id>.<timestamp>.<body>", space-separated. An HMAC secret signs `v1,<base64 HMAC-SHA256>`: a `whsec_`
 * secret is base64 key material, any other is used as its raw UTF-8 bytes (receivers verify it with format
 * "raw"). An Ed25519 private key (`whsk_…`, core/signing-keys.ts) signs `v1a,<base64 signature>`, and the
 * delivery names its keys in `webhook-key-id` so that a receiver finds them in the workspace's JWKS.
 */
import { createHmac, createSecretKey, sign, type KeyObject } from 'node:crypto';
import { BoundedMemo } from '../util/bounded-memo.ts';
import { isPrivateSigningKey, keyIdOf, privateKeyObject, publicKeyOf } from '../core/signing-keys.ts';

function secretKeyBytes(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
}

/** HMAC keys by secret: decoded once per webhook, not once per attempt. */
const hmacKeys = new BoundedMemo(10_000, (secret: string) => createSecretKey(secretKeyBytes(secret)));

/** Ed25519 keys and their ids by private key: parsed (and the public key derived) once per webhook. */
const ed25519Keys = new BoundedMemo(10_000, (privateKey: string): { key: KeyObject; kid: string } => {
  const key = privateKeyObject(privateKey);
  return { key, kid: keyIdOf(publicKeyOf(key)) };
});

export function standardSignature(secrets: string[], messageId: string, timestamp: number, body: string): string {
  const signed = `${messageId}.${timestamp}.${body}`;
  return secrets.map((secret) => (isPrivateSigningKey(secret)
    ? `v1a,${sign(null, Buffer.from(signed), ed25519Keys.get(secret).key).toString('base64')}`
    : `v1,${createHmac('sha256', hmacKeys.get(secret)).update(signed).digest('base64')}`)).join(' ');
}

/** The ids of the Ed25519 keys among `secrets`, in the order of their `v1a` signatures, space-separated; null when none. */
export function signingKeyIds(secrets: string[]): string | null {
  // Every attempt asks, and nearly all sign with HMAC only: no array is built for them.
  let ids: string | null = null;
  for (const secret of secrets) {
    if (!isPrivateSigningKey(secret)) continue;
    const kid = ed25519Keys.get(secret).kid;
    ids = ids === null ? kid : `${ids} ${kid}`;
  }
  return ids;
}

/** base64(HMAC-SHA256(body)) keyed by the secret's text, as WooCommerce and ShipStream sign. */
export function bodySignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}
