/**
 * One SQLite data dir, one hookd: a `hookd worker` (or a second `hookd serve`) started on a data dir that
 * a running hookd uses is refused at start, saying why and what to do; once the first has stopped, the
 * same dir starts normally.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { spawnHookd, type HookdProcess } from '../../helpers/process.ts';

const skip = USE_POSTGRES ? 'on SQLite only: on PostgreSQL several processes share the work' : false;
if (skip) console.log(`  one-process-per-SQLite tests skipped: ${skip}`);

describe.skipIf(skip)('one hookd per SQLite data dir', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookd-one-'));
  const processes: HookdProcess[] = [];
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a worker and a second server on a data dir in use, and starts once it is free', { timeout: 60_000 }, async () => {
    const first = await spawnHookd(dataDir, 'free');
    processes.push(first);
    for (const command of [['worker'], ['serve']]) {
      const refused = await spawnHookd(dataDir, 'free', {}, command).catch((error: Error) => error);
      expect(refused, command[0]).toBeInstanceOf(Error);
      expect((refused as Error).message).toContain(`another hookd process (pid ${first.child.pid}) is using the SQLite data dir ${dataDir}`);
      expect((refused as Error).message).toContain('HOOKD_DATABASE_URL');
      expect((refused as Error).message).not.toMatch(/\n\s+at /);
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await spawnHookd(dataDir, 'free');
    processes.push(second);
    expect((await fetch(`${second.api.baseUrl}/healthz`)).status).toBe(200);
  });
});
