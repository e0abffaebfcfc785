/**
 * Publishing wakes the dispatcher: an event reaches its endpoint at once, not at the next poll. The
 * dispatcher's only timer while idle is a 5 s safety poll, so a receipt well under that (after an idle
 * period that started with a known look at the store) shows there was no polling wait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryOf, publish, workspaceWithWebhook } from './support.ts';
import { sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import { Receiver } from '../../helpers/receiver.ts';

describe('dispatch latency', () => {
  let server: TestHookd;
  let receiver: Receiver;

  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '100ms,200ms', retryJitter: '0' });
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });

  it('delivers an event published after 2 s of idleness promptly, without waiting for a poll', async () => {
    const { ws, webhook } = await workspaceWithWebhook(server.api, 'prompt', receiver.url('/prompt'));
    // Warm-up: one delivery that fails once and is retried 100 ms later. The dispatcher's idle timer
    // (its 5 s safety poll) is set afresh when that retry is done, so after 2 s of idleness the next
    // poll is still ~3 s away: only a wake-up on publish can deliver sooner.
    receiver.script.push({ kind: 'status', status: 500 });
    const warmUp = await publish(ws, { warmUp: true });
    await deliveryOf(ws, webhook.id, warmUp.id, 'succeeded');
    expect(receiver.requests).toHaveLength(2);
    await sleep(2000);
    expect(receiver.requests).toHaveLength(2);

    const started = Date.now();
    const event = await publish(ws, { id: 1 });
    const request = (await receiver.waitFor(3, 10_000))[2];
    const latency = Date.now() - started;
    console.log(`publish → receipt after 2 s idle: ${latency} ms`);
    expect(request.headers['webhook-id']).toBe(event.id);
    // Loose on purpose (a loaded machine is slow), yet well short of the ~3 s a poll wait would take here.
    expect(latency).toBeLessThan(2000);
  });
});
