/**
 * Requests to WooCommerce's legacy v2 webhook API under /wc-api/v2: every route (list, count, create,
 * view, edit by PUT/POST/PATCH, delete, deliveries, one delivery; `/webhook/<id>` too), authenticated by
 * Basic, by query parameters or by OAuth 1.0a signed with `oauth-1.0a` (the library WooCommerce's npm
 * clients use), with `_method` / X-HTTP-Method-Override, and mutated.
 */
import { createHmac, randomBytes } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type { Rng } from './prng.ts';
import type { FuzzRequest, FuzzResponse } from './request.ts';
import {
  bodyText, isLatin1Printable, mutateHeaders, mutateJson, mutatePath, mutateQuery, oddAuthorization, oddMethod, oddQuerySuffix, queryString,
} from './gen-common.ts';
import { secret } from './gen-native.ts';
import { BAD_DATES, NUMBERISH_STRINGS, ODD_IDS, PROTO_NAMES, UNICODE_STRINGS, longString, webhookUrl, enc } from './values.ts';
import type { World } from './world.ts';

const PREFIX = '/wc-api/v2';

interface WooOp {
  method: string;
  path: string;
  weight: number;
  query?: (rng: Rng) => Array<[string, string]>;
  body?: (rng: Rng, w: World) => unknown;
  /** Which webhook id the path names. */
  target?: 'fixture' | 'created';
  learn?: (w: World, response: FuzzResponse, request: FuzzRequest) => void;
}

const WOO_TOPICS = [
  'order.created', 'order.updated', 'order.deleted', 'order.restored', 'coupon.created', 'customer.deleted', 'product.updated', 'action.woocommerce_add_to_cart',
  'action.wc_fuzz', 'ORDER.CREATED', ' order.created ',
];
const ODD_TOPICS = [
  'order', 'order.', '.created', 'order.shipped', 'action.', 'action.woocommerce_', 'action.WooCommerce_x', 'action.other', 'action.woocommerce_a.b',
  ...PROTO_NAMES, ...PROTO_NAMES.map((p) => `${p}.created`), 'order.constructor', 'order.__proto__', 'action.constructor', 'hasOwnProperty.x', 'valueOf.updated',
  'order.created,order.updated', '', '*', 'order.*',
];

function listing(rng: Rng): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (rng.chance(0.4)) pairs.push(['filter[limit]', rng.pick(['1', '5', '10', '-1', '0', '1000', '1001', '99999999999999999999', ...NUMBERISH_STRINGS.slice(0, 8)])]);
  if (rng.chance(0.3)) pairs.push(['filter[offset]', rng.pick(['0', '1', '5', '100', '9007199254740993', '99999999999999999999', '-1', '1e3'])]);
  if (rng.chance(0.3)) pairs.push(['page', rng.pick(['1', '2', '3', '0', '-1', '99999999999999999999', '9007199254740993', '1000000000000', 'x'])]);
  if (rng.chance(0.2)) pairs.push(['filter[order]', rng.pick(['ASC', 'desc', 'asc', 'x', ''])]);
  if (rng.chance(0.2)) pairs.push(['filter[orderby]', rng.pick(['date', 'id', 'created_at', 'ID', 'constructor', 'x'])]);
  if (rng.chance(0.2)) pairs.push([rng.pick(['filter[created_at_min]', 'filter[created_at_max]']), rng.chance(0.5) ? rng.pick(['2015-01-21', '2015-01-21T13:19:58Z']) : rng.pick(BAD_DATES)]);
  if (rng.chance(0.2)) pairs.push(['fields', rng.pick(['id,name', 'id', 'topic,hooks', '', ',,,', 'constructor,__proto__', 'toString', 'id,'.repeat(1000)])]);
  if (rng.chance(0.2)) pairs.push(['status', rng.pick(['active', 'paused', 'disabled', 'any', 'x', 'constructor', ''])]);
  return pairs;
}

function webhookData(rng: Rng, w: World, create: boolean): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (create || rng.chance(0.4)) data.topic = rng.chance(0.85) ? rng.pick(WOO_TOPICS) : rng.pick(ODD_TOPICS);
  if (create || rng.chance(0.3)) data.delivery_url = webhookUrl(rng, w.sink.url('/w'), w.refusedUrl);
  if (rng.chance(0.5)) data.name = rng.chance(0.8) ? `woo ${rng.hex(5)}` : rng.pick(UNICODE_STRINGS);
  if (rng.chance(0.3)) data.secret = secret(rng);
  if (rng.chance(0.3)) data.status = rng.pick(['active', 'paused', 'disabled', 'ACTIVE', 'pending', '', 'constructor']);
  if (rng.chance(0.1)) data[rng.pick(['id', 'resource', 'event', 'hooks', 'created_at', 'updated_at'])] = rng.pick([1, 'x', [], null]);
  if (Object.keys(data).length === 0) data.name = `woo ${rng.hex(5)}`;
  return data;
}

const json = (response: FuzzResponse): any => {
  try {
    return JSON.parse(response.text);
  } catch {
    return null;
  }
};

const OPS: WooOp[] = [
  { method: 'GET', path: '/webhooks', weight: 3, query: listing },
  { method: 'POST', path: '/webhooks', weight: 4, body: (rng, w) => ({ webhook: webhookData(rng, w, true) }),
    learn: (w, r) => { const id = json(r)?.webhook?.id; if (r.status === 201 && typeof id === 'number') w.pools.createdWebhookSeqs.push(id); } },
  { method: 'GET', path: '/webhooks/count', weight: 1, query: (rng) => listing(rng).filter(([k]) => k === 'status' || k.startsWith('filter[created')) },
  { method: 'GET', path: '/webhooks/:id', weight: 3, query: (rng) => (rng.chance(0.3) ? [['fields', rng.pick(['id,name', 'constructor', '__proto__,toString', ''])]] : []) },
  { method: 'PUT', path: '/webhooks/:id', weight: 3, body: (rng, w) => ({ webhook: webhookData(rng, w, false) }) },
  { method: 'POST', path: '/webhooks/:id', weight: 1, body: (rng, w) => ({ webhook: webhookData(rng, w, false) }) },
  { method: 'PATCH', path: '/webhooks/:id', weight: 1, body: (rng, w) => ({ webhook: webhookData(rng, w, false) }) },
  { method: 'PUT', path: '/webhook/:id', weight: 1, body: (rng, w) => ({ webhook: webhookData(rng, w, false) }) },
  { method: 'GET', path: '/webhook/:id', weight: 1 },
  { method: 'DELETE', path: '/webhooks/:id', weight: 2, target: 'created', learn: deleted },
  { method: 'DELETE', path: '/webhook/:id', weight: 1, target: 'created', learn: deleted },
  { method: 'GET', path: '/webhooks/:id/deliveries', weight: 2, query: listing },
  { method: 'GET', path: '/webhooks/:id/deliveries/:deliveryId', weight: 2, query: (rng) => (rng.chance(0.2) ? [['fields', 'id,summary']] : []) },
];

function deleted(w: World, response: FuzzResponse, request: FuzzRequest): void {
  if (response.status !== 200) return;
  const id = Number(/\/webhooks?\/(\d+)/.exec(request.path)?.[1]);
  w.pools.createdWebhookSeqs = w.pools.createdWebhookSeqs.filter((seq) => seq !== id);
}

const OVERRIDES = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'get', 'delete', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'é', 'x'.repeat(1000)];

export function wooRequest(rng: Rng, w: World): FuzzRequest {
  const op = rng.weighted(OPS.map((o) => [o.weight, o] as const));
  const notes: string[] = [];
  const { pools } = w;
  let method = op.method;
  let raw = false;
  const headers: Array<[string, string]> = [];
  let query = op.query ? op.query(rng) : [];

  // Method override first: it decides whether the request deletes, and so which webhook it may name.
  let effective = op.method;
  if (rng.chance(0.1)) {
    const override = rng.pick(OVERRIDES);
    if (rng.chance(0.5)) query.push(['_method', override]);
    else { headers.push(['x-http-method-override', override]); raw ||= !isLatin1Printable(override); }
    if (rng.chance(0.3)) method = 'POST';
    effective = override.toUpperCase() || method;
    notes.push(`method override ${JSON.stringify(override.slice(0, 20))} on ${method}`);
  }
  const deleting = effective === 'DELETE';
  const created = pools.createdWebhookSeqs;
  let seq: string;
  if (op.target === 'created' || deleting) seq = created.length > 0 && rng.chance(0.9) ? String(rng.pick(created)) : rng.pick(['999999', ...ODD_IDS]);
  else seq = pools.webhookSeqs.length > 0 && rng.chance(0.88) ? String(rng.pick(pools.webhookSeqs)) : rng.pick(ODD_IDS);
  let deliveryId = rng.pick(ODD_IDS);
  if (op.path.includes(':deliveryId') && pools.wooDeliveries.length > 0 && rng.chance(0.8) && !deleting) {
    const pick = rng.pick(pools.wooDeliveries);
    seq = String(pick.seq);
    deliveryId = String(pick.deliveryId);
  }
  let path = PREFIX + op.path.replace(':id', enc(seq)).replace(':deliveryId', enc(deliveryId));
  let body: unknown = op.body ? op.body(rng, w) : undefined;

  const request: FuzzRequest = { face: 'woo', route: `${op.method} ${PREFIX}${op.path}`, method, path, headers, notes };
  const mutations = rng.chance(0.3) ? 0 : rng.range(1, 3);
  let brokenRate = 0.02;
  for (let i = 0; i < mutations; i++) {
    switch (rng.weighted([[8, 'body'], [3, 'query'], [2, 'path'], [3, 'headers'], [2, 'method'], [1, 'broken']] as const)) {
      case 'body': {
        if (body === undefined && rng.chance(0.6)) break;
        const mutated = mutateJson(rng, body ?? { webhook: {} });
        body = mutated.value;
        notes.push(mutated.note);
        break;
      }
      case 'query':
        if (rng.chance(0.2)) { path += (path.includes('?') ? '&' : '?') + oddQuerySuffix(rng, notes); break; }
        query = mutateQuery(rng, query.length > 0 ? query : [['filter[limit]', '5']], notes);
        break;
      case 'path': {
        if (rng.chance(0.5)) {
          const mutated = mutatePath(rng, path, notes);
          path = mutated.path;
          raw ||= mutated.raw;
        } else {
          const odd = rng.pick([...ODD_IDS, longString(rng, rng.pick([99, 100, 101, 5000]))]);
          // An odd id only where it cannot turn into a delete of a fixture.
          path = `${PREFIX}${op.path.replace(':id', deleting ? 'none' : enc(odd)).replace(':deliveryId', enc(odd))}`;
          if (rng.chance(0.2)) path = path.replace('/v2/', rng.pick(['/v3/', '/v1/', '/V2/', '/v2//', '/']));
          notes.push(`id ${JSON.stringify(odd.slice(0, 30))}`);
        }
        break;
      }
      case 'headers': mutateHeaders(rng, request); break;
      case 'method': {
        const odd = oddMethod(rng, notes);
        if (odd.method !== 'DELETE' || op.target === 'created') {
          method = odd.method;
          raw ||= odd.raw;
        }
        break;
      }
      case 'broken': brokenRate = 1; break;
    }
  }

  // Credentials: Basic (mostly), the key pair in the query, OAuth 1.0a in the query, another tenant, odd ones.
  const auth = rng.weighted([[60, 'basic'], [10, 'query'], [16, 'oauth'], [4, 'b'], [10, 'odd']] as const);
  const basic = (key: string, secretValue: string) => `Basic ${Buffer.from(`${key}:${secretValue}`).toString('base64')}`;
  if (auth === 'basic') headers.unshift(['authorization', basic(w.a.consumerKey, w.a.consumerSecret)]);
  else if (auth === 'b') { headers.unshift(['authorization', basic(w.b.consumerKey, w.b.consumerSecret)]); notes.push("tenant B's key on tenant A's ids"); }
  else if (auth === 'query') {
    query.push(['consumer_key', w.a.consumerKey], ['consumer_secret', w.a.consumerSecret]);
    notes.push('consumer_key/consumer_secret in the query');
    if (rng.chance(0.2)) { query.push(['consumer_key', rng.pick(['', 'ck_x', 'constructor'])]); notes.push('consumer_key repeated'); }
  } else if (auth === 'odd') {
    const odd = oddAuthorization(rng, basic(w.a.consumerKey, w.a.consumerSecret));
    if (odd.value !== '') headers.unshift(['authorization', odd.value]);
    raw ||= odd.raw;
    notes.push(`authorization ${JSON.stringify(odd.value.slice(0, 30))}`);
  }
  request.method = method;
  let fullPath = path + (query.length > 0 ? (path.includes('?') ? '&' : '?') + queryString(query).slice(1) : '');
  if (auth === 'oauth') fullPath = oauthSign(rng, w, method, path, query, notes);
  request.path = fullPath;
  if (body !== undefined && method !== 'GET' && method !== 'HEAD') {
    request.body = bodyText(rng, body, notes, brokenRate);
    if (!headers.some(([k]) => k.toLowerCase() === 'content-type')) headers.push(['content-type', 'application/json']);
  }
  request.raw = raw || request.raw;
  if (op.learn) {
    const learn = op.learn;
    request.learn = (response) => learn(w, response, request);
  }
  return request;
}

const FIXED_NONCE = 'fuzz-fixed-nonce';

/**
 * The query string with OAuth 1.0a parameters, the base string built by `oauth-1.0a` (as WooCommerce's npm
 * clients build it) and signed; often one parameter is spoiled first (then signed anyway, so the request
 * gets past the signature to the check it is meant for) or after.
 */
function oauthSign(rng: Rng, w: World, method: string, path: string, query: Array<[string, string]>, notes: string[]): string {
  const methodName = rng.chance(0.8) ? rng.pick(['HMAC-SHA1', 'HMAC-SHA256']) : rng.pick(['PLAINTEXT', 'RSA-SHA1', 'hmac-sha1', '', ...PROTO_NAMES]);
  const params: Array<[string, string]> = [
    ...query,
    ['oauth_consumer_key', w.a.consumerKey],
    ['oauth_nonce', rng.hex(32)],
    ['oauth_signature_method', methodName],
    ['oauth_timestamp', String(Math.floor(Date.now() / 1000))],
    ['oauth_version', '1.0'],
  ];
  notes.push(`OAuth 1.0a (${methodName || 'no method'})`);
  const set = (name: string, value: string) => {
    const i = params.findIndex(([k]) => k === name);
    if (i >= 0) params[i] = [name, value];
    else params.push([name, value]);
  };
  if (rng.chance(0.35)) {
    switch (rng.int(7)) {
      case 0: { const t = rng.pick(['0', '-1', 'abc', '1e400', '1e10', '9999999999999999999', '0x10', ' 1', String(Math.floor(Date.now() / 1000) - 3600), String(Math.floor(Date.now() / 1000) + 3600), 'NaN', 'Infinity', '-0', '1.5e9']); set('oauth_timestamp', t); notes.push(`oauth_timestamp ${JSON.stringify(t)}`); break; }
      case 1: set('oauth_nonce', FIXED_NONCE); notes.push('a nonce used before (replay)'); break;
      case 2: { const n = rng.pick(['x'.repeat(10_000), 'é日', '\u0000', ...PROTO_NAMES]); set('oauth_nonce', n); notes.push(`oauth_nonce ${JSON.stringify(n.slice(0, 20))}`); break; }
      case 3: { const name = rng.pick(['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature_method']); params.splice(params.findIndex(([k]) => k === name), 1); notes.push(`no ${name}`); break; }
      case 4: set('oauth_consumer_key', rng.pick(['', 'ck_unknown', w.b.consumerKey, 'constructor', '__proto__', 'x'.repeat(5000)])); notes.push('another oauth_consumer_key'); break;
      case 5: set('oauth_version', rng.pick(['2.0', '', 'x'])); notes.push('odd oauth_version'); break;
      default: params.push(['oauth_token', 'tok']); notes.push('an oauth_token'); break;
    }
  }
  const algorithm = methodName === 'HMAC-SHA256' ? 'sha256' : 'sha1';
  const hash = (base: string, key: string) => createHmac(algorithm, key).update(base).digest('base64');
  const signer = new OAuth({ consumer: { key: w.a.consumerKey, secret: w.a.consumerSecret }, signature_method: methodName || 'HMAC-SHA1', hash_function: hash });
  const [pathname] = path.split('?');
  const data: Record<string, string> = {};
  for (const [k, v] of params) data[k] = v;
  let signature: string;
  try {
    const base = signer.getBaseString({ url: `http://127.0.0.1:${w.port}${pathname}`, method, data }, {} as OAuth.Data);
    signature = hash(base, `${signer.percentEncode(w.a.consumerSecret)}&`);
  } catch {
    // Text the signing library cannot percent-encode (a lone surrogate): sent unsigned-right, as a client could.
    signature = 'unsignable';
    notes.push('the signing library could not encode a parameter');
  }
  params.push(['oauth_signature', signature]);
  if (rng.chance(0.1)) {
    switch (rng.int(3)) {
      case 0: params[params.length - 1] = ['oauth_signature', rng.pick(['', 'AAAA', 'x'.repeat(5000), '%%%', '====', 'é'])]; notes.push('a wrong signature'); break;
      case 1: params.push(['oauth_signature', 'second']); notes.push('oauth_signature twice'); break;
      default: params.pop(); notes.push('no oauth_signature'); break;
    }
  }
  return `${path}${path.includes('?') ? '&' : '?'}${queryString(params).slice(1)}`;
}

/**
 * A replay of a request signed with OAuth: a fresh nonce (unless it was the replayed one on purpose), a
 * fresh timestamp (if it was a current one), and a fresh signature if the old one was right for its
 * parameters (a wrong one stays wrong). The parameters may have been shrunk since they were signed.
 */
export function refreshOAuth(request: FuzzRequest, w: World): FuzzRequest {
  const [pathname, query] = request.path.split(/\?(.*)/s);
  if (!query || !/(^|&)oauth_signature=/.test(query)) return request;
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
  };
  const params = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return (eq < 0 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))]) as [string, string];
  });
  const get = (name: string) => [...params].reverse().find(([k]) => k === name)?.[1];
  const methodName = get('oauth_signature_method') ?? '';
  const algorithm = methodName === 'HMAC-SHA256' ? 'sha256' : 'sha1';
  const hash = (base: string, key: string) => createHmac(algorithm, key).update(base).digest('base64');
  const signer = new OAuth({ consumer: { key: w.a.consumerKey, secret: w.a.consumerSecret }, signature_method: methodName || 'HMAC-SHA1', hash_function: hash });
  const sign = (list: Array<[string, string]>) => {
    const data: Record<string, string> = {};
    for (const [k, v] of list) if (k !== 'oauth_signature') data[k] = v;
    try {
      const base = signer.getBaseString({ url: `http://127.0.0.1:${w.port}${pathname}`, method: request.method, data }, {} as OAuth.Data);
      return hash(base, `${signer.percentEncode(w.a.consumerSecret)}&`);
    } catch {
      return 'unsignable';
    }
  };
  const signatureAt = params.findIndex(([k]) => k === 'oauth_signature');
  const wasRight = params[signatureAt][1] === sign(params);
  const now = Math.floor(Date.now() / 1000);
  for (const pair of params) {
    if (pair[0] === 'oauth_nonce' && pair[1] !== FIXED_NONCE && /^[0-9a-f]{32}$/.test(pair[1])) pair[1] = randomBytes(16).toString('hex');
    if (pair[0] === 'oauth_timestamp' && /^\d+$/.test(pair[1]) && Math.abs(Number(pair[1]) - now) < 1200) pair[1] = String(now);
  }
  if (wasRight) params[signatureAt][1] = sign(params);
  return { ...request, path: `${pathname}?${queryString(params).slice(1)}` };
}
