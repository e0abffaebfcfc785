/**
 * Notices of new work name their webhooks (core/work-notice.ts): gathered over a burst, carried in
 * PostgreSQL's notification payload, and held against the webhooks a dispatcher has lately been sending
 * to (delivery/recently-taken.ts).
 */
import { describe, expect, it } from 'vitest';
import { GatheredWork, MAX_NAMED_WEBHOOKS } from '../../src/core/work-notice.ts';
import { RECENT_MS, RecentlyTaken } from '../../src/delivery/recently-taken.ts';
import type { ClaimBatch } from '../../src/core/ports/store.ts';
import { webhooksOfPayload, workPayload } from '../../src/store/postgres-signals.ts';

describe('gathered work', () => {
  it('names every webhook of the burst once, and starts again empty', () => {
    const gathered = new GatheredWork();
    // The first notice of a burst says so: its caller sends the burst, once.
    expect(gathered.add([3, 1])).toBe(true);
    expect(gathered.add([1, 2])).toBe(false);
    expect(gathered.take()).toEqual([3, 1, 2]);
    expect(gathered.take()).toEqual([]);
    expect(gathered.add([4])).toBe(true);
    expect(gathered.take()).toEqual([4]);
  });

  it('says "any" once one notice did not say, or past the webhooks a notice names', () => {
    const gathered = new GatheredWork();
    gathered.add([1]);
    gathered.add(null);
    gathered.add([2]);
    expect(gathered.take()).toBeNull();
    gathered.add(Array.from({ length: MAX_NAMED_WEBHOOKS }, (_, i) => i));
    expect(gathered.take()).toHaveLength(MAX_NAMED_WEBHOOKS);
    gathered.add(Array.from({ length: MAX_NAMED_WEBHOOKS + 1 }, (_, i) => i));
    expect(gathered.take()).toBeNull();
  });
});

describe('the notification payload', () => {
  it('carries the webhooks there and back', () => {
    expect(webhooksOfPayload(workPayload([7, 12, 3]) ?? undefined)).toEqual([7, 12, 3]);
    expect(workPayload(null)).toBeNull();
    expect(webhooksOfPayload(undefined)).toBeNull();
    expect(webhooksOfPayload('')).toBeNull();
  });

  it('reads anything else as "any": a notice read wrong may wake a dispatcher, never keep one asleep', () => {
    const hostile = ['work:', 'work:1,', 'work:,1', 'work:1,,2', 'work:-1', 'work:1e3', 'work:0x10', 'work: 1', 'WORK:1',
      'work:1234567890123456', 'stopped:1', 'work:constructor', `work:${Array.from({ length: MAX_NAMED_WEBHOOKS + 1 }, (_, i) => i).join(',')}`,
      `work:${'1,'.repeat(4000)}1`];
    for (const payload of hostile) expect(webhooksOfPayload(payload), payload.slice(0, 40)).toBeNull();
  });
});

/** A claim at `now` that took a delivery of each webhook of `took` and left the due work of `left` and `resting` behind. */
function claim(recent: RecentlyTaken, now: number, took: number[], left: number[] = [], resting: number[] = []): void {
  const batch = Object.assign(took.map((seq) => ({ webhook: { seq } })) as unknown as ClaimBatch, { leftBehind: left });
  recent.claimed(batch, resting, now);
}

describe('webhooks recently taken', () => {
  it('are those a claim took work of, until a while has passed or a claim left their work behind', () => {
    const recent = new RecentlyTaken();
    claim(recent, 1000, [1, 2]);
    expect(recent.mayTake([1], 1000)).toBe(true);
    // Any one of them named is enough; none of them, not.
    expect(recent.mayTake([3, 2], 1500)).toBe(true);
    expect(recent.mayTake([3], 1500)).toBe(false);
    claim(recent, 1500, [], [2]);
    expect(recent.mayTake([2], 1500)).toBe(false);
    // Resting here counts as left behind; a notice without names is nobody's in particular.
    claim(recent, 1500, [4]);
    claim(recent, 1500, [], [], [4]);
    expect(recent.mayTake([4], 1500)).toBe(false);
    expect(recent.mayTake(null, 1500)).toBe(false);
    expect(recent.mayTake([1], 999 + RECENT_MS)).toBe(true);
    expect(recent.mayTake([1], 1000 + RECENT_MS)).toBe(false);
    // Taken again, counted again from then.
    claim(recent, 1000 + RECENT_MS, [1]);
    expect(recent.mayTake([1], 1001 + RECENT_MS)).toBe(true);
  });

  it('are remembered in bounded number, those taken longest ago forgotten first', () => {
    const recent = new RecentlyTaken();
    for (let webhook = 0; webhook < 10_000; webhook++) claim(recent, 1000, [webhook]);
    expect(recent.mayTake([9_999], 1001)).toBe(true);
    expect(recent.mayTake([0], 1001)).toBe(false);
  });
});
