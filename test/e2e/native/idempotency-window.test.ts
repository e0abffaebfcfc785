/**
 * An idempotency key is remembered for HOOKD_IDEMPOTENCY_WINDOW: within it a publish with the key is a
 * replay, after it the key is freed and names a new event. Also: a group of publishes, some with keys
 * already taken and some new, answered together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

describe('idempotency window', () => {
  let hookd: TestHookd;
  let receiver: Receiver;
  beforeAll(async () => {
    hookd = await startTestHookd({ idempotencyWindow: '1s' });
    receiver = await Receiver.start();
  });
  afterAll(async () => {
    await hookd.stop();
    await receiver.close();
  });

  it('replays a key within the window, and publishes it anew once the window has passed', async () => {
    const ws = await createWorkspace(hookd.api, 'window');
    await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'w', url: receiver.url('/w'), events: ['order.created'], active: true });
    const path = `/workspaces/${ws.id}/events`;
    const publish = (key: string, id: number) => ws.api.post(path, { type: 'order.created', data: { id }, idempotencyKey: key });

    const first = await publish('k', 1);
    expect(first.status).toBe(202);
    expect((await publish('k', 1)).body.data).toMatchObject({ id: first.body.data.id, replayed: true });
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const later = await publish('k', 1);
    expect(later.body.data).toMatchObject({ replayed: false, idempotencyKey: 'k', deliveryCount: 1 });
    expect(later.body.data.id).not.toBe(first.body.data.id);
    expect((await publish('k', 1)).body.data).toMatchObject({ id: later.body.data.id, replayed: true });

    // Sent at once: keys taken (replays), one expired (freed), new ones, and none; each answered as alone.
    const taken = await Promise.all([publish('a', 2), publish('b', 3)]);
    const mixed = await Promise.all([publish('a', 2), publish('c', 4), publish('b', 3), ws.api.post(path, { type: 'order.created', data: { id: 5 } }), publish('c', 4)]);
    expect(mixed.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    expect(mixed[0].body.data).toMatchObject({ id: taken[0].body.data.id, replayed: true });
    expect(mixed[2].body.data).toMatchObject({ id: taken[1].body.data.id, replayed: true });
    expect(mixed[1].body.data.id).toBe(mixed[4].body.data.id);
    expect([mixed[1], mixed[4]].filter((r) => r.body.data.replayed === false)).toHaveLength(1);

    // One delivery per event published, none per replay.
    const events = [first, later, ...taken, mixed[1], mixed[3]].map((r) => r.body.data.id);
    const arrived = await receiver.waitFor(events.length, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.requests.map((r) => r.headers['webhook-id']).sort()).toEqual(events.sort());
    expect(arrived.length).toBe(events.length);
  });
});
