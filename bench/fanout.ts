/**
 * npm run bench -- --scenario fanout [--webhooks-in-workspace N]
 *
 * Whether publishing costs more as a workspace gets more webhooks: the publish latency (p50, p99) of an
 * event that 1 webhook subscribes to, in a workspace with that webhook alone, then with N more webhooks
 * subscribed to other event types, in one run on one hookd (SQLite). Prints both and their ratio
 * (1 = flat: publishing finds the subscribed webhooks by index, not by reading all of them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { freePort, json, now, startHookd, startReceiver, stopAll } from './support.ts';

const PUBLISHES = 2000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function fanoutScenario(others: number): Promise<void> {
  const receiver = await startReceiver();
  const dataDir = mkdtempSync(join(tmpdir(), 'hookd-bench-fanout-'));
  const port = await freePort();
  const hookd = await startHookd({ dataDir }, port);
  const api = new Pool(`http://127.0.0.1:${port}`, { connections: 8 });
  try {
    const workspace = (await json(api, 'POST', '/workspaces', { name: 'bench' })).data;
    const key = (await json(api, 'POST', `/workspaces/${workspace.id}/api-keys`, {})).data.key as string;
    const webhook = (name: string, event: string, active: boolean) => json(api, 'POST', `/workspaces/${workspace.id}/webhooks`, {
      name, url: `http://127.0.0.1:${receiver.port}/fanout`, events: [event], active,
    }, key);
    await webhook('subscribed', 'order.created', true);

    /** Publish latencies (ms) of PUBLISHES events, one at a time. */
    const latencies = async (): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < PUBLISHES; i++) {
        const started = now();
        await json(api, 'POST', `/workspaces/${workspace.id}/events`, { type: 'order.created', data: { id: i } }, key);
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
    for (let i = 0; i < others; i++) await webhook(`other ${i}`, i % 2 === 0 ? 'order.updated' : 'coupon.created', false);
    const beside = await latencies();
    line(`  p50 / p99 (ms), beside ${others} others`, `${percentile(beside, 50).toFixed(2)} / ${percentile(beside, 99).toFixed(2)}`);
    line('  p50 ratio beside / alone', (percentile(beside, 50) / percentile(alone, 50)).toFixed(2));
  } finally {
    await api.close();
    await stopAll([hookd]);
    receiver.child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
