/**
 * Notices of new work name their webhooks (core/work-notice.ts): gathered over a burst, carried in
 * PostgreSQL's notification payload, and held against the webhooks a dispatcher's claims left behind
 * (delivery/left-behind.ts).
 */
import { describe, expect, it } from 'vitest';
import { GatheredWork, MAX_NAMED_WEBHOOKS } from '../../src/core/work-notice.ts';
import { LEFT_BEHIND_MS, LeftBehind, webhooksWithoutRoom } from '../../src/delivery/left-behind.ts';
import { webhooksOfPayload, workPayload } from '../../src/store/postgres-signals.ts';

describe('gathered work', () => {
  it('names every webhook of the burst once, and starts again empty', () => {
    const gathered = new GatheredWork();
    gathered.add([3, 1]);
    gathered.add([1, 2]);
    expect(gathered.take()).toEqual([3, 1, 2]);
    expect(gathered.take()).toEqual([]);
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

describe('webhooks left behind', () => {
  it('are those a claim left, until a claim takes their work or a while has passed', () => {
    const left = new LeftBehind();
    left.left([1, 2], 1000);
    expect(left.mayTake([1], 1000)).toBe(false);
    expect(left.mayTake([1, 2], 1500)).toBe(false);
    // Any webhook not left behind may be work to take.
    expect(left.mayTake([1, 3], 1500)).toBe(true);
    left.took(2);
    expect(left.mayTake([2], 1500)).toBe(true);
    expect(left.mayTake([1], 1000 + LEFT_BEHIND_MS)).toBe(true);
    // Left again, remembered again from then.
    left.left([1], 1000 + LEFT_BEHIND_MS);
    expect(left.mayTake([1], 1001 + LEFT_BEHIND_MS)).toBe(false);
  });

  it('are remembered in bounded number, the oldest forgotten first', () => {
    const left = new LeftBehind();
    left.left(Array.from({ length: 10_000 }, (_, i) => i), 1000);
    // The newest are still remembered; the oldest beyond the bound are not.
    expect(left.mayTake([9_999], 1001)).toBe(false);
    expect(left.mayTake([0], 1001)).toBe(true);
  });

  it('include the webhooks a claim gave no room', () => {
    expect(webhooksWithoutRoom(new Map([[1, 0], [2, 3], [3, -1]]))).toEqual([1, 3]);
  });
});
