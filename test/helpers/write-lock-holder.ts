/**
 * A worker thread for the write-lock test: takes the shared lock, holds it for `holdMs`, writes the
 * time it let go into `releasedAt`, then releases it. A holder that never releases stands for a thread
 * that died holding it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteWriteLock } from '../../src/store/sqlite-write-lock.ts';

const { buffer, releasedAt, holdMs, release } = workerData as { buffer: SharedArrayBuffer; releasedAt: SharedArrayBuffer; holdMs: number; release: boolean };
const lock = new SqliteWriteLock(buffer);
lock.acquire();
parentPort!.postMessage('held');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, holdMs);
if (release) {
  new Float64Array(releasedAt)[0] = Date.now();
  lock.release();
}
