/**
 * Read-only statements run on a connection of their own in a worker thread, off the event loop.
 *
 * better-sqlite3 runs a statement synchronously: a read that walks many rows holds the event loop, and
 * every request waits. The /metrics gauges count the deliveries waiting, up to a million of them: behind
 * a backlog of 1 000 000 one scrape held the loop for 0.6 s (`/healthz` waited 0.7 s; docs/performance.md).
 * Here such reads run in a worker thread; in WAL mode a reader and the writer do not wait for each other.
 * The statements of one call run in one read transaction, so they see one moment of the store.
 */
import { Worker } from 'node:worker_threads';
import { PendingReplies } from '../util/pending-replies.ts';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 1000');
const prepared = new Map();
const statement = (text) => {
  let found = prepared.get(text);
  if (!found) {
    if (prepared.size >= 100) prepared.clear();
    found = db.prepare(text);
    prepared.set(text, found);
  }
  return found;
};
const readAll = db.transaction((texts) => texts.map((text) => statement(text).all()));
parentPort.on('message', ({ id, texts }) => {
  try {
    parentPort.postMessage({ id, rows: readAll(texts) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

type Rows = Array<Record<string, unknown>>;

export class SqliteReader {
  #worker: Worker | null = null;
  readonly #pending = new PendingReplies<Rows[]>();
  #stopped = false;

  constructor(private readonly file: string, private readonly driverPath: string) {}

  /** Runs `texts` (read-only, without parameters) in one read transaction; each one's rows. */
  read(texts: readonly string[]): Promise<Rows[]> {
    if (this.#stopped) return Promise.reject(new Error('the SQLite reader is stopped'));
    const worker = this.#worker ?? this.start();
    // Held while a read is under way (the process may not end before its answer); let go when idle.
    worker.ref();
    return this.#pending.ask((id) => worker.postMessage({ id, texts }));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const worker = this.#worker;
    this.#worker = null;
    this.#pending.rejectAll(new Error('the SQLite reader is stopped'));
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, driver: this.driverPath } });
    worker.on('message', (message: { id: number; rows?: Rows[]; error?: string }) => {
      this.#pending.settle(message.id, message.error !== undefined ? { error: message.error } : { value: message.rows ?? [] });
      if (this.#pending.size === 0) worker.unref();
    });
    // A worker that failed is replaced at the next read; the reads it had fail.
    const lost = (error: Error) => {
      if (this.#worker === worker) this.#worker = null;
      this.#pending.rejectAll(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the SQLite reader exited (${code})`)));
    worker.unref();
    this.#worker = worker;
    return worker;
  }
}
