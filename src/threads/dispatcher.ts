/**
 * The dispatcher in its own thread (SQLite `serve`): the API and the deliveries then use two cores, and a
 * burst of publishes does not stall attempts in flight, or the reverse. The thread runs hookd's worker
 * role on its own SQLite connection; the two threads signal each other as processes do on PostgreSQL
 * (store/thread-signals.ts) and take turns writing (store/sqlite-write-lock.ts).
 */
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.ts';
import type { MetricsSnapshot } from '../metrics.ts';
import type { FromDispatcherThread, ToDispatcherThread } from './messages.ts';

const DISPATCHER_ENTRY = new URL('./dispatcher-thread.ts', import.meta.url);

export class DispatcherThread {
  readonly #worker: Worker;
  readonly #metricsRequests = new Map<number, (snapshot: MetricsSnapshot) => void>();
  #nextRequest = 0;
  #stopping = false;
  #stopped: (() => void) | null = null;
  #running = true;

  private constructor(worker: Worker, onFailure: (error: Error) => void) {
    this.#worker = worker;
    worker.on('message', (message: FromDispatcherThread) => {
      if (message.kind === 'stopped') this.#stopped?.();
      else if (message.kind === 'metrics') {
        this.#metricsRequests.get(message.id)?.(message.snapshot);
        this.#metricsRequests.delete(message.id);
      }
    });
    worker.on('error', (error) => {
      this.#running = false;
      onFailure(error);
    });
    worker.on('exit', (code) => {
      const wasRunning = this.#running;
      this.#running = false;
      for (const resolve of this.#metricsRequests.values()) resolve([]);
      this.#metricsRequests.clear();
      if (!this.#stopping && wasRunning) onFailure(new Error(`the dispatcher thread exited with code ${code}`));
    });
  }

  /**
   * Starts the thread and waits until its dispatcher runs. `onFailure`: the thread died on its own.
   * `entry` is the module the thread runs (dispatcher-thread.ts; tests give a stand-in that fails).
   */
  static async start(config: Config, sqliteWriteLock: SharedArrayBuffer, onFailure: (error: Error) => void, entry = DISPATCHER_ENTRY): Promise<DispatcherThread> {
    const worker = new Worker(new URL('./load-ts.mjs', import.meta.url), {
      workerData: { entry: entry.href, config, sqliteWriteLock },
    });
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error) => reject(error);
      const exited = (code: number) => reject(new Error(`the dispatcher thread exited with code ${code} while starting`));
      worker.once('error', failed);
      worker.once('exit', exited);
      worker.once('message', () => {
        // Only our own listeners: Worker.removeAllListeners() would also cut the port's message forwarding.
        worker.off('error', failed);
        worker.off('exit', exited);
        resolve();
      });
    });
    return new DispatcherThread(worker, onFailure);
  }

  get running(): boolean {
    return this.#running;
  }

  /** The thread's metrics (an empty list once it has stopped). */
  metrics(): Promise<MetricsSnapshot> {
    if (!this.#running) return Promise.resolve([]);
    const id = this.#nextRequest++;
    return new Promise((resolve) => {
      this.#metricsRequests.set(id, resolve);
      this.post({ kind: 'metrics', id });
    });
  }

  /** Stops the dispatcher the way SIGTERM does (in-flight attempts finish, outcomes recorded), then the thread. */
  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    if (!this.#running) return;
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    const stopped = new Promise<void>((resolve) => { this.#stopped = resolve; });
    this.post({ kind: 'stop' });
    await Promise.race([stopped, exited]);
    await this.#worker.terminate();
    await exited;
  }

  private post(message: ToDispatcherThread): void {
    this.#worker.postMessage(message);
  }
}
