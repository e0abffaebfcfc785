/**
 * Requests to ShipStream's JSON-RPC face at POST /api/jsonrpc: login, endSession and call(session,
 * "webhook.list|info|create|update|update_status|delete", [args]), single or batched, with ids of every
 * type, the seed's numeric `"jsonrpc": 2.0`, odd method names and params, and broken bodies.
 */
import type { Rng } from './prng.ts';
import type { FuzzRequest, FuzzResponse } from './request.ts';
import { bodyText, isLatin1Printable, mutateHeaders, mutateJson, oddAuthorization, oddMethod } from './gen-common.ts';
import { secret } from './gen-native.ts';
import { DEPTHS, NUMBERISH_STRINGS, ODD_IDS, PROTO_NAMES, Raw, UNICODE_STRINGS, deepJson, hostileValue, longString, objectWith, toJson, webhookUrl } from './values.ts';
import type { World } from './world.ts';

const RESOURCE_METHODS = ['webhook.list', 'webhook.info', 'webhook.create', 'webhook.update', 'webhook.update_status', 'webhook.delete'];
const ODD_PATHS = [
  ...PROTO_NAMES, ...PROTO_NAMES.map((p) => `webhook.${p}`), 'webhook', 'webhook.', '.list', 'WEBHOOK.LIST', 'webhook.list ', 'webhook.List', 'order.list',
  'webhook.list.x', '', ' ', 'webhook/list', 'webhook:list', 'é', 'x'.repeat(5000),
];
const ODD_RPC_METHODS = [...PROTO_NAMES, 'rpc.discover', 'system.listMethods', 'webhook.list', 'Login', 'LOGIN', 'call ', '', 'endsession', 'x'.repeat(2000), 'login\u0000'];

const SHIPSTREAM_TOPICS = ['order:created', 'order:shipped', 'order:*', 'product:created', 'shipment:packed', 'inventory:adjusted', 'delivery:created'];
const ODD_TOPICS = ['order', 'order:', ':created', 'order:nope', '*', '', ',,,', 'order:created,,order:shipped', ...PROTO_NAMES, 'constructor:x', 'ORDER:CREATED', 'order.created', 'order::created'];

const json = (response: FuzzResponse): any => {
  try {
    return JSON.parse(response.text);
  } catch {
    return null;
  }
};

function rpcId(rng: Rng): { present: boolean; value: unknown; note?: string } {
  return rng.weighted<() => { present: boolean; value: unknown; note?: string }>([
    [30, () => ({ present: true, value: rng.int(100_000) })],
    [10, () => ({ present: true, value: `id-${rng.hex(6)}` })],
    [3, () => ({ present: true, value: null })],
    [4, () => ({ present: false, value: undefined, note: 'a notification (no id)' })],
    [6, () => {
      const value = rng.pick<unknown>([
        { a: 1 }, [], [1, 2], true, false, 1.5, -0, new Raw('1e400'), new Raw('9007199254740993'), new Raw('-0'), new Raw('99999999999999999999'), '',
        objectWith([['__proto__', { x: 1 }]]), { constructor: 1 }, 'x'.repeat(10_000), ...UNICODE_STRINGS.slice(0, 5), deepJson(rng, rng.pick(DEPTHS)),
      ]);
      return { present: true, value, note: `id ${toJson(value).slice(0, 30)}` };
    }],
  ])();
}

function webhookFields(rng: Rng, w: World, create: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (create || rng.chance(0.4)) fields.url = webhookUrl(rng, w.sink.url('/r'), w.refusedUrl);
  if (create || rng.chance(0.4)) {
    fields.topics = rng.weighted<() => unknown>([
      [6, () => rng.pick(SHIPSTREAM_TOPICS)],
      [3, () => [rng.pick(SHIPSTREAM_TOPICS), rng.pick(SHIPSTREAM_TOPICS)]],
      [2, () => rng.pick(SHIPSTREAM_TOPICS) + ',' + rng.pick(SHIPSTREAM_TOPICS)],
      [2, () => rng.pick(ODD_TOPICS)],
      [1, () => hostileValue(rng)],
    ])();
  }
  if (rng.chance(0.4)) fields.name = rng.chance(0.8) ? `rpc ${rng.hex(5)}` : rng.pick(UNICODE_STRINGS);
  if (rng.chance(0.5)) fields.is_active = rng.pick<unknown>(['Yes', 'No', 1, 0, true, false, 'yes', 'TRUE', '2', 'maybe', null, '', [], {}]);
  if (rng.chance(0.4)) {
    fields.extra_headers = rng.weighted<() => unknown>([
      [4, () => 'X-A: 1\nX-B: 2'],
      [2, () => ({ 'X-A': '1' })],
      [3, () => rng.pick([
        'constructor: x', '__proto__: x', 'toString: y', 'hasOwnProperty: 1', 'X-A 1', ': novalue', 'X-A:', 'X-A: 1\r\nX-A: 2', 'X-A: é日😀', 'Content-Type: text/plain',
        'X-A: ' + 'v'.repeat(5000), 'X-A: 1\n'.repeat(60), 'Bad Name: 1', 'X-A: a\u0000b', '\n\n\n', 'X-A: 1\rX-B: 2', '\u00e9: 1',
      ])],
      [1, () => objectWith([[rng.pick(PROTO_NAMES), rng.pick(['x', 1, null, {}])]])],
      [1, () => hostileValue(rng)],
    ])();
  }
  if (rng.chance(0.3)) fields.secret_key = rng.chance(0.8) ? secret(rng) : rng.pick<unknown>(['short', '', 'has space in it', 1234567890, null]);
  if (rng.chance(0.05)) fields[rng.pick(['webhook_id', 'status', 'unknown', ...PROTO_NAMES])] = 1;
  return fields;
}

function seqArg(rng: Rng, pool: number[]): unknown {
  if (pool.length > 0 && rng.chance(0.8)) {
    const seq = rng.pick(pool);
    return rng.chance(0.8) ? seq : String(seq);
  }
  return rng.pick<unknown>([0, -1, 1.5, 9007199254740993, new Raw('1e400'), new Raw('99999999999999999999'), '1e3', '', null, true, [], {}, ...ODD_IDS.slice(0, 12), ...NUMBERISH_STRINGS.slice(0, 6)]);
}

interface Call {
  entry: unknown;
  route: string;
  learn?: (answer: any) => void;
}

function oneCall(rng: Rng, w: World, notes: string[]): Call {
  const { pools } = w;
  const id = rpcId(rng);
  if (id.note) notes.push(id.note);
  const base: Record<string, unknown> = {};
  const version = rng.weighted<unknown>([[70, '2.0'], [15, new Raw('2.0')], [5, 2], [10, rng.pick<unknown>(['1.0', '2', 2.1, null, '', undefined, 'constructor'])]]);
  if (version !== undefined) base.jsonrpc = version;
  if (!(version === '2.0' || version instanceof Raw || version === 2)) notes.push(`jsonrpc ${toJson(version)}`);
  if (id.present) base.id = id.value;

  const kind = rng.weighted([[80, 'call'], [7, 'login'], [5, 'endSession'], [8, 'odd']] as const);
  if (kind === 'login') {
    base.method = 'login';
    base.params = rng.weighted<unknown>([
      [5, [w.a.consumerKey, w.a.consumerSecret]],
      [2, [w.a.consumerKey, 'cs_wrong']],
      [2, rng.pick<unknown>([[], [1, 2], [null, null], ['constructor', 'toString'], { user: w.a.consumerKey, key: w.a.consumerSecret }, 'x', [w.a.consumerKey], ['é', '日'], ['x'.repeat(100_000), 'y']])],
    ]);
    return { entry: base, route: 'login', learn: (answer) => { if (typeof answer?.result === 'string' && pools.createdSessions.length < 100) pools.createdSessions.push(answer.result); } };
  }
  if (kind === 'endSession') {
    base.method = 'endSession';
    // Never the campaign's own session: only ones logged in during the campaign, or made up.
    base.params = [pools.createdSessions.length > 0 && rng.chance(0.6) ? pools.createdSessions.shift() : rng.pick<unknown>(['0'.repeat(32), '', 'constructor', null, 1, {}])];
    return { entry: base, route: 'endSession' };
  }
  if (kind === 'odd') {
    base.method = rng.pick<unknown>([...ODD_RPC_METHODS, 1, null, [], {}, true]);
    base.params = rng.pick<unknown>([[w.a.session, 'webhook.list', []], [], {}, 'x', null, undefined]);
    notes.push(`method ${toJson(base.method).slice(0, 30)}`);
    return { entry: base, route: 'odd method' };
  }

  base.method = 'call';
  const session = rng.weighted<() => unknown>([
    [85, () => w.a.session],
    [4, () => null],
    [3, () => w.b.session],
    [8, () => rng.pick<unknown>(['', '0'.repeat(32), 'f'.repeat(32), 'constructor', '__proto__', 1, {}, [], true, 'x'.repeat(10_000), 'é'])],
  ])();
  if (session !== w.a.session) notes.push(`session ${toJson(session).slice(0, 34)}`);
  const path = rng.chance(0.9) ? rng.pick(RESOURCE_METHODS) : rng.pick(ODD_PATHS);
  if (!RESOURCE_METHODS.includes(path)) notes.push(`api path ${JSON.stringify(path.slice(0, 30))}`);
  let args: unknown[];
  let learn: ((answer: any) => void) | undefined;
  switch (path) {
    case 'webhook.list': args = []; break;
    case 'webhook.info': args = [seqArg(rng, pools.webhookSeqs)]; break;
    case 'webhook.create':
      args = [webhookFields(rng, w, true)];
      learn = (answer) => { if (typeof answer?.result === 'number') pools.createdWebhookSeqs.push(answer.result); };
      break;
    case 'webhook.update': args = [seqArg(rng, pools.webhookSeqs), webhookFields(rng, w, false)]; break;
    case 'webhook.update_status': args = [seqArg(rng, pools.webhookSeqs), rng.pick<unknown>(['Yes', 'No', 1, 0, true, false, 'maybe', null, undefined, [], '2'])]; break;
    case 'webhook.delete': {
      // Only webhooks made during the campaign (or ids that do not exist): the fixtures stay.
      const target = pools.createdWebhookSeqs.length > 0 && rng.chance(0.8) ? pools.createdWebhookSeqs.shift() : rng.pick<unknown>([999_999, 0, '0', null, -1]);
      args = [target];
      break;
    }
    default: args = rng.pick([[], [1], [{}], [w.a.session]]);
  }
  let params: unknown = [session, path, args];
  if (rng.chance(0.12)) {
    params = rng.pick<unknown>([
      [session, path], [session], [], [session, path, args, 'extra'], { session, path, args }, [session, path, 'notAnArray'], [session, path, {}],
      [session, path, null], [session, ...[path]], 'x', null, [session, path, [...args, ...args, ...args]],
    ]);
    notes.push(`params ${toJson(params).slice(0, 50)}`);
  }
  if (params !== undefined) base.params = params;
  return { entry: base, route: `call ${RESOURCE_METHODS.includes(path) ? path : 'odd path'}`, learn };
}

export function jsonRpcRequest(rng: Rng, w: World): FuzzRequest {
  const notes: string[] = [];
  const headers: Array<[string, string]> = [['content-type', 'application/json']];
  const batch = rng.chance(0.1);
  const size = batch ? rng.weighted([[30, 2], [20, 3], [15, 10], [8, 50], [3, 200], [1, 1000], [1, 3000]] as const) : 1;
  const calls: Call[] = [];
  for (let i = 0; i < size; i++) calls.push(oneCall(rng.fork(), w, i === 0 ? notes : []));
  let body: unknown = batch ? calls.map((c) => c.entry) : calls[0].entry;
  if (batch) notes.push(`a batch of ${size}`);
  const route = batch ? 'POST /api/jsonrpc batch' : `POST /api/jsonrpc ${calls[0].route}`;
  const request: FuzzRequest = { face: 'jsonrpc', route, method: 'POST', path: rng.chance(0.95) ? '/api/jsonrpc' : '/jsonrpc', headers, notes, rpc: { batch, size } };

  let brokenRate = 0.03;
  const mutations = rng.chance(0.5) ? 0 : rng.range(1, 2);
  for (let i = 0; i < mutations; i++) {
    switch (rng.weighted([[6, 'json'], [2, 'headers'], [1, 'method'], [1, 'broken'], [1, 'auth'], [1, 'batch']] as const)) {
      case 'json': { const m = mutateJson(rng, body); body = m.value; notes.push(m.note); break; }
      case 'headers': mutateHeaders(rng, request); break;
      case 'method': { const odd = oddMethod(rng, notes); request.method = odd.method; request.raw ||= odd.raw; break; }
      case 'broken': brokenRate = 1; break;
      case 'auth': {
        // Basic auth beside (or instead of) the session: a null session uses it.
        const valid = `Basic ${Buffer.from(`${w.a.consumerKey}:${w.a.consumerSecret}`).toString('base64')}`;
        const value = rng.chance(0.5) ? valid : oddAuthorization(rng, valid).value;
        headers.push(['authorization', value]);
        request.raw ||= !isLatin1Printable(value);
        notes.push('HTTP Basic auth');
        break;
      }
      case 'batch': {
        body = rng.pick<unknown>([[], [[]], [1, 2, 3], [null], ['x'], [body, body], [[body]], deepJson(rng, rng.pick(DEPTHS), toJson(body)), { 0: body }]);
        notes.push(`batch shape ${toJson(body).slice(0, 30)}`);
        break;
      }
    }
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') request.body = bodyText(rng, body, notes, brokenRate);
  if (rng.chance(0.02)) {
    request.body = longString(rng, rng.pick([500_000, 1_048_577, 1_200_000]));
    notes.push(`a body of ${request.body.length} characters of text`);
  }
  request.learn = (response) => {
    const parsed = json(response);
    const answers = Array.isArray(parsed) ? parsed : [parsed];
    // Answers carry the ids of their calls; with odd ids, match by position only when the counts agree.
    if (answers.length === calls.length) answers.forEach((answer, i) => calls[i].learn?.(answer));
  };
  return request;
}
