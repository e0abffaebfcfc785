/** Publishing: validate, de-duplicate by idempotency key, fan out to every subscribed webhook in one transaction. */
import type { PublishResult, RouteDecision, WebhookRoute } from './ports/store.ts';
import type { CoreContext } from './context.ts';
import { Conflict, Invalid, NotFound, UnknownEvent } from './errors.ts';
import { formatDuration } from '../util/duration.ts';
import type { EventTypes } from './event-types.ts';
import type { Delivery, Event, EventSummary, Page, PageRequest, Workspace } from './model.ts';
import { patternsMatching } from './topics.ts';
import { isOperationalType } from './operational-events.ts';
import { requireObject, validateJsonDepth } from './validation.ts';
import { passes, type FilteredEvent } from './payload-filter.ts';
import { checkEventData } from './event-schemas.ts';
import { parseEventTypeFilter, parseTimeRange, type TimeRangeInput } from './list-filters.ts';
import { ATTR, endWithError, startPublishSpan, traceParentOf } from './spans.ts';

/** Which events the log shows, as a caller asks for them. */
export interface EventQuery extends TimeRangeInput {
  type?: string;
}

export interface PublishInput {
  type: string;
  data: unknown;
  idempotencyKey?: string;
  /** What payload filters may look at besides the data (`metadata.*`); not sent, not stored. */
  metadata?: unknown;
}

/** Bounds of a publish's metadata: it is read by filters only. */
const MAX_METADATA_BYTES = 16 * 1024;

/**
 * Which of the webhooks subscribed to an event get a delivery of it: those whose payload filter it passes;
 * active ones now, paused ones held (or skipped, if they drop).
 */
export function route(subscribed: WebhookRoute[], event: FilteredEvent): RouteDecision[] {
  const decisions: RouteDecision[] = [];
  for (const webhook of subscribed) {
    if (!passes(webhook.filter, event)) continue;
    if (webhook.status === 'active') decisions.push({ webhookSeq: webhook.seq, held: false });
    else if (webhook.status === 'paused' && webhook.pausedBehavior === 'queue') decisions.push({ webhookSeq: webhook.seq, held: true });
  }
  return decisions;
}

/** Whether a replayed event is the one this publish asks for: the same type and the same data (key order aside). */
function samePublish(event: Event, type: string, data: unknown): boolean {
  return event.type === type && canonicalJson(JSON.parse(event.dataJson)) === canonicalJson(data);
}

/** JSON with every object's keys sorted, so that equal data compares equal as text. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

export class Events {
  constructor(private readonly ctx: CoreContext, private readonly eventTypes: EventTypes) {}

  async publish(workspace: Workspace, input: PublishInput): Promise<PublishResult> {
    const span = startPublishSpan(workspace.id, input.type);
    try {
      const result = await this.publishInSpan(workspace, input, traceParentOf(span));
      if (span.isRecording()) span.setAttributes({ [ATTR.eventId]: result.event.id, [ATTR.deliveries]: result.deliveryCount, [ATTR.replayed]: result.replayed });
      span.end();
      return result;
    } catch (error) {
      endWithError(span, error);
      throw error;
    }
  }

  private async publishInSpan(workspace: Workspace, input: PublishInput, traceParent: string | null): Promise<PublishResult> {
    // Only hookd publishes its operational events: a forged `webhook.disabled` would mislead their receivers.
    if (isOperationalType(input.type)) throw new Invalid('type', `"${input.type}" is published by hookd itself (an operational event), not through the API`);
    const eventType = await this.eventTypes.find(workspace, input.type);
    if (!eventType) throw new UnknownEvent('type', input.type);
    const data = requireObject(input.data, 'data');
    validateJsonDepth(data, 'data');
    // A workspace's own type with a schema refuses data that does not match it (422), before anything is
    // stored. The built-in types' schemas document their payloads only (core/catalog-schemas.ts).
    if (eventType.schema && !eventType.builtIn) checkEventData(JSON.stringify(eventType.schema), data);
    const metadata = input.metadata === undefined ? {} : requireObject(input.metadata, 'metadata');
    validateJsonDepth(metadata, 'metadata', 20);
    if (JSON.stringify(metadata).length > MAX_METADATA_BYTES) throw new Invalid('metadata', `must be at most ${MAX_METADATA_BYTES} bytes of JSON`);
    const key = input.idempotencyKey;
    if (key !== undefined && (key.length === 0 || key.length > 255)) throw new Invalid('idempotencyKey', 'must be 1 to 255 characters');
    const now = this.ctx.now();
    // The store may route a publish more than once (a group retried alone): its last routing is what it stored.
    let routed: RouteDecision[] = [];
    const result = await this.ctx.store.events.publish({
      workspace,
      type: input.type,
      patterns: patternsMatching(input.type),
      dataJson: JSON.stringify(data),
      idempotencyKey: key ?? null,
      idempotencySince: now - this.ctx.settings.idempotencyWindowMs,
      now,
      traceParent,
    }, (subscribed) => (routed = route(subscribed, { type: input.type, data, metadata })));
    if (result.replayed && !samePublish(result.event, input.type, data)) {
      // As Stripe does: a key names one request; the same key with another body is a mistake worth hearing about.
      throw new Conflict(`idempotency key "${key}" was used within the last ${formatDuration(this.ctx.settings.idempotencyWindowMs)} for a different event (${result.event.id}); use a new key for a new event`, 'idempotencyKey');
    }
    // Held deliveries are not due: a publish to paused webhooks only wakes no one.
    const due = routed.filter((decision) => !decision.held).map((decision) => decision.webhookSeq);
    if (!result.replayed && due.length > 0) this.ctx.wake(due);
    return result;
  }

  /** The event log, newest first, by type (`order.created`, `order.*`) and time. */
  list(workspace: Workspace, query: EventQuery, page: PageRequest): Promise<Page<EventSummary>> {
    const type = parseEventTypeFilter(query.type, 'type');
    return this.ctx.store.events.list(workspace, { ...parseTimeRange(query), ...(type ? { type } : {}) }, page);
  }

  async get(workspace: Workspace, id: string): Promise<{ event: Event; deliveries: Delivery[] }> {
    const event = await this.ctx.store.events.get(workspace, id);
    if (!event) throw new NotFound('event');
    return { event, deliveries: await this.ctx.store.deliveries.listForEvent(event.seq) };
  }
}
