/** Auto-disable, pause/resume (queue and drop), re-activation and manual re-send. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, sleep, startTestHookd, type TestHookd } from '../../helpers/hookd.ts';

describe('webhook status', () => {
  let server: TestHookd;
  let receiver: Receiver;
  let ws: Awaited<ReturnType<typeof createWorkspace>>;

  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '50ms,50ms,50ms,50ms,50ms', disableAfterFailures: '3', disableAfter: '0s' });
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(async () => {
    receiver = await Receiver.start();
    ws = await createWorkspace(server.api);
  });
  afterEach(async () => {
    await receiver.close();
  });

  const create = async (body: Record<string, unknown>) =>
    (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'w', url: receiver.url('/w'), events: ['order.created'], ...body })).body.data;
  const publish = async (data: Record<string, unknown> = { id: 1 }) => (await ws.api.post(`/workspaces/${ws.id}/events`, { type: 'order.created', data })).body.data;
  const get = async (id: string) => (await ws.api.get(`/workspaces/${ws.id}/webhooks/${id}`)).body.data;

  it('disables a webhook that keeps failing, keeps its queued work, and resets on re-activation', async () => {
    const webhook = await create({ active: true, name: 'failing' });
    receiver.behaviour = { kind: 'status', status: 500 };
    await publish({ id: 'a' });
    const disabled = await eventually(async () => ((await get(webhook.id)).status === 'disabled' ? get(webhook.id) : null));
    expect(disabled.disabledReason).toMatch(/consecutive failed attempts/);
    expect(disabled.failureCount).toBeGreaterThanOrEqual(3);
    expect(disabled.active).toBe(false);
    await sleep(300);
    const count = receiver.requests.length;
    expect(count).toBe(3);
    expect((await publish({ id: 'b' })).deliveryCount).toBe(0);

    receiver.behaviour = { kind: 'status', status: 200 };
    expect((await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/recover`, {})).status).toBe(409);
    const reactivated = (await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: true })).body.data;
    expect(reactivated).toMatchObject({ status: 'active', failureCount: 0, disabledReason: null });
    // The delivery held at disable time goes out.
    const requests = await receiver.waitFor(count + 1);
    expect(JSON.parse(requests[count].text).data).toEqual({ id: 'a' });
  });

  it('re-sends failed deliveries in bulk (recover)', async () => {
    const short = await startTestHookd({ retrySchedule: '30ms' });
    try {
      const sws = await createWorkspace(short.api, 'recover');
      const webhook = (await sws.api.post(`/workspaces/${sws.id}/webhooks`, { name: 'r', url: receiver.url('/r'), events: ['order.created'], active: true })).body.data;
      receiver.behaviour = { kind: 'status', status: 500 };
      for (const id of ['first', 'second']) await sws.api.post(`/workspaces/${sws.id}/events`, { type: 'order.created', data: { id } });
      await eventually(async () => {
        const list = await sws.api.get(`/workspaces/${sws.id}/webhooks/${webhook.id}/deliveries?status=failed`);
        return list.body.data.length === 2;
      });
      receiver.behaviour = { kind: 'status', status: 200 };
      const before = receiver.requests.length;
      const recovered = await sws.api.post(`/workspaces/${sws.id}/webhooks/${webhook.id}/recover`, { since: new Date(Date.now() - 60_000).toISOString() });
      expect(recovered.status).toBe(202);
      expect(recovered.body.data.resent).toBe(2);
      const requests = await receiver.waitFor(before + 2);
      expect(requests.slice(before).map((r) => JSON.parse(r.text).data.id).sort()).toEqual(['first', 'second']);
      expect((await sws.api.post(`/workspaces/${sws.id}/webhooks/${webhook.id}/recover`, { since: 'yesterday' })).status).toBe(400);
      expect((await sws.api.post(`/workspaces/${sws.id}/webhooks/${webhook.id}/recover`, { since: new Date(Date.now() + 60_000).toISOString() })).body.data.resent).toBe(0);
    } finally {
      await short.stop();
    }
  });

  it('a success in between resets the failure count', async () => {
    const webhook = await create({ active: true, name: 'recovering' });
    receiver.script.push({ kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 200 });
    receiver.behaviour = { kind: 'status', status: 200 };
    await publish();
    await receiver.waitFor(3);
    receiver.script.push({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    await publish();
    await receiver.waitFor(6);
    const state = await eventually(async () => {
      const current = await get(webhook.id);
      return current.failureCount === 0 ? current : null;
    });
    expect(state.status).toBe('active');
  });

  it('needs the time condition too: failures alone do not disable under the default 5 days', async () => {
    const patient = await startTestHookd({ retrySchedule: '30ms,30ms,30ms,30ms,30ms,30ms', disableAfterFailures: '3' });
    try {
      const pws = await createWorkspace(patient.api, 'patient');
      const webhook = (await pws.api.post(`/workspaces/${pws.id}/webhooks`, { name: 'p', url: receiver.url('/p'), events: ['order.created'], active: true })).body.data;
      receiver.behaviour = { kind: 'status', status: 500 };
      await pws.api.post(`/workspaces/${pws.id}/events`, { type: 'order.created', data: { id: 1 } });
      await receiver.waitFor(7);
      const state = await eventually(async () => {
        const current = (await pws.api.get(`/workspaces/${pws.id}/webhooks/${webhook.id}`)).body.data;
        return current.failureCount === 7 ? current : null;
      });
      expect(state.status).toBe('active');
    } finally {
      await patient.stop();
    }
  });

  it('a paused webhook receives nothing and gets queued events on resume', async () => {
    const webhook = await create({ name: 'paused by default' });
    expect(webhook.status).toBe('paused');
    const event = await publish({ id: 'queued' });
    expect(event.deliveryCount).toBe(1);
    await sleep(200);
    expect(receiver.requests).toHaveLength(0);
    await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: true });
    const [request] = await receiver.waitFor(1);
    expect(JSON.parse(request.text).data).toEqual({ id: 'queued' });
  });

  it("drops events published while paused when pausedBehavior is 'drop'", async () => {
    const webhook = await create({ name: 'dropper', pausedBehavior: 'drop' });
    expect((await publish({ id: 'dropped' })).deliveryCount).toBe(0);
    await ws.api.patch(`/workspaces/${ws.id}/webhooks/${webhook.id}`, { active: true });
    await publish({ id: 'kept' });
    const [request] = await receiver.waitFor(1);
    await sleep(100);
    expect(receiver.requests).toHaveLength(1);
    expect(JSON.parse(request.text).data).toEqual({ id: 'kept' });
  });

  it('re-sends a failed delivery once, by hand', async () => {
    const resender = await startTestHookd({ retrySchedule: '30ms' });
    try {
      const rws = await createWorkspace(resender.api, 'resend');
      const webhook = (await rws.api.post(`/workspaces/${rws.id}/webhooks`, { name: 'r', url: receiver.url('/r'), events: ['order.created'], active: true })).body.data;
      receiver.behaviour = { kind: 'status', status: 500 };
      await rws.api.post(`/workspaces/${rws.id}/events`, { type: 'order.created', data: { id: 1 } });
      const failed = await eventually(async () => {
        const list = await rws.api.get(`/workspaces/${rws.id}/webhooks/${webhook.id}/deliveries?status=failed`);
        return list.body.data[0];
      });
      expect(receiver.requests).toHaveLength(2);
      receiver.behaviour = { kind: 'status', status: 200 };
      const resent = await rws.api.post(`/workspaces/${rws.id}/webhooks/${webhook.id}/deliveries/${failed.id}/resend`);
      expect(resent.status).toBe(202);
      await receiver.waitFor(3);
      const detail = await eventually(async () => {
        const d = (await rws.api.get(`/workspaces/${rws.id}/webhooks/${webhook.id}/deliveries/${failed.id}`)).body.data;
        return d.status === 'succeeded' ? d : null;
      });
      expect(detail.attempts.map((a: any) => a.trigger)).toEqual(['scheduled', 'scheduled', 'manual']);
      const missing = await rws.api.post(`/workspaces/${rws.id}/webhooks/${webhook.id}/deliveries/00000000-0000-7000-8000-000000000000/resend`);
      expect(missing.status).toBe(404);
      await rws.api.patch(`/workspaces/${rws.id}/webhooks/${webhook.id}`, { active: false });
      const paused = await rws.api.post(`/workspaces/${rws.id}/webhooks/${webhook.id}/deliveries/${failed.id}/resend`);
      expect(paused.status).toBe(409);
      expect(paused.body.error.code).toBe('CONFLICT');
    } finally {
      await resender.stop();
    }
  });
});
