/** Runs hookd as a separate OS process (`bin/hookd.js serve`), for restart and kill -9 tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiClient, ADMIN, TEST_SETTINGS } from './hookd.ts';
import { SETTINGS, type SettingName } from '../../src/config.ts';

const BIN = fileURLToPath(new URL('../../bin/hookd.js', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface HookdProcess {
  child: ChildProcess;
  api: ApiClient;
  output: () => string;
  /** Waits for the process to exit. */
  exited: Promise<number | null>;
}

/** How the process is started beyond its settings: Node's own flags (`--import …`) and more environment. */
export interface SpawnOptions {
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  /** The script run instead of bin/hookd.js (a build's `cli.js`). */
  script?: string;
}

/**
 * Whether process `pid` holds a listening TCP socket on `port` (Linux: /proc; elsewhere, assumed). The
 * port comes from freePort(), which frees it again: until the process binds it, another test running in
 * parallel can take it (a receiver, another hookd), and its /healthz, or its answer to anything, was
 * taken for this process's. A publish then went to another test's hookd and got a 401.
 */
function listensOn(pid: number, port: number): boolean {
  if (!existsSync('/proc/net/tcp')) return true;
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT; state 0A is LISTEN; the inode is the tenth field.
      if (fields.length > 9 && fields[1].endsWith(`:${hexPort}`) && fields[3] === '0A') inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return false;
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '');
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/**
 * `command` is `['serve']` (default), `['serve', '--api-only']` or `['worker']` (no HTTP: ready when it says so).
 * `port: 'free'`: a free port, and another if someone else takes it before this process binds it.
 */
export async function spawnHookd(
  dataDir: string, port: number | 'free', settings: Partial<Record<SettingName, string>> = {}, command: string[] = ['serve'], options: SpawnOptions = {},
): Promise<HookdProcess> {
  if (port !== 'free') return spawnOnPort(dataDir, port, settings, command, options);
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnOnPort(dataDir, await freePort(), settings, command, options);
    } catch (error) {
      if (attempt >= 5 || !(error instanceof Error) || !error.message.includes('EADDRINUSE')) throw error;
    }
  }
}

async function spawnOnPort(
  dataDir: string, port: number, settings: Partial<Record<SettingName, string>>, command: string[], options: SpawnOptions,
): Promise<HookdProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const [name, value] of Object.entries({ ...TEST_SETTINGS, port: String(port), dataDir, ...settings })) {
    env[SETTINGS[name as SettingName].env] = value;
  }
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script ?? BIN, ...command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const api = new ApiClient(`http://127.0.0.1:${port}`, ADMIN);
  // Built (dist/), a process starts in about a second; from the sources (a build older than them) it loads
  // ~200 TypeScript modules through the loader hooks, about 5 s on an idle 2-core machine and several
  // times that under a full test run.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hookd exited at start:\n${output}`);
    if (command[0] === 'worker') {
      if (output.includes('running')) break;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`hookd worker did not start:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      const response = await fetch(`${api.baseUrl}/healthz`);
      // Healthy, and this process's answer: not that of whatever else took the port meanwhile.
      if (response.status === 200 && listensOn(child.pid as number, port)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // Not left running behind the failed test (it would hold its port, its store and its locks).
      child.kill('SIGKILL');
      throw new Error(`hookd did not become healthy:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, api, output: () => output, exited };
}
