import { describe, expect, it } from 'vitest';
import { route } from '../../src/core/events.ts';

describe('route', () => {
  it('sends to active subscribers, holds for paused ones that queue, skips paused ones that drop and non-subscribers', () => {
    const candidates = [
      { seq: 1, events: ['order.*'], status: 'active' as const, pausedBehavior: 'queue' as const },
      { seq: 2, events: ['order.created'], status: 'paused' as const, pausedBehavior: 'queue' as const },
      { seq: 3, events: ['*'], status: 'paused' as const, pausedBehavior: 'drop' as const },
      { seq: 4, events: ['coupon.created'], status: 'active' as const, pausedBehavior: 'queue' as const },
    ];
    expect(route('order.created', candidates)).toEqual([{ webhookSeq: 1, held: false }, { webhookSeq: 2, held: true }]);
    expect(route('coupon.created', candidates)).toEqual([{ webhookSeq: 4, held: false }]);
    expect(route('job.status', candidates)).toEqual([]);
  });
});
