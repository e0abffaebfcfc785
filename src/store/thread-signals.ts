/**
 * Work signals between the threads of one hookd process sharing one SQLite file: the API thread tells
 * the dispatcher thread that work is due or that a webhook stopped. A BroadcastChannel named after the
 * file reaches every other thread that opened it (never the sender itself).
 */
import { BroadcastChannel } from 'node:worker_threads';
import type { WorkSignals } from './store.ts';

type Message = { kind: 'work' } | { kind: 'stopped'; webhookSeq: number };

export class ThreadSignals implements WorkSignals {
  readonly #channel: BroadcastChannel;
  readonly #work = new Set<() => void>();
  readonly #stopped = new Set<(webhookSeq: number) => void>();
  #pending = false;
  #closed = false;

  constructor(name: string) {
    this.#channel = new BroadcastChannel(`hookd:${name}`);
    this.#channel.onmessage = (event) => {
      const message = (event as { data: Message }).data;
      if (message.kind === 'work') for (const listener of this.#work) listener();
      else for (const listener of this.#stopped) listener(message.webhookSeq);
    };
    // Listening must not keep a stopped process alive.
    this.#channel.unref();
  }

  notifyWork(): void {
    // Coalesced: a burst of publishes in one tick sends one message.
    if (this.#closed || this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      if (!this.#closed) this.#channel.postMessage({ kind: 'work' } satisfies Message);
    });
  }

  onWork(listener: () => void): () => void {
    this.#work.add(listener);
    return () => this.#work.delete(listener);
  }

  notifyStopped(webhookSeq: number): void {
    if (!this.#closed) this.#channel.postMessage({ kind: 'stopped', webhookSeq } satisfies Message);
  }

  onStopped(listener: (webhookSeq: number) => void): () => void {
    this.#stopped.add(listener);
    return () => this.#stopped.delete(listener);
  }

  close(): void {
    this.#closed = true;
    this.#channel.close();
  }
}
