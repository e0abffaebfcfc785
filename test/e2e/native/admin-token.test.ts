/**
 * The admin token on a first start, as a newcomer meets it: a start that fails (its port taken) stores
 * nothing, so the start that works prints the token; `hookd admin-token` replaces it on the running
 * server, which stops accepting the old one.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../src/config.ts';
import { ApiClient, eventually } from '../../helpers/hookd.ts';
import { USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';
import { spawnHookd, type HookdProcess } from '../../helpers/process.ts';

const BIN = fileURLToPath(new URL('../../../bin/hookd.js', import.meta.url));

describe('the admin token', () => {
  let dataDir: string;
  let databaseUrl: string | undefined;
  const processes: HookdProcess[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hookd-admin-'));
    databaseUrl = USE_POSTGRES ? (await createTestSchema()).url : undefined;
  });
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  // No HOOKD_ADMIN_TOKEN: the token is generated and stored.
  const settings = () => ({ adminToken: '', logLevel: 'warn', ...(databaseUrl ? { databaseUrl } : {}) });

  it('is printed by the first start that listens, even after one that failed', { timeout: 60_000 }, async () => {
    // Something else answers on the port (quickly: the helper asks it for /healthz meanwhile).
    const taken = createServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const busyPort = (taken.address() as { port: number }).port;
    const failed = await spawnHookd(dataDir, busyPort, settings()).catch((error: Error) => error);
    taken.close();
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toMatch(/exited at start[\s\S]*EADDRINUSE/);

    const hookd = await spawnHookd(dataDir, 'free', settings());
    processes.push(hookd);
    // Printed once the token is stored, which can be just after the server answers its first /healthz.
    const token = await eventually(async () => /hookd admin token \(shown once, store it now\): (hka_\S+)/.exec(hookd.output())?.[1], 10_000).catch(() => undefined);
    expect(token, hookd.output()).toBeDefined();
    expect((await hookd.api.as(token as string).get('/workspaces')).status).toBe(200);
  });

  it('is replaced on the running server by `hookd admin-token`', { timeout: 60_000 }, async () => {
    const [hookd] = processes;
    const old = /(hka_\S+)/.exec(hookd.output())?.[1] as string;
    const env = { ...process.env, [SETTINGS.dataDir.env]: dataDir, [SETTINGS.adminToken.env]: '', ...(databaseUrl ? { [SETTINGS.databaseUrl.env]: databaseUrl } : {}) };
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'admin-token'], { env });
    const fresh = /new admin token: (hka_\S+)/.exec(stdout)?.[1] as string;
    expect(stdout).toContain('Running hookd servers accept it within 5 seconds');
    const api = new ApiClient(hookd.api.baseUrl);
    // Asked every half second: each refusal until then counts as a failed authentication of this address.
    await eventually(async () => (await api.as(fresh).get('/workspaces')).status === 200, 15_000, 500);
    expect((await api.as(old).get('/workspaces')).status).toBe(401);
  });
});
