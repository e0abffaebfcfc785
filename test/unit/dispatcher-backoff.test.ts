/**
 * When a dispatcher sharing its store backs off (delivery/dispatcher.ts, planNextLook). With nothing in hand,
 * a look that finds work due since before its last claim means the claim could not take it (its webhook is
 * full in another process): it backs off, and only its timer looks again. But when that claim took all the
 * due work it saw (ClaimBatch.leftDue false), the work found was committed after the claim read it: the
 * dispatcher claims it after a short gathering wait (10 ms), not the whole back-off (50 ms). Fake timers:
 * no time passes but what the test advances. (A notice naming a webhook it has lately been sending to:
 * test/e2e/postgres/named-notices.test.ts.)
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClaimBatch, DispatchRepo } from '../../src/core/ports/store.ts';
import { Dispatcher } from '../../src/delivery/dispatcher.ts';
import { RetryPolicy } from '../../src/delivery/retry.ts';

/** A store whose first look after the first claim finds work due at that claim's time. */
function storeWith(leftDue: boolean | undefined): DispatchRepo & { claimedAt: number[] } {
  const claimedAt: number[] = [];
  let looks = 0;
  return {
    claimedAt,
    claim: async (request) => {
      claimedAt.push(request.now);
      const batch: ClaimBatch = [];
      if (leftDue !== undefined) batch.leftDue = leftDue;
      return batch;
    },
    nextDueAt: async () => (looks++ === 0 ? claimedAt[0] : null),
    record: async () => ({ disabledWebhooks: [] }),
    release: async () => undefined,
    stopClaiming: async () => undefined,
    promoteStalledQueues: async () => 0,
  };
}

const sender = {
  send: () => Promise.reject(new Error('nothing is claimed')),
  ping: async () => ({ ok: true, error: null }),
  abortAll: () => undefined,
  aborted: false,
};

function dispatcherOn(repo: DispatchRepo): Dispatcher {
  return new Dispatcher(repo, sender, new RetryPolicy([1_000], 0), {
    concurrency: 8, webhookConcurrency: 4, workspaceConcurrency: 8, leaseMs: 60_000, requestTimeoutMs: 10_000,
    shutdownGraceMs: 1_000, sharesStore: true, safetyPollMs: 5_000,
    disablePolicy: { standard: { failures: 100, afterMs: 60_000 }, woocommerce: { failures: 5 } },
  }, pino({ level: 'silent' }));
}

/** A started dispatcher on storeWith(leftDue), after its first claim. */
async function afterFirstClaim(leftDue: boolean | undefined) {
  const repo = storeWith(leftDue);
  const dispatcher = dispatcherOn(repo);
  dispatcher.start();
  await vi.advanceTimersByTimeAsync(1);
  expect(repo.claimedAt).toHaveLength(1);
  return { repo, dispatcher };
}

describe('a dispatcher that shares its store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('claims again soon when its last claim took all it saw', async () => {
    const { repo, dispatcher } = await afterFirstClaim(false);
    // Look times are kept to 10 ms steps (wake-times.ts).
    await vi.advanceTimersByTimeAsync(20);
    expect(repo.claimedAt).toHaveLength(2);
    await dispatcher.stop();
  });

  it('backs off when its last claim left due work, or did not say', async () => {
    for (const leftDue of [true, undefined]) {
      const { repo, dispatcher } = await afterFirstClaim(leftDue);
      // A notice of new work does not make it look: its back-off timer does.
      dispatcher.wake();
      await vi.advanceTimersByTimeAsync(20);
      expect(repo.claimedAt).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(50);
      expect(repo.claimedAt).toHaveLength(2);
      await dispatcher.stop();
    }
  });
});
