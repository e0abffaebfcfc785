/**
 * Publish → dispatcher hand-off (SQLite): once this process's dispatcher has claimed, a delivery is
 * stored already leased to it and its next claim takes it from memory. On a real SQLite store, with the
 * claims made here by hand (an API-role process: no dispatcher of its own competes for the work).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHookd, type Hookd } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Webhook, Workspace } from '../../src/core/model.ts';
import { MAX_WAITING_PER_WEBHOOK } from '../../src/store/sql/hand-off.ts';
import type { SqlStore } from '../../src/store/sql/index.ts';
import type { ClaimRequest } from '../../src/core/ports/store.ts';

const LEASE = 60_000;

function request(now: number, room: Array<[number, number]> = [], perWebhookDefault = 4, limit = 10): ClaimRequest {
  return { now, leaseUntil: now + LEASE, limit, perWebhookRoom: new Map(room), perWebhookDefault, perWorkspaceRoom: new Map(), perWorkspaceDefault: 1000, webhookConcurrency: 4, settled: [], held: [] };
}

describe('publish → dispatcher hand-off', () => {
  let dir: string;
  let hookd: Hookd;
  let store: SqlStore;
  let workspace: Workspace;
  let webhook: Webhook;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hookd-hand-off-'));
    const config = loadConfig({}, { dataDir: dir, adminToken: 'admin', port: '0', host: '127.0.0.1', allowPrivateNetworks: 'true', logLevel: 'warn' }, 'api');
    hookd = await startHookd(config, pino({ level: 'warn' }));
    store = hookd.store as SqlStore;
    workspace = await hookd.core.workspaces.create({ name: 'hand-off' });
    webhook = await hookd.core.webhooks.create(workspace, { name: 'h', url: 'http://127.0.0.1:9/h', events: ['order.created'], status: 'active' });
  });

  afterEach(async () => {
    await hookd.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const publish = (id: number) => hookd.core.events.publish(workspace, { type: 'order.created', data: { id } });
  const rows = () => store.db.selectFrom('deliveries').select(['id', 'status', 'next_attempt_at']).orderBy('id').execute();

  it('stores deliveries pending until a dispatcher here has claimed, then leased to it, and hands them over', async () => {
    await publish(1);
    expect((await rows()).map((row) => row.status)).toEqual(['pending']);
    const first = await store.dispatch.claim(request(Date.now()));
    expect(first).toHaveLength(1);

    const before = Date.now();
    const published = await publish(2);
    const [, handed] = await rows();
    expect(handed.status).toBe('sending');
    // Leased for as long as the dispatcher's claims lease: due again only if it is never sent.
    expect(Number(handed.next_attempt_at)).toBeGreaterThanOrEqual(before + LEASE);
    expect(Number(handed.next_attempt_at)).toBeLessThanOrEqual(Date.now() + LEASE);

    const [delivery] = await store.dispatch.claim(request(Date.now()));
    expect(delivery).toMatchObject({ seq: Number(handed.id), attemptCount: 0, trigger: 'scheduled' });
    expect(delivery.webhook).toMatchObject({ id: webhook.id, url: 'http://127.0.0.1:9/h' });
    expect(delivery.event).toMatchObject({ id: published.event.id, type: 'order.created' });
    expect(JSON.parse(delivery.event.dataJson)).toEqual({ id: 2 });
    // Taken once: the next claim finds nothing.
    expect(await store.dispatch.claim(request(Date.now()))).toEqual([]);
  });

  it("hands out only what fits the webhook's room, new work in the first half of a batch, and stores pending past one webhook's share", async () => {
    await store.dispatch.claim(request(Date.now()));
    const share = MAX_WAITING_PER_WEBHOOK;
    for (let i = 0; i <= share; i++) await publish(i);
    const statuses = (await rows()).map((row) => row.status);
    expect(statuses.filter((status) => status === 'sending')).toHaveLength(share);
    // The last one is stored pending, for the claim's scan of due rows.
    expect(statuses[share]).toBe('pending');

    expect(await store.dispatch.claim(request(Date.now(), [[webhook.seq, 0]]))).toEqual([]);
    // A batch of 4 with room for 3: two handed off (half the batch), then the due one, then no room left.
    const claimed = await store.dispatch.claim(request(Date.now(), [[webhook.seq, 3]], 4, 4));
    expect(claimed.map((delivery) => JSON.parse(delivery.event.dataJson).id)).toEqual([share, 0, 1]);
    // With the batch to itself, new work fills it: retries due long ago do not keep fresh deliveries waiting.
    const next = await store.dispatch.claim(request(Date.now(), [[webhook.seq, 3]], 4, 10));
    expect(next.map((delivery) => JSON.parse(delivery.event.dataJson).id)).toEqual([2, 3, 4]);
  });

  it('holds, instead of handing out, a delivery whose webhook was paused meanwhile', async () => {
    await store.dispatch.claim(request(Date.now()));
    await publish(1);
    await hookd.core.webhooks.setStatus(webhook, 'paused');
    expect(await store.dispatch.claim(request(Date.now()))).toEqual([]);
    expect((await rows()).map((row) => row.status)).toEqual(['held']);
    await hookd.core.webhooks.setStatus(webhook, 'active');
    expect(await store.dispatch.claim(request(Date.now()))).toHaveLength(1);
  });

  it('leaves a delivery that waited past half its lease to fall due, and it is claimed once', async () => {
    await store.dispatch.claim(request(Date.now()));
    await publish(1);
    const [{ next_attempt_at: leaseEnd }] = await rows();
    expect(await store.dispatch.claim(request(Number(leaseEnd) - LEASE / 2 + 1))).toEqual([]);
    expect(await store.dispatch.claim(request(Number(leaseEnd)))).toHaveLength(1);
    expect(await store.dispatch.claim(request(Number(leaseEnd) + 1))).toEqual([]);
  });

  it('hands back, due now, what waits when the dispatcher stops, and hands off nothing after', async () => {
    await store.dispatch.claim(request(Date.now()));
    await publish(1);
    const stoppedAt = Date.now();
    await store.dispatch.stopClaiming(stoppedAt);
    expect((await rows()).map((row) => [row.status, Number(row.next_attempt_at)])).toEqual([['pending', stoppedAt]]);
    await publish(2);
    expect((await rows()).map((row) => row.status)).toEqual(['pending', 'pending']);
  });
});
