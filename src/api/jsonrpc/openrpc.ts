/**
 * The JSON-RPC face described as an OpenRPC document (GET /openrpc.json): its three methods, the
 * `webhook.*` paths `call` reaches (from RESOURCE_METHODS, so a path added there is listed here), their
 * arguments and results, and ShipStream's error codes.
 */
import { VERSION } from '../../version.ts';
import { PROTOCOL, SHIPSTREAM } from './errors.ts';
import { RESOURCE_METHODS } from './methods.ts';

/** What each `call` path takes and gives back, as ShipStream documents it. */
const PATHS = new Map<string, { args: string; result: string }>([
  ['webhook.list', { args: '[]', result: '[{webhook_id, name}, …], oldest first' }],
  ['webhook.info', { args: '[webhook_id]', result: 'the webhook: {webhook_id, name, is_active, status, topics, url, extra_headers}' }],
  ['webhook.create', { args: '[{name?, url, topics, is_active?, extra_headers?, secret_key?}]', result: 'the new webhook_id' }],
  ['webhook.update', { args: '[webhook_id, {name?, url?, topics?, is_active?, extra_headers?, secret_key?}]', result: 'true' }],
  ['webhook.update_status', { args: '[webhook_id, is_active]', result: 'true' }],
  ['webhook.delete', { args: '[webhook_id]', result: 'true' }],
]);

const webhookObject = {
  type: 'object',
  properties: {
    webhook_id: { type: 'integer' },
    name: { type: 'string' },
    is_active: { type: 'string', enum: ['Yes', 'No'] },
    status: { type: 'string', enum: ['active', 'paused', 'disabled'] },
    topics: { type: 'string', description: 'comma-separated, in ShipStream spelling: order:created,order:shipped' },
    url: { type: 'string' },
    extra_headers: { type: 'string', description: 'one "Name: value" per line; sensitive values shown as ********' },
  },
};

const errorRefs = (names: string[]) => names.map((name) => ({ $ref: `#/components/errors/${name}` }));

/** `origin`: where the caller reached hookd (OpenRPC wants an absolute server URL). */
export function openRpcDocument(origin: string) {
  const paths = [...RESOURCE_METHODS.keys()];
  return {
    openrpc: '1.2.6',
    info: {
      title: 'hookd JSON-RPC API (ShipStream)',
      version: VERSION,
      description: 'The webhook part of ShipStream\'s Merchant API, JSON-RPC 2.0 over POST /api/jsonrpc (or /jsonrpc). Every answer, errors included, comes over HTTP 200. Instead of a session, `call` takes null with HTTP Basic auth (consumer key:consumer secret).',
    },
    servers: [{ name: 'hookd', url: `${origin}/api/jsonrpc` }],
    methods: [
      {
        name: 'login',
        summary: 'Start a session with a workspace API key\'s consumer key and secret',
        paramStructure: 'by-position',
        params: [
          { name: 'api_user', required: true, description: 'the key\'s consumerKey (ck_…)', schema: { type: 'string' } },
          { name: 'api_key', required: true, description: 'the key\'s consumerSecret (cs_…)', schema: { type: 'string' } },
        ],
        result: { name: 'session', description: 'a session id (32 hex characters), valid for HOOKD_SESSION_TTL', schema: { type: 'string', pattern: '^[0-9a-f]{32}$' } },
        errors: errorRefs(['accessDenied', 'invalidParams']),
        examples: [{
          name: 'login',
          params: [{ name: 'api_user', value: 'ck_86348069a212974ccaf5c418b64979436c218817' }, { name: 'api_key', value: 'cs_9be4191bc085f8e6d577950cfb70052a755b6f43' }],
          result: { name: 'session', value: '5f0c6a3e8d1b4f9e9a510c2b7d6e4a10' },
        }],
      },
      {
        name: 'call',
        summary: 'Call a webhook method: webhook.list, webhook.info, webhook.create, webhook.update, webhook.update_status, webhook.delete',
        description: paths.map((path) => `${path}(${PATHS.get(path)?.args ?? '…'}) → ${PATHS.get(path)?.result ?? '…'}`).join('\n'),
        paramStructure: 'by-position',
        params: [
          { name: 'session', required: true, description: 'a session id from login, or null with HTTP Basic auth', schema: { type: ['string', 'null'] } },
          { name: 'path', required: true, description: 'the method to call', schema: { type: 'string', enum: paths } },
          { name: 'args', required: false, description: 'its arguments, by position (see the description)', schema: { type: 'array' } },
        ],
        result: {
          name: 'result',
          description: 'what the path gives back (see the description)',
          schema: { oneOf: [{ type: 'array', items: { type: 'object', properties: { webhook_id: { type: 'integer' }, name: { type: 'string' } } } }, webhookObject, { type: 'integer' }, { type: 'boolean' }] },
        },
        errors: errorRefs(['accessDenied', 'invalidApiPath', 'sessionExpired', 'missingParameter', 'invalidData', 'webhookNotExists', 'notCreated', 'updateStatusFailed', 'deleteFailed', 'invalidParams']),
        examples: [{
          name: 'list webhooks',
          params: [{ name: 'session', value: '5f0c6a3e8d1b4f9e9a510c2b7d6e4a10' }, { name: 'path', value: 'webhook.list' }, { name: 'args', value: [] }],
          result: { name: 'result', value: [{ webhook_id: 1, name: 'orders' }] },
        }],
      },
      {
        name: 'endSession',
        summary: 'End a session',
        paramStructure: 'by-position',
        params: [{ name: 'session', required: true, schema: { type: 'string' } }],
        result: { name: 'ended', description: 'true if the session existed', schema: { type: 'boolean' } },
        errors: errorRefs(['invalidParams']),
      },
    ],
    components: {
      errors: {
        ...Object.fromEntries(Object.entries(SHIPSTREAM).map(([name, error]) => [name, { code: -(32000 + error.code), message: error.message }])),
        invalidParams: { code: PROTOCOL.invalidParams, message: 'Invalid params' },
      },
    },
  };
}
