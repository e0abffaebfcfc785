/**
 * SSRF protection with allowPrivateNetworks false: private and loopback URLs are refused at the API, and
 * (since a harmless-looking host name may resolve to loopback) again at connect time, on the address
 * actually connected to, before a single byte is sent.
 */
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EgressPolicy } from '../../../src/core/addresses.ts';
import { HttpSender } from '../../../src/delivery/sender.ts';
import { sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { Receiver } from '../../helpers/receiver.ts';
import { deliveryOf, publish, workspaceWithWebhook } from './support.ts';

const REFUSED = /refus.*(private|loopback)|(private|loopback).*refus/i;

/** This machine's own name if it resolves (only) to loopback, e.g. `vm` via /etc/hosts; otherwise `localhost`. */
async function loopbackHostName(): Promise<string> {
  const own = hostname();
  const addresses = await lookup(own, { all: true }).catch(() => []);
  const loopback = addresses.length > 0 && addresses.every((a) => a.address.startsWith('127.') || a.address === '::1');
  return loopback ? own : 'localhost';
}

describe('SSRF guard', () => {
  let receiver: Receiver;
  let name: string;

  beforeAll(async () => {
    receiver = await Receiver.start();
    name = await loopbackHostName();
  });
  afterAll(async () => {
    await receiver.close();
  });

  describe('at the API (allowPrivateNetworks false)', () => {
    let server: TestHookd;

    beforeAll(async () => {
      server = await startTestHookd({ allowPrivateNetworks: 'false' });
    });
    afterAll(async () => {
      await server.stop();
    });

    it('refuses to create a webhook pointing at 127.0.0.1 (400)', async () => {
      const { ws } = await workspaceWithWebhook(server.api, 'public', 'https://example.com/hook');
      for (const url of [`http://127.0.0.1:${receiver.port}/hook`, `http://localhost:${receiver.port}/hook`, `http://10.0.0.5/hook`, 'http://169.254.169.254/latest/meta-data']) {
        const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'private', url, events: ['order.created'], active: true });
        expect(created.status, url).toBe(400);
        expect(created.body.error, url).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'url' } });
      }
    });

    it('refuses to change a webhook\'s URL to a loopback address (400)', async () => {
      const { ws, webhook } = await workspaceWithWebhook(server.api, 'patched', 'https://example.com/hook');
      const patched = await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { url: `http://127.0.0.1:${receiver.port}/hook` });
      expect(patched.status).toBe(400);
      expect(patched.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'url' } });
    });

    it('refuses at connect time a host name that the API let through but that resolves to loopback', async (context) => {
      if (name === 'localhost') context.skip(); // no such name on this machine: the API itself refuses localhost
      const { ws, webhook } = await workspaceWithWebhook(server.api, 'sneaky', `http://${name}:${receiver.port}/sneaky`);
      const event = await publish(ws, { id: 1 });
      const delivery = await deliveryOf(ws, webhook.id, event.id, 'failed');
      for (const attempt of delivery.attempts) {
        expect(attempt.response).toBeNull();
        expect(attempt.error).toMatch(REFUSED);
      }
      expect(receiver.requests.filter((q) => q.path === '/sneaky')).toHaveLength(0);
    });
  });

  describe('at connect time (HttpSender)', () => {
    it('refuses loopback by name and by address, and the receiver gets no request', async () => {
      const sender = new HttpSender({ timeoutMs: 2000, egress: new EgressPolicy(false), bodyCapBytes: 1024 });
      try {
        const before = receiver.requests.length;
        for (const url of [
          `http://${name}:${receiver.port}/guarded`,
          `http://127.0.0.1:${receiver.port}/guarded`,
          `http://[::ffff:127.0.0.1]:${receiver.port}/guarded`,
          `http://0x7f000001:${receiver.port}/guarded`,
          `http://[::127.0.0.1]:${receiver.port}/guarded`,
          `http://[::ffff:0:127.0.0.1]:${receiver.port}/guarded`,
          `http://[64:ff9b::127.0.0.1]:${receiver.port}/guarded`,
          `http://[2002:7f00:1::1]:${receiver.port}/guarded`,
        ]) {
          const result = await sender.post(url, { 'content-type': 'application/json' }, '{"probe":true}');
          expect(result.statusCode, url).toBeNull();
          expect(result.error, url).toMatch(REFUSED);
          expect(result.error, url).toMatch(/loopback/);
        }
        await sleep(200);
        expect(receiver.requests.length).toBe(before);
      } finally {
        await sender.close();
      }
    });

    it("refuses what the operator's deny list names even with private networks allowed, and lets the allow list through", async () => {
      const denying = new HttpSender({ timeoutMs: 2000, egress: new EgressPolicy(true, '127.0.0.0/8'), bodyCapBytes: 1024 });
      const allowing = new HttpSender({ timeoutMs: 2000, egress: new EgressPolicy(false, '', '127.0.0.1/32'), bodyCapBytes: 1024 });
      try {
        const before = receiver.requests.length;
        for (const url of [`http://${name}:${receiver.port}/denied`, `http://127.0.0.1:${receiver.port}/denied`]) {
          const result = await denying.post(url, { 'content-type': 'application/json' }, '{"probe":true}');
          expect(result.statusCode, url).toBeNull();
          expect(result.error, url).toMatch(/refused.*HOOKD_EGRESS_DENY/);
        }
        expect(receiver.requests.length).toBe(before);
        const allowed = await allowing.post(`http://127.0.0.1:${receiver.port}/allow-listed`, { 'content-type': 'application/json' }, '{"probe":true}');
        expect(allowed.statusCode).toBe(200);
        expect(receiver.requests.slice(before).map((q) => q.path)).toEqual(['/allow-listed']);
      } finally {
        await denying.close();
        await allowing.close();
      }
    });

    it('with allowPrivateNetworks true the same POSTs arrive', async () => {
      const sender = new HttpSender({ timeoutMs: 2000, egress: new EgressPolicy(true), bodyCapBytes: 1024 });
      try {
        const before = receiver.requests.length;
        for (const url of [`http://${name}:${receiver.port}/allowed`, `http://127.0.0.1:${receiver.port}/allowed`]) {
          const result = await sender.post(url, { 'content-type': 'application/json' }, '{"probe":true}');
          expect(result.error, url).toBeNull();
          expect(result.statusCode, url).toBe(200);
        }
        expect(receiver.requests.length).toBe(before + 2);
        expect(receiver.requests.slice(before).map((q) => [q.path, q.text])).toEqual([['/allowed', '{"probe":true}'], ['/allowed', '{"probe":true}']]);
      } finally {
        await sender.close();
      }
    });
  });
});
