/** Mutations every face shares: JSON structure, bodies, query strings, paths, headers and methods. */
import type { Rng } from './prng.ts';
import type { FuzzRequest } from './request.ts';
import {
  BAD_DATES, CONTENT_TYPES, DEPTHS, Entries, HUGE_LENGTHS, LENGTHS, METHODS_COMMON, METHODS_ODD, METHODS_RAW, NUMBERISH_STRINGS, ODD_HEADER_VALUES,
  ODD_NUMBERS_JSON, PROTO_NAMES, Raw, UNICODE_STRINGS, brokenJsonText, deepJson, enc, hostileValue, longString, objectWith, toJson,
} from './values.ts';

/** A Latin-1-safe header value the HTTP client will send as is. */
export const isLatin1Printable = (value: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value);

type Json = unknown;

/** Paths to every object/array node of a value (bounded), for picking where to mutate. */
function containers(value: Json, limit = 60): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const queue: Array<[Json, Array<string | number>]> = [[value, []]];
  while (queue.length > 0 && out.length < limit) {
    const [node, path] = queue.shift() as [Json, Array<string | number>];
    if (node === null || typeof node !== 'object' || node instanceof Raw || node instanceof Entries) continue;
    out.push(path);
    if (Array.isArray(node)) node.forEach((child, i) => queue.push([child, [...path, i]]));
    else for (const key of Object.keys(node)) queue.push([(node as Record<string, Json>)[key], [...path, key]]);
  }
  return out;
}

function at(value: Json, path: Array<string | number>): Json {
  let node = value;
  for (const step of path) node = (node as Record<string | number, Json>)[step];
  return node;
}

/** A structural copy (Raw and Entries kept as they are). */
export function clone(value: Json): Json {
  if (value === null || typeof value !== 'object' || value instanceof Raw || value instanceof Entries) return value;
  if (Array.isArray(value)) return value.map(clone);
  return objectWith(Object.keys(value).map((key) => [key, clone((value as Record<string, Json>)[key])]));
}

/**
 * One mutation somewhere in a JSON value: a field dropped, added (prototype names, unknown, unicode),
 * retyped, made huge or deep, duplicated. Returns the new value and what was done.
 */
export function mutateJson(rng: Rng, value: Json): { value: Json; note: string } {
  const copy = clone(value);
  const nodes = containers(copy);
  if (nodes.length === 0 || rng.chance(0.05)) {
    const replacement = hostileValue(rng);
    return { value: replacement, note: `whole body replaced by ${describeValue(replacement)}` };
  }
  const path = rng.pick(nodes);
  const node = at(copy, path) as Record<string, Json> | Json[];
  const where = path.length === 0 ? 'the body' : path.join('.');
  if (Array.isArray(node)) {
    switch (rng.int(6)) {
      case 0: node.length = 0; return { value: copy, note: `${where} emptied` };
      case 1: { const v = hostileValue(rng); node.push(v); return { value: copy, note: `${where} gets an element ${describeValue(v)}` }; }
      case 2: {
        const item = node[0] ?? 'x';
        // Repeating a large element (itself repeated by an earlier mutation) would build a body of gigabytes
        // and stall the fuzzer itself: fewer copies of big elements, a body of a few MB at most.
        const n = Math.min(rng.pick([201, 1000, 10_000]), Math.max(201, Math.floor(4_000_000 / Math.max(1, toJson(item).length))));
        for (let i = node.length; i < n; i++) node.push(item);
        return { value: copy, note: `${where} repeated to ${n} elements` };
      }
      case 3: if (node.length > 0) { const i = rng.int(node.length); const v = hostileValue(rng); node[i] = v; return { value: copy, note: `${where}[${i}] = ${describeValue(v)}` }; } break;
      case 4: { const n = rng.pick(DEPTHS); node.push(deepJson(rng, n)); return { value: copy, note: `${where} gets an element nested ${n} deep` }; }
      default: break;
    }
    const v = hostileValue(rng);
    if (path.length === 0) return { value: v, note: `the body replaced by ${describeValue(v)}` };
    (at(copy, path.slice(0, -1)) as Record<string | number, Json>)[path[path.length - 1]] = v;
    return { value: copy, note: `${where} replaced by ${describeValue(v)}` };
  }
  const keys = Object.keys(node);
  switch (rng.int(9)) {
    case 0: if (keys.length > 0) { const k = rng.pick(keys); delete node[k]; return { value: copy, note: `${where}: "${k}" left out` }; } break;
    case 1: {
      const k = rng.pick([...PROTO_NAMES, 'unknownField', 'id', 'é', '', ' ', 'a'.repeat(300), 'webhook', 'data', 'null', '0']);
      const v = hostileValue(rng);
      Object.defineProperty(node, k, { value: v, enumerable: true, writable: true, configurable: true });
      return { value: copy, note: `${where} gets an extra key "${k.slice(0, 20)}" = ${describeValue(v)}` };
    }
    case 2: case 3: case 4: if (keys.length > 0) {
      const k = rng.pick(keys);
      const v = hostileValue(rng);
      node[k] = v;
      return { value: copy, note: `${where}.${k} = ${describeValue(v)}` };
    } break;
    case 5: if (keys.length > 0) {
      const k = rng.pick(keys);
      // Duplicate keys: JSON parsers keep the last one; validators may have seen the first.
      const entries: Array<[string, Json]> = keys.map((key) => [key, node[key]]);
      entries.push([k, hostileValue(rng)]);
      if (path.length === 0) return { value: new Entries(entries), note: `the body repeats key "${k}"` };
      (at(copy, path.slice(0, -1)) as Record<string | number, Json>)[path[path.length - 1]] = new Entries(entries);
      return { value: copy, note: `${where} repeats key "${k}"` };
    } break;
    case 6: {
      const entries: Array<[string, Json]> = keys.map((key) => [key, node[key]]);
      entries.push(['__proto__', rng.pick([{ polluted: true }, { isAdmin: true }, null, 'x', []])]);
      if (path.length === 0) return { value: new Entries(entries), note: 'the body carries a "__proto__" key' };
      (at(copy, path.slice(0, -1)) as Record<string | number, Json>)[path[path.length - 1]] = new Entries(entries);
      return { value: copy, note: `${where} carries a "__proto__" key` };
    }
    case 7: if (keys.length > 0) {
      const k = rng.pick(keys);
      const n = rng.pick([...LENGTHS, ...HUGE_LENGTHS.slice(0, 2)]);
      node[k] = longString(rng, n);
      return { value: copy, note: `${where}.${k} is a string of ${n} characters` };
    } break;
    default: break;
  }
  const v = hostileValue(rng);
  if (path.length === 0) return { value: v, note: `the body replaced by ${describeValue(v)}` };
  (at(copy, path.slice(0, -1)) as Record<string | number, Json>)[path[path.length - 1]] = v;
  return { value: copy, note: `${where} replaced by ${describeValue(v)}` };
}

export function describeValue(value: Json): string {
  if (value instanceof Raw) return value.text.length > 40 ? `${value.text.slice(0, 12)}… (${value.text.length} chars of JSON)` : value.text;
  const text = toJson(value);
  return text.length > 48 ? `${text.slice(0, 30)}… (${text.length} chars)` : text;
}

/** The body as text: usually the value's JSON, sometimes broken JSON, sometimes padded up to (and past) the 1 MiB limit. */
export function bodyText(rng: Rng, value: Json, notes: string[], brokenRate = 0.06): string {
  const valid = toJson(value);
  if (rng.chance(brokenRate)) {
    const broken = brokenJsonText(rng, valid);
    notes.push(`broken JSON: ${JSON.stringify(broken.slice(0, 40))}${broken.length > 40 ? '…' : ''}`);
    return broken;
  }
  if (rng.chance(0.01) && valid.startsWith('{') && valid.length > 2) {
    const size = rng.pick(HUGE_LENGTHS);
    notes.push(`padded to ${size} bytes with an extra field`);
    return `{"pad":"${'p'.repeat(Math.max(0, size - valid.length - 12))}",${valid.slice(1)}`;
  }
  return valid;
}

/** A query string from [name, value] pairs (repeated names allowed), values percent-encoded unless `raw`. */
export function queryString(pairs: Array<[string, string]>, raw = false): string {
  if (pairs.length === 0) return '';
  return '?' + pairs.map(([k, v]) => (raw ? `${k}=${v}` : `${enc(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${enc(v)}`)).join('&');
}

/** Query mutations: repeats (`a=1&a=2`), bracket arrays, prototype names, odd numbers and dates, unknown params. */
export function mutateQuery(rng: Rng, pairs: Array<[string, string]>, notes: string[]): Array<[string, string]> {
  const out = pairs.map((p) => [...p] as [string, string]);
  switch (rng.int(9)) {
    case 0: if (out.length > 0) { const [k, v] = rng.pick(out); out.push([k, rng.pick([v, '2', '', 'x'])]); notes.push(`query repeats "${k}"`); } break;
    case 1: if (out.length > 0) { const p = rng.pick(out); p[0] = `${p[0]}[]`; notes.push(`query "${p[0]}"`); } break;
    case 2: { const k = rng.pick([...PROTO_NAMES, '__proto__[x]', 'constructor[prototype][x]', 'a[b][c]']); out.push([k, '1']); notes.push(`query gets "${k}"`); break; }
    case 3: if (out.length > 0) { const p = rng.pick(out); p[1] = rng.pick(NUMBERISH_STRINGS); notes.push(`query ${p[0]}=${JSON.stringify(p[1])}`); } break;
    case 4: if (out.length > 0) { const p = rng.pick(out); p[1] = rng.pick([...ODD_NUMBERS_JSON, ...BAD_DATES]); notes.push(`query ${p[0]}=${p[1]}`); } break;
    case 5: if (out.length > 0) { const p = rng.pick(out); p[1] = rng.pick(UNICODE_STRINGS); notes.push(`query ${p[0]} is unicode/control text`); } break;
    case 6: { const n = rng.pick([1000, 8000, 60_000]); out.push(['x', 'y'.repeat(n)]); notes.push(`query of ${n} characters`); break; }
    case 7: { const n = rng.pick([100, 1000, 3000]); for (let i = 0; i < n; i++) out.push([`p${i}`, '1']); notes.push(`${n} query parameters`); break; }
    default: if (out.length > 0) { const p = rng.pick(out); p[1] = ''; notes.push(`query ${p[0]} empty`); } break;
  }
  return out;
}

/** A query string whose encoding itself is odd (bad percent escapes, bare `=`/`&`, raw unicode). */
export function oddQuerySuffix(rng: Rng, notes: string[]): string {
  const suffix = rng.pick(['%', '%ZZ', '%u0041', '=', '&&&', '==&=', 'a=%00', 'a=%C0%AF', 'a=%FF%FE', '日本=語', 'a=1;b=2', '#frag', '?', 'a[=1', 'a]=1', 'a=1&a[]=2&a[x]=3']);
  notes.push(`odd query "${suffix}"`);
  return suffix;
}

/** Path mutations: trailing or doubled slashes, case, encoded dots, long or odd segments. */
export function mutatePath(rng: Rng, path: string, notes: string[]): { path: string; raw: boolean } {
  const [pathname, query = ''] = path.split('?');
  const q = query ? `?${query}` : '';
  switch (rng.int(10)) {
    case 0: notes.push('trailing slash'); return { path: `${pathname}/${q}`, raw: false };
    case 1: notes.push('doubled slashes'); return { path: `${pathname.replace(/\//g, '//')}${q}`, raw: false };
    case 2: notes.push('upper-cased path'); return { path: `${pathname.toUpperCase()}${q}`, raw: false };
    case 3: notes.push('encoded dot segments'); return { path: `${pathname}/%2e%2e/%2E%2E${q}`, raw: false };
    case 4: { const n = rng.pick([101, 1000, 8000, 70_000]); notes.push(`an extra path segment of ${n} characters`); return { path: `${pathname}/${'s'.repeat(n)}${q}`, raw: false }; }
    case 5: notes.push('path ends with ;params'); return { path: `${pathname};jsessionid=1${q}`, raw: false };
    case 6: notes.push('raw unicode in the path'); return { path: `${pathname}/é日😀${q}`, raw: true };
    case 7: notes.push('absolute-form request target'); return { path: `http://127.0.0.1${pathname}${q}`, raw: true };
    case 8: notes.push('dot segments'); return { path: `${pathname}/../..${pathname}${q}`, raw: false };
    default: notes.push('backslashes'); return { path: `${pathname.replace(/\//g, '\\')}${q}`.replace(/^\\/, '/'), raw: true };
  }
}

/** Another method than the route's: common, odd (HEAD, OPTIONS, TRACE, WebDAV…), or one only a raw socket sends. */
export function oddMethod(rng: Rng, notes: string[]): { method: string; raw: boolean } {
  const pool = rng.weighted<string[]>([[5, METHODS_COMMON], [4, METHODS_ODD], [1, METHODS_RAW]]);
  const method = rng.pick(pool);
  notes.push(`method ${method}`);
  return { method, raw: METHODS_RAW.includes(method) };
}

/** Header mutations: content types, duplicates, overrides, odd hosts, non-Latin-1 and long values, many headers. */
export function mutateHeaders(rng: Rng, request: FuzzRequest): void {
  const { headers, notes } = request;
  switch (rng.int(12)) {
    case 0: case 1: {
      const type = rng.pick(CONTENT_TYPES);
      const i = headers.findIndex(([k]) => k.toLowerCase() === 'content-type');
      if (i >= 0) headers[i] = ['content-type', type];
      else headers.push(['content-type', type]);
      notes.push(`content-type "${type}"`);
      break;
    }
    case 2: headers.push(['content-type', rng.pick(CONTENT_TYPES)]); notes.push('two content-type headers'); request.raw = true; break;
    case 3: {
      const value = rng.pick(ODD_HEADER_VALUES);
      const name = rng.pick(['x-odd', 'user-agent', 'accept', 'idempotency-key', 'x-request-id', 'accept-language', 'referer']);
      headers.push([name, value]);
      notes.push(`header ${name} = ${JSON.stringify(value.slice(0, 20))}${value.length > 20 ? ` (${value.length} chars)` : ''}`);
      if (!isLatin1Printable(value)) request.raw = true;
      break;
    }
    case 4: {
      const host = rng.pick(['a b', '[::1', '%', 'é.example', 'localhost:99999', '', '127.0.0.1:1:2', 'x'.repeat(300), '[', 'ex ample.com', '127.0.0.1/evil', '@', 'user@host', '?']);
      headers.push(['host', host]);
      notes.push(`Host: ${JSON.stringify(host.slice(0, 30))}`);
      request.raw = true;
      break;
    }
    case 5: {
      const n = rng.pick([60, 200, 2000]);
      for (let i = 0; i < n; i++) headers.push([`x-h${i}`, 'v']);
      notes.push(`${n} extra headers`);
      break;
    }
    case 6: {
      const name = rng.pick(PROTO_NAMES.filter((p) => /^[a-z_]+$/i.test(p)));
      headers.push([name, 'x']);
      notes.push(`a header named "${name}"`);
      break;
    }
    case 7: headers.push(['accept', rng.pick(['text/html', 'application/xml', '*/*;q=0', 'application/json;q=0', 'é'])]); notes.push('odd Accept'); request.raw ||= !isLatin1Printable(headers[headers.length - 1][1]); break;
    case 8: headers.push(['content-encoding', rng.pick(['gzip', 'br', 'deflate', 'identity', 'x-unknown'])]); notes.push('content-encoding that the body does not have'); break;
    case 9: headers.push(['expect', rng.pick(['100-continue', '200-ok'])]); notes.push('Expect header'); request.raw = true; break;
    case 10: {
      // Both framings at once: a request smuggling shape.
      headers.push(['transfer-encoding', 'chunked'], ['content-length', '5']);
      notes.push('Transfer-Encoding and Content-Length both');
      request.raw = true;
      break;
    }
    default: {
      const value = 'v'.repeat(rng.pick([8000, 17_000, 70_000]));
      headers.push(['x-long', value]);
      notes.push(`a header of ${value.length} characters`);
      break;
    }
  }
}

/** Authorization values that are wrong in form, not just in secret. */
export function oddAuthorization(rng: Rng, valid: string): { value: string; raw: boolean } {
  const token = valid.replace(/^\S+\s+/, '');
  const value = rng.pick([
    '', 'Bearer', 'Bearer ', 'Bearer  ', `bearer ${token}`, `BEARER ${token}`, `Bearer\t${token}`, `Bearer ${token} `, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`,
    `Bearer ${token} extra`, 'Bearer constructor', 'Bearer __proto__', 'Bearer null', `Bearer ${'x'.repeat(10_000)}`, 'Basic', 'Basic !!!', 'Basic ' + Buffer.from(':').toString('base64'),
    'Basic ' + Buffer.from('constructor:toString').toString('base64'), 'Basic ' + Buffer.from('é:日').toString('base64'), 'Digest username="x"', 'Bearer é', 'Bearer 日本',
    `Token ${token}`, 'Basic ' + Buffer.from(`${'k'.repeat(5000)}:${'s'.repeat(5000)}`).toString('base64'), 'Basic =', 'Basic ' + Buffer.from('\u0000:\u0000').toString('base64'),
  ]);
  return { value, raw: !isLatin1Printable(value) };
}

export { hostileValue, toJson, Raw, Entries, objectWith };
