/**
 * npm run bench -- --scenario hanging [--events N --hanging H]
 *
 * Healthy endpoints' throughput while other endpoints hang, against the same without them, in one run on
 * one hookd (SQLite, default delivery settings): 4 healthy webhooks get N events each as fast as the API
 * takes them, first alone, then again while H webhooks of the same workspace point at an endpoint that
 * never answers and each has a backlog of 20 deliveries. Prints both rates and their ratio (1 = the hanging
 * endpoints cost the healthy ones nothing), and how many connections the hanging endpoint held.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { freePort, inParallel, json, now, sleep, startHookd, startReceiver, stopAll, waitForCount } from './support.ts';

const HEALTHY = 4;
const BACKLOG = 20;

/** An endpoint that accepts requests and never answers, counting the connections it holds. */
async function hangingEndpoint(): Promise<{ server: Server; port: number; open: () => number; close: () => void }> {
  const sockets = new Set<Socket>();
  const server = createServer((req) => void req.resume());
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as { port: number }).port,
    open: () => sockets.size,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

export async function hangingScenario(events: number, hangingWebhooks: number): Promise<void> {
  const receiver = await startReceiver();
  const receiverPool = new Pool(`http://127.0.0.1:${receiver.port}`);
  const hanging = await hangingEndpoint();
  const dataDir = mkdtempSync(join(tmpdir(), 'hookd-bench-hanging-'));
  const port = await freePort();
  const hookd = await startHookd({ dataDir }, port);
  const api = new Pool(`http://127.0.0.1:${port}`, { connections: 32 });
  try {
    const workspace = (await json(api, 'POST', '/workspaces', { name: 'bench' })).data;
    const key = (await json(api, 'POST', `/workspaces/${workspace.id}/api-keys`, {})).data.key as string;
    const webhook = (name: string, url: string, event: string) =>
      json(api, 'POST', `/workspaces/${workspace.id}/webhooks`, { name, url, events: [event], active: true }, key);
    for (let i = 0; i < HEALTHY; i++) await webhook(`healthy ${i}`, `http://127.0.0.1:${receiver.port}/healthy/${i}`, 'order.created');
    const publish = (type: string) => (i: number) => json(api, 'POST', `/workspaces/${workspace.id}/events`, { type, data: { id: i, total: '9.50' } }, key);

    /** Healthy deliveries per second: `events` events to the healthy webhooks, from the first publish to the last receipt. */
    const healthyRate = async (): Promise<number> => {
      await json(receiverPool, 'POST', '/__reset');
      const started = now();
      await inParallel(events, 32, publish('order.created'));
      await waitForCount(receiverPool, events * HEALTHY);
      return (events * HEALTHY) / ((now() - started) / 1000);
    };

    console.log(`\nhealthy endpoints beside hanging ones: ${events} events × ${HEALTHY} healthy webhooks; ${hangingWebhooks} hanging webhooks × ${BACKLOG} deliveries`);
    await inParallel(Math.ceil(2000 / HEALTHY), 32, publish('order.created'));
    await waitForCount(receiverPool, Math.ceil(2000 / HEALTHY) * HEALTHY);
    const alone = await healthyRate();
    console.log(`${'  healthy deliveries/s, alone'.padEnd(52)} ${alone.toFixed(0)}`);

    for (let i = 0; i < hangingWebhooks; i++) await webhook(`hanging ${i}`, `http://127.0.0.1:${hanging.port}/hang/${i}`, 'order.updated');
    await inParallel(BACKLOG, 8, publish('order.updated'));
    // Every hanging webhook has a request open before the healthy ones are measured again.
    for (let i = 0; i < 200 && hanging.open() < hangingWebhooks; i++) await sleep(50);
    const beside = await healthyRate();
    console.log(`${'  healthy deliveries/s, beside the hanging ones'.padEnd(52)} ${beside.toFixed(0)}`);
    console.log(`${'  ratio beside / alone'.padEnd(52)} ${(beside / alone).toFixed(2)}`);
    console.log(`${'  connections the hanging endpoint holds'.padEnd(52)} ${hanging.open()} (of ${hangingWebhooks * BACKLOG} deliveries)`);
  } finally {
    await api.close();
    await stopAll([hookd]);
    hanging.close();
    receiver.child.kill();
    await receiverPool.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
