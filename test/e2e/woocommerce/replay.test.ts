/**
 * OAuth 1.0a replays across time. WooCommerce accepts a timestamp up to 15 minutes off either way, so a
 * nonce must be remembered until no request carrying it could be accepted again: 15 minutes into the
 * past plus 15 into the future. The clock is driven by faking `Date` (only `Date`: timers stay real)
 * before hookd starts, so the face's timestamp check and the nonce store see the same moved time.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { send, signedUrl } from './support.ts';

const MINUTE = 60_000;

describe('WooCommerce face: OAuth replays over time', () => {
  let server: TestHookd;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    server = await startTestHookd();
    ws = await createWorkspace(server.api, 'replay');
  });
  afterAll(async () => {
    await server.stop();
    vi.useRealTimers();
  });

  const signed = (timestamp: number) => signedUrl(server.url, 'webhooks/count', ws.consumerKey, ws.consumerSecret, { timestamp: Math.floor(timestamp / 1000) });

  it('refuses a request dated in the future when it is replayed after its nonce would first have been forgotten', async () => {
    const start = Date.now();
    const future = signed(start + 14 * MINUTE);
    expect((await send(future)).status).toBe(200);

    // Past the 15 minutes a nonce used to be kept; a fresh request lets the store forget old nonces.
    vi.setSystemTime(start + 16 * MINUTE);
    expect((await send(signed(Date.now()))).status).toBe(200);
    const replay = await send(future);
    expect(replay.status).toBe(401);
    expect(replay.body.errors[0]).toEqual({ code: 'woocommerce_api_authentication_error', message: expect.stringMatching(/nonce/i) });

    // Nearly as late as its timestamp is accepted, it is still refused; past that, for its timestamp.
    vi.setSystemTime(start + 28 * MINUTE);
    expect((await send(signed(Date.now()))).status).toBe(200);
    expect((await send(future)).body.errors[0].message).toMatch(/nonce/i);
    vi.setSystemTime(start + 30 * MINUTE);
    expect((await send(future)).body.errors[0].message).toMatch(/timestamp/i);
  });

  it('still refuses a request dated in the past when it is replayed', async () => {
    const start = Date.now();
    const past = signed(start - 14 * MINUTE);
    expect((await send(past)).status).toBe(200);
    vi.setSystemTime(start + 0.5 * MINUTE);
    expect((await send(signed(Date.now()))).status).toBe(200);
    expect((await send(past)).body.errors[0].message).toMatch(/nonce/i);
  });
});
