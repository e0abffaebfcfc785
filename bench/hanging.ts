/**
 * npm run bench -- --scenario hanging [--events N --hanging H]
 *
 * Healthy endpoints' throughput while other endpoints hang, against the same without them, in one run on
 * one hookd (SQLite, default delivery settings): 4 healthy webhooks get N events each as fast as the API
 * takes them, first alone, then again while H webhooks of the same workspace point at an endpoint that
 * never answers and each has a backlog of 20 deliveries. Prints both rates and their ratio (1 = the hanging
 * endpoints cost the healthy ones nothing), and how many connections the hanging endpoint held.
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { benchWorkspace, inParallel, json, now, sleep, waitForCount } from './support.ts';

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
  const bench = await benchWorkspace('hanging', 32);
  const hanging = await hangingEndpoint();
  try {
    for (let i = 0; i < HEALTHY; i++) await bench.webhook(`healthy ${i}`, `http://127.0.0.1:${bench.receiver.port}/healthy/${i}`, 'order.created');
    const publish = (type: string) => (i: number) => bench.publish(type, { id: i, total: '9.50' });

    /** Healthy deliveries per second: `events` events to the healthy webhooks, from the first publish to the last receipt. */
    const healthyRate = async (): Promise<number> => {
      await json(bench.receiverPool, 'POST', '/__reset');
      const started = now();
      await inParallel(events, 32, publish('order.created'));
      await waitForCount(bench.receiverPool, events * HEALTHY);
      return (events * HEALTHY) / ((now() - started) / 1000);
    };

    console.log(`\nhealthy endpoints beside hanging ones: ${events} events × ${HEALTHY} healthy webhooks; ${hangingWebhooks} hanging webhooks × ${BACKLOG} deliveries`);
    await inParallel(Math.ceil(2000 / HEALTHY), 32, publish('order.created'));
    await waitForCount(bench.receiverPool, Math.ceil(2000 / HEALTHY) * HEALTHY);
    const alone = await healthyRate();
    console.log(`${'  healthy deliveries/s, alone'.padEnd(52)} ${alone.toFixed(0)}`);

    for (let i = 0; i < hangingWebhooks; i++) await bench.webhook(`hanging ${i}`, `http://127.0.0.1:${hanging.port}/hang/${i}`, 'order.updated');
    await inParallel(BACKLOG, 8, publish('order.updated'));
    // Every hanging webhook has a request open before the healthy ones are measured again.
    for (let i = 0; i < 200 && hanging.open() < hangingWebhooks; i++) await sleep(50);
    const beside = await healthyRate();
    console.log(`${'  healthy deliveries/s, beside the hanging ones'.padEnd(52)} ${beside.toFixed(0)}`);
    console.log(`${'  ratio beside / alone'.padEnd(52)} ${(beside / alone).toFixed(2)}`);
    console.log(`${'  connections the hanging endpoint holds'.padEnd(52)} ${hanging.open()} (of ${hangingWebhooks * BACKLOG} deliveries)`);
  } finally {
    await bench.stop();
    hanging.close();
  }
}
