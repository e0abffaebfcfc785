/**
 * A webhook's own retry schedule: its deliveries are retried on it, not on the global one (HOOKD's test
 * setting: 100ms,200ms, so 3 attempts), and a refused schedule is a 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { expectData, expectError } from '../native/envelope.ts';

describe("a webhook's own retry schedule", () => {
  let server: TestHookd;
  let failing: Receiver;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;

  beforeAll(async () => {
    server = await startTestHookd();
    failing = await Receiver.start();
    failing.behaviour = { kind: 'status', status: 500, body: 'no' };
    ws = await createWorkspace(server.api, 'retries');
  });
  afterAll(async () => {
    await server?.stop();
    await failing?.close();
  });

  /** The attempts a failed delivery got, once it has failed for good. */
  async function attemptsUntilFailed(retrySchedule: string | undefined, path: string): Promise<number> {
    const webhook = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, {
      name: path, url: failing.url(path), events: ['order.created'], active: true, ...(retrySchedule === undefined ? {} : { retrySchedule }),
    }), 201);
    expect(webhook.retrySchedule).toBe(retrySchedule ?? null);
    const event = expectData(await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { path } }), 202);
    const failed = await eventually(async () => {
      const list = expectData(await ws.api.get(`/workspaces/${ws.id}/deliveries?webhookId=${webhook.id}&status=failed`), 200);
      return list.length === 1 ? list[0] : null;
    }, 15_000, 50);
    expect(failed.eventId).toBe(event.id);
    await ws.api.delete(`/workspaces/${ws.id}/webhooks/${webhook.id}`);
    return failed.attemptCount;
  }

  it('retries on its own schedule, or on the global one without', async () => {
    expect(await attemptsUntilFailed(undefined, '/global')).toBe(3);
    expect(await attemptsUntilFailed('100ms', '/once')).toBe(2);
    expect(await attemptsUntilFailed('100ms,100ms,150ms,100ms', '/four')).toBe(5);
  });

  it('shows it as given, PATCH changes or clears it, and a bad one is refused', async () => {
    const webhook = expectData(await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 's', url: failing.url('/s'), events: ['order.created'], retrySchedule: '30s, 5m,1h' }), 201);
    expect(webhook.retrySchedule).toBe('30s,5m,1h');
    const base = `/workspaces/${ws.id}/webhooks/${webhook.id}`;
    expect(expectData(await ws.api.patch(base, { retrySchedule: '1m,2m' }), 200).retrySchedule).toBe('1m,2m');
    expect(expectData(await ws.api.patch(base, { retrySchedule: null }), 200).retrySchedule).toBeNull();
    for (const bad of ['', 'soon', '0s', '50ms', '8d', '7d,7d,7d,7d,7d', Array.from({ length: 21 }, () => '1s').join(','), '99999999999999999999d', '1e3s']) {
      expectError(await ws.api.patch(base, { retrySchedule: bad }), 400, 'VALIDATION_ERROR', 'retrySchedule', JSON.stringify(bad));
    }
    expectError(await ws.api.patch(base, { retrySchedule: ['1s'] }), 400, 'VALIDATION_ERROR', 'retrySchedule');
  });
});
