/**
 * Starts a real hookd (in this process, on a free port, with its own temporary data dir) and gives
 * tests a small HTTP client for its native API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startHookd, type Hookd } from '../../src/app.ts';
import { loadConfig, type SettingName } from '../../src/config.ts';
import { afterAll, beforeAll } from 'vitest';
import { USE_POSTGRES, createTestSchema } from './postgres.ts';
import { Receiver } from './receiver.ts';

export const ADMIN = 'test-admin-token';

export interface TestHookd {
  hookd: Hookd;
  url: string;
  dataDir: string;
  api: ApiClient;
  stop(): Promise<void>;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class ApiClient {
  constructor(readonly baseUrl: string, public token: string = ADMIN) {}

  as(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, init: { headers?: Record<string, string>; raw?: string } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, ...init.headers };
    let payload: string | undefined;
    if (init.raw !== undefined) payload = init.raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let parsed: any = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body);
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body);
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);
}

/** Settings tests usually want: private networks allowed (receivers are on 127.0.0.1), fast retries. */
export const TEST_SETTINGS: Partial<Record<SettingName, string>> = {
  port: '0',
  host: '127.0.0.1',
  adminToken: ADMIN,
  allowPrivateNetworks: 'true',
  retrySchedule: '100ms,200ms',
  retryJitter: '0',
  requestTimeout: '2s',
  shutdownGrace: '2s',
  logLevel: 'warn',
  // Every answer in the e2e suite is checked against the OpenAPI document (api/response-check.ts).
  checkResponses: 'true',
};

export async function startTestHookd(settings: Partial<Record<SettingName, string>> = {}, dataDir?: string): Promise<TestHookd> {
  // Test processes run file after file without reloading modules (vitest.config.ts): a process must
  // never carry one project's store into the other's files.
  if (USE_POSTGRES !== (process.env.HOOKD_TEST_STORE === 'postgres')) throw new Error('this test process was loaded for the other store');
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'hookd-test-'));
  const schema = USE_POSTGRES && settings.databaseUrl === undefined ? await createTestSchema() : null;
  const config = loadConfig({}, { ...TEST_SETTINGS, dataDir: dir, ...(schema ? { databaseUrl: schema.url } : {}), ...settings });
  const hookd = await startHookd(config, pino({ level: config.logLevel }));
  const url = hookd.url as string;
  return {
    hookd,
    url,
    dataDir: dir,
    api: new ApiClient(url),
    async stop() {
      await hookd.close();
      await schema?.drop();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A workspace with an API key, ready to use. */
export async function createWorkspace(api: ApiClient, name = 'acme') {
  const workspace = await api.as(ADMIN).post('/workspaces', { name });
  // Checked here: a test that went on without its workspace would fail later with a misleading 401.
  if (workspace.status !== 201) throw new Error(`creating workspace ${name}: ${workspace.status} ${workspace.text}`);
  const key = await api.as(ADMIN).post(`/workspaces/${workspace.body.data.id}/api-keys`, { name: 'test' });
  if (key.status !== 201) throw new Error(`creating an API key for workspace ${name}: ${key.status} ${key.text}`);
  return {
    id: workspace.body.data.id as string,
    key: key.body.data.key as string,
    consumerKey: key.body.data.consumerKey as string,
    consumerSecret: key.body.data.consumerSecret as string,
    api: api.as(key.body.data.key as string),
  };
}

/** Polls until `check` returns a truthy value (for states the test cannot await directly). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const started = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error('not started: read it inside a test');
  return value;
};

/**
 * One hookd and one receiver shared by a file's tests: started before them, stopped after. Read through
 * the getters (they are set once the tests start).
 */
export function hookdWithReceiver(): { readonly server: TestHookd; readonly receiver: Receiver } {
  let server: TestHookd | undefined;
  let receiver: Receiver | undefined;
  beforeAll(async () => {
    server = await startTestHookd();
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });
  return {
    get server() { return started(server); },
    get receiver() { return started(receiver); },
  };
}

/** The same, with a workspace made for the file's tests. */
export function hookdWithWorkspace(name: string): { readonly server: TestHookd; readonly receiver: Receiver; readonly ws: Awaited<ReturnType<typeof createWorkspace>> } {
  const base = hookdWithReceiver();
  let ws: Awaited<ReturnType<typeof createWorkspace>> | undefined;
  beforeAll(async () => {
    ws = await createWorkspace(base.server.api, name);
  });
  return {
    get server() { return base.server; },
    get receiver() { return base.receiver; },
    get ws() { return started(ws); },
  };
}
