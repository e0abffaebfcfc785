/**
 * Requests sent over a thread's port that wait for their reply, matched by id. The dispatcher thread asks
 * for store calls, the API thread for the dispatcher thread's metrics and for reads off the event loop
 * (store/sqlite-background.ts).
 */
export class PendingReplies<T> {
  readonly #waiting = new Map<number, { resolve: (value: T) => void; reject: (error: Error) => void }>();
  #nextId = 0;

  /** Sends a request with a fresh id (`send` posts it) and settles when `settle` is called with that id. */
  ask(send: (id: number) => void): Promise<T> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      send(id);
    });
  }

  /** The reply to request `id`: its value, or the message of the error the other side met. */
  settle(id: number, reply: { value: T } | { error: string }): void {
    const waiting = this.#waiting.get(id);
    if (!waiting) return;
    this.#waiting.delete(id);
    if ('error' in reply) waiting.reject(new Error(reply.error));
    else waiting.resolve(reply.value);
  }

  /** How many requests wait for their reply. */
  get size(): number {
    return this.#waiting.size;
  }

  /** Fails every request still waiting with `error` (the other side is gone). */
  rejectAll(error: Error): void {
    for (const { reject } of this.#waiting.values()) reject(error);
    this.#waiting.clear();
  }

  /** Settles every request still waiting with `value` (the other side is gone). */
  settleAll(value: T): void {
    for (const { resolve } of this.#waiting.values()) resolve(value);
    this.#waiting.clear();
  }
}
