/**
 * Copies SQLite's write-ahead log into the database file from a worker thread, with its own connection,
 * so checkpoint I/O runs on another core instead of inside a commit on the event loop (where a large
 * checkpoint shows up as a latency spike). PASSIVE checkpoints never block the writer.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error) }); }
}, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'stop') { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); process.exit(0); }
});
`;

export class SqliteCheckpointer {
  readonly #worker: Worker;

  constructor(file: string, driverPath: string, everyMs = 250, onError: (message: string) => void = () => undefined) {
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath, everyMs } });
    this.#worker.on('message', (message: { error?: string }) => message.error && onError(message.error));
    this.#worker.on('error', (error) => onError(String(error)));
    this.#worker.unref();
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    // Held while it finishes its last checkpoint: unref'd, the process could end before 'exit' arrives.
    this.#worker.ref();
    this.#worker.postMessage('stop');
    await exited;
  }
}
