/**
 * A claimed delivery starts only if its lease leaves room for a whole attempt (the request timeout) and the
 * recording of its outcome (core/lease.ts). One that arrives later than that, from a claim slowed down by
 * a loaded machine, say, goes back to the store unsent and is claimed again under a fresh lease: sent with
 * too little lease left, its answer could come after the lease ran out, when another process may already
 * have claimed it and sent it too (seen in CI: a loaded run of the multi-process test sent a dozen events
 * twice). The dispatcher here is the test's own, over the real store, its first claim held back.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { DispatchRepo } from '../../../src/core/ports/store.ts';
import { eventually } from '../../helpers/hookd.ts';
import { overriding } from '../../helpers/dispatch-repo.ts';
import { ownDispatcher } from '../../helpers/own-dispatcher.ts';

const HELD_BACK_MS = 2500;

/** The store's dispatch calls; the first claim that finds work answers HELD_BACK_MS late. Notes what is handed back. */
function slowFirstClaim(repo: DispatchRepo): DispatchRepo & { heldBack: number[]; released: Array<{ seqs: number[]; at: number }> } {
  const heldBack: number[] = [];
  const released: Array<{ seqs: number[]; at: number }> = [];
  return {
    heldBack,
    released,
    ...overriding(repo, {
      claim: async (request) => {
        const claimed = await repo.claim(request);
        if (claimed.length > 0 && heldBack.length === 0) {
          heldBack.push(...claimed.map((delivery) => delivery.seq));
          await new Promise((resolve) => setTimeout(resolve, HELD_BACK_MS));
        }
        return claimed;
      },
      release: (seqs, now) => {
        released.push({ seqs, at: Date.now() });
        return repo.release(seqs, now);
      },
    }),
  };
}

describe('a lease that no longer leaves room for an attempt', () => {
  // The API role: the dispatcher is the test's own. A 6 s lease with a 4 s timeout: an attempt needs 5 s of it.
  const setup = ownDispatcher('lease-room', { requestTimeout: '4s', lease: '6s' });

  it('hands the delivery back unsent, though less than half its lease is spent, and sends it once under a new lease', { timeout: 30_000 }, async () => {
    const { hookd, receiver } = setup;
    const workspace = await hookd.core.workspaces.create({ name: 'lease-room' });
    const webhook = await hookd.core.webhooks.create(workspace, { name: 'w', url: receiver.url('/w'), events: ['order.created'], status: 'active' });
    const published = await hookd.core.events.publish(workspace, { type: 'order.created', data: { n: 1 } });
    const repo = slowFirstClaim(hookd.store.dispatch);
    await setup.start(repo);

    const [request] = await receiver.waitFor(1, 20_000);
    // It came with 3.5 s of its 6 s lease left: more than half, less than the 5 s an attempt needs.
    expect(repo.heldBack).toHaveLength(1);
    const handedBack = repo.released.find((release) => release.seqs.includes(repo.heldBack[0]));
    expect(handedBack, 'the late delivery was handed back').toBeDefined();
    expect(request.at).toBeGreaterThanOrEqual((handedBack as { at: number }).at);
    expect(request.headers['webhook-id']).toBe(published.event.id);
    await eventually(async () => {
      const list = await hookd.core.deliveries.list(workspace, { webhook }, { limit: 10 });
      return list.items.length === 1 && list.items[0].status === 'succeeded' ? list : null;
    }, 10_000, 20);
    expect(receiver.requests).toHaveLength(1);
  });

  it('warns when an outcome is recorded after its lease ran out', { timeout: 30_000 }, async () => {
    const { hookd, receiver, config } = setup;
    const workspace = await hookd.core.workspaces.create({ name: 'late-record' });
    const webhook = await hookd.core.webhooks.create(workspace, { name: 'w', url: receiver.url('/late'), events: ['order.created'], status: 'active' });
    const store = hookd.store.dispatch;
    // The first recording takes longer than the whole 3 s lease (a stalled store, say).
    let delayed = false;
    const repo = overriding(store, {
      record: async (...args) => {
        if (!delayed) {
          delayed = true;
          await new Promise((resolve) => setTimeout(resolve, 3200));
        }
        return store.record(...args);
      },
    });
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => { lines.push(line); } });
    await hookd.core.events.publish(workspace, { type: 'order.created', data: { n: 1 } });
    await setup.start(repo, { config: { ...config, requestTimeoutMs: 1000, leaseMs: 3000 }, log });
    await eventually(async () => {
      const list = await hookd.core.deliveries.list(workspace, { webhook }, { limit: 10 });
      return list.items.length === 1 && list.items[0].status === 'succeeded' ? list : null;
    }, 15_000, 50);
    const warning = lines.map((line) => JSON.parse(line) as { msg: string; outcomes?: number }).find((entry) => entry.msg.startsWith('outcomes recorded after their lease ran out'));
    expect(warning?.outcomes).toBe(1);
  });
});
