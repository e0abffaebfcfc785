/**
 * The hookd under test (a separate process, so its memory can be read and a crash is seen), the receivers
 * its deliveries go to (all on 127.0.0.1), the fixtures the generators refer to, and the checks made
 * before and after a campaign: a sentinel webhook in a workspace the fuzzer never touches must read back
 * the same, and events published afterwards must still be delivered.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, ApiClient, createWorkspace } from '../helpers/hookd.ts';
import { freePort, spawnHookd, type HookdProcess } from '../helpers/process.ts';

/** A receiver on 127.0.0.1 that answers 200 at once and remembers what arrived (bounded). */
export class Sink {
  readonly received: Array<{ path: string; headers: IncomingHttpHeaders; body: string; at: number }> = [];
  count = 0;
  #server: Server;
  #sockets = new Set<Socket>();
  #waiters: Array<{ test: (body: string) => boolean; resolve: (body: string) => void }> = [];
  port = 0;

  constructor(private readonly keep = 200) {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.count++;
        this.received.push({ path: req.url ?? '', headers: req.headers, body, at: Date.now() });
        if (this.received.length > this.keep) this.received.shift();
        this.#waiters = this.#waiters.filter((waiter) => {
          if (!waiter.test(body)) return true;
          waiter.resolve(body);
          return false;
        });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      });
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(keep?: number): Promise<Sink> {
    const sink = new Sink(keep);
    await new Promise<void>((resolve) => sink.#server.listen(0, '127.0.0.1', resolve));
    sink.port = (sink.#server.address() as AddressInfo).port;
    return sink;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Resolves with the first body (already received or still to come) that passes `test`. */
  waitFor(test: (body: string) => boolean, timeoutMs: number): Promise<string | null> {
    const found = this.received.find((r) => test(r.body));
    if (found) return Promise.resolve(found.body);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        resolve(null);
      }, timeoutMs);
      const waiter = { test, resolve: (body: string) => { clearTimeout(timer); resolve(body); } };
      this.#waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

export interface Tenant {
  id: string;
  key: string;
  keyId: string;
  consumerKey: string;
  consumerSecret: string;
  /** A JSON-RPC session of this tenant's key. */
  session: string;
  api: ApiClient;
}

/** What generators may refer to. Fixtures are made before the campaign; the `created` pools grow during it. */
export interface Pools {
  /** Native ids of webhooks in tenant A (fixtures). */
  webhookIds: string[];
  /** Integer ids (WooCommerce / JSON-RPC) of webhooks in tenant A (fixtures). */
  webhookSeqs: number[];
  /** Native delivery ids, by the native webhook id they belong to. */
  deliveries: Array<{ webhookId: string; deliveryId: string }>;
  /** WooCommerce delivery ids (hookd attempt numbers), by webhook integer id. */
  wooDeliveries: Array<{ seq: number; deliveryId: number }>;
  eventIds: string[];
  /** A custom event type of tenant A. */
  customEventType: string;
  /** Created during the campaign (safe to delete). */
  createdWebhookIds: string[];
  createdWebhookSeqs: number[];
  createdKeyIds: string[];
  createdSessions: string[];
  /** Workspaces made by POST /workspaces during the campaign: the only ones DELETE /workspaces/{ws} may aim at (never A, B or C). */
  createdWorkspaceIds: string[];
  /** Tenant A's event types made during the campaign: the ones DELETE …/event-types/{name} aims at (never customEventType). */
  createdEventTypes: string[];
}

export interface MemorySample {
  rssKb: number;
  hwmKb: number;
}

export interface PostCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** hookd processes started here and not yet stopped: killed if the campaign itself is interrupted. */
export const RUNNING = new Set<HookdProcess>();

export const SUBSCRIBABLE = ['order.created', 'order.updated', 'product.created', 'order.status', 'job.status', 'order.*', 'customer.deleted', 'action.woocommerce_fuzz_hook'];

export class World {
  readonly pools: Pools = {
    webhookIds: [], webhookSeqs: [], deliveries: [], wooDeliveries: [], eventIds: [], customEventType: 'fuzz.thing',
    createdWebhookIds: [], createdWebhookSeqs: [], createdKeyIds: [], createdSessions: [], createdWorkspaceIds: [], createdEventTypes: [],
  };

  sentinelSnapshot = '';
  sentinelPath = '';

  private constructor(
    readonly hookd: HookdProcess,
    readonly dataDir: string,
    readonly baseUrl: string,
    readonly port: number,
    readonly sink: Sink,
    /** Receives only the sentinel's deliveries (tenant C) and the post-campaign probe's. */
    readonly sentinelSink: Sink,
    readonly a: Tenant,
    readonly b: Tenant,
    readonly c: Tenant,
    readonly sentinelId: string,
    readonly sentinelSeq: number,
  ) {}

  readonly admin = ADMIN;
  get refusedUrl(): string {
    return 'http://127.0.0.1:1/refused';
  }

  get pid(): number {
    return this.hookd.child.pid as number;
  }

  alive(): boolean {
    return this.hookd.child.exitCode === null && this.hookd.child.signalCode === null;
  }

  memory(): MemorySample | null {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
    } catch {
      return null;
    }
  }

  /** Starts hookd and makes the fixtures. */
  static async start(settings: Record<string, string> = {}): Promise<World> {
    const dataDir = mkdtempSync(join(tmpdir(), 'hookd-fuzz-'));
    const port = await freePort();
    // The campaign makes thousands of failed authentications from 127.0.0.1, where the canary and the
    // post-campaign checks come from too: hookd's per-address limit would refuse them all (rightly; that
    // limit is tested in test/e2e/native/auth-failures.test.ts), so it is set out of the fuzzer's reach.
    const hookd = await spawnHookd(dataDir, port, { logLevel: 'info', retrySchedule: '100ms,200ms', requestTimeout: '2s', authFailureLimit: '1000000', ...settings });
    RUNNING.add(hookd);
    const baseUrl = `http://127.0.0.1:${port}`;
    const sink = await Sink.start();
    const sentinelSink = await Sink.start(1000);
    try {
      const api = new ApiClient(baseUrl, ADMIN);
      const tenant = async (name: string): Promise<Tenant> => {
        const ws = await createWorkspace(api, name);
        const keys = await api.get(`/workspaces/${ws.id}/api-keys`);
        const login = await fetch(`${baseUrl}/api/jsonrpc`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'login', params: [ws.consumerKey, ws.consumerSecret] }),
        });
        const session = ((await login.json()) as { result: string }).result;
        return { id: ws.id, key: ws.key, keyId: keys.body.data[0].id, consumerKey: ws.consumerKey, consumerSecret: ws.consumerSecret, session, api: ws.api };
      };
      const a = await tenant('fuzz-a');
      const b = await tenant('fuzz-b');
      const c = await tenant('sentinel-c');

      // The sentinel: tenant C's only webhook. The fuzzer never learns C's id or credentials.
      const sentinel = await c.api.post(`/workspaces/${c.id}/webhooks`, {
        name: 'sentinel ✓ 日本', url: sentinelSink.url('/sentinel'), events: ['order.created'], active: true, secret: 'sentinel-secret-0123456789',
        headers: { 'X-Sentinel': 'still here' }, description: 'must read back unchanged after the campaign',
      });
      if (sentinel.status !== 201) throw new Error(`sentinel: ${sentinel.status} ${sentinel.text}`);
      const sentinelSeq = await seqOf(baseUrl, c, sentinel.body.data.id);
      const world = new World(hookd, dataDir, baseUrl, port, sink, sentinelSink, a, b, c, sentinel.body.data.id, sentinelSeq);
      await world.makeFixtures();
      return world;
    } catch (error) {
      hookd.child.kill('SIGKILL');
      await sink.close();
      await sentinelSink.close();
      throw error;
    }
  }

  private async makeFixtures(): Promise<void> {
    const { a, c, pools } = this;
    const basic = `Basic ${Buffer.from(`${a.consumerKey}:${a.consumerSecret}`).toString('base64')}`;
    const must = (what: string, status: number, text: string, expected: number) => {
      if (status !== expected) throw new Error(`fixture ${what}: ${status} ${text}`);
    };
    const eventType = await a.api.post(`/workspaces/${a.id}/event-types`, { name: pools.customEventType, title: 'Fuzz thing', example: { n: 1 } });
    must('event type', eventType.status, eventType.text, 201);

    const natives = [
      { name: 'fixture active', url: this.sink.url('/a'), events: ['order.created', pools.customEventType], active: true, headers: { 'X-Fixture': '1' } },
      { name: 'fixture paused', url: this.sink.url('/p'), events: ['order.*'], active: false, pausedBehavior: 'queue' },
      { name: 'fixture refused', url: this.refusedUrl, events: ['order.updated'], active: true },
      { name: 'fixture all', url: this.sink.url('/all'), events: ['*'], active: true, secret: 'whsec_' + Buffer.alloc(24, 7).toString('base64') },
    ];
    for (const body of natives) {
      const created = await a.api.post(`/workspaces/${a.id}/webhooks`, body);
      must('native webhook', created.status, created.text, 201);
      pools.webhookIds.push(created.body.data.id);
    }
    for (const topic of ['order.created', 'product.updated', 'action.woocommerce_fuzz_hook']) {
      const response = await fetch(`${this.baseUrl}/wc-api/v2/webhooks`, {
        method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' },
        body: JSON.stringify({ webhook: { name: `woo ${topic}`, topic, delivery_url: this.sink.url('/woo') } }),
      });
      const text = await response.text();
      must('woo webhook', response.status, text, 201);
      pools.webhookSeqs.push(JSON.parse(text).webhook.id);
    }
    for (const topics of ['order:created', 'order:*']) {
      const response = await fetch(`${this.baseUrl}/api/jsonrpc`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [a.session, 'webhook.create', [{ url: this.sink.url('/rpc'), topics, extra_headers: 'X-Rpc: 1' }]] }),
      });
      const answer = (await response.json()) as { result?: number };
      if (typeof answer.result !== 'number') throw new Error(`fixture rpc webhook: ${JSON.stringify(answer)}`);
      pools.webhookSeqs.push(answer.result);
    }
    // Every webhook of A by native id (the WooCommerce and JSON-RPC ones too).
    const list = await a.api.get(`/workspaces/${a.id}/webhooks?limit=250`);
    for (const webhook of list.body.data as Array<{ id: string }>) if (!pools.webhookIds.includes(webhook.id)) pools.webhookIds.push(webhook.id);

    // Events with deliveries and attempts, so the delivery routes have something to read.
    for (let i = 0; i < 3; i++) {
      const event = await a.api.post(`/workspaces/${a.id}/events`, { type: 'order.created', data: { id: i, note: 'fixture' } });
      must('event', event.status, event.text, 202);
      pools.eventIds.push(event.body.data.id);
    }
    const event = await a.api.post(`/workspaces/${a.id}/events`, { type: pools.customEventType, data: { id: 9 } });
    must('event', event.status, event.text, 202);
    pools.eventIds.push(event.body.data.id);
    await sleep(1500);
    for (const id of pools.eventIds) {
      const read = await a.api.get(`/workspaces/${a.id}/events/${id}`);
      for (const delivery of read.body.data.deliveries as Array<{ id: string; webhookId: string }>) pools.deliveries.push({ webhookId: delivery.webhookId, deliveryId: delivery.id });
    }
    for (const seq of pools.webhookSeqs) {
      const response = await fetch(`${this.baseUrl}/wc-api/v2/webhooks/${seq}/deliveries`, { headers: { authorization: basic } });
      const body = (await response.json()) as { webhook_deliveries?: Array<{ id: number }> };
      for (const delivery of body.webhook_deliveries ?? []) pools.wooDeliveries.push({ seq, deliveryId: delivery.id });
    }

    // The sentinel's own traffic before the campaign: one event, delivered.
    const before = await c.api.post(`/workspaces/${c.id}/events`, { type: 'order.created', data: { marker: 'sentinel-before' } });
    must('sentinel event', before.status, before.text, 202);
    if (!(await this.sentinelSink.waitFor((body) => body.includes('sentinel-before'), 10_000))) throw new Error('the sentinel got no delivery before the campaign');
    this.sentinelPath = `/workspaces/${c.id}/webhooks/${this.sentinelId}`;
    this.sentinelSnapshot = await this.sentinelState();
  }

  /** The sentinel as tenant C reads it, through all three faces. */
  async sentinelState(): Promise<string> {
    const { c } = this;
    const native = await c.api.get(`/workspaces/${c.id}/webhooks/${this.sentinelId}`);
    const basic = `Basic ${Buffer.from(`${c.consumerKey}:${c.consumerSecret}`).toString('base64')}`;
    const woo = await fetch(`${this.baseUrl}/wc-api/v2/webhooks/${this.sentinelSeq}`, { headers: { authorization: basic } });
    const rpc = await fetch(`${this.baseUrl}/api/jsonrpc`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: basic },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [null, 'webhook.info', [this.sentinelSeq]] }),
    });
    const types = await c.api.get(`/workspaces/${c.id}/event-types`);
    return JSON.stringify({ native: [native.status, native.body], woo: [woo.status, await woo.json()], rpc: [rpc.status, await rpc.json()], types: [types.status, types.body.data?.length] });
  }

  /** After the campaign: alive, healthy, the sentinel unchanged, the faces agreeing, and new events delivered. */
  async postChecks(): Promise<PostCheck[]> {
    const checks: PostCheck[] = [];
    const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
    add('hookd process alive', this.alive(), this.alive() ? `pid ${this.pid}` : this.exitStory());
    if (!this.alive()) return checks;
    try {
      const health = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
      add('GET /healthz is 200', health.status === 200, `${health.status} ${await health.text()}`);
    } catch (error) {
      add('GET /healthz is 200', false, String(error));
    }
    try {
      const state = await this.sentinelState();
      add('the sentinel webhook (tenant C) reads back the same through all three faces', state === this.sentinelSnapshot,
        state === this.sentinelSnapshot ? 'identical' : `before: ${this.sentinelSnapshot.slice(0, 600)}\nafter:  ${state.slice(0, 600)}`);
    } catch (error) {
      add('the sentinel webhook (tenant C) reads back the same through all three faces', false, String(error));
    }
    try {
      add(...(await this.facesAgree()));
    } catch (error) {
      add('tenant A: the three faces list the same webhooks', false, String(error));
    }
    try {
      const marker = `sentinel-after-${Date.now()}-ü日😀`;
      const data = { marker, nested: { list: [1, 2.5, 'three', null, true], empty: {} } };
      const published = await this.c.api.post(`/workspaces/${this.c.id}/events`, { type: 'order.created', data });
      const body = published.status === 202 ? await this.sentinelSink.waitFor((text) => text.includes(marker), 30_000) : null;
      const intact = body !== null && JSON.stringify((JSON.parse(body) as { data: unknown }).data) === JSON.stringify(data);
      add('an event published after the campaign reaches the sentinel (tenant C) intact', intact,
        published.status !== 202 ? `publish: ${published.status} ${published.text}` : body === null ? 'not delivered within 30 s' : intact ? 'delivered, payload identical' : `payload changed: ${body.slice(0, 300)}`);
    } catch (error) {
      add('an event published after the campaign reaches the sentinel (tenant C) intact', false, String(error));
    }
    try {
      const marker = `probe-a-${Date.now()}-é`;
      const name = `fuzz.probe_${Date.now()}`;
      const type = await this.a.api.post(`/workspaces/${this.a.id}/event-types`, { name });
      const hook = await this.a.api.post(`/workspaces/${this.a.id}/webhooks`, { name: 'post-campaign probe', url: this.sentinelSink.url('/probe-a'), events: [name], active: true });
      const published = await this.a.api.post(`/workspaces/${this.a.id}/events`, { type: name, data: { marker } });
      const ok = type.status === 201 && hook.status === 201 && published.status === 202;
      const body = ok ? await this.sentinelSink.waitFor((text) => text.includes(marker), 30_000) : null;
      add('tenant A (fuzzed): a new webhook gets an event published after the campaign', body !== null,
        !ok ? `setup: ${type.status} ${hook.status} ${published.status} ${published.text.slice(0, 200)}` : body === null ? 'not delivered within 30 s' : 'delivered');
    } catch (error) {
      add('tenant A (fuzzed): a new webhook gets an event published after the campaign', false, String(error));
    }
    return checks;
  }

  /** Tenant A's webhooks counted through the native list (all pages), WooCommerce's count and JSON-RPC's list. */
  private async facesAgree(): Promise<[string, boolean, string]> {
    const { a } = this;
    let native = 0;
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; text: string; body: any } = await a.api.get(`/workspaces/${a.id}/webhooks?limit=250${cursor ? `&cursor=${cursor}` : ''}`);
      if (page.status !== 200) return ['tenant A: the three faces list the same webhooks', false, `native list page ${pages}: ${page.status} ${page.text.slice(0, 200)}`];
      native += page.body.data.length;
      cursor = page.body.page.nextCursor;
      pages++;
    } while (cursor && pages < 1000);
    const basic = `Basic ${Buffer.from(`${a.consumerKey}:${a.consumerSecret}`).toString('base64')}`;
    const count = await fetch(`${this.baseUrl}/wc-api/v2/webhooks/count`, { headers: { authorization: basic } });
    const wooCount = ((await count.json()) as { count?: number }).count;
    const rpc = await fetch(`${this.baseUrl}/api/jsonrpc`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: basic },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: [null, 'webhook.list', []] }),
    });
    const rpcList = ((await rpc.json()) as { result?: unknown[] }).result;
    const ok = wooCount === native && rpcList?.length === native;
    return ['tenant A: the three faces list the same webhooks', ok, `native ${native} (${pages} pages), WooCommerce count ${wooCount}, JSON-RPC list ${rpcList?.length}`];
  }

  /** Server-side error log lines (pino level ≥ 50) written since `offset` in hookd's output. */
  errorLogs(offset = 0): Array<{ type: string; message: string; where: string; msg: string }> {
    const out: Array<{ type: string; message: string; where: string; msg: string }> = [];
    for (const line of this.hookd.output().slice(offset).split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { type?: string; message?: string; stack?: string } };
        if ((entry.level ?? 0) < 50) continue;
        const frame = entry.err?.stack?.split('\n').find((l) => /\/src\//.test(l)) ?? entry.err?.stack?.split('\n')[1] ?? '';
        out.push({ type: entry.err?.type ?? '', message: entry.err?.message ?? '', where: frame.trim().replace(/^at /, '').replace(/.*\/(src\/)/, '$1').replace(/\)$/, ''), msg: entry.msg ?? '' });
      } catch {
        // not a log line
      }
    }
    return out;
  }

  /** How the process ended, with the last lines it wrote (a signal it got is logged as `stopping`). */
  exitStory(): string {
    const lines = this.hookd.output().trim().split('\n').slice(-6).map((line) => line.slice(0, 300));
    return `exit code ${this.hookd.child.exitCode ?? '-'}, signal ${this.hookd.child.signalCode ?? '-'}; last output: ${lines.join(' ⏎ ')}`;
  }

  outputLength(): number {
    return this.hookd.output().length;
  }

  async stop(): Promise<void> {
    RUNNING.delete(this.hookd);
    if (this.alive()) {
      this.hookd.child.kill('SIGTERM');
      const timer = setTimeout(() => this.hookd.child.kill('SIGKILL'), 5000);
      await this.hookd.exited;
      clearTimeout(timer);
    }
    await this.sink.close();
    await this.sentinelSink.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

async function seqOf(baseUrl: string, tenant: { consumerKey: string; consumerSecret: string }, nativeId: string): Promise<number> {
  // Tenant C has one webhook: WooCommerce's list names its integer id.
  const basic = `Basic ${Buffer.from(`${tenant.consumerKey}:${tenant.consumerSecret}`).toString('base64')}`;
  const response = await fetch(`${baseUrl}/wc-api/v2/webhooks`, { headers: { authorization: basic } });
  const body = (await response.json()) as { webhooks: Array<{ id: number; name: string }> };
  if (body.webhooks.length !== 1) throw new Error(`sentinel ${nativeId}: tenant C should have one webhook, has ${body.webhooks.length}`);
  return body.webhooks[0].id;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
