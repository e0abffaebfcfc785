/**
 * The WooCommerce face in the OpenAPI document. Its routes take every method and dispatch on the effective
 * one (index.ts), so Fastify cannot describe them route by route: this is their description, added to
 * /openapi.json under /wc-api/v2, and (with HOOKD_CHECK_RESPONSES, in hookd's tests) the schemas every
 * answer of the face is checked against (`documentedAnswer`).
 */
import { Type, type TSchema } from 'typebox';
import { WOO_PREFIX } from './prefix.ts';

const Time = Type.String({ description: 'UTC, seconds: 2015-01-21T13:19:58Z' });
// Written in OpenAPI 3.0's dialect (the document's): enum not const, nullable not a null type, additionalProperties for maps.
const Status = Type.Enum(['active', 'paused', 'disabled']);
const NullableString = Type.Unsafe<string | null>({ type: 'string', nullable: true });
const map = (values: TSchema) => Type.Object({}, { additionalProperties: values });
const optional = <T extends Record<string, TSchema>>(properties: T, example: Record<string, unknown>) => Type.Object(
  Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, Type.Optional(schema)])) as { [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>> },
  { description: 'every field, or those `fields=` names', example },
);

const WooWebhook = optional({
  id: Type.Integer(),
  name: Type.String(),
  status: Status,
  topic: Type.String({ description: 'resource.event, e.g. order.created, or action.<hook>' }),
  resource: Type.String(),
  event: Type.String(),
  hooks: Type.Array(Type.String()),
  delivery_url: Type.String(),
  created_at: Time,
  updated_at: Time,
}, {
  id: 3, name: 'orders', status: 'active', topic: 'order.created', resource: 'order', event: 'created', hooks: ['woocommerce_process_shop_order_meta', 'woocommerce_api_create_order', 'woocommerce_new_order'],
  delivery_url: 'https://shop.example.com/hooks', created_at: '2015-01-21T13:19:58Z', updated_at: '2015-01-21T13:19:58Z',
});

const WooDelivery = optional({
  id: Type.Integer(),
  duration: Type.String({ description: 'seconds, five decimals' }),
  summary: Type.String(),
  request_method: Type.Enum(['POST']),
  request_url: Type.String(),
  request_headers: map(Type.Unsafe<string | number>({ oneOf: [{ type: 'string' }, { type: 'number' }] })),
  request_body: NullableString,
  response_code: Type.String({ description: 'the HTTP status, or http_request_failed' }),
  response_message: Type.String(),
  response_headers: map(Type.String()),
  response_body: Type.String(),
  created_at: Time,
}, {
  id: 7, duration: '0.01240', summary: 'HTTP 200 OK: ok', request_method: 'POST', request_url: 'https://shop.example.com/hooks',
  request_headers: { 'X-WC-Webhook-Topic': 'order.created', 'X-WC-Webhook-ID': 3 }, request_body: '{"order":{"id":42}}', response_code: '200',
  response_message: 'OK', response_headers: { 'content-type': 'text/plain' }, response_body: 'ok', created_at: '2015-01-21T13:19:58Z',
});

const WooError = Type.Object({
  errors: Type.Array(Type.Object({ code: Type.String({ description: 'woocommerce_api_…' }), message: Type.String() })),
}, { example: { errors: [{ code: 'woocommerce_api_invalid_webhook_id', message: 'Invalid webhook ID' }] } });

const WebhookInput = Type.Object({
  webhook: Type.Object({
    name: Type.Optional(Type.String()),
    status: Type.Optional(Status),
    topic: Type.Optional(Type.String()),
    delivery_url: Type.Optional(Type.String()),
    secret: Type.Optional(Type.String({ description: 'write-only' })),
  }),
}, { example: { webhook: { name: 'orders', topic: 'order.created', delivery_url: 'https://shop.example.com/hooks', secret: 'my-secret' } } });

/** Each answer the face gives on success, by route and method. */
const SUCCESS = new Map<string, [number, TSchema]>([
  ['GET /webhooks', [200, Type.Object({ webhooks: Type.Array(WooWebhook) })]],
  ['POST /webhooks', [201, Type.Object({ webhook: WooWebhook })]],
  ['GET /webhooks/count', [200, Type.Object({ count: Type.Integer() }, { example: { count: 3 } })]],
  ['GET /webhooks/{id}', [200, Type.Object({ webhook: WooWebhook })]],
  ['PUT /webhooks/{id}', [200, Type.Object({ webhook: WooWebhook })]],
  ['DELETE /webhooks/{id}', [200, Type.Object({ message: Type.String() }, { example: { message: 'Permanently deleted webhook' } })]],
  ['GET /webhooks/{id}/deliveries', [200, Type.Object({ webhook_deliveries: Type.Array(WooDelivery) })]],
  ['GET /webhooks/{id}/deliveries/{deliveryId}', [200, Type.Object({ webhook_delivery: WooDelivery })]],
]);

const SUMMARIES = new Map<string, [string, string]>([
  ['GET /webhooks', ['wcListWebhooks', 'List webhooks (filter[limit], filter[offset], page, status, filter[created_at_min|max], fields); paging in X-WC-Total, X-WC-TotalPages and Link']],
  ['POST /webhooks', ['wcCreateWebhook', 'Create a webhook (hookd pings its URL, as WooCommerce does)']],
  ['GET /webhooks/count', ['wcCountWebhooks', 'Count webhooks (status, filter[created_at_min|max])']],
  ['GET /webhooks/{id}', ['wcGetWebhook', 'One webhook (also /webhook/{id})']],
  ['PUT /webhooks/{id}', ['wcEditWebhook', 'Edit a webhook (POST and PATCH do the same; ?_method= or X-HTTP-Method-Override may set the method)']],
  ['DELETE /webhooks/{id}', ['wcDeleteWebhook', 'Delete a webhook']],
  ['GET /webhooks/{id}/deliveries', ['wcListDeliveries', "A webhook's deliveries (hookd's attempts), newest first"]],
  ['GET /webhooks/{id}/deliveries/{deliveryId}', ['wcGetDelivery', 'One delivery']],
]);

const QUERY = (names: string[]) => names.map((name) => ({ in: 'query', name, required: false, schema: { type: 'string' } }));
const LIST_QUERY = QUERY(['filter[limit]', 'filter[offset]', 'page', 'status', 'filter[created_at_min]', 'filter[created_at_max]', 'filter[order]', 'filter[orderby]', 'fields']);

/** The face's paths as OpenAPI path items, to merge into the native document. */
export function wooCommercePaths(): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, [status, schema]] of SUCCESS) {
    const [method, path] = key.split(' ');
    const [operationId, summary] = SUMMARIES.get(key)!;
    const parameters = [
      ...[...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ in: 'path', name, required: true, schema: { type: 'integer', minimum: 1 } })),
      ...(key === 'GET /webhooks' || key === 'GET /webhooks/{id}/deliveries' ? LIST_QUERY : method === 'GET' ? QUERY(['fields']) : []),
    ];
    const item = (paths[`${WOO_PREFIX}${path}`] ??= {});
    item[method.toLowerCase()] = {
      operationId,
      summary,
      tags: ['woocommerce'],
      security: [{ wooBasic: [] }, { wooQueryKey: [], wooQuerySecret: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(method === 'POST' || method === 'PUT' ? { requestBody: { required: true, content: { 'application/json': { schema: WebhookInput } } } } : {}),
      responses: {
        [status]: { description: 'OK', content: { 'application/json': { schema } } },
        '4XX': { description: 'WooCommerce\'s error shape', content: { 'application/json': { schema: WooError } } },
        '5XX': { description: 'WooCommerce\'s error shape', content: { 'application/json': { schema: WooError } } },
      },
    };
  }
  return paths;
}

/** Security schemes the face's operations name. */
export const WOO_SECURITY_SCHEMES = {
  wooBasic: { type: 'http' as const, scheme: 'basic', description: 'consumer key : consumer secret (or one-legged OAuth 1.0a in the query)' },
  wooQueryKey: { type: 'apiKey' as const, in: 'query', name: 'consumer_key' },
  wooQuerySecret: { type: 'apiKey' as const, in: 'query', name: 'consumer_secret' },
};

/**
 * The schema an answer of the face must match: by its route (as Fastify names it, `/webhooks/:id`), the
 * method it was served as (after `_method` and overrides; HEAD is GET) and its status.
 */
export function documentedAnswer(routeUrl: string, method: string, status: number): TSchema | null {
  if (status >= 400) return WooError;
  const path = routeUrl.replace(/^\/webhook\/:id/, '/webhooks/:id').replace(/:(\w+)/g, '{$1}');
  const effective = method === 'POST' || method === 'PATCH' ? (path === '/webhooks' ? 'POST' : 'PUT') : method === 'HEAD' ? 'GET' : method;
  const found = SUCCESS.get(`${effective} ${path}`);
  return found && found[0] === status ? found[1] : null;
}
