/** Recover: every failed delivery of a webhook (since a time) gets one more attempt, e.g. after an outage. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Receiver } from '../../helpers/receiver.ts';
import { createWorkspace, eventually, startTestHookd } from '../../helpers/hookd.ts';

describe('recover', () => {
  let receiver: Receiver;

  beforeEach(async () => {
    receiver = await Receiver.start();
  });
  afterEach(async () => {
    await receiver.close();
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
      // A leap second is a valid RFC 3339 time (validation accepts it): it must parse, not turn into "nothing since".
      const recovered = await sws.api.post(`/workspaces/${sws.id}/webhooks/${webhook.id}/recover`, { since: '2016-12-31T23:59:60Z' });
      expect(recovered.status).toBe(202);
      expect(recovered.body.data).toEqual({ resent: 2, more: false });
      const requests = await receiver.waitFor(before + 2);
      expect(requests.slice(before).map((r) => JSON.parse(r.text).data.id).sort()).toEqual(['first', 'second']);
      for (const since of ['yesterday', '2024-02-30T00:00:00Z', '2024-01-01T24:00:00Z']) {
        const refused = await sws.api.post(`/workspaces/${sws.id}/webhooks/${webhook.id}/recover`, { since });
        expect(refused.status, since).toBe(400);
        expect(refused.body.error.details, since).toEqual({ field: 'since' });
      }
      expect((await sws.api.post(`/workspaces/${sws.id}/webhooks/${webhook.id}/recover`, { since: new Date(Date.now() + 60_000).toISOString() })).body.data.resent).toBe(0);
    } finally {
      await short.stop();
    }
  });

  it('is refused while the webhook is not active', async () => {
    const server = await startTestHookd();
    try {
      const ws = await createWorkspace(server.api, 'inactive');
      const webhook = (await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'p', url: receiver.url('/p'), events: ['order.created'] })).body.data;
      const refused = await ws.api.post(`/workspaces/${ws.id}/webhooks/${webhook.id}/recover`, {});
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('CONFLICT');
    } finally {
      await server.stop();
    }
  });
});
