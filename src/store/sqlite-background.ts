/**
 * SQLite's work off the event loop, in one worker thread with connections of its own: checkpoints, and
 * reads that walk many rows. One thread for both: each thread is a V8 isolate of its own, about 8 MB of
 * RSS even idle, and neither job keeps a thread busy.
 *
 * Checkpoints copy the write-ahead log into the database file, so their I/O runs on another core instead
 * of inside a commit on the event loop (where a large checkpoint shows up as a latency spike). PASSIVE
 * checkpoints never block the writer.
 *
 * Reads: better-sqlite3 runs a statement synchronously, so a read that walks many rows holds the event
 * loop, and every request waits. The /metrics gauges count the deliveries waiting, up to a million of
 * them: behind a backlog of 1 000 000 one scrape held the loop for 0.6 s (`/healthz` waited 0.7 s;
 * docs/performance.md). Here they run on a read-only connection; in WAL mode a reader and the writer do
 * not wait for each other. The statements of one call run in one read transaction, so they see one
 * moment of the store.
 */
import { Worker } from 'node:worker_threads';
import { PendingReplies } from '../util/pending-replies.ts';
import type { LongRead, Rows } from './sql/long-reads.ts';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// Checkpoints need a connection that may write; reads get a read-only one, so nothing read here can write.
const writer = new Database(workerData.file);
writer.pragma('busy_timeout = 1000');
const reader = new Database(workerData.file, { readonly: true, fileMustExist: true });
reader.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try { writer.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ checkpointError: String(error) }); }
};
const timer = setInterval(checkpoint, workerData.everyMs);
const prepared = new Map();
const statement = (text) => {
  let found = prepared.get(text);
  if (!found) {
    if (prepared.size >= 100) prepared.clear();
    found = reader.prepare(text);
    prepared.set(text, found);
  }
  return found;
};
const readAll = reader.transaction((statements) => statements.map((s) => (typeof s === 'string' ? statement(s).all() : statement(s.sql).all(...s.parameters))));
parentPort.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer);
    checkpoint();
    reader.close();
    writer.close();
    process.exit(0);
  }
  const { id, statements } = message;
  try {
    parentPort.postMessage({ id, rows: readAll(statements) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;


/** A thread lost on its own is started again after this long (or at the next read, if sooner). */
const RESTART_AFTER_MS = 1000;

export class SqliteBackground {
  #worker: Worker | null = null;
  readonly #pending = new PendingReplies<Rows[]>();
  #stopped = false;
  #restart: NodeJS.Timeout | null = null;

  /** `onError`: a checkpoint failed, or the thread was lost (it is started again). */
  constructor(
    private readonly file: string,
    private readonly driverPath: string,
    private readonly checkpointEveryMs = 250,
    private readonly onError: (message: string) => void = () => undefined,
  ) {
    this.start();
  }

  /** Runs `statements` (read-only) in one read transaction; each one's rows. */
  read(statements: readonly LongRead[]): Promise<Rows[]> {
    if (this.#stopped) return Promise.reject(new Error('the SQLite reader is stopped'));
    const worker = this.#worker ?? this.start();
    // Held while a read is under way (the process may not end before its answer); let go when idle.
    worker.ref();
    return this.#pending.ask((id) => worker.postMessage({ id, statements }));
  }

  /** Fails the reads still waiting, makes a last checkpoint and ends the thread. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#restart) clearTimeout(this.#restart);
    const worker = this.#worker;
    this.#worker = null;
    this.#pending.rejectAll(new Error('the SQLite reader is stopped'));
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Held while it finishes its last checkpoint: unref'd, the process could end before 'exit' arrives.
    worker.ref();
    worker.postMessage('stop');
    await exited;
  }

  private start(): Worker {
    if (this.#restart) clearTimeout(this.#restart);
    this.#restart = null;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, driver: this.driverPath, everyMs: this.checkpointEveryMs } });
    worker.on('message', (message: { id: number; rows?: Rows[]; error?: string; checkpointError?: string }) => {
      if (message.checkpointError !== undefined) {
        this.onError(message.checkpointError);
        return;
      }
      this.#pending.settle(message.id, message.error !== undefined ? { error: message.error } : { value: message.rows ?? [] });
      if (this.#pending.size === 0) worker.unref();
    });
    // Lost on its own: the reads it had fail, and a new thread takes over.
    const lost = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#pending.rejectAll(error);
      this.onError(error.message);
      if (this.#stopped) return;
      this.#restart = setTimeout(() => {
        if (!this.#stopped && !this.#worker) this.start();
      }, RESTART_AFTER_MS);
      this.#restart.unref();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the SQLite thread exited (${code})`)));
    worker.unref();
    this.#worker = worker;
    return worker;
  }
}
