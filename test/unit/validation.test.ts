import { describe, expect, it } from 'vitest';
import {
  MAX_JSON_DEPTH, MAX_URL_LENGTH, parseInstant, requireObject, validateHeaders, validateJsonDepth, validateSecret, validateText, validateUrl,
} from '../../src/core/validation.ts';
import { invalidField } from './support.ts';
import { EgressPolicy } from '../../src/core/addresses.ts';

const GUARDED = new EgressPolicy(false);
const OPEN = new EgressPolicy(true);

const nest = (levels: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
};

describe('validateUrl', () => {
  it('accepts absolute http(s) URLs and returns them as given', () => {
    for (const url of ['https://example.com/hook?x=1', 'http://example.com', 'HTTPS://Example.COM/Path', 'https://example.com:8443/a#frag', 'http://93.184.216.34/']) {
      expect(validateUrl(url, GUARDED)).toBe(url);
    }
  });

  it('refuses other schemes, relative and malformed URLs', () => {
    for (const url of ['ftp://example.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/plain,hi', 'mailto:a@example.com', 'ws://example.com/', '/hook', 'example.com/hook', 'not a url', '', 'http://']) {
      expect(invalidField(() => validateUrl(url, OPEN)), url).toBe('url');
    }
  });

  it('refuses credentials in the URL', () => {
    for (const url of ['http://user:pass@example.com/', 'https://user@example.com/', 'https://:secret@example.com/']) {
      expect(() => validateUrl(url, OPEN), url).toThrow(/credentials/);
    }
  });

  it('allows at most 2048 characters', () => {
    const at = (length: number) => `https://example.com/${'a'.repeat(length - 'https://example.com/'.length)}`;
    expect(MAX_URL_LENGTH).toBe(2048);
    expect(validateUrl(at(2048), GUARDED)).toHaveLength(2048);
    expect(() => validateUrl(at(2049), GUARDED)).toThrow(/2048/);
  });

  it('refuses local and private hosts unless private networks are allowed', () => {
    for (const url of ['http://127.0.0.1/', 'http://localhost:8080/', 'http://localhost./', 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/', 'http://127.1/', 'http://0x7f000001/', 'http://metadata.google.internal/']) {
      expect(invalidField(() => validateUrl(url, GUARDED)), url).toBe('url');
      expect(validateUrl(url, OPEN), url).toBe(url);
    }
  });

  it('says why in plain words', () => {
    expect(() => validateUrl('http://0.0.0.0/', GUARDED)).toThrow('points at 0.0.0.0, which hookd refuses: an unspecified address; set HOOKD_ALLOW_PRIVATE_NETWORKS=true, or list it in HOOKD_EGRESS_ALLOW, to allow it');
    expect(() => validateUrl('http://169.254.169.254/', GUARDED)).toThrow('a link-local address');
    expect(() => validateUrl('http://localhost/', GUARDED)).toThrow('a name that always means this machine');
  });

  it('names the field it is given', () => {
    expect(invalidField(() => validateUrl('ftp://x', GUARDED, 'delivery_url'))).toBe('delivery_url');
  });

  it('refuses IPv4 hosts written inside IPv6 addresses, in every form', () => {
    for (const host of ['::127.0.0.1', '::7f00:1', '::ffff:127.0.0.1', '::ffff:0:127.0.0.1', '64:ff9b::127.0.0.1', '64:ff9b:1::a9fe:a9fe', '2002:7f00:1::1', '2002:a00:1::', '::8.8.8.8']) {
      expect(invalidField(() => validateUrl(`http://[${host}]:8080/`, GUARDED)), host).toBe('url');
    }
    // NAT64 of a public IPv4 host is how an IPv6-only network reaches it.
    expect(validateUrl('http://[64:ff9b::93.184.216.34]/', GUARDED)).toBe('http://[64:ff9b::93.184.216.34]/');
  });

  it('follows the operator\'s deny and allow lists', () => {
    const policy = new EgressPolicy(false, '100.100.100.200/32, 93.184.216.0/24', '10.20.0.0/16,127.0.0.1');
    expect(() => validateUrl('http://93.184.216.34/', policy)).toThrow(/HOOKD_EGRESS_DENY/);
    expect(() => validateUrl('http://[::ffff:93.184.216.34]/', policy)).toThrow(/HOOKD_EGRESS_DENY/);
    expect(validateUrl('http://10.20.3.4/', policy)).toBe('http://10.20.3.4/');
    expect(validateUrl('http://127.0.0.1:9000/', policy)).toBe('http://127.0.0.1:9000/');
    expect(() => validateUrl('http://10.21.0.1/', policy)).toThrow(/private/);
    const open = new EgressPolicy(true, '127.0.0.0/8');
    expect(() => validateUrl('http://127.0.0.1/', open)).toThrow(/HOOKD_EGRESS_DENY/);
    expect(validateUrl('http://10.0.0.1/', open)).toBe('http://10.0.0.1/');
    expect(() => new EgressPolicy(false, '10.0.0.0/33')).toThrow(/CIDR/);
    expect(() => new EgressPolicy(false, 'example.com')).toThrow(/CIDR/);
  });
});

describe('validateHeaders', () => {
  it('returns the headers as given', () => {
    const headers = { 'X-Tenant': 'acme', Authorization: 'Bearer t', 'x-empty': '' };
    expect(validateHeaders(headers)).toEqual(headers);
    expect(validateHeaders({})).toEqual({});
  });

  it("keeps extra headers from replacing hookd's own, whatever their case", () => {
    for (const name of ['webhook-signature', 'Webhook-Id', 'WEBHOOK-TIMESTAMP', 'Content-Type', 'content-length', 'Host', 'User-Agent', 'Transfer-Encoding', 'Connection', 'X-WC-Webhook-Signature', 'x-wc-webhook-topic']) {
      expect(invalidField(() => validateHeaders({ [name]: 'x' })), name).toBe(`headers.${name}`);
    }
    expect(() => validateHeaders({ 'Content-Type': 'text/plain' })).toThrow(/cannot be overridden/);
  });

  it('refuses a header given twice in different cases', () => {
    expect(invalidField(() => validateHeaders({ 'X-A': 'a', 'x-a': 'b' }))).toBe('headers.x-a');
  });

  it('refuses values that would break the request: line breaks, NUL, more than 4096 characters, not text', () => {
    for (const value of ['a\r\nInjected: 1', 'a\nb', 'a\rb', 'a\0b', 'x'.repeat(4097)]) {
      expect(invalidField(() => validateHeaders({ 'X-Evil': value })), JSON.stringify(value.slice(0, 20))).toBe('headers.X-Evil');
    }
    expect(validateHeaders({ 'X-Long': 'x'.repeat(4096) })['X-Long']).toHaveLength(4096);
    expect(invalidField(() => validateHeaders({ 'X-Number': 5 }))).toBe('headers.X-Number');
  });

  it('refuses names that are not HTTP tokens', () => {
    for (const name of ['Bad Name', 'X:Colon', 'X-Ünï', '', 'x'.repeat(101), 'X\r\nY']) {
      expect(invalidField(() => validateHeaders({ [name]: 'v' })), JSON.stringify(name)).toBe(`headers.${name}`);
    }
    expect(validateHeaders({ ['x'.repeat(100)]: 'v' })).toEqual({ ['x'.repeat(100)]: 'v' });
  });

  it('takes at most 50 headers', () => {
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`X-H${i}`, 'v']));
    expect(Object.keys(validateHeaders(many(50)))).toHaveLength(50);
    expect(invalidField(() => validateHeaders(many(51)))).toBe('headers');
  });

  it('says why in plain words', () => {
    expect(() => validateUrl('http://0.0.0.0/', GUARDED)).toThrow('points at 0.0.0.0, which hookd refuses: an unspecified address; set HOOKD_ALLOW_PRIVATE_NETWORKS=true, or list it in HOOKD_EGRESS_ALLOW, to allow it');
    expect(() => validateUrl('http://169.254.169.254/', GUARDED)).toThrow('a link-local address');
    expect(() => validateUrl('http://localhost/', GUARDED)).toThrow('a name that always means this machine');
  });

  it('names the field it is given', () => {
    expect(invalidField(() => validateHeaders({ Host: 'x' }, 'extra'))).toBe('extra.Host');
  });
});

describe('validateSecret', () => {
  it('accepts 8 to 256 characters without white space', () => {
    for (const secret of ['QWZTFnMEXhqZKNmu', '12345678', 'x'.repeat(256)]) expect(validateSecret(secret)).toBe(secret);
    for (const secret of ['1234567', 'x'.repeat(257), 'has white space', 'tab\there!', 'newline\nhere']) {
      expect(invalidField(() => validateSecret(secret)), secret.slice(0, 20)).toBe('secret');
    }
  });

  it('requires a whsec_ secret to carry 16 to 64 bytes of base64', () => {
    for (const bytes of [16, 32, 64]) {
      const secret = `whsec_${Buffer.alloc(bytes, 1).toString('base64')}`;
      expect(validateSecret(secret), `${bytes} bytes`).toBe(secret);
    }
    for (const secret of [`whsec_${Buffer.alloc(15, 1).toString('base64')}`, `whsec_${Buffer.alloc(65, 1).toString('base64')}`, 'whsec_***not-base64***', 'whsec_AAAA', `whsec_${Buffer.alloc(32, 1).toString('base64url')}-_`]) {
      expect(() => validateSecret(secret), secret).toThrow(/16 to 64 bytes/);
    }
  });

  it('says why in plain words', () => {
    expect(() => validateUrl('http://0.0.0.0/', GUARDED)).toThrow('points at 0.0.0.0, which hookd refuses: an unspecified address; set HOOKD_ALLOW_PRIVATE_NETWORKS=true, or list it in HOOKD_EGRESS_ALLOW, to allow it');
    expect(() => validateUrl('http://169.254.169.254/', GUARDED)).toThrow('a link-local address');
    expect(() => validateUrl('http://localhost/', GUARDED)).toThrow('a name that always means this machine');
  });

  it('names the field it is given', () => {
    expect(invalidField(() => validateSecret('short', 'signing_secret'))).toBe('signing_secret');
  });
});

describe('validateText', () => {
  it('trims, requires text when asked, and caps the length', () => {
    expect(validateText('  hello  ', 'name', 10)).toBe('hello');
    expect(validateText('   ', 'description', 10, false)).toBe('');
    expect(validateText('x'.repeat(10), 'name', 10)).toHaveLength(10);
    expect(invalidField(() => validateText('   ', 'name', 10))).toBe('name');
    expect(invalidField(() => validateText('', 'name', 10))).toBe('name');
    expect(invalidField(() => validateText('x'.repeat(11), 'title', 10))).toBe('title');
    expect(validateText(`  ${'x'.repeat(10)}  `, 'name', 10)).toHaveLength(10);
  });
});

describe('requireObject', () => {
  it('accepts JSON objects only', () => {
    const value = { a: 1 };
    expect(requireObject(value, 'data')).toBe(value);
    expect(requireObject({}, 'data')).toEqual({});
    for (const bad of [null, undefined, [], [1], 'text', 5, true]) {
      expect(invalidField(() => requireObject(bad, 'data')), JSON.stringify(bad)).toBe('data');
    }
  });
});

describe('validateJsonDepth', () => {
  it(`accepts nesting up to ${MAX_JSON_DEPTH} levels, objects and arrays alike`, () => {
    expect(() => validateJsonDepth(nest(MAX_JSON_DEPTH), 'data')).not.toThrow();
    expect(() => validateJsonDepth({ wide: Array.from({ length: 10_000 }, (_, i) => ({ i })) }, 'data')).not.toThrow();
    for (const scalar of [null, 1, 'x', true]) expect(() => validateJsonDepth(scalar, 'data')).not.toThrow();
  });

  it('refuses one level more, naming the field', () => {
    expect(invalidField(() => validateJsonDepth(nest(MAX_JSON_DEPTH + 1), 'data'))).toBe('data');
    expect(invalidField(() => validateJsonDepth({ fine: 1, deep: nest(MAX_JSON_DEPTH) }, 'example'))).toBe('example');
    expect(invalidField(() => validateJsonDepth(nest(3), 'data', 2))).toBe('data');
  });

  it('copes with nesting far deeper than the stack (refuses it, does not overflow)', () => {
    const deep = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000));
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(invalidField(() => validateJsonDepth(deep, 'data'))).toBe('data');
  });
});

describe('parseInstant', () => {
  it('reads RFC 3339 date-times, a leap second as the next minute', () => {
    expect(parseInstant('2024-05-01T12:00:00Z', 'at')).toBe(Date.UTC(2024, 4, 1, 12));
    expect(parseInstant('2024-05-01T14:00:00.250+02:00', 'at')).toBe(Date.UTC(2024, 4, 1, 12, 0, 0, 250));
    expect(parseInstant('2016-12-31T23:59:60Z', 'at')).toBe(Date.UTC(2017, 0, 1));
    expect(parseInstant('2016-12-31T23:59:60.5Z', 'at')).toBe(Date.UTC(2017, 0, 1));
  });

  it('refuses what is not a real calendar time, naming the field', () => {
    for (const text of ['2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T10:60:00Z',
      '2024-01-01T10:00:61Z', '2024-01-01', '2024-01-01T10:00:00', '2024-01-01T10:00:00+24:00', 'yesterday', '']) {
      expect(invalidField(() => parseInstant(text, 'since')), text).toBe('since');
    }
  });
});
