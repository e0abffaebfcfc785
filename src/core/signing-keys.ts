/**
 * Ed25519 signing keys, as Standard Webhooks writes them: a private key is `whsk_` + base64 of its 32-byte
 * seed, a public key `whpk_` + base64 of its 32 bytes. hookd generates every key pair itself and keeps the
 * private key sealed like any secret; the public key is public (webhook reads, the workspace's JWKS).
 *
 * A key's id (`kid`) is its RFC 7638 JWK thumbprint: derived from the public key alone, so the sender names
 * the key it signs with, and the JWKS lists it, without storing an id anywhere.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, hash, type KeyObject } from 'node:crypto';

export type SigningScheme = 'hmac' | 'ed25519';

export const PRIVATE_KEY_PREFIX = 'whsk_';
export const PUBLIC_KEY_PREFIX = 'whpk_';

/** Exactly 32 bytes in padded base64: what every key hookd generates looks like. */
const KEY_BODY = /^[A-Za-z0-9+/]{43}=$/;

/** A JWK of an Ed25519 public key, as the JWKS publishes it. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
}

export interface SigningKeyPair {
  privateKey: string;
  publicKey: string;
}

/** Whether a stored secret is an Ed25519 private key (and not an HMAC secret). HMAC secrets may not take this form (validation.ts). */
export const isPrivateSigningKey = (secret: string): boolean => secret.startsWith(PRIVATE_KEY_PREFIX) && KEY_BODY.test(secret.slice(PRIVATE_KEY_PREFIX.length));

export function generateSigningKeyPair(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const d = privateKey.export({ format: 'jwk' }).d as string;
  const x = publicKey.export({ format: 'jwk' }).x as string;
  return {
    privateKey: PRIVATE_KEY_PREFIX + Buffer.from(d, 'base64url').toString('base64'),
    publicKey: PUBLIC_KEY_PREFIX + Buffer.from(x, 'base64url').toString('base64'),
  };
}

/** `302e020100300506032b657004220420`: PKCS #8, version 0, algorithm 1.3.101.112 (Ed25519), a 32-byte octet string follows. */
const PKCS8_ED25519_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The node:crypto key of a `whsk_` private key (its seed, wrapped in the fixed PKCS #8 header of Ed25519). */
export function privateKeyObject(privateKey: string): KeyObject {
  if (!isPrivateSigningKey(privateKey)) throw new Error('not an Ed25519 private key');
  const seed = Buffer.from(privateKey.slice(PRIVATE_KEY_PREFIX.length), 'base64');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_HEADER, seed]), format: 'der', type: 'pkcs8' });
}

export function publicKeyOf(privateKey: string | KeyObject): string {
  const key = typeof privateKey === 'string' ? privateKeyObject(privateKey) : privateKey;
  const x = createPublicKey(key).export({ format: 'jwk' }).x as string;
  return PUBLIC_KEY_PREFIX + Buffer.from(x, 'base64url').toString('base64');
}

function publicKeyX(publicKey: string): string {
  if (!publicKey.startsWith(PUBLIC_KEY_PREFIX) || !KEY_BODY.test(publicKey.slice(PUBLIC_KEY_PREFIX.length))) throw new Error('not an Ed25519 public key');
  return Buffer.from(publicKey.slice(PUBLIC_KEY_PREFIX.length), 'base64').toString('base64url');
}

/** RFC 7638: SHA-256 over the required members in lexicographic order, no white space, as base64url. */
export function keyIdOf(publicKey: string): string {
  return hash('sha256', `{"crv":"Ed25519","kty":"OKP","x":"${publicKeyX(publicKey)}"}`, 'base64url');
}

export function toJwk(publicKey: string): PublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: publicKeyX(publicKey), kid: keyIdOf(publicKey), use: 'sig', alg: 'EdDSA' };
}
