/**
 * The dispatcher in its own thread (`serve`): the API and the deliveries then use two cores, and a burst
 * of publishes does not stall attempts in flight, or the reverse. This thread tells it when work is due
 * or a webhook stopped. On SQLite the thread sends, and its store calls (claim, record, release) come
 * here and run on this thread's store, the process's one SQLite connection (see remote-dispatch.ts for
 * why). On PostgreSQL the thread has a store of its own (dispatcher-thread.ts): one `serve` process on
 * one thread did the API's and the dispatcher's store work and fell behind 2 000 deliveries/s, where an
 * API process and a worker process kept up.
 */
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.ts';
import type { MetricsSnapshot } from '../metrics.ts';
import type { DispatchRepo, WorkspaceRef } from '../core/ports/store.ts';
import type { FromDispatcherThread, StoreCall, ToDispatcherThread } from './messages.ts';
import { PendingReplies } from '../util/pending-replies.ts';
import { GatheredWork, type WorkFor } from '../core/work-notice.ts';
import { runStoreCall } from './remote-dispatch.ts';
import { OnePerTurn } from '../util/one-per-turn.ts';

/**
 * From source, the thread loads the TypeScript loader first (load-ts.mjs), then its entry. Built
 * (bin/build.mjs), this module is in a chunk at the bundle's root and the entry is bundled beside it.
 */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const DISPATCHER_ENTRY = new URL(FROM_SOURCE ? './dispatcher-thread.ts' : './threads/dispatcher-thread.js', import.meta.url);
const LOADER = new URL('./load-ts.mjs', import.meta.url);

/**
 * The thread's young generation, at most, in MB (V8's default lets it grow to 32 MB). Its garbage is
 * short-lived (a request, an attempt, an outcome).
 * - SQLite: 12. Behind a 200 000-event backlog hookd's largest RSS was 311 / 319 MB (publishing /
 *   draining) with 12, against 339 / 338 without, at the same CPU per delivery within 1–2%; 6 saved 10 MB
 *   more but cost 4–5% CPU.
 * - PostgreSQL: 24. There the thread also runs a store of its own, and parses every row PostgreSQL sends
 *   it: with 12, scavenges took 17% of its busy time at full speed (10% with 24), and hookd's own CPU per
 *   delivery was 3–5% lower with 24 in alternating runs, at about 10 MB more RSS behind a 50 000-event
 *   backlog (273 against 263 MB; a 1 000 000 one peaked at 237 MB with 12). (docs/performance.md)
 */
export function threadYoungGenerationMb(config: Pick<Config, 'databaseUrl'>): number {
  return config.databaseUrl === undefined ? 12 : 24;
}

export class DispatcherThread {
  readonly #worker: Worker;
  readonly #metricsRequests = new PendingReplies<MetricsSnapshot>();
  #stopping = false;
  #stopped: (() => void) | null = null;
  #running = true;
  readonly #wakeGathered = new GatheredWork();

  private constructor(worker: Worker, repo: DispatchRepo, onFailure: (error: Error) => void) {
    this.#worker = worker;
    // On SQLite the thread's store calls run here, on the connection the API's requests use. One per turn
    // of the event loop: run as their messages came, a claim and a batch of outcomes that came together ran
    // back to back, and a request that came meanwhile waited for both. During a 200 000-event backlog's
    // drain, /healthz's p99 was 5.4–7.6 ms one per turn against 7.7–11, a publish's 8.6–12 against 11–14
    // (4 alternating pairs); the benchmark's rate did not fall (docs/performance.md, 2026-12-08).
    const storeCalls = new OnePerTurn<StoreCall>((call) => void runStoreCall(repo, call).then((reply) => this.post(reply)));
    worker.on('message', (message: FromDispatcherThread) => {
      if (message.kind === 'call') storeCalls.add(message);
      else if (message.kind === 'stopped') this.#stopped?.();
      else if (message.kind === 'metrics') this.#metricsRequests.settle(message.id, { value: message.snapshot });
    });
    // An uncaught error in the thread comes as 'error', then 'exit'; an exit alone has no error of its own.
    let thrown: Error | null = null;
    worker.on('error', (error) => {
      this.#running = false;
      thrown = error;
    });
    worker.on('exit', (code) => {
      this.#running = false;
      this.#metricsRequests.settleAll([]);
      if (this.#stopping) return;
      const error = thrown ?? new Error(`the dispatcher thread exited with code ${code}`);
      // Deliveries published for the thread and not yet taken by it go back to the store as due work
      // first, so that a restart sends them at once instead of when their lease would have ended.
      void repo.stopClaiming(Date.now()).catch(() => undefined).then(() => onFailure(error));
    });
  }

  /**
   * Starts the thread and waits until its dispatcher runs; the thread's store calls run on `repo`.
   * `onFailure`: the thread died on its own. `entry` is the module the thread runs (dispatcher-thread.ts;
   * tests give a stand-in that fails). `operator`: the operator's workspace (sql/operational.ts), for a
   * thread with a store of its own.
   */
  static async start(config: Config, repo: DispatchRepo, onFailure: (error: Error) => void, entry = DISPATCHER_ENTRY, operator: WorkspaceRef | null = null): Promise<DispatcherThread> {
    const worker = new Worker(FROM_SOURCE ? LOADER : entry, {
      workerData: { entry: entry.href, config, operator },
      resourceLimits: { maxYoungGenerationSizeMb: threadYoungGenerationMb(config) },
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
    return new DispatcherThread(worker, repo, onFailure);
  }

  get running(): boolean {
    return this.#running;
  }

  /** Work may be due, for `webhooks` if it says: the thread looks for it now. A burst of wakes in one tick sends one message. */
  wake(webhooks: WorkFor = null): void {
    if (!this.#wakeGathered.add(webhooks)) return;
    queueMicrotask(() => {
      this.post({ kind: 'work', webhooks: this.#wakeGathered.take() });
    });
  }

  /** `webhookSeq` was paused, disabled or deleted: what the thread queued for it goes back unsent. */
  webhookStopped(webhookSeq: number): void {
    this.post({ kind: 'webhook-stopped', webhookSeq });
  }

  /** The thread's metrics (an empty list once it has stopped). */
  metrics(): Promise<MetricsSnapshot> {
    if (!this.#running) return Promise.resolve([]);
    return this.#metricsRequests.ask((id) => this.post({ kind: 'metrics', id }));
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
    if (this.#running) this.#worker.postMessage(message);
  }
}
