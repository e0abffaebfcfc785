/** Publishing: validate, de-duplicate by idempotency key, fan out to every subscribed webhook in one transaction. */
import type { PublishResult, RouteDecision, WebhookRoute } from '../store/store.ts';
import type { CoreContext } from './context.ts';
import { Invalid, NotFound } from './errors.ts';
import type { EventTypes } from './event-types.ts';
import type { Delivery, Event, Workspace } from './model.ts';
import { patternsMatching } from './topics.ts';
import { requireObject, validateJsonDepth } from './validation.ts';

export interface PublishInput {
  type: string;
  data: unknown;
  idempotencyKey?: string;
}

/**
 * Which of the webhooks subscribed to an event get a delivery of it: active ones now; paused ones held
 * (or skipped, if they drop).
 */
export function route(subscribed: WebhookRoute[]): RouteDecision[] {
  const decisions: RouteDecision[] = [];
  for (const webhook of subscribed) {
    if (webhook.status === 'active') decisions.push({ webhookSeq: webhook.seq, held: false });
    else if (webhook.status === 'paused' && webhook.pausedBehavior === 'queue') decisions.push({ webhookSeq: webhook.seq, held: true });
  }
  return decisions;
}

export class Events {
  constructor(private readonly ctx: CoreContext, private readonly eventTypes: EventTypes) {}

  async publish(workspace: Workspace, input: PublishInput): Promise<PublishResult> {
    if (!(await this.eventTypes.find(workspace, input.type))) {
      throw new Invalid('type', `unknown event type "${input.type}": see GET /webhooks/events, or add it to the workspace's event types`);
    }
    const data = requireObject(input.data, 'data');
    validateJsonDepth(data, 'data');
    const key = input.idempotencyKey;
    if (key !== undefined && (key.length === 0 || key.length > 255)) throw new Invalid('idempotencyKey', 'must be 1 to 255 characters');
    const now = this.ctx.now();
    const result = await this.ctx.store.events.publish({
      workspace,
      type: input.type,
      patterns: patternsMatching(input.type),
      dataJson: JSON.stringify(data),
      idempotencyKey: key ?? null,
      idempotencySince: now - this.ctx.settings.idempotencyWindowMs,
      now,
    }, route);
    if (!result.replayed && result.deliveryCount > 0) this.ctx.wake();
    return result;
  }

  async get(workspace: Workspace, id: string): Promise<{ event: Event; deliveries: Delivery[] }> {
    const event = await this.ctx.store.events.get(workspace, id);
    if (!event) throw new NotFound('event');
    return { event, deliveries: await this.ctx.store.deliveries.listForEvent(event.seq) };
  }
}
