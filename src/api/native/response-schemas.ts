/**
 * What the native API answers, as TypeBox schemas: the OpenAPI document's responses (and so the typed
 * client's types). They document present.ts; the wire is still written by JSON.stringify (server.ts), so a
 * field missing here is never silently dropped. In tests every answer is checked against them
 * (HOOKD_CHECK_RESPONSES, response-check.ts).
 */
import { Type, type TSchema } from 'typebox';

const Time = Type.String({ format: 'date-time' });
const TimeOrNull = Type.Union([Time, Type.Null()]);
const StringOrNull = Type.Union([Type.String(), Type.Null()]);
const IntegerOrNull = Type.Union([Type.Integer(), Type.Null()]);
const NumberOrNull = Type.Union([Type.Number(), Type.Null()]);
const StringMap = Type.Record(Type.String(), Type.String());

export const WorkspaceView = Type.Object({ id: Type.String(), name: Type.String(), createdAt: Time }, {
  title: 'Workspace', examples: [{ id: '5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10', name: 'my shop', createdAt: '2024-05-01T12:00:00.000Z' }],
});

const apiKeyFields = {
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'the first characters of the key, to tell keys apart' }),
  consumerKeyEnding: Type.String(),
  createdAt: Time,
  lastUsedAt: TimeOrNull,
  revokedAt: TimeOrNull,
};
const apiKeyExample = {
  id: '01a236b6-d4ab-71db-83a8-6818b9b11494', name: 'backend', prefix: 'hk_Utqeg4F', consumerKeyEnding: '218817',
  createdAt: '2024-05-01T12:00:00.000Z', lastUsedAt: null, revokedAt: null,
};
export const ApiKeyView = Type.Object(apiKeyFields, { title: 'ApiKey', examples: [apiKeyExample] });
export const IssuedApiKeyView = Type.Object({
  ...apiKeyFields,
  key: Type.String({ description: 'the bearer token of the native API (hk_…), shown this once' }),
  consumerKey: Type.String({ description: 'the same key for the WooCommerce and JSON-RPC APIs (ck_…), shown this once' }),
  consumerSecret: Type.String({ description: 'cs_…, shown this once' }),
}, {
  title: 'IssuedApiKey',
  examples: [{ ...apiKeyExample, key: 'hk_Utqeg4FToD_gESvrGWupVMbNfo3vPOCQMtfp1Lg0', consumerKey: 'ck_86348069a212974ccaf5c418b64979436c218817', consumerSecret: 'cs_9be4191bc085f8e6d577950cfb70052a755b6f43' }],
});

export const EventTypeView = Type.Object({
  name: Type.String(),
  title: Type.String(),
  category: Type.String(),
  description: Type.String(),
  documentation: Type.Null(),
  builtIn: Type.Boolean(),
  deprecated: Type.Boolean(),
  schema: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  example: Type.Record(Type.String(), Type.Unknown()),
}, { title: 'EventType', examples: [{ name: 'order.created', title: 'Order Created', category: 'order', description: 'Sent when an order is created', documentation: null, builtIn: true, deprecated: false, schema: null, example: { id: 42 } }] });

const webhookFields = {
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  active: Type.Boolean(),
  status: Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('disabled')]),
  disabledReason: StringOrNull,
  failureCount: Type.Integer(),
  headers: StringMap,
  description: Type.String(),
  pausedBehavior: Type.Union([Type.Literal('queue'), Type.Literal('drop')]),
  format: Type.Union([Type.Literal('standard'), Type.Literal('woocommerce'), Type.Literal('shipstream')]),
  filter: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  retrySchedule: Type.Union([Type.String(), Type.Null()]),
  transform: StringOrNull,
  ordering: Type.Union([Type.Literal('none'), Type.Literal('fifo')]),
  rateLimit: Type.Union([Type.Object({ perSecond: Type.Integer() }), Type.Null()]),
  signing: Type.Union([Type.Literal('hmac'), Type.Literal('ed25519')]),
  publicKey: Type.Union([Type.String({ description: 'the Ed25519 public key deliveries are signed with (whpk_…)' }), Type.Null()]),
  keyId: Type.Union([Type.String({ description: 'its id: the kid in the workspace\'s JWKS and in each delivery\'s webhook-key-id' }), Type.Null()]),
  createdAt: Time,
  updatedAt: Time,
};
const webhookExample = {
  id: '0b7e9c1a-3f5d-4e2b-8a6c-9d1e2f3a4b5c', name: 'orders to my shop', url: 'https://shop.example.com/hooks', events: ['order.created'],
  active: true, status: 'active', disabledReason: null, failureCount: 0, headers: { Authorization: '********' }, description: '',
  pausedBehavior: 'queue', format: 'standard', filter: { 'data.total': { $gte: 100 } }, retrySchedule: null, transform: null, ordering: 'none', rateLimit: null,
  signing: 'ed25519', publicKey: 'whpk_irrbSfknyZdzewkbeYXCVlwsQPaUTPTTP2jJ0EW0pMA=', keyId: 'LlqQFbSesboTTDFYbxTzLaxcQInpsen1D1V-qXA2y7k',
  createdAt: '2024-05-01T12:00:00.000Z', updatedAt: '2024-05-01T12:00:00.000Z',
};
export const WebhookView = Type.Object(webhookFields, { title: 'Webhook', examples: [webhookExample] });
export const WebhookWithSecretView = Type.Object({
  ...webhookFields,
  secret: Type.Optional(Type.String({ description: 'the signing secret hookd generated: only in the answer that generated it' })),
}, { title: 'WebhookWithGeneratedSecret', examples: [{ ...webhookExample, signing: 'hmac', publicKey: null, keyId: null, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }] });

export const SecretView = Type.Object({
  signing: Type.Union([Type.Literal('hmac'), Type.Literal('ed25519')]),
  secret: Type.Union([Type.String(), Type.Null()], { description: 'the HMAC secret; null for an ed25519 webhook, whose private key is never shown' }),
  publicKey: Type.Union([Type.String(), Type.Null()], { description: 'an ed25519 webhook\'s public key (whpk_…)' }),
  keyId: StringOrNull,
  previousSecret: Type.Union([Type.String(), Type.Null()], { description: 'during a grace period, the HMAC secret that still signs too' }),
  previousPublicKey: Type.Union([Type.String(), Type.Null()], { description: 'during a grace period, the Ed25519 public key that still signs too' }),
  previousKeyId: StringOrNull,
  previousSecretExpiresAt: Type.Union([Time, Type.Null()], { description: 'when the grace period of the previous secret or key ends' }),
}, {
  title: 'SigningSecret',
  examples: [
    { signing: 'hmac', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', publicKey: null, keyId: null, previousSecret: null, previousPublicKey: null, previousKeyId: null, previousSecretExpiresAt: null },
    {
      signing: 'ed25519', secret: null, publicKey: 'whpk_irrbSfknyZdzewkbeYXCVlwsQPaUTPTTP2jJ0EW0pMA=', keyId: 'LlqQFbSesboTTDFYbxTzLaxcQInpsen1D1V-qXA2y7k',
      previousSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', previousPublicKey: null, previousKeyId: null, previousSecretExpiresAt: '2024-05-02T12:00:00.000Z',
    },
  ],
});

export const JwksView = Type.Object({
  keys: Type.Array(Type.Object({
    kty: Type.Literal('OKP'),
    crv: Type.Literal('Ed25519'),
    x: Type.String({ description: 'the public key, base64url' }),
    kid: Type.String({ description: 'its RFC 7638 thumbprint, as deliveries name it in webhook-key-id' }),
    use: Type.Literal('sig'),
    alg: Type.Literal('EdDSA'),
  }), { description: 'the Ed25519 public keys the workspace\'s webhooks sign with now: current keys, and rotated-out keys until their grace period ends' }),
}, {
  title: 'JsonWebKeySet',
  examples: [{ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'irrbSfknyZdzewkbeYXCVlwsQPaUTPTTP2jJ0EW0pMA', kid: 'LlqQFbSesboTTDFYbxTzLaxcQInpsen1D1V-qXA2y7k', use: 'sig', alg: 'EdDSA' }] }],
});

export const FilterCheckView = Type.Object({ matches: Type.Boolean() }, { title: 'FilterCheck', examples: [{ matches: true }] });
export const TransformCheckView = Type.Object({
  request: Type.Union([Type.Object({
    method: Type.Union([Type.Literal('POST'), Type.Literal('PUT')]),
    url: Type.String(),
    headers: Type.Record(Type.String(), Type.String(), { description: 'the transform\'s extra headers (sensitive values masked)' }),
    body: Type.String({ description: 'the body as it would be sent and signed' }),
  }), Type.Null()]),
  error: Type.Union([Type.String({ description: 'why the transform made no request: what stopped it, or what is wrong with its result' }), Type.Null()]),
}, {
  title: 'TransformCheck',
  examples: [{ request: { method: 'PUT', url: 'https://shop.example.com/hooks/orders/42', headers: { 'X-Event': 'order.created' }, body: '{"order":42}' }, error: null }],
});
export const CountView = Type.Object({ count: Type.Integer() }, { title: 'Count', examples: [{ count: 3 }] });
export const ResentView = Type.Object({
  resent: Type.Integer({ description: 'failed deliveries due again when this answered' }),
  more: Type.Boolean({ description: 'true: a big recovery goes on in the background, a chunk at a time' }),
}, { title: 'Resent', examples: [{ resent: 12, more: false }] });

const eventFields = {
  id: Type.String(),
  type: Type.String(),
  data: Type.Unknown({ description: 'the JSON object published' }),
  idempotencyKey: StringOrNull,
  createdAt: Time,
};
export const PublishedEventView = Type.Object({
  ...eventFields,
  deliveryCount: Type.Integer(),
  replayed: Type.Boolean({ description: 'true when an earlier publish with the same idempotency key answered instead' }),
}, { title: 'PublishedEvent', examples: [{ id: 'e1f2…', type: 'order.created', data: { id: 42 }, idempotencyKey: null, createdAt: '2024-05-01T12:00:00.000Z', deliveryCount: 2, replayed: false }] });

export const EventSummaryView = Type.Object({
  id: Type.String(),
  type: Type.String(),
  idempotencyKey: StringOrNull,
  createdAt: Time,
  deliveryCount: Type.Integer(),
  succeeded: Type.Integer(),
  failed: Type.Integer(),
  pending: Type.Integer({ description: 'deliveries not finished: pending, sending or held' }),
}, { title: 'EventSummary', examples: [{ id: 'e1f2…', type: 'order.created', idempotencyKey: null, createdAt: '2024-05-01T12:00:00.000Z', deliveryCount: 2, succeeded: 1, failed: 0, pending: 1 }] });

const deliveryFields = {
  id: Type.String(),
  eventId: Type.String(),
  eventType: Type.String(),
  webhookId: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('sending'), Type.Literal('held'), Type.Literal('queued'), Type.Literal('succeeded'), Type.Literal('failed')]),
  attemptCount: Type.Integer(),
  nextAttemptAt: TimeOrNull,
  lastAttemptAt: TimeOrNull,
  lastResponseCode: IntegerOrNull,
  lastError: StringOrNull,
  lastDurationMs: NumberOrNull,
  createdAt: Time,
  updatedAt: Time,
};
const deliveryExample = {
  id: 'd4c3…', eventId: 'e1f2…', eventType: 'order.created', webhookId: '0b7e…', status: 'succeeded', attemptCount: 1, nextAttemptAt: null,
  lastAttemptAt: '2024-05-01T12:00:00.050Z', lastResponseCode: 200, lastError: null, lastDurationMs: 12.4, createdAt: '2024-05-01T12:00:00.000Z', updatedAt: '2024-05-01T12:00:00.063Z',
};
export const DeliveryView = Type.Object(deliveryFields, { title: 'Delivery', examples: [deliveryExample] });

export const AttemptView = Type.Object({
  id: Type.Integer(),
  deliveryId: StringOrNull,
  webhookId: Type.String(),
  eventType: Type.String(),
  trigger: Type.Union([Type.Literal('scheduled'), Type.Literal('manual'), Type.Literal('test')]),
  test: Type.Boolean(),
  success: Type.Boolean(),
  request: Type.Object({ url: Type.String(), method: Type.Literal('POST'), headers: StringMap, body: StringOrNull }),
  response: Type.Union([Type.Object({ code: Type.Integer(), message: StringOrNull, headers: StringMap, body: StringOrNull }), Type.Null()]),
  durationMs: Type.Number(),
  error: StringOrNull,
  createdAt: Time,
}, { title: 'Attempt', examples: [attemptExample()] });
export const DeliveryWithAttemptsView = Type.Object({ ...deliveryFields, attempts: Type.Array(AttemptView) }, {
  title: 'DeliveryWithAttempts', examples: [{ ...deliveryExample, attempts: [attemptExample()] }],
});
export const EventWithDeliveriesView = Type.Object({ ...eventFields, deliveries: Type.Array(DeliveryView) }, {
  title: 'EventWithDeliveries',
  examples: [{ id: 'e1f2…', type: 'order.created', data: { id: 42 }, idempotencyKey: null, createdAt: '2024-05-01T12:00:00.000Z', deliveries: [deliveryExample] }],
});

function attemptExample() {
  return {
    id: 7, deliveryId: 'd4c3…', webhookId: '0b7e…', eventType: 'order.created', trigger: 'scheduled', test: false, success: true,
    request: { url: 'https://shop.example.com/hooks', method: 'POST', headers: { 'content-type': 'application/json', 'webhook-signature': '********' }, body: '{"type":"order.created","data":{"id":42}}' },
    response: { code: 200, message: 'OK', headers: { 'content-type': 'text/plain' }, body: 'ok' },
    durationMs: 12.4, error: null, createdAt: '2024-05-01T12:00:00.050Z',
  };
}

export const TestReportView = Type.Object({
  startedAt: Time,
  testsRun: Type.Integer(),
  testsSucceeded: Type.Integer(),
  testsFailed: Type.Integer(),
  tests: Type.Array(Type.Object({
    event: Type.String(), url: Type.String(), success: Type.Boolean(), responseCode: IntegerOrNull, durationMs: Type.Number(), error: StringOrNull,
  })),
}, {
  title: 'TestReport',
  examples: [{ startedAt: '2024-05-01T12:00:00.000Z', testsRun: 1, testsSucceeded: 1, testsFailed: 0, tests: [{ event: 'order.created', url: 'https://shop.example.com/hooks', success: true, responseCode: 200, durationMs: 12.4, error: null }] }],
});

const ErrorView = Type.Object({
  data: Type.Null(),
  error: Type.Object({
    code: Type.String({ description: 'VALIDATION_ERROR, UNAUTHORIZED, FORBIDDEN, RESOURCE_NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, …' }),
    message: Type.String(),
    details: Type.Union([Type.Object({ field: Type.String() }), Type.Null()]),
  }),
}, { examples: [{ data: null, error: { code: 'VALIDATION_ERROR', message: 'url: must be an http:// or https:// URL', details: { field: 'url' } } }] });

/** Every native error, whatever the route: the envelope with `data: null`. */
const errors = { '4xx': ErrorView, '5xx': ErrorView } as const;

/** `{"data": <schema>, "error": null}` with `status`, and the error envelope for every 4xx and 5xx. */
export function answers<S extends 200 | 201 | 202, T extends TSchema>(status: S, schema: T) {
  const success = Type.Object({ data: schema, error: Type.Null() });
  return { [status]: success, ...errors } as { [K in S]: typeof success } & typeof errors;
}

/** A page: `{"data": [<schema>…], "error": null, "page": {"limit", "nextCursor"}}`. */
export function pages(schema: TSchema) {
  return {
    200: Type.Object({
      data: Type.Array(schema),
      error: Type.Null(),
      page: Type.Object({ limit: Type.Integer(), nextCursor: StringOrNull }),
    }),
    ...errors,
  };
}

/** A document answered as it is, outside the envelope (a JWKS), and the error envelope. */
export function bare<T extends TSchema>(schema: T) {
  return { 200: schema, ...errors };
}

/** `204 No Content`, and the error envelope. */
export const noContent = { 204: Type.Unsafe<undefined>({ description: 'No Content' }), ...errors };

const portalSettingsExample = { displayName: 'Acme Shop', logoUrl: 'https://acme.example/logo.png', accentColor: '#0b5cad', frameAncestors: ['https://app.acme.example'] };
export const PortalSettingsView = Type.Object({
  displayName: StringOrNull,
  logoUrl: StringOrNull,
  accentColor: StringOrNull,
  frameAncestors: Type.Array(Type.String()),
}, { title: 'PortalSettings', examples: [portalSettingsExample] });

export const UiSessionView = Type.Object({
  kind: Type.Union([Type.Literal('admin'), Type.Literal('workspace'), Type.Literal('portal')]),
  workspace: Type.Union([WorkspaceView, Type.Null()]),
  readOnly: Type.Boolean(),
  expiresAt: Time,
  csrfToken: Type.String({ description: 'send it back in X-CSRF-Token with every change made with this session' }),
  portal: Type.Union([PortalSettingsView, Type.Null()], { description: 'the branding of a portal session\'s workspace' }),
}, {
  title: 'UiSession',
  examples: [{ kind: 'portal', workspace: { id: '5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10', name: 'my shop', createdAt: '2024-05-01T12:00:00.000Z' }, readOnly: false, expiresAt: '2024-05-01T13:00:00.000Z', csrfToken: '3f1e…', portal: portalSettingsExample }],
});

export const PortalLinkView = Type.Object({
  url: Type.String({ description: 'open it once: it signs its visitor in to this workspace\'s portal' }),
  expiresAt: Time,
}, { title: 'PortalLink', examples: [{ url: 'https://hookd.example/ui/portal/5f0c6a3e-8d1b-4f9e-9a51-0c2b7d6e4a10#token=9c2f…', expiresAt: '2024-05-01T13:00:00.000Z' }] });

export const WorkspaceHealthView = Type.Object({
  window: Type.Union([Type.Literal('24h'), Type.Literal('7d')]),
  since: Time,
  bucketSeconds: Type.Integer(),
  webhooks: Type.Array(Type.Object({
    webhookId: Type.String(),
    deliveries: Type.Object({ succeeded: Type.Integer(), failed: Type.Integer(), pending: Type.Integer() }),
    attempts: Type.Integer(),
    succeededAttempts: Type.Integer(),
    successRate: NumberOrNull,
    p95DurationMs: IntegerOrNull,
    lastFailure: Type.Union([Type.Object({ at: Time, responseCode: IntegerOrNull, error: StringOrNull }), Type.Null()]),
  })),
  series: Type.Array(Type.Object({ at: Time, succeeded: Type.Integer(), failed: Type.Integer() })),
}, {
  title: 'WorkspaceHealth',
  examples: [{
    window: '24h', since: '2024-05-01T00:00:00.000Z', bucketSeconds: 3600,
    webhooks: [{ webhookId: '0c1d…', deliveries: { succeeded: 120, failed: 2, pending: 1 }, attempts: 130, succeededAttempts: 120, successRate: 0.923, p95DurationMs: 180, lastFailure: { at: '2024-05-01T10:12:00.000Z', responseCode: 503, error: null } }],
    series: [{ at: '2024-05-01T00:00:00.000Z', succeeded: 10, failed: 1 }],
  }],
});
