/** Reading deliveries and their attempts, and re-sending one by hand. */
import type { DeliveryFilter } from './ports/store.ts';
import type { CoreContext } from './context.ts';
import { Conflict, NotFound } from './errors.ts';
import { parseInstant } from './validation.ts';
import type { Attempt, AttemptTrigger, Delivery, Page, PageRequest, Webhook } from './model.ts';

export class Deliveries {
  constructor(private readonly ctx: CoreContext) {}

  list(webhook: Webhook, filter: DeliveryFilter, page: PageRequest): Promise<Page<Delivery>> {
    return this.ctx.store.deliveries.list(webhook.seq, filter, page);
  }

  async get(webhook: Webhook, id: string): Promise<{ delivery: Delivery; attempts: Attempt[] }> {
    const delivery = await this.ctx.store.deliveries.get(webhook.seq, id);
    if (!delivery) throw new NotFound('delivery');
    return { delivery, attempts: await this.ctx.store.deliveries.attempts(delivery.seq) };
  }

  attempts(webhook: Webhook, filter: { trigger?: AttemptTrigger }, page: PageRequest): Promise<Page<Attempt>> {
    return this.ctx.store.deliveries.webhookAttempts(webhook.seq, filter, page);
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
   * attempt each, e.g. after re-activating a webhook that was disabled. Returns how many.
   */
  async recover(webhook: Webhook, since?: string): Promise<number> {
    const from = since === undefined ? 0 : parseInstant(since, 'since');
    if (webhook.status !== 'active') throw new Conflict(`the webhook is ${webhook.status}: activate it before re-sending`);
    const count = await this.ctx.store.deliveries.recover(webhook.seq, from, this.ctx.now());
    if (count > 0) this.ctx.wake();
    return count;
  }

  /** One more attempt, now. Refused while the webhook cannot receive or the delivery is in flight. */
  async resend(webhook: Webhook, id: string): Promise<Delivery> {
    if (webhook.status !== 'active') throw new Conflict(`the webhook is ${webhook.status}: activate it before re-sending`);
    const { delivery } = await this.get(webhook, id);
    if (!(await this.ctx.store.deliveries.resend(delivery.seq, this.ctx.now()))) {
      throw new Conflict('the delivery is being sent right now');
    }
    this.ctx.wake();
    return (await this.get(webhook, id)).delivery;
  }
}
