/**
 * The write lock the API thread and the dispatcher thread share: a second taker waits exactly until the
 * holder lets go; a holder that never lets go (a dead thread) delays it only up to the timeout, after
 * which SQLite's own locking takes over; and it wraps exactly the statements that begin and end transactions.
 */
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteWriteLock } from '../../src/store/sqlite-write-lock.ts';

function holder(buffer: SharedArrayBuffer, holdMs: number, release: boolean) {
  const releasedAt = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT);
  const worker = new Worker(new URL('../../src/threads/load-ts.mjs', import.meta.url), {
    workerData: { entry: new URL('../helpers/write-lock-holder.ts', import.meta.url).href, buffer, releasedAt, holdMs, release },
  });
  const held = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return { held, releasedAt: () => new Float64Array(releasedAt)[0], done: () => worker.terminate() };
}

describe('SqliteWriteLock', () => {
  it('makes a second thread wait until the holder releases, then hands it over', async () => {
    const buffer = SqliteWriteLock.newBuffer();
    const other = holder(buffer, 300, true);
    await other.held;
    const lock = new SqliteWriteLock(buffer);
    lock.acquire();
    const acquiredAt = Date.now();
    expect(other.releasedAt()).toBeGreaterThan(0);
    expect(acquiredAt).toBeGreaterThanOrEqual(other.releasedAt());
    lock.release();
    // Released for real: taking it again does not wait for the timeout.
    const again = new SqliteWriteLock(buffer, 60_000);
    again.acquire();
    again.release();
    await other.done();
  });

  it('gives up waiting after its timeout when the holder never releases, and then frees nothing', async () => {
    const buffer = SqliteWriteLock.newBuffer();
    const dead = holder(buffer, 0, false);
    await dead.held;
    const lock = new SqliteWriteLock(buffer, 150);
    const started = Date.now();
    lock.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    lock.release();
    expect(new Int32Array(buffer)[0]).toBe(1);
    await dead.done();
  });

  it('takes the lock at BEGIN and gives it back at COMMIT or ROLLBACK, also when the statement fails', () => {
    const db = new SQLite(':memory:');
    const buffer = SqliteWriteLock.newBuffer();
    const cell = new Int32Array(buffer);
    const lock = new SqliteWriteLock(buffer);
    const statement = (source: string) => lock.guard(source, db.prepare(source));
    db.exec('CREATE TABLE t (x INTEGER)');

    statement('begin immediate').run();
    expect(cell[0]).toBe(1);
    statement('insert into t values (1)').run();
    expect(cell[0]).toBe(1);
    statement('commit').run();
    expect(cell[0]).toBe(0);

    statement('begin immediate').run();
    statement('rollback').run();
    expect(cell[0]).toBe(0);

    // BEGIN inside a transaction fails: the lock it took is given back.
    db.exec('BEGIN');
    expect(() => statement('begin immediate').run()).toThrow(/within a transaction/);
    expect(cell[0]).toBe(0);
    db.exec('ROLLBACK');
    expect((db.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(1);
  });
});
