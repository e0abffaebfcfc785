/**
 * The per-webhook concurrency limit shared by processes on PostgreSQL bounds requests open to the
 * endpoint: a delivery this process has sent, whose outcome waits to be recorded with its batch, no
 * longer takes one of the webhook's slots (ClaimRequest.settled). On the real store of an API-role
 * process (no dispatcher of its own competes), with the claims made here by hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHookd, type Hookd } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import type { ClaimRequest } from '../../../src/core/ports/store.ts';
import type { Webhook, Workspace } from '../../../src/core/model.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { USE_POSTGRES, createTestSchema } from '../../helpers/postgres.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`a webhook's slots across processes (${USE_POSTGRES ? 'running' : reason})`, () => {
  let dir: string;
  let hookd: Hookd;
  let store: SqlStore;
  let workspace: Workspace;
  let webhook: Webhook;

  const request = (settled: number[]): ClaimRequest => {
    const now = Date.now();
    return {
      now, leaseUntil: now + 60_000, limit: 10, perWebhookRoom: new Map(), perWebhookDefault: 8,
      perWorkspaceRoom: new Map(), perWorkspaceDefault: 100, webhookConcurrency: 1, settled,
    };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hookd-settled-'));
    const schema = await createTestSchema();
    const config = loadConfig({}, {
      dataDir: dir, adminToken: 'admin', port: '0', host: '127.0.0.1', allowPrivateNetworks: 'true', logLevel: 'warn', databaseUrl: schema.url,
    }, 'api');
    hookd = await startHookd(config, pino({ level: 'warn' }));
    store = hookd.store as SqlStore;
    workspace = await hookd.core.workspaces.create({ name: 'settled' });
    webhook = await hookd.core.webhooks.create(workspace, { name: 'one at a time', url: 'http://127.0.0.1:9/x', events: ['order.created'], status: 'active' });
    for (let i = 0; i < 2; i++) await hookd.core.events.publish(workspace, { type: 'order.created', data: { i } });
  });

  afterAll(async () => {
    await hookd?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('frees a slot once its attempt has ended, before its outcome is recorded', async () => {
    const [first] = await store.dispatch.claim(request([]));
    expect(first.webhook.seq).toBe(webhook.seq);
    // Its attempt is open (or its end unknown here): the webhook's one slot is taken.
    expect(await store.dispatch.claim(request([]))).toEqual([]);
    // Its attempt has ended; the outcome is not recorded yet (the delivery is still claimed in the store).
    const [second] = await store.dispatch.claim(request([first.seq]));
    expect(second.seq).not.toBe(first.seq);
    expect(second.webhook.seq).toBe(webhook.seq);
  });
});
