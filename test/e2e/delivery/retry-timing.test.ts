/**
 * A due retry goes out on time whatever other endpoints do: with another webhook's request hanging (it
 * holds a connection for the whole request timeout), a 2 s retry comes about 2 s after the first attempt,
 * with the dispatcher in its own thread (SQLite's default) and without; and so does a second webhook's
 * retry, due half a second after the first one's (the dispatcher once kept only its earliest wake-up,
 * and while attempts ran, forgot the later retry until its 5 s safety look: it came 6.5 s late).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HangingEndpoint } from '../../helpers/hanging-endpoint.ts';
import { createWorkspace, startTestHookd } from '../../helpers/hookd.ts';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';

describe.each(['true', 'false'])('a retry while another endpoint hangs (dispatch thread %s)', (dispatchThread) => {
  let hanging: HangingEndpoint;
  const newReceiver = receiversClosedAfterAll();

  beforeAll(async () => {
    hanging = new HangingEndpoint();
    await hanging.start();
  });
  afterAll(async () => {
    await hanging?.close();
  });

  it('goes out when it is due, and so does another webhook\'s retry due later', { timeout: 30_000 }, async () => {
    const server = await startTestHookd({ retrySchedule: '2s', retryJitter: '0', requestTimeout: '20s', dispatchThread, shutdownGrace: '100ms' });
    try {
      const ws = await createWorkspace(server.api, 'timing');
      const [first, second] = [await newReceiver(), await newReceiver()];
      for (const receiver of [first, second]) receiver.script.push({ kind: 'status', status: 500 });
      await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'hangs', url: hanging.url('/timing'), events: ['order.updated'], active: true });
      await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'retried', url: first.url('/retried'), events: ['order.created'], active: true });
      await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'retried later', url: second.url('/later'), events: ['order.deleted'], active: true });
      for (let i = 0; i < 5; i++) await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.updated', data: { i } });
      await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: {} });
      await first.waitFor(1, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.deleted', data: {} });
      for (const [name, receiver] of [['first', first], ['later', second]] as const) {
        const [attempt, retry] = await receiver.waitFor(2, 15_000);
        const gap = retry.at - attempt.at;
        console.log(`dispatch thread ${dispatchThread}: the ${name} webhook's 2 s retry came ${gap} ms after its first attempt while another endpoint hung`);
        expect(gap).toBeGreaterThanOrEqual(1900);
        expect(gap).toBeLessThan(3000);
      }
      expect(hanging.abandoned).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
