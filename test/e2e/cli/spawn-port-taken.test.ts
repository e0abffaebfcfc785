/**
 * The test helper that starts hookd as a process takes it as started only when that process listens on
 * its port: another server that took the port first (a receiver or a hookd of a test running in parallel)
 * and answers /healthz like hookd is not mistaken for it. In a full run, a multi-process test once sent
 * its publishes to another test's hookd and got 401s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnHookd, type HookdProcess } from '../../helpers/process.ts';

describe('starting hookd as a process, for tests', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookd-spawn-port-'));
  const processes: HookdProcess[] = [];

  afterAll(() => {
    for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('does not take a server that answers /healthz on its port for hookd', { timeout: 60_000 }, async () => {
    const impostor = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","version":"0"}'));
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    const port = (impostor.address() as { port: number }).port;
    try {
      const started = await spawnHookd(dataDir, port).catch((error: Error) => error);
      if (!(started instanceof Error)) processes.push(started);
      expect(started).toBeInstanceOf(Error);
      expect((started as Error).message).toMatch(/exited at start[\s\S]*EADDRINUSE/);
    } finally {
      impostor.close();
    }
  });

  it("on a free port, answers through the process's own server", { timeout: 60_000 }, async () => {
    const hookd = await spawnHookd(dataDir, 'free');
    processes.push(hookd);
    const health = await hookd.api.get('/healthz');
    expect(health.status).toBe(200);
    expect(hookd.child.exitCode).toBeNull();
  });
});
