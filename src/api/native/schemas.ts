/** TypeBox schemas of the native API: they validate requests and document them in the OpenAPI spec. */
import { Type } from 'typebox';
import { MAX_SUBSCRIPTIONS } from '../../core/topics.ts';
import { MAX_RATE_PER_SECOND } from '../../core/flow-control.ts';
import { MAX_HEADERS, MAX_HEADER_VALUE, MAX_URL_LENGTH } from '../../core/validation.ts';

const strict = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1, maxLength: 100 });
const Url = Type.String({ minLength: 1, maxLength: MAX_URL_LENGTH, description: 'http:// or https:// URL, without credentials' });
const EventNames = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: MAX_SUBSCRIPTIONS, description: 'event names from the catalog, "resource.*" or "*"' });
const Headers = Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.String({ maxLength: MAX_HEADER_VALUE }), {
  maxProperties: MAX_HEADERS,
  description: 'extra request headers sent with every delivery; every value is stored encrypted, and values of sensitive names (Authorization, Cookie, names with token, key, secret, password, signature or hmac) are shown as "********" (sent back unchanged, the stored value stays)',
});
const Secret = Type.String({ minLength: 8, maxLength: 256, description: 'signing secret; leave it out and hookd generates one, shown once in this answer. Read it later with GET …/webhooks/{id}/secret' });
const Signing = Type.Enum(['hmac', 'ed25519'], {
  description: 'how deliveries are signed: hmac (v1, with the secret; the default) or ed25519 (v1a, with a key pair hookd generates and keeps; its public key is in the webhook and in the workspace\'s JWKS). Changing it rotates: the old secret or key keeps signing for the grace period. Left out of a PUT, it stays',
});
const PausedBehavior = Type.Enum(['queue', 'drop'], { description: 'events published while paused: kept for later (queue) or not (drop)' });

export const WorkspaceParams = Type.Object({ ws: Id }, strict);
export const WebhookParams = Type.Object({ ws: Id, id: Id }, strict);
export const DeliveryParams = Type.Object({ ws: Id, id: Id, deliveryId: Id }, strict);
export const KeyParams = Type.Object({ ws: Id, keyId: Id }, strict);
export const EventParams = Type.Object({ ws: Id, id: Id }, strict);

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 250, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: "the page's nextCursor: the next page (a filtered page reads at most 10 000 rows, so it may hold fewer items than the limit, or none, and still have a nextCursor)" })),
};
export const ListQuery = Type.Object(PageQuery, strict);
const TimeRange = {
  after: Type.Optional(Type.String({ maxLength: 40, format: 'date-time', description: 'only those created at or after this time (RFC 3339)' })),
  before: Type.Optional(Type.String({ maxLength: 40, format: 'date-time', description: 'only those created at or before this time (RFC 3339)' })),
};
const EventTypeFilter = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 100, description }));

const webhookFilters = {
  event: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'only webhooks an event of this type would reach (subscribed to it, to its resource.* or to *)' })),
  url: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'only webhooks whose URL contains this text (any case)' })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'only webhooks whose name contains this text (any case)' })),
  ...TimeRange,
};
export const WebhookCountQuery = Type.Object({
  status: Type.Optional(Type.Enum(['active', 'paused', 'disabled'])),
  ...webhookFilters,
}, strict);
export const WebhookListQuery = Type.Object({
  ...PageQuery,
  ...webhookFilters,
  status: Type.Optional(Type.Enum(['active', 'paused', 'disabled'], { description: 'active: receives deliveries; paused: by its owner (queued or dropped, see pausedBehavior); disabled: after failing too long, or by its owner' })),
}, strict);
export const EventListQuery = Type.Object({
  ...PageQuery,
  type: EventTypeFilter('an event type (order.created), every type of a resource (order.*), or *'),
  ...TimeRange,
}, strict);
const deliveryFilters = {
  eventType: EventTypeFilter('the event\'s type (order.created), every type of a resource (order.*), or *'),
  ...TimeRange,
};
const DeliveryStatus = Type.Enum(['pending', 'sending', 'held', 'queued', 'succeeded', 'failed'], {
  description: 'pending: waiting for its first attempt or its next retry; sending: an attempt is under way; held: its webhook is paused or disabled, and it goes out when the webhook is active again; queued: its fifo webhook is sending an earlier one, and it goes next; succeeded; failed: every attempt failed (resend or recover to try again)',
});
export const WorkspaceDeliveryListQuery = Type.Object({
  ...PageQuery,
  ...deliveryFilters,
  webhookId: Type.Optional(Id),
  status: Type.Optional(DeliveryStatus),
}, strict);
export const DeliveryListQuery = Type.Object({
  ...PageQuery,
  ...deliveryFilters,
  status: Type.Optional(DeliveryStatus),
}, strict);
export const AttemptListQuery = Type.Object({
  ...PageQuery,
  trigger: Type.Optional(Type.Enum(['scheduled', 'manual', 'test'], { description: 'scheduled: a delivery and its retries; manual: a resend or recover; test: a test send' })),
}, strict);
export const WorkspaceAttemptListQuery = Type.Object({
  ...PageQuery,
  trigger: Type.Optional(Type.Enum(['scheduled', 'manual', 'test'])),
  webhookId: Type.Optional(Id),
  newerThan: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'an attempt id: only the attempts made after it, oldest first (to follow the log; cursor is then not used, and trigger may not be given)' })),
}, strict);
export const CatalogQuery = Type.Object({ workspaceId: Type.Optional(Id) }, strict);

export const CreateWorkspace = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, strict);
export const RenameWorkspace = CreateWorkspace;
export const CreateApiKey = Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }, strict);

const EventSchema = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
  description: 'a JSON Schema (draft 2020-12) the data of its events must match (a publish that does not is refused with 422); no pattern or patternProperties; null removes it',
});
export const CreateEventType = Type.Object({
  name: Type.String({ minLength: 3, maxLength: 100 }),
  title: Type.Optional(Type.String({ maxLength: 200 })),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  example: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  deprecated: Type.Optional(Type.Boolean({ description: 'still published and subscribed to, but on its way out' })),
  schema: Type.Optional(EventSchema),
}, strict);
export const EventTypeParams = Type.Object({ ws: Id, name: Type.String({ minLength: 1, maxLength: 100 }) }, strict);
export const PatchEventType = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 200 })),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  example: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  deprecated: Type.Optional(Type.Boolean()),
  schema: Type.Optional(EventSchema),
}, strict);

const Filter = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
  description: 'payload filter: rules on type, data.* and metadata.* with $eq $neq $gt $gte $lt $lte $in $nin $exists $startsWith $endsWith $contains, $and $or $not, e.g. {"data.total": {"$gte": 100}}; null: every subscribed event',
});
const RetrySchedule = Type.Union([Type.String({ minLength: 1, maxLength: 300 }), Type.Null()], {
  description: 'its own delays after the first attempt, as HOOKD_RETRY_SCHEDULE writes them ("30s,5m,1h"): 1 to 20, each 100ms to 7d, 30d in all; null: the global schedule',
});
const Transform = Type.Union([Type.String({ minLength: 1, maxLength: 8192 }), Type.Null()], {
  description: 'a JSONata expression over the event {id, type, timestamp, data} that makes the request sent: {"body": …, "method": "POST"|"PUT", "headers": {…}, "path": "/suffix?query"}, or any other result as the body; null: the event as its format shapes it',
});
const Ordering = Type.Enum(['none', 'fifo'], {
  description: 'none: deliveries go out in parallel; fifo: one at a time in publish order, a failing one holding back those behind it until it succeeds or is given up',
});
const RateLimit = Type.Union([Type.Object({ perSecond: Type.Integer({ minimum: 1, maximum: MAX_RATE_PER_SECOND }) }, strict), Type.Null()], {
  description: 'at most this many requests to the endpoint per second, across every hookd process; deliveries beyond it wait; null: no limit',
});
const webhookFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  url: Url,
  events: EventNames,
  secret: Type.Optional(Secret),
  active: Type.Optional(Type.Boolean({ description: 'true: it receives deliveries; false: paused (the default on create)' })),
  headers: Type.Optional(Headers),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  pausedBehavior: Type.Optional(PausedBehavior),
  filter: Type.Optional(Filter),
  retrySchedule: Type.Optional(RetrySchedule),
  transform: Type.Optional(Transform),
  signing: Type.Optional(Signing),
  ordering: Type.Optional(Ordering),
  rateLimit: Type.Optional(RateLimit),
};
export const CreateWebhook = Type.Object(webhookFields, strict);
/** PATCH: the same fields, each optional, at least one. */
export const PatchWebhook = Type.Partial(Type.Object(webhookFields, strict), { ...strict, minProperties: 1 });
export const CheckFilter = Type.Object({
  event: Type.Object({
    type: Type.String({ minLength: 1, maxLength: 100 }),
    data: Type.Unknown({ description: 'a JSON object' }),
    metadata: Type.Optional(Type.Unknown({ description: 'a JSON object' })),
  }, strict),
}, strict);
export const CheckTransform = Type.Object({
  event: Type.Object({
    type: Type.String({ minLength: 1, maxLength: 100 }),
    data: Type.Unknown({ description: 'a JSON object' }),
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'default: msg_sample' })),
    timestamp: Type.Optional(Type.String({ maxLength: 40, description: 'RFC 3339; default: now' })),
  }, strict),
  transform: Type.Optional(Type.String({ minLength: 1, maxLength: 8192, description: 'an expression to try instead of the saved one' })),
}, strict);
export const RotateSecret = Type.Object({ secret: Type.Optional(Secret) }, strict);
export const Recover = Type.Object({ since: Type.Optional(Type.String({ format: 'date-time', description: 'only deliveries created at or after this time' })) }, strict);
export const RunTests = Type.Object({ event: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, strict);

export const PublishEvent = Type.Object({
  type: Type.String({ minLength: 1, maxLength: 100 }),
  data: Type.Unknown({ description: 'a JSON object: the event payload' }),
  idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  metadata: Type.Optional(Type.Unknown({ description: 'a JSON object that payload filters may test (metadata.*); neither sent nor stored' })),
}, strict);

export const SignIn = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200, description: 'the admin token or a workspace API key' }) }, strict);
export const OpenPortal = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200, description: 'the token of a portal link (after #token= in its URL)' }) }, strict);
export const CreatePortalSession = Type.Object({
  expiresIn: Type.Optional(Type.Integer({ minimum: 60, maximum: 604_800, description: 'seconds the link, and the portal session it opens, last (default 3600)' })),
  readOnly: Type.Optional(Type.Boolean({ description: 'the portal may look but not change anything' })),
}, strict);
export const PortalSettingsBody = Type.Object({
  displayName: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  logoUrl: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'an https:// image URL' })),
  accentColor: Type.Optional(Type.Union([Type.String({ maxLength: 7 }), Type.Null()], { description: '#rrggbb' })),
  frameAncestors: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 10, description: 'origins allowed to embed the portal in a frame, e.g. https://app.example.com' })),
}, strict);
export const HealthQuery = Type.Object({ window: Type.Optional(Type.Enum(['24h', '7d'], { description: 'default 24h' })) }, strict);
