/**
 * npm run bench -- --scenario fanout [--webhooks-in-workspace N]
 *
 * Whether publishing costs more as a workspace gets more webhooks: the publish latency (p50, p99) of an
 * event that 1 webhook subscribes to, in a workspace with that webhook alone, then with N more webhooks
 * subscribed to other event types, in one run on one hookd (SQLite). Prints both and their ratio
 * (1 = flat: publishing finds the subscribed webhooks by index, not by reading all of them).
 */
import { benchWorkspace, now } from './support.ts';

const PUBLISHES = 2000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function fanoutScenario(others: number): Promise<void> {
  const bench = await benchWorkspace('fanout', 8);
  try {
    const url = `http://127.0.0.1:${bench.receiver.port}/fanout`;
    await bench.webhook('subscribed', url, 'order.created');

    /** Publish latencies (ms) of PUBLISHES events, one at a time. */
    const latencies = async (): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < PUBLISHES; i++) {
        const started = now();
        await bench.publish('order.created', { id: i });
        times.push(now() - started);
      }
      return times.sort((a, b) => a - b);
    };
    const line = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);

    console.log(`\npublish latency as the workspace grows: ${PUBLISHES} publishes to 1 subscribed webhook, alone and beside ${others} others`);
    await latencies();
    const alone = await latencies();
    line('  p50 / p99 (ms), 1 webhook', `${percentile(alone, 50).toFixed(2)} / ${percentile(alone, 99).toFixed(2)}`);
    // Paused and subscribed to another type: they get nothing, so only finding the subscribed one costs.
    for (let i = 0; i < others; i++) await bench.webhook(`other ${i}`, url, i % 2 === 0 ? 'order.updated' : 'coupon.created', false);
    const beside = await latencies();
    line(`  p50 / p99 (ms), beside ${others} others`, `${percentile(beside, 50).toFixed(2)} / ${percentile(beside, 99).toFixed(2)}`);
    line('  p50 ratio beside / alone', (percentile(beside, 50) / percentile(alone, 50)).toFixed(2));
  } finally {
    await bench.stop();
  }
}
