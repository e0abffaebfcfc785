/**
 * The dispatcher thread's store: each call is sent to the API thread, which runs it on the one SQLite
 * connection of the process (see threads/dispatcher.ts) and answers with the result.
 *
 * Why not a connection of its own: two connections writing one file take turns at SQLite's write lock,
 * and each commit by one throws away the other's page cache, so both threads re-read the hot indexes
 * all the time. Measured, the thread then spent about 40% of its time in the store; here it only sends.
 */
import type { AttemptOutcome, ClaimRequest, ClaimedDelivery, DisablePolicy, DisabledWebhook, DispatchRepo } from '../core/ports/store.ts';
import type { DispatchMethod, StoreCall, StoreReply, WireArgs } from './messages.ts';
import { decodeOutcomes, encodeOutcomes } from './outcomes-wire.ts';
import { PendingReplies } from '../util/pending-replies.ts';

export class RemoteDispatchRepo implements DispatchRepo {
  readonly #pending = new PendingReplies<unknown>();

  constructor(private readonly send: (call: StoreCall) => void) {}

  /** Settles the call `reply` answers. */
  answer(reply: StoreReply): void {
    this.#pending.settle(reply.id, 'error' in reply ? reply : { value: reply.result });
  }

  claim(request: ClaimRequest): Promise<ClaimedDelivery[]> {
    return this.call('claim', [request]);
  }

  nextDueAt(): Promise<number | null> {
    return this.call('nextDueAt', []);
  }

  record(outcomes: AttemptOutcome[], policy: DisablePolicy, now: number): Promise<{ disabledWebhooks: DisabledWebhook[] }> {
    return this.call('record', [encodeOutcomes(outcomes), policy, now]);
  }

  release(deliverySeqs: number[], now: number): Promise<void> {
    return this.call('release', [deliverySeqs, now]);
  }

  stopClaiming(now: number): Promise<void> {
    return this.call('stopClaiming', [now]);
  }

  promoteStalledQueues(now: number): Promise<number> {
    return this.call('promoteStalledQueues', [now]);
  }

  private call<M extends DispatchMethod>(method: M, args: WireArgs<M>): Promise<Awaited<ReturnType<DispatchRepo[M]>>> {
    return this.#pending.ask((id) => this.send({ kind: 'call', id, method, args } as StoreCall)) as Promise<Awaited<ReturnType<DispatchRepo[M]>>>;
  }
}

/** The API thread's side: runs `call` on `repo`; the reply carries the result or the error's message. */
export async function runStoreCall(repo: DispatchRepo, call: StoreCall): Promise<StoreReply> {
  try {
    const result = call.method === 'record'
      ? await repo.record(decodeOutcomes(call.args[0]), call.args[1], call.args[2])
      : await (repo[call.method] as (...args: unknown[]) => Promise<unknown>).apply(repo, call.args);
    return { kind: 'reply', id: call.id, result };
  } catch (error) {
    return { kind: 'reply', id: call.id, error: error instanceof Error ? error.message : String(error) };
  }
}
