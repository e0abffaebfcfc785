/**
 * The dispatcher thread's store calls cross a message port to the API thread's store. Over a real
 * MessageChannel (so every argument and result is structured-cloned, as between threads): a claim with
 * per-webhook room (a Map) returns the delivery with its webhook and event, recording it moves it on and
 * logs the attempt, and a store error comes back as a rejection with the store's message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHookd, type Hookd } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Workspace } from '../../src/core/model.ts';
import { toLoggedAttempt, type DispatchRepo, type NewAttempt } from '../../src/core/ports/store.ts';
import type { StoreCall, StoreReply } from '../../src/threads/messages.ts';
import { decodeOutcomes, encodeOutcomes } from '../../src/threads/outcomes-wire.ts';
import { RemoteDispatchRepo, runStoreCall } from '../../src/threads/remote-dispatch.ts';

/** A RemoteDispatchRepo whose calls run on `repo` at the other end of a MessageChannel. */
function overChannel(repo: DispatchRepo): { remote: RemoteDispatchRepo; close(): void } {
  const { port1, port2 } = new MessageChannel();
  const remote = new RemoteDispatchRepo((call) => port1.postMessage(call));
  port1.on('message', (reply: StoreReply) => remote.answer(reply));
  port2.on('message', (call: StoreCall) => void runStoreCall(repo, call).then((reply) => port2.postMessage(reply)));
  return { remote, close: () => { port1.close(); port2.close(); } };
}

describe('RemoteDispatchRepo', () => {
  let dir: string;
  let hookd: Hookd;
  let workspace: Workspace;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hookd-remote-'));
    // The API role: no dispatcher of its own competes for the deliveries this test claims.
    const config = loadConfig({}, { dataDir: dir, adminToken: 'admin', port: '0', host: '127.0.0.1', allowPrivateNetworks: 'true', logLevel: 'warn' }, 'api');
    hookd = await startHookd(config, pino({ level: 'warn' }));
    workspace = await hookd.core.workspaces.create({ name: 'remote' });
  });

  afterAll(async () => {
    await hookd.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('claims, records and reads the next due time through the port', async () => {
    const webhook = await hookd.core.webhooks.create(workspace, { name: 'r', url: 'http://127.0.0.1:9/r', events: ['order.created'], status: 'active', headers: { 'x-tenant': 'acme' } });
    const event = await hookd.core.events.publish(workspace, { type: 'order.created', data: { id: 7, note: 'ünïcode' } });
    const { remote, close } = overChannel(hookd.store.dispatch);
    try {
      const now = Date.now();
      const claimed = await remote.claim({
        now, leaseUntil: now + 60_000, limit: 10,
        // Another webhook's full lane must not stop this one's delivery from being claimed.
        perWebhookRoom: new Map([[999_999, 0]]), perWebhookDefault: 5, perWorkspaceRoom: new Map([[999_999, 0]]), perWorkspaceDefault: 5, webhookConcurrency: 5, settled: [], held: [],
      });
      expect(claimed).toHaveLength(1);
      const [delivery] = claimed;
      expect(delivery.webhook).toMatchObject({ id: webhook.id, url: 'http://127.0.0.1:9/r' });
      // Header values cross sealed; only the sender opens them.
      expect(Object.keys(delivery.webhook.sealedHeaders)).toEqual(['x-tenant']);
      expect(delivery.webhook.sealedHeaders['x-tenant']).not.toContain('acme');
      expect(hookd.core.ctx.box.decrypt(delivery.webhook.sealedHeaders['x-tenant'])).toBe('acme');
      expect(delivery.event).toMatchObject({ id: event.event.id, type: 'order.created' });
      expect(JSON.parse(delivery.event.dataJson)).toEqual({ id: 7, note: 'ünïcode' });
      // Leased: not due again until the lease runs out.
      expect(await remote.nextDueAt()).toBe(now + 60_000);

      const attempt: NewAttempt = {
        deliverySeq: delivery.seq, webhookSeq: delivery.webhook.seq, workspaceSeq: delivery.webhook.workspaceSeq, eventType: 'order.created', trigger: 'scheduled', success: true,
        requestUrl: delivery.webhook.url, requestHeaders: { 'webhook-id': delivery.event.id }, requestBody: '{"a":1}',
        responseCode: 204, responseMessage: 'No Content', responseHeaders: { server: 'test' }, responseBody: null,
        durationMs: 3, error: null, createdAt: Date.now(),
      };
      const policy = { standard: { failures: 5, afterMs: 1000 }, woocommerce: { failures: 5 } };
      expect(await remote.record([{ deliverySeq: delivery.seq, webhookSeq: delivery.webhook.seq, fifo: false, attempt: toLoggedAttempt(attempt), next: { status: 'succeeded', at: null } }], policy, Date.now()))
        .toEqual({ disabledWebhooks: [] });
      expect(await remote.nextDueAt()).toBeNull();

      const stored = await hookd.core.deliveries.get(webhook, delivery.id);
      expect(stored.delivery.status).toBe('succeeded');
      expect(stored.attempts).toHaveLength(1);
      expect(stored.attempts[0]).toMatchObject({ responseCode: 204, requestHeaders: { 'webhook-id': delivery.event.id }, requestBody: '{"a":1}' });
    } finally {
      close();
    }
  });

  it('sends a batch of outcomes as one flat array that decodes to the same outcomes', () => {
    const failed: NewAttempt = {
      deliverySeq: 12, webhookSeq: 3, workspaceSeq: 2, eventType: 'order.created', trigger: 'manual', success: false,
      requestUrl: 'http://127.0.0.1:9/x', requestHeaders: { 'webhook-id': 'msg_1' }, requestBody: '{"b":2}',
      responseCode: null, responseMessage: null, responseHeaders: {}, responseBody: null, durationMs: 15000.5,
      error: 'timeout: no complete response within 15000 ms', createdAt: 1_763_900_000_000,
    };
    const outcomes = [
      { deliverySeq: 12, webhookSeq: 3, fifo: false, attempt: toLoggedAttempt(failed), next: { status: 'pending' as const, at: 1_763_900_005_000 } },
      { deliverySeq: 13, webhookSeq: 4, fifo: true, attempt: toLoggedAttempt({ ...failed, deliverySeq: 13, webhookSeq: 4, success: true, responseCode: 200, responseMessage: 'OK', responseHeaders: { a: 'b' }, responseBody: 'ok', error: null }), next: { status: 'succeeded' as const, at: null } },
    ];
    const wire = structuredClone(encodeOutcomes(outcomes));
    expect(wire.every((value) => value === null || typeof value !== 'object')).toBe(true);
    expect(decodeOutcomes(wire)).toEqual(outcomes);
  });

  it("rejects with the store's error message, and later calls still work", async () => {
    let calls = 0;
    const failing: DispatchRepo = {
      claim: () => Promise.reject(new Error('database is locked')),
      nextDueAt: async () => ++calls,
      record: () => Promise.reject(new Error('unused')),
      release: () => Promise.reject(new Error('unused')),
      stopClaiming: () => Promise.reject(new Error('unused')),
      promoteStalledQueues: () => Promise.reject(new Error('unused')),
    };
    const { remote, close } = overChannel(failing);
    try {
      const now = Date.now();
      await expect(remote.claim({ now, leaseUntil: now, limit: 1, perWebhookRoom: new Map(), perWebhookDefault: 1, perWorkspaceRoom: new Map(), perWorkspaceDefault: 1, webhookConcurrency: 1, settled: [], held: [] }))
        .rejects.toThrow('database is locked');
      expect(await Promise.all([remote.nextDueAt(), remote.nextDueAt()])).toEqual([1, 2]);
    } finally {
      close();
    }
  });
});
