/**
 * Durability across process deaths: hookd runs as a real child process; a graceful stop hands work back,
 * a restart finishes it, and after `kill -9` every acknowledged event still arrives (at least once).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace, eventually, sleep } from '../../helpers/hookd.ts';
import { freePort, spawnHookd, type HookdProcess } from '../../helpers/process.ts';
import { USE_POSTGRES, createTestSchema, type TestSchema } from '../../helpers/postgres.ts';
import { Receiver } from '../../helpers/receiver.ts';

describe('process deaths', () => {
  let dataDir: string;
  let receiver: Receiver;
  let running: HookdProcess[] = [];
  let schema: TestSchema | null = null;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hookd-crash-'));
    receiver = await Receiver.start();
    schema = USE_POSTGRES ? await createTestSchema() : null;
  });
  afterEach(async () => {
    for (const process of running) if (process.child.exitCode === null) process.child.kill('SIGKILL');
    running = [];
    await receiver.close();
    await schema?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(port: number, settings: Record<string, string> = {}) {
    const process = await spawnHookd(dataDir, port, { ...settings, ...(schema ? { databaseUrl: schema.url } : {}) });
    running.push(process);
    return process;
  }

  it('delivers what was pending after a graceful stop and a restart', { timeout: 60_000 }, async () => {
    const port = await freePort();
    let hookd = await start(port, { retrySchedule: '200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms' });
    const ws = await createWorkspace(hookd.api);
    await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'w', url: receiver.url('/w'), events: ['order.created'], active: true });
    receiver.behaviour = { kind: 'status', status: 500 };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i } })).body.data.id);
    await receiver.waitFor(5);
    hookd.child.kill('SIGTERM');
    expect(await hookd.exited).toBe(0);

    receiver.behaviour = { kind: 'status', status: 200 };
    const failedBefore = receiver.requests.length;
    hookd = await start(port, { retrySchedule: '200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms' });
    await eventually(async () => {
      const ok = new Set(receiver.requests.slice(failedBefore).map((r) => r.headers['webhook-id']));
      return ids.every((id) => ok.has(id));
    }, 20_000);
  });

  it('loses nothing acknowledged when killed with SIGKILL mid-delivery', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const settings = { lease: '2s', requestTimeout: '10s', webhookConcurrency: '4' };
    let hookd = await start(port, settings);
    const ws = await createWorkspace(hookd.api);
    await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'w', url: receiver.url('/w'), events: ['order.created'], active: true });
    receiver.behaviour = { kind: 'hang' };
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const published = await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { i } });
      expect(published.status).toBe(202);
      ids.push(published.body.data.id);
    }
    await receiver.waitFor(1);
    hookd.child.kill('SIGKILL');
    await hookd.exited;

    receiver.behaviour = { kind: 'status', status: 200 };
    const before = receiver.requests.length;
    hookd = await start(port, settings);
    const arrived = await eventually(async () => {
      const got = receiver.requests.slice(before).map((r) => r.headers['webhook-id'] as string);
      return ids.every((id) => got.includes(id)) ? got : null;
    }, 30_000);
    const duplicates = arrived.length - new Set(arrived).size;
    console.log(`kill -9: ${ids.length} acknowledged events, all delivered; ${duplicates} duplicate(s) after restart; ${before} request(s) were in flight at the kill`);
    expect(duplicates).toBeLessThanOrEqual(before);
  });

  it('lets an attempt in flight finish on SIGTERM and records it', { timeout: 60_000 }, async () => {
    const port = await freePort();
    let hookd = await start(port, { shutdownGrace: '5s' });
    const ws = await createWorkspace(hookd.api);
    const webhook = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'w', url: receiver.url('/w'), events: ['order.created'], active: true })).body.data;
    receiver.behaviour = { kind: 'slow', ms: 800 };
    await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { slow: true } });
    await receiver.waitFor(1);
    hookd.child.kill('SIGTERM');
    expect(await hookd.exited).toBe(0);

    hookd = await start(port);
    const delivery = (await ws.api.get(`/workspaces/${ws.id}/webhooks/${webhook.id}/deliveries`)).body.data[0];
    expect(delivery).toMatchObject({ status: 'succeeded', attemptCount: 1 });
    await sleep(300);
    expect(receiver.requests).toHaveLength(1);
  });
});
