/** The dispatcher's fair shares (lanes.ts), without HTTP: who starts next, adaptive limits, slow attempts, claim room. */
import { describe, expect, it } from 'vitest';
import { Lanes } from '../../src/delivery/lanes.ts';
import type { ClaimedDelivery } from '../../src/core/ports/store.ts';

const limits = { concurrency: 8, webhookConcurrency: 4, workspaceConcurrency: 6, slowConcurrency: 4, slowAfterMs: 1000 };
let seq = 0;
const delivery = (webhookSeq: number, workspaceSeq: number) =>
  ({ seq: ++seq, id: `d${seq}`, attemptCount: 0, trigger: 'scheduled', webhook: { seq: webhookSeq, workspaceSeq }, event: {} }) as unknown as ClaimedDelivery;

/** Starts everything that may start; returns the webhooks started, in order. */
function startAll(lanes: Lanes): number[] {
  const order: number[] = [];
  for (let next = lanes.next(); next; next = lanes.next()) {
    lanes.started(next.lane, 0);
    order.push(next.delivery.webhook.seq);
  }
  return order;
}

describe('Lanes', () => {
  it('gives each free slot to the workspace with the fewest active attempts, and keeps a share for the others', () => {
    const lanes = new Lanes(limits);
    for (let i = 0; i < 10; i++) lanes.add(delivery(1, 100));
    for (let i = 0; i < 10; i++) lanes.add(delivery(2, 100));
    lanes.add(delivery(3, 200));
    const order = startAll(lanes);
    // Workspace 100 gets at most 6 of the 8 slots; workspace 200's one delivery starts among the first.
    expect(order.slice(0, 2)).toContain(3);
    expect(order.filter((webhook) => webhook !== 3)).toHaveLength(6);
    expect(lanes.active).toBe(7);
    // Within workspace 100, its two webhooks take turns (4 slots each at first, by the starting limit).
    expect(order.filter((webhook) => webhook === 1).length).toBe(3);
  });

  it('runs no more of a webhook than the latest claim says other processes leave it', () => {
    const lanes = new Lanes({ ...limits, concurrency: 100, workspaceConcurrency: 100 });
    for (let i = 0; i < 6; i++) lanes.add({ ...delivery(5, 100), webhookShare: 2 });
    expect(startAll(lanes)).toEqual([5, 5]);
    // A later claim found more room: the share grows, up to the webhook's own limit (4 at first).
    lanes.add({ ...delivery(5, 100), webhookShare: 3 });
    expect(startAll(lanes)).toEqual([5]);
    lanes.add({ ...delivery(5, 100), webhookShare: 16 });
    expect(startAll(lanes)).toEqual([5]);
    expect(lanes.active).toBe(4);
  });

  it('starts a webhook at 4, grows its limit with attempts answered in time, halves it with slow failures', () => {
    const lanes = new Lanes({ ...limits, webhookConcurrency: 16, concurrency: 100, workspaceConcurrency: 100 });
    expect(lanes.limitOf(7)).toBe(4);
    for (let i = 0; i < 20; i++) lanes.answered(7, 5, true);
    expect(lanes.limitOf(7)).toBe(16);
    lanes.answered(7, 1500, true);
    expect(lanes.limitOf(7)).toBe(16);
    for (const expected of [8, 4, 2, 1, 1]) {
      lanes.answered(7, 15_000, false);
      expect(lanes.limitOf(7)).toBe(expected);
    }
    lanes.answered(7, 3, false);
    expect(lanes.limitOf(7)).toBe(2);
  });

  it("sets slow attempts aside, freeing their slots, up to the slow pool's size", () => {
    const lanes = new Lanes(limits);
    for (let i = 0; i < 6; i++) lanes.add(delivery(10 + i, 300 + i));
    const running = [];
    for (let next = lanes.next(); next; next = lanes.next()) running.push(lanes.started(next.lane, 0));
    expect(lanes.active).toBe(6);
    expect(running.map((r) => lanes.setAside(r))).toEqual([true, true, true, true, false, false]);
    expect([lanes.active, lanes.slow]).toEqual([2, 4]);
    lanes.finished(running[0]);
    expect([lanes.active, lanes.slow]).toEqual([2, 3]);
    lanes.finished(running[5]);
    expect([lanes.active, lanes.slow]).toEqual([1, 3]);
  });

  it('claims ahead for busy webhooks, nothing ahead for stalled ones, and within each workspace\'s share', () => {
    // Webhooks start at a limit of 4, below this concurrency of 8: one limit's worth ahead.
    const lanes = new Lanes({ ...limits, webhookConcurrency: 8 });
    lanes.add(delivery(1, 100));
    lanes.add(delivery(2, 100));
    const [first] = [lanes.next()!];
    const running = lanes.started(first.lane, 0);
    expect(lanes.stalled(first.lane)).toBe(false);
    const room = lanes.claimRoom(16);
    // Limit 4 + 4 ahead, less 1 running: 7; the other, queued, 8 - 1.
    expect(room.webhooks.get(first.lane.webhookSeq)).toBe(7);
    expect(room.webhookDefault).toBe(8);
    // A workspace may hold 16 × 6/8 = 12 of the budget; this one holds 1 running and 1 queued.
    expect(room.workspaces.get(100)).toBe(10);
    expect(room.workspaceDefault).toBe(12);
    lanes.setAside(running);
    expect(lanes.claimRoom(16).webhooks.get(first.lane.webhookSeq)).toBe(3);
  });

  it('claims twice its limit ahead for a webhook at its full concurrency, once it gets there', () => {
    const lanes = new Lanes({ ...limits, webhookConcurrency: 6 });
    lanes.add(delivery(1, 100));
    const { lane } = lanes.next()!;
    lanes.started(lane, 0);
    // At 4 of 6: 4 + 4 ahead, less 1 running.
    expect(lanes.claimRoom(64).webhooks.get(1)).toBe(7);
    lanes.answered(1, 10, true);
    expect(lanes.claimRoom(64).webhooks.get(1)).toBe(9);
    // Answering in time, it reaches its full concurrency of 6: 6 + 12 ahead, less 1 running.
    lanes.answered(1, 10, true);
    expect(lanes.limitOf(1)).toBe(6);
    expect(lanes.claimRoom(64).webhooks.get(1)).toBe(17);
    // A slow failure halves its limit: one limit ahead again.
    lanes.answered(1, 5_000, false);
    expect(lanes.claimRoom(64).webhooks.get(1)).toBe(5);
    // Where the initial limit is the whole concurrency, a webhook not yet seen may claim that far ahead too.
    expect(new Lanes(limits).claimRoom(64).webhookDefault).toBe(12);
  });

  it('keeps the room of a webhook busy since the last claim whose lane ran dry meanwhile', () => {
    const lanes = new Lanes({ ...limits, webhookConcurrency: 6, concurrency: 100, workspaceConcurrency: 100 });
    for (let i = 0; i < 2; i++) lanes.answered(1, 10, true);
    expect(lanes.limitOf(1)).toBe(6);
    lanes.add(delivery(1, 100));
    const { lane } = lanes.next()!;
    lanes.finished(lanes.started(lane, 0));
    // Its lane is gone (nothing queued or running), yet it sent since the last claim: 6 + 12 ahead, not
    // the default of a webhook never seen (4 + 4).
    expect(lanes.lane(1)).toBeUndefined();
    expect(lanes.claimRoom(64).webhooks.get(1)).toBe(18);
    expect(lanes.claimRoom(64).webhookDefault).toBe(8);
    // Once a claim was sent with that room and it started nothing since, it is a webhook like any other.
    lanes.claimSent();
    expect(lanes.claimRoom(64).webhooks.has(1)).toBe(false);
  });
});
