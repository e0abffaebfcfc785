/**
 * One write transaction at a time among the threads of this process that share a SQLite file.
 *
 * SQLite already serialises writers, but a writer that finds the lock taken sleeps in busy_timeout's
 * back-off (1 ms, 2 ms, 5 ms, …) however soon the lock is freed; between the API thread and the
 * dispatcher thread that costs more than the transactions themselves. This lock, an integer in shared
 * memory, wakes the waiter the moment the holder commits. It is only a fast path: SQLite's own lock still
 * guarantees correctness, so a waiter that times out (a holder that died) proceeds to SQLite's locking.
 */
import type SQLite from 'better-sqlite3';

const FREE = 0;
const HELD = 1;

export class SqliteWriteLock {
  readonly #cell: Int32Array;
  #owned = false;

  /** Every thread sharing the file passes the same `buffer` (from `newBuffer()`, sent with the thread's data). */
  constructor(buffer: SharedArrayBuffer, private readonly timeoutMs = 5000) {
    this.#cell = new Int32Array(buffer);
  }

  static newBuffer(): SharedArrayBuffer {
    return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  }

  acquire(): void {
    const deadline = Date.now() + this.timeoutMs;
    while (Atomics.compareExchange(this.#cell, 0, FREE, HELD) !== FREE) {
      const left = deadline - Date.now();
      if (left <= 0) return;
      // Blocks this thread; the holder runs a transaction that never waits on this thread, so it ends.
      Atomics.wait(this.#cell, 0, HELD, left);
    }
    this.#owned = true;
  }

  release(): void {
    if (!this.#owned) return;
    this.#owned = false;
    Atomics.store(this.#cell, 0, FREE);
    Atomics.notify(this.#cell, 0, 1);
  }

  /**
   * The statement for `source`, taking the lock when it begins a transaction and giving it back when the
   * transaction ends. Every hookd transaction runs to its end without waiting on other work (Kysely over
   * better-sqlite3 only crosses microtasks), so the lock is never held while this thread idles.
   */
  guard(source: string, statement: SQLite.Statement): SQLite.Statement {
    if (/^begin\b/i.test(source)) return withRun(statement, (run) => {
      this.acquire();
      try {
        return run();
      } catch (error) {
        this.release();
        throw error;
      }
    });
    if (/^(commit|rollback)$/i.test(source)) return withRun(statement, (run) => {
      try {
        return run();
      } finally {
        this.release();
      }
    });
    return statement;
  }
}

function withRun(statement: SQLite.Statement, around: (run: () => SQLite.RunResult) => SQLite.RunResult): SQLite.Statement {
  return new Proxy(statement, {
    get(target, property) {
      if (property === 'run') return (...params: unknown[]) => around(() => target.run(...params));
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
