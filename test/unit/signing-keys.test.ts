/**
 * Ed25519 keys in Standard Webhooks' forms, their ids (RFC 7638 thumbprints, checked against RFC 8037's
 * example key), `v1a` signatures verified by a third-party implementation, and the rule that tells a
 * `whsk_` key from an HMAC secret.
 */
import { verifyAsync } from '@noble/ed25519';
import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair, isPrivateSigningKey, keyIdOf, publicKeyOf, toJwk } from '../../src/core/signing-keys.ts';
import { validateSecret } from '../../src/core/validation.ts';
import { signingKeyIds, standardSignature } from '../../src/delivery/signing.ts';

// RFC 8037, appendix A.1 and A.3: the example Ed25519 key and its JWK thumbprint.
const RFC_D = 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A';
const RFC_X = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';
const RFC_THUMBPRINT = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';
const asStandard = (prefix: string, base64url: string) => prefix + Buffer.from(base64url, 'base64url').toString('base64');

describe('Ed25519 signing keys', () => {
  it('derives the public key and the RFC 7638 key id of RFC 8037\'s example key', () => {
    const privateKey = asStandard('whsk_', RFC_D);
    const publicKey = publicKeyOf(privateKey);
    expect(publicKey).toBe(asStandard('whpk_', RFC_X));
    expect(keyIdOf(publicKey)).toBe(RFC_THUMBPRINT);
    expect(toJwk(publicKey)).toEqual({ kty: 'OKP', crv: 'Ed25519', x: RFC_X, kid: RFC_THUMBPRINT, use: 'sig', alg: 'EdDSA' });
  });

  it('generates pairs in the whsk_/whpk_ forms, each pair its own', () => {
    const one = generateSigningKeyPair();
    const two = generateSigningKeyPair();
    expect(one.privateKey).toMatch(/^whsk_[A-Za-z0-9+/]{43}=$/);
    expect(one.publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
    expect(publicKeyOf(one.privateKey)).toBe(one.publicKey);
    expect(two.publicKey).not.toBe(one.publicKey);
  });

  it('signs v1a over "<id>.<timestamp>.<body>", verified by @noble/ed25519, and names the key', async () => {
    const pair = generateSigningKeyPair();
    const hmac = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const header = standardSignature([pair.privateKey, hmac], 'msg_1', 1_700_000_000, '{"a":"é"}');
    const [ed, mac] = header.split(' ');
    expect(ed).toMatch(/^v1a,/);
    expect(mac).toMatch(/^v1,/);
    const message = new TextEncoder().encode('msg_1.1700000000.{"a":"é"}');
    const publicKey = Buffer.from(pair.publicKey.slice(5), 'base64');
    expect(await verifyAsync(Buffer.from(ed.slice(4), 'base64'), message, publicKey)).toBe(true);
    expect(await verifyAsync(Buffer.from(ed.slice(4), 'base64'), new TextEncoder().encode('msg_1.1700000001.{"a":"é"}'), publicKey)).toBe(false);
    expect(signingKeyIds([pair.privateKey, hmac])).toBe(keyIdOf(pair.publicKey));
    expect(signingKeyIds([hmac])).toBeNull();
  });

  it('tells a whsk_ key from an HMAC secret, and refuses HMAC secrets of that form', () => {
    const { privateKey } = generateSigningKeyPair();
    expect(isPrivateSigningKey(privateKey)).toBe(true);
    expect(isPrivateSigningKey('whsk_short')).toBe(false);
    expect(isPrivateSigningKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe(false);
    expect(() => validateSecret(privateKey)).toThrow(/Ed25519 private key/);
    expect(() => validateSecret(privateKey, 'secret', 'woocommerce')).toThrow(/Ed25519 private key/);
    expect(validateSecret('whsk_but-not-a-key')).toBe('whsk_but-not-a-key');
  });
});
