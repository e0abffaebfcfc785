/**
 * npm run bench -- --scenario filter [--events N]
 *
 * What a payload filter and a transform cost: hookd's CPU per delivery for N events to a webhook without
 * either, N to one with a realistic filter (which every event passes, so both deliver the same), and N to
 * one with a simple transform (a reshaped body), in alternating rounds on one hookd (SQLite). Prints each
 * and its ratio to the plain one; the bars are a filter under 5% of a delivery (ratio ≤ 1.05) and
 * a simple transform under 15% (ratio ≤ 1.15).
 */
import { cpuSeconds } from './cpu.ts';
import { benchWorkspace, median } from './support.ts';

const FILTER = {
  'data.total': { $gte: 10 },
  'data.status': { $in: ['paid', 'refunded'] },
  $or: [{ 'data.customer.vip': true }, { 'data.items.sku': { $startsWith: 'A' } }],
};
/** A simple transform: the body reshaped, as a receiver with its own format would want it. */
const TRANSFORM = '{"order": data.id, "amount": data.total, "state": data.status, "event": type}';
const ROUNDS = 3;
const IN_FLIGHT = 16;

export async function filterScenario(events: number): Promise<void> {
  const bench = await benchWorkspace('filter', IN_FLIGHT);
  try {
    const url = (path: string) => `http://127.0.0.1:${bench.receiver.port}${path}`;
    await bench.webhook('plain', url('/plain'), 'order.created');
    await bench.webhook('filtered', url('/filtered'), 'order.updated', true, { filter: FILTER });
    await bench.webhook('transformed', url('/transformed'), 'order.deleted', true, { transform: TRANSFORM });
    const data = (i: number) => ({ id: i, total: 25 + (i % 100), status: i % 2 ? 'paid' : 'refunded', customer: { vip: i % 3 === 0 }, items: [{ sku: 'A-1', qty: 1 }] });

    /** hookd's CPU µs per delivery for `events` events of `type`, from the first publish to the last arrival. */
    const measure = async (type: string): Promise<number> => {
      await (await bench.receiverPool.request({ method: 'POST', path: '/__reset' })).body.dump();
      const before = cpuSeconds([bench.pid]);
      let next = 0;
      await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
        while (next < events) await bench.publish(type, data(next++));
      }));
      await (await bench.receiverPool.request({ method: 'GET', path: `/__count/${events}` })).body.dump();
      const after = cpuSeconds([bench.pid]);
      if (before === null || after === null) throw new Error('cannot read hookd\'s CPU time from /proc');
      return ((after - before) * 1e6) / events;
    };

    console.log(`\npayload filter and transform cost: ${events} events to a plain webhook, then ${events} to one with a filter that passes them, then ${events} to one with a simple transform (${ROUNDS} alternating rounds, hookd on SQLite)`);
    await measure('order.created');
    await measure('order.updated');
    await measure('order.deleted');
    const plain: number[] = [];
    const filtered: number[] = [];
    const transformed: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      plain.push(await measure('order.created'));
      filtered.push(await measure('order.updated'));
      transformed.push(await measure('order.deleted'));
    }
    const line = (label: string, value: string) => console.log(`${label.padEnd(56)} ${value}`);
    line('  hookd CPU per delivery, plain (µs)', plain.map((v) => v.toFixed(0)).join(' / '));
    line('  hookd CPU per delivery, with the filter (µs)', filtered.map((v) => v.toFixed(0)).join(' / '));
    line('  hookd CPU per delivery, with the transform (µs)', transformed.map((v) => v.toFixed(0)).join(' / '));
    line('  median ratio filter / plain', (median(filtered) / median(plain)).toFixed(3));
    line('  median ratio transform / plain', (median(transformed) / median(plain)).toFixed(3));
  } finally {
    await bench.stop();
  }
}
