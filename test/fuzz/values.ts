/**
 * Hostile values, and a JSON writer that can say what JSON.stringify cannot: numbers such as 1e400 or -0
 * written as they are, duplicate keys, `__proto__` as a plain key, and nesting thousands deep.
 */
import type { Rng } from './prng.ts';

/** JSON text written verbatim (numbers JSON.stringify would change, nesting built as text, broken JSON). */
export class Raw {
  constructor(readonly text: string) {}
}

/** An object given as its entries, so keys may repeat or be `__proto__`. */
export class Entries {
  constructor(readonly entries: Array<[string, unknown]>) {}
}

/** Writes a value as JSON, honouring Raw and Entries. Non-JSON leaves (undefined, functions) become null. */
export function toJson(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (value instanceof Entries) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${toJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** An object whose own enumerable keys include prototype names (set with defineProperty, so `__proto__` stays a key). */
export function objectWith(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

export const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf', 'toLocaleString', 'propertyIsEnumerable', '__defineGetter__', 'then'];

/** Numbers as JSON text: past 2^53, past double range, negative zero, tiny, huge integers. */
export const ODD_NUMBERS_JSON = [
  '9007199254740993', '9007199254740992', '-9007199254740993', '1e400', '-1e400', '-0', '0', '-1', '1e-400', '0.1', '1.5',
  '99999999999999999999', '2147483648', '4294967296', '-2147483649', '1E+2', '1e21', '123456789012345678901234567890', '0.0000000000000000001',
];

/** Number-like text (query strings, ids, string fields). */
export const NUMBERISH_STRINGS = [
  'NaN', 'Infinity', '-Infinity', '1e400', '0x1F', '0b11', '1_000', ' 1', '1 ', '+1', '-0', '00001', '1.0', '1e3', '9007199254740993',
  '99999999999999999999', '١٢٣', '１２３', '', '0', '-1', '2.5', 'null', 'undefined', 'true', '[]', '{}',
];

export const UNICODE_STRINGS = [
  'é', 'Ünïcödé', '日本語のテキスト', 'Ελληνικά', 'עברית', '😀🎉', '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', '\u202Eevil\u202C', '\u200B', '\uFEFF',
  '\u0000', '\u0001\u001f\u007f', 'line\nbreak', 'cr\rlf\r\n', 'tab\there', '\u2028\u2029', 'a\u0301\u0301\u0301', '\uD800', '\uDFFF', '\uFFFF', '\uFFFE',
  '\\', '"', "'", '`', '${7*7}', '{{7*7}}', '<script>alert(1)</script>', "' OR 1=1 --", '%00', '%s%n%x', '../../../../etc/passwd', '..\\..\\',
  '\u00ff\u00fe', 'ÿ', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'null', 'undefined', 'true', '[object Object]',
];

/** Header values beyond Latin-1, with controls, or long: sent over the raw socket when the client would refuse. */
export const ODD_HEADER_VALUES = [
  'é', '日本', '😀', '\u00ff', 'a\u0000b', 'a\tb', ' leading', 'trailing ', '\u007f', 'x'.repeat(8000), '', '=?utf-8?b?w6k=?=', 'a, b', 'a;b=c',
];

export const BAD_DATES = [
  '2024-01-01T23:59:60Z', '2016-12-31T23:59:60Z', '2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '0000-00-00T00:00:00Z', '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z', '+275760-09-13T00:00:00.001Z', '-000001-01-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-13-01T00:00:00Z',
  '2024-01-01', '1970-01-01T00:00:00Z', '1969-12-31T23:59:59.999Z', 'yesterday', '2024-01-01T00:00:00+25:00', '2024-01-01T00:00:00.123456789Z',
  '2024-01-01T00:00:00z', '2024-01-01t00:00:00Z', '2024-01-01 00:00:00Z', '1e400', '', ' ', '2024-01-01T00:00:00', '2024-W01-1', '20240101T000000Z',
  '2024-01-01T23:59:60+01:00', '2024-06-30T23:59:60Z', '2024-01-01T00:00:00-00:00', '9999999-01-01T00:00:00Z',
];

export const METHODS_COMMON = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
export const METHODS_ODD = ['HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'SEARCH', 'PURGE', 'MKCOL', 'LINK', 'UNLINK', 'LOCK', 'REPORT', 'QUERY'];
/** Methods the HTTP client will not send (or Node may not parse): the raw socket sends them. */
export const METHODS_RAW = ['CONNECT', 'FOO', 'get', 'G ET', 'GET\u00e9', 'BREW', 'M-SEARCH', 'SOURCE'];

export const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset=UTF-8', 'application/json; charset=latin1',
  'application/json; charset=utf-16', 'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
  'application/xml', 'text/html', '*/*', 'application/json, text/plain', 'application/vnd.api+json', 'application/jsonx', 'application/json-rpc',
  'application/octet-stream', 'json', 'application/', ';', 'application/json; boundary=--', 'application/json;;;', 'constructor', '__proto__',
];

/** String lengths worth trying: schema limits and their neighbours, and near the 1 MiB body limit. */
export const LENGTHS = [0, 1, 7, 8, 99, 100, 101, 199, 200, 201, 255, 256, 257, 1999, 2000, 2001, 2047, 2048, 2049, 4096, 4097, 65537];
export const HUGE_LENGTHS = [300_000, 700_000, 1_000_000, 1_048_000, 1_048_576, 1_100_000];

export function longString(rng: Rng, length: number): string {
  const unit = rng.pick(['a', 'é', '日', '😀', 'ab ', '\u0000', '\\"', '%']);
  // Length counts UTF-16 units; the byte size may be larger (that is part of the test).
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** JSON nested `depth` deep: arrays, objects, or both alternating, with a leaf at the bottom. */
export function deepJson(rng: Rng, depth: number, leaf = '1'): Raw {
  const kind = rng.pick(['array', 'object', 'mixed']);
  if (kind === 'array') return new Raw('['.repeat(depth) + leaf + ']'.repeat(depth));
  if (kind === 'object') return new Raw('{"a":'.repeat(depth) + leaf + '}'.repeat(depth));
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    if (i % 2 === 0) { open += '{"k":'; close = '}' + close; } else { open += '['; close = ']' + close; }
  }
  return new Raw(open + leaf + close);
}

export const DEPTHS = [50, 99, 100, 101, 1000, 5000, 20_000, 100_000];

/** A hostile value of any JSON type. */
export function hostileValue(rng: Rng, depthBudget = 2): unknown {
  switch (rng.int(13)) {
    case 0: return new Raw(rng.pick(ODD_NUMBERS_JSON));
    case 1: return rng.pick(NUMBERISH_STRINGS);
    case 2: return rng.pick(UNICODE_STRINGS);
    case 3: return rng.pick(PROTO_NAMES);
    case 4: return longString(rng, rng.pick(LENGTHS));
    case 5: return rng.pick([true, false, null]);
    case 6: return depthBudget > 0 ? [hostileValue(rng, depthBudget - 1)] : [];
    case 7: return depthBudget > 0 ? objectWith([[rng.pick(PROTO_NAMES), hostileValue(rng, depthBudget - 1)]]) : {};
    case 8: return deepJson(rng, rng.pick(DEPTHS));
    case 9: return rng.pick(BAD_DATES);
    case 10: return {};
    case 11: return [];
    default: return rng.pick([0, -1, 1, 1.5, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER]);
  }
}

/** Broken or surprising JSON bodies as text. */
export function brokenJsonText(rng: Rng, valid: string): string {
  switch (rng.int(16)) {
    case 0: return valid.slice(0, Math.max(0, rng.int(valid.length)));
    case 1: return valid + rng.pick(['}', ']', ',', 'x', ' garbage', '\u0000', '{}']);
    case 2: return '';
    case 3: return rng.pick(['null', 'true', '0', '"text"', '[]', '[null]', '1e400', '-0', '{}', '""', '[[]]']);
    case 4: return `\uFEFF${valid}`;
    case 5: return valid.replace(/"/g, "'");
    case 6: return valid.replace(/}$/, ',}');
    case 7: return `/* comment */ ${valid}`;
    case 8: return rng.pick(['NaN', 'Infinity', 'undefined', '{a:1}', '{"a":NaN}', '{"a":0x10}', '{"a":.5}', '{"a":01}', '{"a":1.}', '{"a":+1}']);
    case 9: return ' '.repeat(rng.pick([1, 1000, 100_000])) + valid;
    case 10: return valid + '\n' + valid;
    case 11: return '{"__proto__":{"polluted":1},' + valid.slice(1);
    case 12: return '{"constructor":{"prototype":{"polluted":1}},' + valid.slice(1);
    case 13: return valid.replace(/:/, ':"\\ud800",').replace(/,,/, ',');
    case 14: return '"\\u0000' + 'x'.repeat(rng.int(100)) + '"';
    default: return valid.replace(/"(\w+)":/, '"$1":1,"$1":');
  }
}

export const ODD_IDS = [
  '0', '-1', '1.5', '1e3', '00001', '9007199254740993', '99999999999999999999', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf',
  'null', 'undefined', 'NaN', '%20', '%00', '%2F', '%2e%2e', '..', '.', '~', 'é', '日本', '😀', '%F0%9F%98%80', '%C3%A9', '%FF', '%', '%ZZ',
  'a'.repeat(99), 'a'.repeat(100), 'a'.repeat(101), 'a'.repeat(5000), '1;DROP TABLE webhooks', "1' OR '1'='1", '*', '$', '{}', '[]',
  '01a2348d-c677-74f7-897f-8f12639a22d7', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', ' ', '%20%20', '+',
];

export const BAD_CURSORS = [
  '', 'x', '=', '====', '%', 'YzE', 'Yw', 'YzA', 'Yy0x', 'YzE1', 'YzEyMzQ1Njc4OTAxMjM0NQ', 'YzEyMzQ1Njc4OTAxMjM0NTY', 'YzkwMDcxOTkyNTQ3NDA5OTM',
  'Yzk5OTk5OTk5OTk5OTk5OQ', 'YzFc', 'YzEK', 'constructor', '__proto__', 'a'.repeat(200), 'a'.repeat(201), 'a'.repeat(5000), '日本', '😀',
  '..', 'null', '-1', 'c1', 'Yzxzcj4', '%00', 'YzE=', 'YzE%3D',
];

/** URLs a webhook may point at: always this machine (loopback), or not a usable http URL at all. */
export function webhookUrl(rng: Rng, sink: string, refused: string): string {
  return rng.weighted<() => string>([
    [10, () => sink],
    [4, () => refused],
    [1, () => `${sink}?q=${enc(rng.pick(UNICODE_STRINGS))}`],
    [1, () => `${sink}/${'a'.repeat(rng.pick([10, 1990, 2100]))}`],
    [1, () => rng.pick([
      'http://127.0.0.1:1/x', 'http://[::1]:1/', 'http://0x7f.1:1/', 'http://2130706433:1/', 'http://127.1:1/', 'http://[::ffff:127.0.0.1]:1/',
      'http://localhost:1/', 'http://127.0.0.1:0/', 'http://127.0.0.1:65536/', 'http://127.0.0.1:99999/', 'http://u:p@127.0.0.1:1/', 'http://@127.0.0.1:1/',
      'ftp://127.0.0.1/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,hi', 'http://', 'http:///x', '//127.0.0.1/', '127.0.0.1',
      'HTTP://127.0.0.1:1/', 'http:\\\\127.0.0.1:1\\', 'http://127.0.0.1:1/#frag', ' http://127.0.0.1:1/', 'http://127.0.0.1:1/\n', 'http://127.0.0.1:1/%00',
      'http://127.0.0.1:1/\u00e9', 'gopher://127.0.0.1:1/', 'ws://127.0.0.1:1/', '', 'constructor', 'http://[::1', 'http://127.0.0.1:1/' + 'x'.repeat(2048),
    ])],
  ])();
}

/** encodeURIComponent that also takes lone surrogates (each written as the WTF-8 bytes of U+D800, which no decoder accepts). */
export function enc(text: string): string {
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  return text.split(lone).map((part) => encodeURIComponent(part)).join('%ED%A0%80');
}
