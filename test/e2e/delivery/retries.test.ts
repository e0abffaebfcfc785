/**
 * Retries: a failed attempt (non-2xx, timeout, reset connection, redirect) is tried again on the schedule
 * until success or exhaustion, every attempt is logged with what came back, and Retry-After on 429 is
 * honoured within the schedule's bounds. Real hookd, real HTTP receivers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, startTestHookd, eventually, type TestHookd } from '../../helpers/hookd.ts';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';
import { deliveryOf, listDeliveries, publish, workspaceWithWebhook } from './support.ts';

/** Milliseconds between consecutive attempts, by their recorded start times. */
const gaps = (attempts: Array<{ createdAt: string }>) => attempts.slice(1).map((a, i) => Date.parse(a.createdAt) - Date.parse(attempts[i].createdAt));

const receiver = receiversClosedAfterAll();

describe('retries', () => {
  // One hookd for most cases: retry after 100 ms, then 200 ms (3 attempts at most), no jitter.
  let server: TestHookd;

  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '100ms,200ms', retryJitter: '0', requestTimeout: '2s' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('retries after 500, 500 and succeeds on the third attempt, with the same webhook-id every time', async () => {
    const r = await receiver();
    r.script.push({ kind: 'status', status: 500, body: 'first' }, { kind: 'status', status: 500, body: 'second' });
    r.behaviour = { kind: 'status', status: 200, body: 'fine' };
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'flaky', r.url('/flaky'));
    const event = await publish(ws, { id: 1 });
    expect(event.deliveryCount).toBe(1);

    const requests = await r.waitFor(3);
    const delivery = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    expect(delivery.attemptCount).toBe(3);
    expect(delivery.nextAttemptAt).toBeNull();
    expect(delivery.attempts.map((a: any) => a.response?.code)).toEqual([500, 500, 200]);
    expect(delivery.attempts.map((a: any) => a.success)).toEqual([false, false, true]);
    expect(delivery.attempts.map((a: any) => a.response.body)).toEqual(['first', 'second', 'fine']);
    expect(delivery.attempts.map((a: any) => a.trigger)).toEqual(['scheduled', 'scheduled', 'scheduled']);

    // The same message every time: one webhook-id (the event's id) and the same bytes.
    expect(requests.map((q) => q.headers['webhook-id'])).toEqual([event.id, event.id, event.id]);
    expect(new Set(requests.map((q) => q.text)).size).toBe(1);
    expect(delivery.attempts.map((a: any) => a.request.headers['webhook-id'])).toEqual([event.id, event.id, event.id]);
    // The schedule's delays (100 ms, then 200 ms) are lower bounds between attempts; only load makes them longer.
    const [firstGap, secondGap] = gaps(delivery.attempts);
    expect(firstGap).toBeGreaterThanOrEqual(100);
    expect(secondGap).toBeGreaterThanOrEqual(200);

    // Succeeded means done: nothing more arrives.
    await sleep(500);
    expect(r.requests).toHaveLength(3);
  });

  it('gives up after the schedule is exhausted: exactly 3 requests, then the delivery is failed', async () => {
    const r = await receiver();
    r.behaviour = { kind: 'status', status: 500, body: 'down' };
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'down', r.url('/down'));
    const event = await publish(ws, { id: 2 });

    await r.waitFor(3);
    const delivery = await deliveryOf(ws, webhook.id, event.id, 'failed');
    expect(delivery.attemptCount).toBe(3);
    expect(delivery.nextAttemptAt).toBeNull();
    expect(delivery.attempts).toHaveLength(3);
    expect(delivery.attempts.every((a: any) => a.success === false && a.response.code === 500)).toBe(true);

    // Well past the whole schedule (300 ms): no fourth request, the delivery stays failed.
    await sleep(800);
    expect(r.requests).toHaveLength(3);
    // The list says why, as Svix's and Stripe's logs do: the last attempt's status code, error and duration.
    const [listed] = await listDeliveries(ws, webhook.id);
    expect(listed).toMatchObject({ status: 'failed', attemptCount: 3, lastResponseCode: 500, lastError: null });
    expect(listed.lastDurationMs).toBe(delivery.attempts[2].durationMs);
  });

  it('lists a delivery that failed without an answer with its last error and no status code', async () => {
    const r = await receiver();
    r.behaviour = { kind: 'reset' };
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'always reset', r.url('/always-reset'));
    const event = await publish(ws, { id: 9 });
    const delivery = await deliveryOf(ws, webhook.id, event.id, 'failed');
    const [listed] = await listDeliveries(ws, webhook.id);
    expect(listed).toMatchObject({ lastResponseCode: null, lastError: delivery.attempts[2].error });
    expect(listed.lastError).toMatch(/socket|ECONNRESET|closed/i);
  });

  it('counts a connection reset as a failure and retries', async () => {
    const r = await receiver();
    r.script.push({ kind: 'reset' });
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'reset', r.url('/reset'));
    const event = await publish(ws, { id: 3 });

    const delivery = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    const [reset, ok] = delivery.attempts;
    expect(delivery.attempts).toHaveLength(2);
    expect(reset.success).toBe(false);
    expect(reset.response).toBeNull();
    expect(reset.error).toMatch(/ECONNRESET|UND_ERR_SOCKET|socket|closed/i);
    expect(ok.success).toBe(true);
    expect(r.requests.map((q) => q.headers['webhook-id'])).toEqual([event.id, event.id]);
  });

  it('does not follow a 302 redirect and counts it as a failure', async () => {
    const r = await receiver();
    const target = await receiver();
    r.behaviour = { kind: 'status', status: 302, headers: { location: target.url('/elsewhere') }, body: '' };
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'redirect', r.url('/moved'));
    const event = await publish(ws, { id: 4 });

    const delivery = await deliveryOf(ws, webhook.id, event.id, 'failed');
    expect(delivery.attempts).toHaveLength(3);
    for (const attempt of delivery.attempts) {
      expect(attempt.success).toBe(false);
      expect(attempt.response.code).toBe(302);
      expect(attempt.response.headers.location).toBe(target.url('/elsewhere'));
    }
    expect(r.requests).toHaveLength(3);
    expect(target.requests).toHaveLength(0);
  });

  it('captures the body and headers of a non-2xx response in the attempt', async () => {
    const r = await receiver();
    r.script.push({ kind: 'status', status: 503, headers: { 'x-error-id': 'err-123', 'content-type': 'application/json' }, body: '{"error":"maintenance"}' });
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'captured', r.url('/captured'));
    const event = await publish(ws, { id: 5 });

    const delivery = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    const [failed] = delivery.attempts;
    expect(failed.success).toBe(false);
    expect(failed.error).toBeNull();
    expect(failed.response.code).toBe(503);
    expect(failed.response.message).toBe('Service Unavailable');
    expect(failed.response.body).toBe('{"error":"maintenance"}');
    expect(failed.response.headers['x-error-id']).toBe('err-123');
    expect(failed.response.headers['content-type']).toBe('application/json');
  });

  it('caps a response body over 64 KiB at 64 KiB', async () => {
    const r = await receiver();
    const big = Array.from({ length: 200 * 1024 / 16 }, (_, i) => i.toString(16).padStart(16, '.')).join('');
    expect(big.length).toBe(200 * 1024);
    r.script.push({ kind: 'status', status: 500, body: big });
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'big', r.url('/big'));
    const event = await publish(ws, { id: 6 });

    const delivery = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    const [failed] = delivery.attempts;
    expect(failed.response.code).toBe(500);
    expect(failed.response.body).toHaveLength(64 * 1024);
    expect(failed.response.body).toBe(big.slice(0, 64 * 1024));
  });
});

describe('retries after a timeout', () => {
  let server: TestHookd;

  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '100ms,200ms', retryJitter: '0', requestTimeout: '300ms' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('counts a request that gets no answer within the timeout as a failed attempt and retries it', async () => {
    const r = await receiver();
    r.script.push({ kind: 'hang' });
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'hang', r.url('/hang'));
    const event = await publish(ws, { id: 7 });

    const delivery = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    expect(delivery.attemptCount).toBe(2);
    const [timedOut, ok] = delivery.attempts;
    expect(timedOut.success).toBe(false);
    expect(timedOut.response).toBeNull();
    expect(timedOut.error).toMatch(/timeout/i);
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(250);
    expect((await listDeliveries(ws, webhook.id))[0]).toMatchObject({ lastResponseCode: 200, lastError: null });
    expect(ok.success).toBe(true);
    expect(r.requests.map((q) => q.headers['webhook-id'])).toEqual([event.id, event.id]);
  });

  it('counts a body that is still trickling in at the timeout as a failed attempt', async () => {
    const r = await receiver();
    // Each byte comes well within undici's idle timeout, so only hookd's own deadline can end it.
    r.script.push({ kind: 'trickle', everyMs: 50, bytes: 100 });
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'trickle', r.url('/trickle'));
    const event = await publish(ws, { id: 8 });

    const delivery = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    const [timedOut, ok] = delivery.attempts;
    expect(timedOut.success).toBe(false);
    expect(timedOut.response).toBeNull();
    expect(timedOut.error).toMatch(/timeout/i);
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(300);
    expect(timedOut.durationMs).toBeLessThan(2_000);
    expect(ok.success).toBe(true);
  });
});

describe('the request timeout bounds the whole attempt', () => {
  let server: TestHookd;

  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '100ms', retryJitter: '0', requestTimeout: '1s' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('cuts off an answer gone silent after its last byte came just before the deadline', async () => {
    const r = await receiver();
    // A byte at 900 ms, then silence until the next at 1 800 ms: undici's idle timer (1 s from the last
    // byte) and the check made as each byte comes would both end it at about 1.8 s, a lease's margin late.
    r.script.push({ kind: 'trickle', everyMs: 900, bytes: 3 });
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'silent', r.url('/silent'));
    const event = await publish(ws, { id: 9 });

    const delivery = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    const [timedOut] = delivery.attempts;
    expect(timedOut.error).toMatch(/timeout/i);
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(1000);
    expect(timedOut.durationMs).toBeLessThan(1600);
  });
});

describe('Retry-After', () => {
  let server: TestHookd;

  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '100ms,2s', retryJitter: '0' });
  });
  afterAll(async () => {
    await server.stop();
  });

  /** Waits for the delivery to be pending after its first attempt and returns the planned delay. */
  async function plannedDelay(ws: Parameters<typeof listDeliveries>[0], webhookId: string): Promise<number> {
    const pending = await eventually(async () => {
      const [d] = await listDeliveries(ws, webhookId);
      return d?.status === 'pending' && d.attemptCount === 1 ? d : null;
    }, 5_000, 10);
    return Date.parse(pending.nextAttemptAt) - Date.parse(pending.lastAttemptAt);
  }

  it('honours "Retry-After: 1" on 429: the retry comes about 1 s later, not after the 100 ms the schedule says', async () => {
    const r = await receiver();
    r.script.push({ kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: 'slow down' });
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'ra', r.url('/ra'));
    const event = await publish(ws, { id: 8 });

    expect(await plannedDelay(ws, webhook.id)).toBe(1000);
    const [first, second] = await r.waitFor(2, 10_000);
    console.log(`429 Retry-After: 1 → retry arrived ${second.at - first.at} ms after the first attempt`);
    const delivery = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    expect(gaps(delivery.attempts)[0]).toBeGreaterThanOrEqual(1000);
    expect(delivery.attempts.map((a: any) => a.response.code)).toEqual([429, 200]);
    expect(delivery.attempts[0].response.headers['retry-after']).toBe('1');
  });

  it('keeps a longer Retry-After within the schedule\'s longest delay (2 s)', async () => {
    const r = await receiver();
    r.script.push({ kind: 'status', status: 429, headers: { 'retry-after': '3600' } });
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'ra-long', r.url('/ra-long'));
    const event = await publish(ws, { id: 9 });

    expect(await plannedDelay(ws, webhook.id)).toBe(2000);
    await r.waitFor(2, 10_000);
    const delivery = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
    expect(gaps(delivery.attempts)[0]).toBeGreaterThanOrEqual(2000);
  });
});
