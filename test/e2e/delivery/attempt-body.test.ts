/**
 * The attempt log keeps a delivery's request body once (with its first attempt) and only up to the
 * log's cap; every attempt still shows it. Before, each attempt stored the whole body again: one large
 * event to many webhooks, retried, multiplied it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiversClosedAfterAll } from '../../helpers/receiver.ts';
import { startTestHookd, type TestHookd } from '../../helpers/hookd.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { deliveryOf, publish, workspaceWithWebhook } from './support.ts';

const CAP = 64 * 1024;

describe('request bodies in the attempt log', () => {
  let server: TestHookd;
  const newReceiver = receiversClosedAfterAll();

  beforeAll(async () => {
    server = await startTestHookd({ retrySchedule: '50ms,50ms' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Each stored attempt body of the delivery, oldest first (null where the attempt keeps none). */
  async function storedBodies(deliveryId: string): Promise<Array<string | null>> {
    const { db } = server.hookd.store as SqlStore;
    const rows = await db.selectFrom('attempts').innerJoin('deliveries', 'deliveries.id', 'attempts.delivery_id')
      .select('attempts.request_body').where('deliveries.uid', '=', deliveryId).orderBy('attempts.id').execute();
    return rows.map((row) => row.request_body);
  }

  for (const [label, size] of [['a small body', 2_000], ['a body over the cap', 300_000]] as const) {
    it(`stores ${label} once per delivery, and shows it on every attempt`, async () => {
      const receiver = await newReceiver();
      receiver.script.push({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
      const { ws, webhook } = await workspaceWithWebhook(server.api, `body-${size}`, receiver.url('/body'));
      const event = await publish(ws, { blob: 'b'.repeat(size) });
      const delivery = await deliveryOf(ws, webhook.id, event.id, 'succeeded');
      expect(delivery.attempts).toHaveLength(3);
      const sent = receiver.requests.map((request) => request.text);
      expect(new Set(sent).size).toBe(1);
      const kept = sent[0].length <= CAP ? sent[0] : sent[0].slice(0, CAP);
      for (const attempt of delivery.attempts) expect(attempt.request.body).toBe(kept);
      expect(await storedBodies(delivery.id)).toEqual([kept, null, null]);
    });
  }
});
