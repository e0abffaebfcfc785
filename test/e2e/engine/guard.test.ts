/**
 * The SSRF guard checks the address actually connected to: a host name that resolves to loopback is
 * refused at connect time even though its URL text looks harmless.
 */
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSender } from '../../../src/delivery/sender.ts';
import { Receiver } from '../../helpers/receiver.ts';

describe('connect-time address guard', () => {
  let receiver: Receiver;
  let loopbackName: string;

  beforeAll(async () => {
    receiver = await Receiver.start();
    // This machine's own host name resolves to a loopback address (via /etc/hosts); fall back to localhost.
    const own = hostname();
    const addresses = await lookup(own, { all: true }).catch(() => []);
    loopbackName = addresses.length > 0 && addresses.every((a) => a.address.startsWith('127.') || a.address === '::1') ? own : 'localhost';
  });
  afterAll(async () => {
    await receiver.close();
  });

  it('refuses names resolving to loopback and literal private addresses, sending nothing', async () => {
    const sender = new HttpSender({ timeoutMs: 2000, allowPrivateNetworks: false, bodyCapBytes: 1024 });
    for (const url of [`http://${loopbackName}:${receiver.port}/x`, `http://127.0.0.1:${receiver.port}/x`, `http://[::ffff:127.0.0.1]:${receiver.port}/x`]) {
      const result = await sender.post(url, { 'content-type': 'application/json' }, '{}');
      expect(result.statusCode, url).toBeNull();
      expect(result.error, url).toMatch(/refused to connect .*loopback/);
    }
    expect(receiver.requests).toHaveLength(0);
    await sender.close();
  });

  it('connects when private networks are allowed', async () => {
    const sender = new HttpSender({ timeoutMs: 2000, allowPrivateNetworks: true, bodyCapBytes: 1024 });
    const result = await sender.post(`http://${loopbackName}:${receiver.port}/x`, { 'content-type': 'application/json' }, '{}');
    expect(result.statusCode).toBe(200);
    expect(receiver.requests).toHaveLength(1);
    await sender.close();
  });
});
