/**
 * The baseline's publisher, a bench-only process: what a Node developer would write instead of hookd's
 * API. Fastify's POST /events takes the body hookd's publish takes ({type, data}), enqueues one BullMQ job
 * per subscribed webhook URL in one addBulk (one round trip to Redis), and answers 202 {id}.
 *
 * Less than hookd does, on purpose (this is the lean thing people build): no API keys, no workspaces, the
 * subscribed URLs fixed on the command line rather than looked up by event type, no event stored.
 *
 * node bin/run-ts.js bench/baseline/publisher.ts --queue NAME --url URL [--url URL …]
 * Sends {port} over IPC once it listens (on 127.0.0.1, a port the kernel picks).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import Fastify from 'fastify';
import { connection, type DeliveryJob } from './queue.ts';

const { values: args } = parseArgs({ options: { queue: { type: 'string' }, url: { type: 'string', multiple: true } } });
if (!args.queue || !args.url?.length) throw new Error('publisher: --queue and at least one --url are required');
const urls = args.url;

const queue = new Queue<DeliveryJob>(args.queue, { connection });
// Retries as a developer would set them: a few, backing off exponentially (hookd retries on a schedule too).
const jobOptions = { attempts: 5, backoff: { type: 'exponential', delay: 1000 } };

const app = Fastify({ logger: false });
app.post<{ Body: { type: string; data: Record<string, unknown> } }>('/events', {
  schema: {
    body: {
      type: 'object',
      required: ['type', 'data'],
      properties: { type: { type: 'string', minLength: 1 }, data: { type: 'object' } },
    },
  },
}, async (request, reply) => {
  const id = randomUUID();
  const { type, data } = request.body;
  // The Standard Webhooks envelope, hookd's body too.
  const body = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
  await queue.addBulk(urls.map((url) => ({ name: type, data: { eventId: id, url, body }, opts: jobOptions })));
  return reply.code(202).send({ id });
});

async function shutdown(): Promise<void> {
  await app.close();
  await queue.close();
  process.exit(0);
}
process.once('SIGTERM', shutdown);
// The bench died without stopping this process: do not outlive it.
process.once('disconnect', shutdown);

await queue.waitUntilReady();
await app.listen({ host: '127.0.0.1', port: 0 });
process.send?.({ port: (app.server.address() as { port: number }).port });
