/**
 * The dispatcher's store calls, timed: how long a claim and a record (the commit of a batch of outcomes)
 * take, as histograms. Wrapped around the repository (setup.ts) so the dispatcher is untouched; with a
 * dispatcher thread the time includes the hop to the thread that holds the store, which is what the
 * dispatcher waits for. One timer per batch, not per delivery.
 */
import type { AttemptOutcome, ClaimRequest, DisablePolicy, DispatchRepo } from '../core/ports/store.ts';
import type { Metrics } from '../metrics.ts';

export class TimedDispatchRepo implements DispatchRepo {
  constructor(private readonly inner: DispatchRepo, private readonly metrics: Metrics) {}

  async claim(request: ClaimRequest): ReturnType<DispatchRepo['claim']> {
    const done = this.metrics.claimSeconds.startTimer();
    try {
      return await this.inner.claim(request);
    } finally {
      done();
    }
  }

  async record(outcomes: AttemptOutcome[], policy: DisablePolicy, now: number): ReturnType<DispatchRepo['record']> {
    const done = this.metrics.recordSeconds.startTimer();
    try {
      return await this.inner.record(outcomes, policy, now);
    } finally {
      done();
    }
  }

  nextDueAt(): Promise<number | null> {
    return this.inner.nextDueAt();
  }

  release(deliverySeqs: number[], now: number): Promise<void> {
    return this.inner.release(deliverySeqs, now);
  }

  stopClaiming(now: number): Promise<void> {
    return this.inner.stopClaiming(now);
  }

  promoteStalledQueues(now: number): Promise<number> {
    return this.inner.promoteStalledQueues(now);
  }
}
