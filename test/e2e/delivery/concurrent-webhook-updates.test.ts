/**
 * Changes of one webhook's events at the same moment (a JSON-RPC batch can carry several) each replace
 * its subscriptions whole, one after the other: none fails, and the webhook ends with one of the sets
 * asked for, whole. On PostgreSQL they once collided on the subscriptions' key (store/sql/webhooks.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hookd } from '../../../src/app.ts';
import type { Workspace } from '../../../src/core/model.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';

describe(`changing one webhook's events concurrently (${USE_POSTGRES ? 'PostgreSQL' : 'SQLite'})`, () => {
  let started: ApiRoleHookd;
  let hookd: Hookd;
  let workspace: Workspace;

  beforeAll(async () => {
    started = await startApiRoleHookd('concurrent-updates');
    ({ hookd } = started);
    workspace = await hookd.core.workspaces.create({ name: 'concurrent' });
  });

  afterAll(async () => {
    await started?.stop();
  });

  it('applies every change, one after the other', async () => {
    const webhook = await hookd.core.webhooks.create(workspace, { name: 'w', url: 'http://127.0.0.1:9/w', events: ['order.created'], status: 'active' });
    const sets = Array.from({ length: 12 }, (_, i) => [`order.e${i}`, `order.f${i}`, 'order.shared']);
    for (const name of new Set(sets.flat())) await hookd.core.eventTypes.create(workspace, { name });
    for (let round = 0; round < 5; round++) {
      await Promise.all(sets.map((events) => hookd.core.webhooks.patch(workspace, webhook, { events })));
      const now = await hookd.core.webhooks.get(workspace, webhook.id);
      expect(sets.map((events) => events.join())).toContain(now.events.join());
      // Its subscriptions are that set, whole: a publish of each of its events reaches it (the only webhook).
      for (const type of now.events) {
        const { deliveryCount } = await hookd.core.events.publish(workspace, { type, data: {} });
        expect(deliveryCount, type).toBe(1);
      }
    }
  });
});
