/** Reading deliveries and their attempts, and re-sending one by hand. */
import type { AttemptFilter, DeliveryFilter } from './ports/store.ts';
import type { CoreContext } from './context.ts';
import { Conflict, Invalid, NotFound } from './errors.ts';
import { parseInstant } from './validation.ts';
import type { Attempt, AttemptTrigger, Delivery, DeliveryStatus, Page, PageRequest, Webhook, Workspace } from './model.ts';
import { parseEventTypeFilter, parseTimeRange, type TimeRangeInput } from './list-filters.ts';

/** Which attempts the workspace's log shows, as a caller asks for them. */
export interface AttemptQuery {
  webhookId?: string;
  trigger?: AttemptTrigger;
  newerThan?: number;
}

/** Which deliveries a list shows, as a caller asks for them. */
export interface DeliveryQuery extends TimeRangeInput {
  webhook?: Webhook;
  webhookId?: string;
  status?: DeliveryStatus;
  eventType?: string;
}

/**
 * A delivery's attempts shown with it, its latest. A schedule makes a dozen at most, but each resend
 * makes one more, as often as a client asks: the whole log is paged (GET …/webhooks/{id}/attempts).
 */
export const DELIVERY_ATTEMPTS_SHOWN = 100;

export class Deliveries {
  constructor(private readonly ctx: CoreContext) {}

  /** The workspace's deliveries, newest first; `query.webhookId` (or `webhook`) narrows them to one webhook's. */
  async list(workspace: Workspace, query: DeliveryQuery, page: PageRequest): Promise<Page<Delivery>> {
    const webhookSeq = query.webhook?.seq ?? await this.webhookSeq(workspace, query.webhookId);
    const filter: DeliveryFilter = {
      workspaceSeq: workspace.seq,
      ...parseTimeRange(query),
      ...(webhookSeq === undefined ? {} : { webhookSeq }),
      ...(query.status === undefined ? {} : { status: query.status }),
    };
    const eventType = parseEventTypeFilter(query.eventType, 'eventType');
    if (eventType) filter.eventType = eventType;
    return this.ctx.store.deliveries.list(filter, page);
  }

  async get(webhook: Webhook, id: string): Promise<{ delivery: Delivery; attempts: Attempt[] }> {
    const delivery = await this.ctx.store.deliveries.get(webhook.seq, id);
    if (!delivery) throw new NotFound('delivery');
    return { delivery, attempts: await this.ctx.store.deliveries.attempts(delivery.seq, DELIVERY_ATTEMPTS_SHOWN) };
  }

  attempts(webhook: Webhook, filter: { trigger?: AttemptTrigger }, page: PageRequest): Promise<Page<Attempt>> {
    return this.ctx.store.deliveries.workspaceAttempts({ workspaceSeq: webhook.workspaceSeq, webhookSeq: webhook.seq, ...filter }, page);
  }

  /**
   * Every attempt of the workspace (newest first), or those after `query.newerThan` (oldest first), to follow the log.
   * A trigger is checked attempt by attempt, so a filtered page reads a window of them at most and may end
   * early with a cursor (store/sql/scan-window.ts); a follower has no cursor to go on with, and would wait at
   * an empty window forever: following takes no trigger.
   */
  async workspaceAttempts(workspace: Workspace, query: AttemptQuery, page: PageRequest): Promise<Page<Attempt>> {
    if (query.newerThan !== undefined && query.trigger !== undefined) throw new Invalid('trigger', 'cannot be combined with newerThan: follow every attempt, or page them by trigger');
    const filter: AttemptFilter = { workspaceSeq: workspace.seq };
    const webhookSeq = await this.webhookSeq(workspace, query.webhookId);
    if (webhookSeq !== undefined) filter.webhookSeq = webhookSeq;
    if (query.trigger !== undefined) filter.trigger = query.trigger;
    if (query.newerThan !== undefined) filter.newerThan = query.newerThan;
    return this.ctx.store.deliveries.workspaceAttempts(filter, page);
  }

  /** The key of the workspace's webhook a list is narrowed to (404 if it has none of that id). */
  private async webhookSeq(workspace: Workspace, webhookId: string | undefined): Promise<number | undefined> {
    if (webhookId === undefined) return undefined;
    const webhook = await this.ctx.store.webhooks.get(workspace, webhookId);
    if (!webhook) throw new NotFound('webhook');
    return webhook.seq;
  }

  attemptsByOffset(webhook: Webhook, offset: number, limit: number) {
    return this.ctx.store.deliveries.webhookAttemptsByOffset(webhook.seq, offset, limit);
  }

  async attempt(webhook: Webhook, attemptSeq: number): Promise<Attempt> {
    const attempt = Number.isSafeInteger(attemptSeq) ? await this.ctx.store.deliveries.attemptBySeq(webhook.seq, attemptSeq) : null;
    if (!attempt) throw new NotFound('attempt');
    return attempt;
  }

  /**
   * Re-sends every failed delivery of the webhook since a time (default: all within retention), one more
   * attempt each, e.g. after re-activating a webhook that was disabled. Returns how many so far, and
   * whether more follow: a big recovery goes on in the background, a chunk at a time.
   */
  async recover(webhook: Webhook, since?: string): Promise<{ resent: number; more: boolean }> {
    const from = since === undefined ? 0 : parseInstant(since, 'since');
    if (webhook.status !== 'active') throw new Conflict(`the webhook is ${webhook.status}: activate it before re-sending`);
    const recovered = await this.ctx.store.deliveries.recover(webhook.seq, from, this.ctx.now());
    if (recovered.resent > 0) this.ctx.wake([webhook.seq]);
    return recovered;
  }

  /** One more attempt, now. Refused while the webhook cannot receive or the delivery is in flight. */
  async resend(webhook: Webhook, id: string): Promise<Delivery> {
    if (webhook.status !== 'active') throw new Conflict(`the webhook is ${webhook.status}: activate it before re-sending`);
    const { delivery } = await this.get(webhook, id);
    if (!(await this.ctx.store.deliveries.resend(delivery.seq, this.ctx.now()))) {
      throw new Conflict('the delivery is being sent right now');
    }
    // Read before the dispatcher is told: the answer is what the resend did (pending), not how far a
    // dispatcher quick to claim it got meanwhile (a CLI test saw `sending`).
    const { delivery: resent } = await this.get(webhook, id);
    this.ctx.wake([webhook.seq]);
    return resent;
  }
}
