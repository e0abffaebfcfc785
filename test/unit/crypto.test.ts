import { describe, expect, it } from 'vitest';
import { SecretBox, generateWebhookSecret, randomToken, safeEqual, sha256Hex } from '../../src/core/crypto.ts';

const KEY = Buffer.alloc(32, 7);

/** Changes one byte of one dot-separated base64url part of a sealed value. */
function flipByte(sealed: string, part: number, index = 0): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[index] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SecretBox', () => {
  const box = new SecretBox(KEY);

  it('round-trips any text, and the sealed form does not contain it', () => {
    for (const plain of ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'QWZTFnMEXhqZKNmu', '', 'ünïcødé ✓ 🔑', 'x'.repeat(10_000)]) {
      const sealed = box.encrypt(plain);
      if (plain.length > 0) expect(sealed).not.toContain(plain);
      expect(box.decrypt(sealed)).toBe(plain);
      // Another box with the same key opens it too (the key is all that is needed).
      expect(new SecretBox(Buffer.from(KEY)).decrypt(sealed)).toBe(plain);
    }
  });

  it('seals as v1.<iv>.<tag>.<ciphertext>, with a fresh 12-byte IV each time', () => {
    const sealed = box.encrypt('same');
    const [version, iv, tag, body] = sealed.split('.');
    expect(version).toBe('v1');
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(body, 'base64url')).toHaveLength(4);
    const again = box.encrypt('same');
    expect(again).not.toBe(sealed);
    expect(again.split('.')[1]).not.toBe(iv);
  });

  it('detects tampering with the IV, the tag or the ciphertext, and a wrong key', () => {
    const sealed = box.encrypt('whsec_secret');
    for (const part of [1, 2, 3]) {
      expect(() => box.decrypt(flipByte(sealed, part)), `part ${part}`).toThrow();
      expect(() => box.decrypt(flipByte(sealed, part, Buffer.from(sealed.split('.')[part], 'base64url').length - 1)), `part ${part}, last byte`).toThrow();
    }
    const parts = sealed.split('.');
    expect(() => box.decrypt([...parts.slice(0, 3), Buffer.from('tampered').toString('base64url')].join('.'))).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 8)).decrypt(sealed)).toThrow();
  });

  it('refuses a truncated tag (GCM would otherwise check only the bytes given)', () => {
    const sealed = box.encrypt('whsec_secret');
    const [version, iv, tag, body] = sealed.split('.');
    for (const length of [4, 8, 12, 15]) {
      const short = Buffer.from(tag, 'base64url').subarray(0, length).toString('base64url');
      expect(() => box.decrypt([version, iv, short, body].join('.')), `${length}-byte tag`).toThrow();
    }
  });

  it('refuses what it did not seal', () => {
    const sealed = box.encrypt('x');
    const [, iv, tag, body] = sealed.split('.');
    for (const bad of ['', 'plain text', 'v1', 'v1.a.b', `v2.${iv}.${tag}.${body}`, `${iv}.${tag}.${body}`]) {
      expect(() => box.decrypt(bad), bad).toThrow();
    }
    expect(() => box.decrypt('v1.a.b')).toThrow(/unreadable/);
  });

  it('takes only 32-byte keys', () => {
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
    expect(() => new SecretBox(Buffer.alloc(33))).toThrow(/32 bytes/);
  });
});

describe('SecretBox.parseKey', () => {
  const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 1));

  it('reads 64 hex characters, either case', () => {
    expect(SecretBox.parseKey(key.toString('hex'))).toEqual(key);
    expect(SecretBox.parseKey(key.toString('hex').toUpperCase())).toEqual(key);
  });

  it('reads 44 base64 characters (and unpadded or url-safe base64)', () => {
    const base64 = key.toString('base64');
    expect(base64).toHaveLength(44);
    expect(SecretBox.parseKey(base64)).toEqual(key);
    expect(SecretBox.parseKey(base64.replace(/=+$/, ''))).toEqual(key);
    expect(SecretBox.parseKey(key.toString('base64url'))).toEqual(key);
  });

  it('ignores surrounding white space, as in a key file with a newline', () => {
    expect(SecretBox.parseKey(`  ${key.toString('hex')}\n`)).toEqual(key);
    expect(SecretBox.parseKey(`${key.toString('base64')}\n`)).toEqual(key);
  });

  it('refuses anything that is not 32 bytes', () => {
    for (const bad of ['', 'too short', 'ab'.repeat(31), 'ab'.repeat(33), Buffer.alloc(31).toString('base64'), Buffer.alloc(33).toString('base64'), 'zz'.repeat(32)]) {
      expect(() => SecretBox.parseKey(bad), bad).toThrow(/32 bytes/);
    }
  });

  it('gives a key that works in a box', () => {
    const parsed = SecretBox.parseKey(key.toString('hex'));
    expect(new SecretBox(SecretBox.parseKey(key.toString('base64'))).decrypt(new SecretBox(parsed).encrypt('both ways'))).toBe('both ways');
  });
});

describe('tokens and hashes', () => {
  it('generates Standard Webhooks secrets of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('generates prefixed random tokens', () => {
    const token = randomToken('hk_', 30);
    expect(token).toMatch(/^hk_[A-Za-z0-9_-]{40}$/);
    expect(randomToken('hk_', 30)).not.toBe(token);
  });

  it('hashes with SHA-256 and compares in constant time', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });
});
