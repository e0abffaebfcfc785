/** Which header values are sensitive, how they are masked, sealed and kept through an update. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/core/crypto.ts';
import { MASKED, isSensitiveHeader, maskHeaders, openHeaders, sealHeaders, sealUpdate, shownHeaders } from '../../src/core/webhook-headers.ts';

describe('webhook headers', () => {
  const box = new SecretBox(randomBytes(32));

  it('treats credentials and signatures as sensitive, whatever their case', () => {
    for (const name of ['Authorization', 'proxy-authorization', 'Cookie', 'Set-Cookie', 'X-Api-Key', 'X-Auth-Token', 'X-Client-Secret', 'X-Password',
      'webhook-signature', 'X-WC-Webhook-Signature', 'X-Plugin-Hmac-Sha256']) {
      expect(isSensitiveHeader(name), name).toBe(true);
    }
    for (const name of ['Content-Type', 'X-Shop', 'webhook-id', 'User-Agent', 'X-WC-Webhook-Topic']) expect(isSensitiveHeader(name), name).toBe(false);
    expect(maskHeaders({ Authorization: 'Bearer x', 'X-Shop': 'acme' })).toEqual({ Authorization: MASKED, 'X-Shop': 'acme' });
  });

  it('seals every value, opens them again, and shows the sensitive ones masked', () => {
    const sealed = sealHeaders(box, { Authorization: 'Bearer x', 'X-Shop': 'acme' });
    expect(Object.keys(sealed)).toEqual(['Authorization', 'X-Shop']);
    expect(JSON.stringify(sealed)).not.toContain('acme');
    expect(openHeaders(sealed, (text) => box.decrypt(text))).toEqual({ Authorization: 'Bearer x', 'X-Shop': 'acme' });
    expect(shownHeaders(sealed, box)).toEqual({ Authorization: MASKED, 'X-Shop': 'acme' });
    // A value stored in clear before sealing existed reads as itself.
    expect(openHeaders({ 'X-Old': 'plain', 'X-Odd': 'v1.not.a.ciphertext' }, (text) => box.decrypt(text))).toEqual({ 'X-Old': 'plain', 'X-Odd': 'v1.not.a.ciphertext' });
  });

  it('keeps a stored sensitive value sent back masked, by name in any case, and replaces the rest', () => {
    const current = sealHeaders(box, { Authorization: 'Bearer old', 'X-Shop': 'acme' });
    const next = sealUpdate(box, { authorization: MASKED, 'X-Shop': MASKED, 'X-New': 'n' }, current);
    expect(next.authorization).toBe(current.Authorization);
    expect(box.decrypt(next['X-Shop'])).toBe(MASKED);
    expect(box.decrypt(next['X-New'])).toBe('n');
  });
});
