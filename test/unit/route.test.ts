import { describe, expect, it } from 'vitest';
import { route } from '../../src/core/events.ts';
import { matches, patternsMatching } from '../../src/core/topics.ts';

describe('route', () => {
  it('sends to active subscribers, holds for paused ones that queue, skips paused ones that drop', () => {
    const subscribed = [
      { seq: 1, status: 'active' as const, pausedBehavior: 'queue' as const, filter: null },
      { seq: 2, status: 'paused' as const, pausedBehavior: 'queue' as const, filter: null },
      { seq: 3, status: 'paused' as const, pausedBehavior: 'drop' as const, filter: null },
      { seq: 4, status: 'disabled' as const, pausedBehavior: 'queue' as const, filter: null },
    ];
    const event = { type: 'order.created', data: { total: 50 } };
    expect(route(subscribed, event)).toEqual([{ webhookSeq: 1, held: false }, { webhookSeq: 2, held: true }]);
    expect(route([], event)).toEqual([]);
  });

  it('skips a webhook whose payload filter the event does not pass, active or held', () => {
    const filter = JSON.stringify({ 'data.total': { $gte: 100 } });
    const subscribed = [
      { seq: 1, status: 'active' as const, pausedBehavior: 'queue' as const, filter },
      { seq: 2, status: 'paused' as const, pausedBehavior: 'queue' as const, filter },
      { seq: 3, status: 'active' as const, pausedBehavior: 'queue' as const, filter: null },
    ];
    expect(route(subscribed, { type: 'order.created', data: { total: 50 } })).toEqual([{ webhookSeq: 3, held: false }]);
    expect(route(subscribed, { type: 'order.created', data: { total: 150 } })).toEqual([
      { webhookSeq: 1, held: false }, { webhookSeq: 2, held: true }, { webhookSeq: 3, held: false },
    ]);
  });
});

describe('patternsMatching (what the store looks up in its subscription index)', () => {
  it('lists exactly the patterns that match an event name', () => {
    const names = ['order.created', 'job.status', 'action.woocommerce_add_to_cart', 'a.b.c', 'order.created_x'];
    const patterns = ['*', 'order.*', 'order.created', 'order.created.*', 'job.*', 'action.*', 'a.*', 'a.b.*', 'a.b.c', 'a.b.c.*', 'order.create', 'b.*', 'order.created_x'];
    for (const name of names) {
      for (const pattern of patterns) {
        expect(patternsMatching(name).includes(pattern), `${pattern} ~ ${name}`).toBe(matches(pattern, name));
      }
    }
  });
});
