/** A store's dispatch calls, some of them replaced: for tests that watch or slow down what a dispatcher asks. */
import type { DispatchRepo } from '../../src/core/ports/store.ts';

export function overriding(repo: DispatchRepo, overrides: Partial<DispatchRepo>): DispatchRepo {
  return {
    claim: overrides.claim ?? ((...args) => repo.claim(...args)),
    nextDueAt: overrides.nextDueAt ?? (() => repo.nextDueAt()),
    record: overrides.record ?? ((...args) => repo.record(...args)),
    release: overrides.release ?? ((...args) => repo.release(...args)),
    stopClaiming: overrides.stopClaiming ?? ((...args) => repo.stopClaiming(...args)),
    promoteStalledQueues: overrides.promoteStalledQueues ?? ((...args) => repo.promoteStalledQueues(...args)),
  };
}
