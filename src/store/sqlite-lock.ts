/**
 * One SQLite data dir serves one hookd process (its dispatcher hands work to itself in memory, and takes
 * back every lease when it starts). The process holds an exclusive SQLite lock on `hookd.lock` for its
 * lifetime; another `hookd serve` or `hookd worker` on the same dir is refused at start, with words. The
 * operating system lets the lock go when the process ends, however it ends.
 */
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { StartupError } from '../config.ts';

export const LOCK_FILE = 'hookd.lock';
const PID_FILE = 'hookd.pid';

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string, fileMode: number): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  closeSync(openSync(path, 'a', fileMode));
  const lock = new SQLite(path);
  try {
    lock.pragma('busy_timeout = 0');
    // In exclusive locking mode the lock a write takes is kept until the connection closes.
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER); DELETE FROM holder;');
    lock.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    let holder = '';
    try {
      holder = ` (pid ${readFileSync(join(dataDir, PID_FILE), 'utf8').trim()})`;
    } catch {
      // No pid file: the message names no pid.
    }
    throw new StartupError(`another hookd process${holder} is using the SQLite data dir ${dataDir}: one SQLite data dir serves one process. `
      + 'Stop it first, give this one its own HOOKD_DATA_DIR, or share work between processes on PostgreSQL (HOOKD_DATABASE_URL).');
  }
  writeFileSync(join(dataDir, PID_FILE), `${process.pid}\n`, { mode: fileMode });
  return { release: () => lock.close() };
}
