/**
 * Requests to the native API: every route of `src/api/native/routes/*.ts` (checked against /openapi.json at
 * the start of a campaign), a valid request first, then mutations of its body, query, path, headers,
 * method and credentials.
 */
import type { Rng } from './prng.ts';
import type { FuzzRequest, FuzzResponse } from './request.ts';
import { SECRET_MARKER } from './checks.ts';
import {
  bodyText, isLatin1Printable, mutateHeaders, mutateJson, mutatePath, mutateQuery, oddAuthorization, oddMethod, oddQuerySuffix, queryString,
} from './gen-common.ts';
import { BAD_CURSORS, BAD_DATES, LENGTHS, ODD_IDS, PROTO_NAMES, UNICODE_STRINGS, deepJson, hostileValue, longString, objectWith, webhookUrl, enc } from './values.ts';
import { SUBSCRIBABLE, type World } from './world.ts';

interface Op {
  method: string;
  /** As in the route files (`:ws`), also the OpenAPI path with `{ws}`. */
  path: string;
  weight: number;
  admin?: boolean;
  query?: (rng: Rng, w: World) => Array<[string, string]>;
  body?: (rng: Rng, w: World) => unknown;
  /** The native webhook id the path should name (default: a fixture). */
  target?: 'created' | 'fixture';
  /** The workspace `:ws` names: tenant A (default), or only one made during the campaign (DELETE /workspaces/{ws}). */
  workspace?: 'created';
  /** The event type `:name` names: any (default, the fixture's custom type among them) or one that may be deleted. */
  eventType?: 'deletable';
  learn?: (w: World, response: FuzzResponse, request: FuzzRequest) => void;
}

const json = (response: FuzzResponse): any => {
  try {
    return JSON.parse(response.text);
  } catch {
    return null;
  }
};

/** Cursors the API handed out (valid ones), to mix with broken ones. */
const cursors: string[] = [];
const learnCursor = (_w: World, response: FuzzResponse) => {
  const next = json(response)?.page?.nextCursor;
  if (typeof next === 'string' && cursors.length < 50) cursors.push(next);
};

function pageQuery(rng: Rng, extra: Array<[string, string]> = []): Array<[string, string]> {
  const pairs: Array<[string, string]> = [...extra];
  if (rng.chance(0.6)) pairs.push(['limit', String(rng.pick([1, 2, 5, 50, 250]))]);
  if (rng.chance(0.4)) pairs.push(['cursor', rng.chance(0.5) && cursors.length > 0 ? rng.pick(cursors) : rng.pick(BAD_CURSORS)]);
  return pairs;
}

export function secret(rng: Rng): string {
  return rng.chance(0.2) ? `whsec_${Buffer.from(`${SECRET_MARKER}-${rng.hex(20)}`).toString('base64')}` : `${SECRET_MARKER}-${rng.hex(rng.range(4, 40))}`;
}

function headersMap(rng: Rng): Record<string, string> {
  if (rng.chance(0.6)) return { 'X-Fuzz': 'yes' };
  const entries: Array<[string, unknown]> = [];
  const n = rng.pick([1, 2, 3, 50, 51]);
  for (let i = 0; i < n; i++) {
    const name = rng.pick(['X-A', 'x-a', 'X-Long', ...PROTO_NAMES, 'Content-Type', 'Webhook-Signature', 'Host', 'X Space', 'X:Colon', 'é', '', 'x'.repeat(101), `X-${i}`, 'X-Tab\t']);
    const value = rng.pick(['v', '', 'é日😀', 'a\r\nInjected: yes', 'a\u0000b', 'x'.repeat(4097), 'x'.repeat(4096), ' padded ', ...UNICODE_STRINGS.slice(0, 6)]);
    entries.push([name, rng.chance(0.1) ? hostileValue(rng) : value]);
  }
  return objectWith(entries) as Record<string, string>;
}

export function eventNames(rng: Rng, w: World): unknown[] {
  const n = rng.pick([1, 1, 1, 2, 3]);
  const names: unknown[] = [];
  for (let i = 0; i < n; i++) {
    names.push(rng.weighted<() => unknown>([
      [10, () => rng.pick(SUBSCRIBABLE)],
      [2, () => w.pools.customEventType],
      [1, () => (w.pools.createdEventTypes.length > 0 ? rng.pick(w.pools.createdEventTypes) : w.pools.customEventType)],
      [2, () => rng.pick(['*', 'order.*', 'nope.*', '.*', '*.*', 'order..created', 'ORDER.CREATED', 'order.created ', 'action.woocommerce_', 'action.wc_x', 'action.woocommerce_a-b', ...PROTO_NAMES, 'constructor.x', '__proto__.*'])],
      [1, () => longString(rng, rng.pick([100, 101]))],
    ])());
  }
  return names;
}

function webhookBody(rng: Rng, w: World, full: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const all = full || rng.chance(0.3);
  if (all || rng.chance(0.4)) body.name = rng.chance(0.8) ? `fuzz ${rng.hex(6)}` : rng.pick(UNICODE_STRINGS);
  if (all || rng.chance(0.3)) body.url = webhookUrl(rng, w.sink.url('/n'), w.refusedUrl);
  if (all || rng.chance(0.3)) body.events = eventNames(rng, w);
  if (rng.chance(0.3)) body.secret = secret(rng);
  if (rng.chance(0.5)) body.active = rng.chance(0.5);
  if (rng.chance(0.3)) body.headers = headersMap(rng);
  if (rng.chance(0.2)) body.description = rng.chance(0.5) ? 'described' : longString(rng, rng.pick([2000, 2001]));
  if (rng.chance(0.2)) body.pausedBehavior = rng.pick(['queue', 'drop', 'QUEUE', '']);
  if (rng.chance(0.2)) body.filter = payloadFilter(rng);
  if (rng.chance(0.15)) body.retrySchedule = rng.pick(['5s,5m', '100ms', null, '', '0s', '8d', '1e3s', 'x', '99999999999999999999d', Array.from({ length: 25 }, () => '1s').join(','), hostileValue(rng)]);
  if (rng.chance(0.15)) body.transform = transformExpression(rng);
  if (rng.chance(0.15)) body.ordering = rng.pick(['fifo', 'fifo', 'none', 'FIFO', '', 'lifo', null, hostileValue(rng)]);
  if (rng.chance(0.15)) body.rateLimit = rng.pick([{ perSecond: 5 }, { perSecond: 10_000 }, null, { perSecond: 0 }, { perSecond: 10_001 }, { perSecond: 1.5 }, { perSecond: '5' }, { perMinute: 5 }, 5, hostileValue(rng)]);
  // Ed25519 webhooks: key generation, switches both ways (rotations), and what may not go with them (a secret).
  if (rng.chance(0.2)) body.signing = rng.pick(['ed25519', 'ed25519', 'hmac', 'ED25519', '', 'rsa', hostileValue(rng)]);
  if (Object.keys(body).length === 0) body.name = `fuzz ${rng.hex(6)}`;
  return body;
}

/** An event type's JSON Schema: mostly one the example and events can match, else slow, remote or broken ones. */
function eventSchema(rng: Rng): unknown {
  return rng.weighted<() => unknown>([
    [4, () => ({ type: 'object', properties: { a: { type: 'integer' }, id: { type: 'integer', minimum: 0 } } })],
    [1, () => null],
    [1, () => ({ type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } })],
    [1, () => ({ type: 'array', uniqueItems: true })],
    [1, () => ({ $ref: 'http://127.0.0.1:1/schema.json' })],
    [1, () => ({ type: rng.pick(['wibble', 1, null]) })],
    [1, () => ({ [rng.pick(PROTO_NAMES)]: { type: 'object' } })],
    [1, () => deepJson(rng, rng.pick([31, 33, 5000]))],
    [1, () => hostileValue(rng)],
  ]);
}

/**
 * A transform: mostly valid ones (so deliveries are transformed: bodies, PUT, headers, path suffixes),
 * else runaway, oversized, malformed and hostile ones, and results hookd must refuse to send.
 */
function transformExpression(rng: Rng): unknown {
  return rng.weighted<() => unknown>([
    [6, () => rng.pick(['{"order": data.id, "kind": type}', 'data', '{"body": data, "method": "PUT", "headers": {"X-Kind": type}, "path": "/t/" & $string(data.id) & "?x=1"}'])],
    [2, () => null],
    [1, () => rng.pick(['($f := function($n){ $f($n + 1) }; $f(0))', '($f := function($n){ 1 + $f($n + 1) }; $f(0))', '[1..10000000]', '$reduce([1..40], function($a, $b){ $a & $a }, "xx")',
      '$sort([1..99999])', '$distinct([1..99999])', '$pad("", 1e9)', '$eval("/(a+)+$/")'])],
    [1, () => rng.pick(['{"body": 1, "path": "//evil.example"}', '{"body": 1, "path": "/../x"}', '{"body": 1, "headers": {"webhook-signature": "x"}}', '{"body": 1, "method": "DELETE"}', '{"method": "PUT"}', 'nothing.here'])],
    [1, () => rng.pick(['{"a": ', '$match(x, /(a+)+$/)', '', ' ', '('.repeat(5000), longString(rng, rng.pick([8192, 8193, 100_000]))])],
    [1, () => hostileValue(rng)],
  ]);
}

/** A payload filter: mostly valid rules (so deliveries are filtered), else every kind of bad one. */
function payloadFilter(rng: Rng): unknown {
  return rng.weighted<() => unknown>([
    [6, () => ({ 'data.id': { $gte: rng.int(1000) } })],
    [3, () => ({ $or: [{ type: { $startsWith: 'order.' } }, { 'metadata.region': rng.pick(['eu', 'us']) }], 'data.items.0.sku': { $in: ['A', 'B'] } })],
    [2, () => null],
    [1, () => ({ 'data.x': { [rng.pick(['$where', '$regex', '$nor', '$bogus', '__proto__', 'constructor'])]: 'x' } })],
    [1, () => ({ [rng.pick(['data.__proto__', 'data.constructor', 'type.toString', 'nope', '', 'data..a'])]: 1 })],
    [1, () => objectWith([[rng.pick(PROTO_NAMES), { $eq: 1 }]])],
    [1, () => deepJson(rng, rng.pick([9, 50, 5000]))],
    [1, () => hostileValue(rng)],
    [1, () => ({ 'data.a': { $in: Array.from({ length: rng.pick([100, 101, 10_000]) }, (_, i) => i) } })],
  ]);
}

function exampleValue(rng: Rng): unknown {
  return rng.chance(0.7) ? { a: 1, b: [1, 2] } : rng.chance(0.5) ? { big: longString(rng, rng.pick([60_000, 70_000])) } : { deep: deepJson(rng, rng.pick([99, 101, 5000])) };
}

function eventData(rng: Rng): unknown {
  return rng.weighted<() => unknown>([
    [10, () => ({ id: rng.int(1000), total: '12.50', items: [{ sku: 'A', qty: 1 }], note: rng.pick(UNICODE_STRINGS) })],
    [1, () => ({ big: longString(rng, rng.pick([10_000, 200_000, 1_040_000])) })],
    [1, () => ({ deep: deepJson(rng, rng.pick([99, 100, 101, 5000, 100_000])) })],
    [1, () => hostileValue(rng)],
    [1, () => objectWith([[rng.pick(PROTO_NAMES), { x: 1 }]])],
  ])();
}

/** A time for `after` / `before` (recent, old, future, with an offset) or a broken one. */
function instant(rng: Rng): string {
  return rng.weighted<() => string>([
    [6, () => new Date(Date.now() - rng.int(3_600_000) + rng.pick([0, 0, 0, 60_000, 86_400_000])).toISOString()],
    [1, () => new Date(Date.now() - rng.int(86_400_000)).toISOString().replace(/\.\d+Z$/, rng.pick(['Z', '+02:00', '-05:30', '.5Z', '.123456Z']))],
    [1, () => rng.pick(['1970-01-01T00:00:00Z', '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00Z', '2024-06-01T12:00:00+00:00'])],
    [2, () => rng.pick(BAD_DATES)],
  ])();
}

function timeRange(rng: Rng, pairs: Array<[string, string]>): Array<[string, string]> {
  if (rng.chance(0.25)) pairs.push(['after', instant(rng)]);
  if (rng.chance(0.25)) pairs.push(['before', instant(rng)]);
  return pairs;
}

/** An event type filter: a type, a resource (`order.*`), `*`, or something that is none of them. */
function typeFilter(rng: Rng, w: World): string {
  return rng.weighted<() => string>([
    [6, () => rng.pick(['order.created', 'order.updated', 'product.created', 'job.status', 'action.woocommerce_fuzz_hook', w.pools.customEventType])],
    [4, () => rng.pick(['order.*', 'product.*', 'fuzz.*', 'action.*', '*', 'nope.*'])],
    [1, () => (w.pools.createdEventTypes.length > 0 ? rng.pick(w.pools.createdEventTypes) : 'fuzz.none')],
    [3, () => rng.pick(['', '.*', '*.*', 'o.*', 'order.**', 'order*', '*.created', 'order.', 'ORDER.*', 'order.created ', '%', '_', 'order.%', 'order._', '\\', ...PROTO_NAMES, ...UNICODE_STRINGS.slice(0, 12)])],
    [1, () => longString(rng, rng.pick([99, 100, 101]))],
  ])();
}

/** A substring for the webhook list's `name` / `url` filters: plain, LIKE's wildcards and escape, unicode, long. */
function substring(rng: Rng, plain: string[]): string {
  return rng.weighted<() => string>([
    [4, () => rng.pick(plain)],
    [4, () => rng.pick(['%', '_', '\\', '%%', '_%', 'a%b', 'a_b', '\\%', '\\_', '%\\', '[a]', '[^a]', '*', '?', "'", '"', "' OR 1=1 --", '%25', '+', ' ', 'ESCAPE'])],
    [2, () => rng.pick(UNICODE_STRINGS)],
    [1, () => rng.pick(['FIXTURE', 'Fixture', 'ÉTÉ', 'é', 'ß', 'İ', 'ﬁ', 'K'])],
    [1, () => longString(rng, rng.pick([1, 199, 200, 201]))],
  ])();
}

function webhookFilters(rng: Rng, w: World, pairs: Array<[string, string]>): Array<[string, string]> {
  if (rng.chance(0.3)) pairs.push(['status', rng.pick(['active', 'paused', 'disabled', 'ACTIVE', 'x'])]);
  if (rng.chance(0.25)) pairs.push(['event', typeFilter(rng, w)]);
  if (rng.chance(0.3)) pairs.push(['name', substring(rng, ['fixture', 'fuzz', 'all', 'woo ', 'sentinel', 'a'])]);
  if (rng.chance(0.2)) pairs.push(['url', substring(rng, ['127.0.0.1', 'http://', '/n', '/a', 'refused', ':1/', 'HTTP'])]);
  return timeRange(rng, pairs);
}

function deliveryFilters(rng: Rng, w: World, pairs: Array<[string, string]>): Array<[string, string]> {
  if (rng.chance(0.3)) pairs.push(['status', rng.pick(['pending', 'sending', 'held', 'succeeded', 'failed', 'x', 'SUCCEEDED'])]);
  if (rng.chance(0.3)) pairs.push(['eventType', typeFilter(rng, w)]);
  return timeRange(rng, pairs);
}

const learnWebhook = (w: World, response: FuzzResponse) => {
  const id = json(response)?.data?.id;
  if (response.status === 201 && typeof id === 'string') w.pools.createdWebhookIds.push(id);
};

export const NATIVE_OPS: Op[] = [
  { method: 'POST', path: '/workspaces', weight: 1, admin: true, body: (rng) => ({ name: rng.chance(0.8) ? `ws ${rng.hex(4)}` : rng.pick(UNICODE_STRINGS) }),
    learn: (w, r) => { const id = json(r)?.data?.id; if (r.status === 201 && typeof id === 'string') w.pools.createdWorkspaceIds.push(id); } },
  { method: 'GET', path: '/workspaces', weight: 1, admin: true, query: (rng) => pageQuery(rng), learn: learnCursor },
  { method: 'GET', path: '/workspaces/:ws', weight: 1 },
  { method: 'PATCH', path: '/workspaces/:ws', weight: 1, body: (rng) => ({ name: rng.weighted<() => string>([[6, () => `fuzz-a ${rng.hex(4)}`], [2, () => rng.pick(UNICODE_STRINGS)], [1, () => longString(rng, rng.pick([1, 200, 201]))], [1, () => rng.pick(['', ' ', ...PROTO_NAMES])]])() }) },
  // Only a workspace the campaign made (or an odd id): deleting tenant A or B would end the campaign.
  { method: 'DELETE', path: '/workspaces/:ws', weight: 1, admin: true, workspace: 'created',
    learn: (w, r, req) => { if (r.status === 204) w.pools.createdWorkspaceIds = w.pools.createdWorkspaceIds.filter((id) => !req.path.includes(id)); } },
  { method: 'POST', path: '/workspaces/:ws/api-keys', weight: 1, admin: true, body: (rng) => (rng.chance(0.5) ? {} : { name: rng.pick(['k', ...UNICODE_STRINGS]) }),
    learn: (w, r) => { const id = json(r)?.data?.id; if (r.status === 201 && typeof id === 'string') w.pools.createdKeyIds.push(id); } },
  { method: 'GET', path: '/workspaces/:ws/api-keys', weight: 1, admin: true },
  { method: 'DELETE', path: '/workspaces/:ws/api-keys/:keyId', weight: 1, admin: true },
  { method: 'GET', path: '/webhooks/events', weight: 1, query: (rng, w) => (rng.chance(0.5) ? [] : [['workspaceId', rng.chance(0.7) ? w.a.id : rng.pick(ODD_IDS)]]) },
  { method: 'GET', path: '/workspaces/:ws/event-types', weight: 1 },
  { method: 'POST', path: '/workspaces/:ws/event-types', weight: 2, body: (rng) => {
    const body: Record<string, unknown> = { name: rng.chance(0.8) ? `fuzz.t${rng.hex(8)}` : rng.pick(['order.created', 'action.woocommerce_x', 'a.b', 'A.B', 'x', 'fuzz.', 'fuzz.thing', ...PROTO_NAMES, 'constructor.x']) };
    if (rng.chance(0.4)) body.title = rng.pick(['T', ...UNICODE_STRINGS]);
    if (rng.chance(0.3)) body.category = 'cat';
    if (rng.chance(0.3)) body.description = 'd';
    if (rng.chance(0.5)) body.example = exampleValue(rng);
    if (rng.chance(0.2)) body.deprecated = rng.chance(0.5);
    if (rng.chance(0.3)) body.schema = eventSchema(rng);
    return body;
  }, learn: (w, r) => { const name = json(r)?.data?.name; if (r.status === 201 && typeof name === 'string' && w.pools.createdEventTypes.length < 100) w.pools.createdEventTypes.push(name); } },
  { method: 'PATCH', path: '/workspaces/:ws/event-types/:name', weight: 1.5, body: (rng) => {
    const body: Record<string, unknown> = {};
    if (rng.chance(0.4)) body.title = rng.pick(['T', '', ...UNICODE_STRINGS]);
    if (rng.chance(0.3)) body.category = rng.pick(['cat', '', longString(rng, rng.pick([100, 101]))]);
    if (rng.chance(0.3)) body.description = rng.chance(0.7) ? 'd' : longString(rng, rng.pick([2000, 2001]));
    if (rng.chance(0.4)) body.example = exampleValue(rng);
    if (rng.chance(0.4)) body.deprecated = rng.chance(0.5);
    return body;
  } },
  // Made during the campaign, built-in or unknown: never the fixture custom type the other generators use.
  { method: 'DELETE', path: '/workspaces/:ws/event-types/:name', weight: 1.5, eventType: 'deletable',
    learn: (w, r, req) => { if (r.status === 204) w.pools.createdEventTypes = w.pools.createdEventTypes.filter((name) => !req.path.includes(`/${enc(name)}`)); } },
  { method: 'POST', path: '/workspaces/:ws/webhooks', weight: 5, body: (rng, w) => webhookBody(rng, w, true), learn: learnWebhook },
  { method: 'GET', path: '/workspaces/:ws/webhooks', weight: 3, query: (rng, w) => pageQuery(rng, webhookFilters(rng, w, [])), learn: learnCursor },
  { method: 'GET', path: '/workspaces/:ws/webhooks/count', weight: 1.5, query: (rng, w) => webhookFilters(rng, w, []) },
  { method: 'GET', path: '/workspaces/:ws/webhooks/:id/secret', weight: 2 },
  // Anonymous: the credentials the engine sends are ignored.
  { method: 'GET', path: '/workspaces/:ws/.well-known/jwks.json', weight: 1.5 },
  { method: 'GET', path: '/workspaces/:ws/webhooks/:id', weight: 3 },
  { method: 'PUT', path: '/workspaces/:ws/webhooks/:id', weight: 3, body: (rng, w) => webhookBody(rng, w, true) },
  { method: 'PATCH', path: '/workspaces/:ws/webhooks/:id', weight: 5, body: (rng, w) => webhookBody(rng, w, false) },
  { method: 'DELETE', path: '/workspaces/:ws/webhooks/:id', weight: 2, target: 'created',
    learn: (w, r, req) => { if (r.status === 204) w.pools.createdWebhookIds = w.pools.createdWebhookIds.filter((id) => !req.path.includes(id)); } },
  { method: 'POST', path: '/workspaces/:ws/webhooks/:id/rotate-secret', weight: 2, body: (rng) => (rng.chance(0.5) ? {} : { secret: secret(rng) }) },
  { method: 'POST', path: '/workspaces/:ws/webhooks/:id/tests', weight: 1, body: (rng, w) => (rng.chance(0.5) ? {} : { event: rng.pick([...SUBSCRIBABLE.filter((s) => !s.includes('*')), w.pools.customEventType, 'nope.nope', 'action.wc_x']) }) },
  { method: 'POST', path: '/workspaces/:ws/webhooks/:id/transform/check', weight: 1, body: (rng) => ({
    event: { type: rng.pick(['order.created', 'x', '']), data: eventData(rng), ...(rng.chance(0.2) ? { id: rng.pick(['msg_1', '', longString(rng, 101)]), timestamp: rng.pick(['2024-05-01T12:00:00Z', 'now', hostileValue(rng)]) } : {}) },
    ...(rng.chance(0.6) ? { transform: transformExpression(rng) } : {}),
  }) },
  { method: 'POST', path: '/workspaces/:ws/webhooks/:id/filter/check', weight: 1, body: (rng) => ({ event: { type: rng.pick(['order.created', 'x', '']), data: eventData(rng), ...(rng.chance(0.3) ? { metadata: rng.chance(0.5) ? { region: 'eu' } : hostileValue(rng) } : {}) } }) },
  { method: 'POST', path: '/workspaces/:ws/webhooks/:id/test', weight: 1, body: (rng) => (rng.chance(0.5) ? {} : { event: rng.pick(['order.created', 'product.created']) }) },
  { method: 'POST', path: '/workspaces/:ws/events', weight: 4, body: (rng, w) => {
    const body: Record<string, unknown> = { type: rng.chance(0.85) ? rng.pick(['order.created', 'order.updated', 'product.created', w.pools.customEventType, 'job.status', 'action.woocommerce_fuzz_hook']) : rng.pick(['nope.x', 'order.*', '*', ...PROTO_NAMES]), data: eventData(rng) };
    if (rng.chance(0.3)) body.idempotencyKey = rng.chance(0.7) ? `idem-${rng.int(20)}` : rng.pick(['', 'x'.repeat(255), 'x'.repeat(256), ...UNICODE_STRINGS.slice(0, 8)]);
    return body;
  }, learn: (w, r) => { const id = json(r)?.data?.id; if (r.status === 202 && typeof id === 'string' && w.pools.eventIds.length < 200) w.pools.eventIds.push(id); } },
  { method: 'GET', path: '/workspaces/:ws/events', weight: 2, query: (rng, w) => pageQuery(rng, timeRange(rng, rng.chance(0.5) ? [['type', typeFilter(rng, w)]] : [])), learn: learnCursor },
  { method: 'GET', path: '/workspaces/:ws/events/:id', weight: 2 },
  { method: 'GET', path: '/workspaces/:ws/deliveries', weight: 2, learn: learnCursor, query: (rng, w) => {
    const pairs = deliveryFilters(rng, w, []);
    if (rng.chance(0.3)) pairs.push(['webhookId', pickId(rng, [...w.pools.webhookIds, ...w.pools.createdWebhookIds])]);
    return pageQuery(rng, pairs);
  } },
  { method: 'GET', path: '/workspaces/:ws/webhooks/:id/deliveries', weight: 2, query: (rng, w) => pageQuery(rng, deliveryFilters(rng, w, [])), learn: learnCursor },
  { method: 'GET', path: '/workspaces/:ws/webhooks/:id/deliveries/:deliveryId', weight: 2 },
  { method: 'POST', path: '/workspaces/:ws/webhooks/:id/deliveries/:deliveryId/resend', weight: 1 },
  { method: 'POST', path: '/workspaces/:ws/webhooks/:id/recover', weight: 2, body: (rng) => (rng.chance(0.3) ? {} : { since: rng.chance(0.4) ? new Date(Date.now() - rng.int(86_400_000)).toISOString() : rng.pick(BAD_DATES) }) },
  { method: 'GET', path: '/workspaces/:ws/webhooks/:id/attempts', weight: 2, query: (rng) => pageQuery(rng, rng.chance(0.3) ? [['trigger', rng.pick(['scheduled', 'manual', 'test', 'x'])]] : []), learn: learnCursor },
  { method: 'GET', path: '/workspaces/:ws/attempts', weight: 1, query: (rng, w) => pageQuery(rng, [
    ...(rng.chance(0.3) ? [['newerThan', rng.pick(['0', '1', '-1', '1e400', '9007199254740993', 'x'])] as [string, string]] : []),
    ...(rng.chance(0.3) ? [['webhookId', pickId(rng, w.pools.webhookIds)] as [string, string]] : []),
    ...(rng.chance(0.2) ? [['trigger', rng.pick(['scheduled', 'manual', 'test', 'x'])] as [string, string]] : []),
  ]), learn: learnCursor },
  // `hookd listen` sessions: opened (swept once their grace passes, as no stream attaches), answered, closed.
  { method: 'POST', path: '/workspaces/:ws/listen', weight: 0.5, body: (rng) => (rng.chance(0.5) ? {} : { events: [rng.pick(['order.created', 'order.*', '*', 'nope.nope'])] }) },
  { method: 'POST', path: '/workspaces/:ws/listen/:session/answers', weight: 0.5, body: (rng) => ({ requestId: rng.pick([1, 0, -1, 2 ** 53, 1.5]), status: rng.pick([200, 500, 99, 600]), ...(rng.chance(0.3) ? { error: 'ECONNREFUSED' } : {}) }) },
  { method: 'DELETE', path: '/workspaces/:ws/listen/:session', weight: 0.3 },
  // The web UI's sessions, portal links and settings, and the health report.
  { method: 'GET', path: '/workspaces/:ws/health', weight: 1, query: (rng) => (rng.chance(0.3) ? [] : [['window', rng.pick(['24h', '7d', '1y', '', '__proto__'])]]) },
  { method: 'POST', path: '/workspaces/:ws/portal-sessions', weight: 1, body: (rng) => (rng.chance(0.3) ? {} : {
    ...(rng.chance(0.7) ? { expiresIn: rng.pick([60, 3600, 604_800, 59, 604_801, -1, 1.5, 2 ** 53, '60']) } : {}),
    ...(rng.chance(0.5) ? { readOnly: rng.pick([true, false, 'yes', null]) } : {}),
  }) },
  { method: 'GET', path: '/workspaces/:ws/portal-settings', weight: 0.5 },
  { method: 'PUT', path: '/workspaces/:ws/portal-settings', weight: 1, body: (rng) => ({
    ...(rng.chance(0.5) ? { displayName: rng.chance(0.5) ? rng.pick(UNICODE_STRINGS) : longString(rng, rng.pick([1, 100, 101])) } : {}),
    ...(rng.chance(0.5) ? { logoUrl: rng.pick(['https://x.example/logo.png', 'http://x.example/l.png', 'javascript:alert(1)', 'https://u:p@x.example/', '', null]) } : {}),
    ...(rng.chance(0.5) ? { accentColor: rng.pick(['#0b5cad', '#FFFFFF', 'red', '#12345', '#1234567', null]) } : {}),
    ...(rng.chance(0.5) ? { frameAncestors: rng.pick([[], ['https://app.example'], ['https://*.example.com:8443'], ["https://x; script-src 'unsafe-inline'"], ['*'], Array.from({ length: 11 }, (_, i) => `https://h${i}.example`), [1]]) } : {}),
  }) },
  { method: 'POST', path: '/ui-sessions', weight: 0.5, body: (rng) => ({ token: rng.pick(['nope', 'x'.repeat(200), 'hk_', ...PROTO_NAMES]) }) },
  { method: 'POST', path: '/ui-sessions/portal', weight: 0.5, body: (rng) => ({ token: rng.pick(['0'.repeat(64), 'x', 'f'.repeat(201), ...PROTO_NAMES]) }) },
  { method: 'GET', path: '/ui-sessions/current', weight: 0.3 },
  { method: 'DELETE', path: '/ui-sessions/current', weight: 0.3 },
  { method: 'GET', path: '/healthz', weight: 0.3 },
  { method: 'GET', path: '/metrics', weight: 0.2 },
  { method: 'GET', path: '/openapi.json', weight: 0.2 },
];

/** The OpenAPI operations no generator covers (should be none: a new route needs a generator). */
export function uncoveredOperations(openapi: { paths: Record<string, Record<string, unknown>> }): string[] {
  const covered = new Set(NATIVE_OPS.map((op) => `${op.method} ${op.path.replace(/:(\w+)/g, '{$1}')}`));
  const missing: string[] = [];
  for (const [path, operations] of Object.entries(openapi.paths)) {
    // The WooCommerce face's routes are in the document too; gen-woo.ts covers them.
    if (path.startsWith('/wc-api/')) continue;
    for (const method of Object.keys(operations)) {
      const key = `${method.toUpperCase()} ${path}`;
      if (!covered.has(key)) missing.push(key);
    }
  }
  return missing;
}

/** Generic operations for routes found in /openapi.json that have no generator of their own. */
export function genericOps(missing: string[]): Op[] {
  return missing.map((key) => {
    const [method, path] = key.split(' ');
    return { method, path: path.replace(/\{(\w+)\}/g, ':$1'), weight: 1, body: method === 'GET' || method === 'DELETE' ? undefined : () => ({}) };
  });
}

function pickId(rng: Rng, pool: string[], fallback: string[] = ODD_IDS): string {
  return pool.length > 0 && rng.chance(0.9) ? rng.pick(pool) : rng.pick(fallback);
}

export function nativeRequest(rng: Rng, w: World, ops: Op[]): FuzzRequest {
  const op = rng.weighted(ops.map((o) => [o.weight, o] as const));
  const notes: string[] = [];
  const { pools } = w;
  // Which webhook the path names; a delivery path must name the webhook the delivery belongs to.
  let webhookId = op.target === 'created' ? (pools.createdWebhookIds.length > 0 ? rng.pick(pools.createdWebhookIds) : rng.pick(ODD_IDS)) : pickId(rng, pools.webhookIds);
  let deliveryId = rng.pick(ODD_IDS);
  if (op.path.includes(':deliveryId') && pools.deliveries.length > 0 && rng.chance(0.85)) {
    const pick = rng.pick(pools.deliveries);
    webhookId = pick.webhookId;
    deliveryId = pick.deliveryId;
  }
  const tenant = op.workspace === 'created' ? rng.weighted([[85, 'created'], [15, 'odd']] as const) : rng.weighted([[90, 'a'], [5, 'created'], [5, 'odd']] as const);
  const ws = tenant === 'a' ? w.a.id : tenant === 'created' && pools.createdWorkspaceIds.length > 0 ? rng.pick(pools.createdWorkspaceIds) : rng.pick(ODD_IDS);
  const values: Record<string, string> = {
    ws,
    id: op.path.includes('/events/') ? pickId(rng, pools.eventIds) : webhookId,
    deliveryId,
    keyId: pools.createdKeyIds.length > 0 && rng.chance(0.8) ? rng.pick(pools.createdKeyIds) : rng.pick(ODD_IDS),
    name: eventTypeName(rng, w, op.eventType === 'deletable'),
  };
  let path = op.path.replace(/:(\w+)/g, (_m, name: string) => enc(values[name] ?? 'x').replace(/%25([0-9A-Fa-f]{2})/g, '%$1'));
  let query = op.query ? op.query(rng, w) : [];
  let body: unknown = op.body ? op.body(rng, w) : undefined;
  let method = op.method;
  let raw = false;

  // Credentials: tenant A's key; the admin token on admin routes (and now and then elsewhere); tenant B's key (another tenant); odd ones.
  const kind = op.admin ? rng.weighted([[80, 'admin'], [10, 'a'], [10, 'odd']] as const) : rng.weighted([[80, 'a'], [8, 'admin'], [4, 'b'], [8, 'odd']] as const);
  const token = kind === 'admin' ? w.admin : kind === 'b' ? w.b.key : w.a.key;
  const headers: Array<[string, string]> = [];
  if (kind === 'odd') {
    const odd = oddAuthorization(rng, `Bearer ${token}`);
    if (odd.value !== '' || rng.chance(0.5)) headers.push(['authorization', odd.value]);
    raw ||= odd.raw;
    notes.push(`authorization ${JSON.stringify(odd.value.slice(0, 30))}`);
  } else {
    headers.push(['authorization', `Bearer ${token}`]);
  }
  if (kind === 'b') notes.push("tenant B's key on tenant A's ids");

  const request: FuzzRequest = { face: 'native', route: `${op.method} ${op.path}`, method, path, headers, notes, credential: kind };
  // Mutations: none for about a third of requests (they must succeed or fail cleanly as they are).
  const mutations = rng.chance(0.3) ? 0 : rng.range(1, 3);
  let brokenRate = 0;
  for (let i = 0; i < mutations; i++) {
    switch (rng.weighted([[8, 'body'], [3, 'query'], [2, 'path'], [3, 'headers'], [2, 'method'], [1, 'broken'], [1, 'idempotency']] as const)) {
      case 'body': {
        if (body === undefined && rng.chance(0.5)) break;
        const mutated = mutateJson(rng, body ?? {});
        body = mutated.value;
        notes.push(mutated.note);
        break;
      }
      case 'query': {
        if (rng.chance(0.2)) {
          const suffix = oddQuerySuffix(rng, notes);
          path += (path.includes('?') ? '&' : '?') + suffix;
          break;
        }
        query = mutateQuery(rng, query.length > 0 ? query : [['limit', '5']], notes);
        break;
      }
      case 'path': {
        const mutated = rng.chance(0.5) ? mutatePath(rng, path, notes) : { path: oddSegment(rng, op.path, values, notes), raw: false };
        path = mutated.path;
        raw ||= mutated.raw;
        break;
      }
      case 'headers': mutateHeaders(rng, request); break;
      case 'method': {
        const odd = oddMethod(rng, notes);
        method = odd.method;
        raw ||= odd.raw;
        break;
      }
      case 'broken': brokenRate = 1; break;
      case 'idempotency': {
        const value = rng.pick(['', 'k', 'x'.repeat(300), 'é', '日本', ...PROTO_NAMES, String(rng.int(5))]);
        headers.push(['idempotency-key', value]);
        raw ||= !isLatin1Printable(value);
        notes.push(`Idempotency-Key ${JSON.stringify(value.slice(0, 20))}`);
        break;
      }
    }
  }
  request.method = method;
  if (method === 'DELETE' && op.method !== 'DELETE' && path.includes('/webhooks/') && !op.path.endsWith('/webhooks')) {
    // A method mutation must not delete the fixtures other requests rely on: aim it at a webhook made during the campaign.
    path = path.replace(webhookId, pools.createdWebhookIds.length > 0 ? rng.pick(pools.createdWebhookIds) : 'none');
  }
  if (method === 'DELETE') path = spareFixtures(rng, w, path, notes);
  request.path = path + (query.length > 0 ? (path.includes('?') ? '&' : '?') + queryString(query).slice(1) : '');
  if (body !== undefined && method !== 'GET' && method !== 'HEAD') {
    request.body = bodyText(rng, body, notes, brokenRate > 0 ? 1 : 0.03);
    if (!headers.some(([k]) => k.toLowerCase() === 'content-type')) headers.push(['content-type', 'application/json']);
  } else if (body !== undefined && rng.chance(0.1)) {
    request.body = bodyText(rng, body, notes, 0);
    headers.push(['content-type', 'application/json']);
    notes.push(`a body on ${method}`);
  }
  request.raw = raw || request.raw;
  if (op.learn) {
    const learn = op.learn;
    request.learn = (response) => learn(w, response, request);
  }
  return request;
}

/** An event type for `:name`: tenant A's own (the fixture's only when it may not be deleted), built-in, unknown or odd. */
function eventTypeName(rng: Rng, w: World, deletable: boolean): string {
  const created = w.pools.createdEventTypes;
  return rng.weighted<() => string>([
    [6, () => (created.length > 0 ? rng.pick(created) : 'fuzz.none')],
    [deletable ? 0 : 3, () => w.pools.customEventType],
    [1, () => rng.pick(['order.created', 'order.*', '*', 'action.woocommerce_x', 'action.woocommerce_fuzz_hook', 'nope.nope', 'fuzz.', 'fuzz.t'])],
    [1, () => rng.pick(ODD_IDS)],
  ])();
}

/**
 * A DELETE (its route's own or a mutation's) must never reach tenant A's or B's workspace (that would end the
 * campaign: their keys revoked, their webhooks gone) nor the fixture custom event type: its path is read the
 * way a router might (absolute form, dot segments, percent-encoding, doubled slashes, case, `;params`, a
 * trailing slash) and, if it names one of them, aimed at something made during the campaign instead.
 */
export function spareFixtures(rng: Rng, w: World, path: string, notes: string[]): string {
  const [target, query] = path.split(/\?(.*)/s);
  let pathname: string;
  try {
    pathname = new URL(target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/^\/*/, '/'), 'http://fuzz.invalid').pathname;
  } catch {
    pathname = target;
  }
  const segments = pathname.split(/[/\\]+/).filter((s) => s !== '' && s !== '.').map((s) => {
    try {
      return decodeURIComponent(s.replace(/;.*$/, '')).toLowerCase();
    } catch {
      return s.toLowerCase();
    }
  });
  const swap = (fixture: string, replacement: string, what: string) => {
    notes.push(`DELETE aimed at ${what} made during the campaign, not a fixture`);
    let swapped = target.replace(new RegExp(fixture.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), replacement);
    // Named in a form the swap did not find (percent-encoded): a path that names nothing instead.
    if (swapped === target) swapped = '/workspaces/none';
    return query === undefined ? swapped : `${swapped}?${query}`;
  };
  if (segments[0] !== 'workspaces') return path;
  for (const id of [w.a.id, w.b.id]) {
    if (segments.length === 2 && segments[1] === id.toLowerCase()) {
      return swap(id, w.pools.createdWorkspaceIds.length > 0 ? rng.pick(w.pools.createdWorkspaceIds) : 'none', 'a workspace');
    }
  }
  const custom = w.pools.customEventType;
  if (segments.length === 4 && segments[2] === 'event-types' && segments[3] === custom.toLowerCase()) {
    return swap(custom, w.pools.createdEventTypes.length > 0 ? rng.pick(w.pools.createdEventTypes) : 'fuzz.none', 'an event type');
  }
  return path;
}

/** A path parameter replaced by an odd id: prototype names, huge numbers, encoded bytes, long values. */
function oddSegment(rng: Rng, template: string, values: Record<string, string>, notes: string[]): string {
  const names = [...template.matchAll(/:(\w+)/g)].map((m) => m[1]);
  if (names.length === 0) return template + '/' + enc(rng.pick(ODD_IDS));
  const name = rng.pick(names);
  const odd = rng.pick([...ODD_IDS, longString(rng, rng.pick(LENGTHS))]);
  notes.push(`:${name} = ${JSON.stringify(odd.slice(0, 30))}${odd.length > 30 ? ` (${odd.length} chars)` : ''}`);
  return template.replace(/:(\w+)/g, (_m, n: string) => (n === name ? (/^[%\w.~-]*$/.test(odd) ? odd : enc(odd)) : enc(values[n] ?? 'x')));
}
