/**
 * The baseline's worker, a bench-only process: a BullMQ Worker, 64 jobs at once, POSTs each job's body to
 * its URL through one keep-alive undici Agent, signed as Standard Webhooks (webhook-id, webhook-timestamp,
 * webhook-signature: v1,base64(HMAC-SHA256("<id>.<timestamp>.<body>")), as hookd signs). A failed attempt
 * (no answer, or not 2xx) throws, so BullMQ retries it with the job's backoff.
 *
 * With --database-url, the "+ PostgreSQL log" variant: ONE INSERT per attempt (URL, status code, duration,
 * request and response bodies, time) into delivery_log through a pg Pool, the history people then query.
 * That log is the record of deliveries, so completed jobs are then not kept in Redis as well; without it,
 * BullMQ's default keeps them, and the completed jobs are the record.
 *
 * node bin/run-ts.js bench/baseline/worker.ts --queue NAME [--database-url URL]
 * Sends {ready: true} over IPC once it takes jobs.
 */
import { createHmac, createSecretKey } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Worker } from 'bullmq';
import pg from 'pg';
import { Agent, request } from 'undici';
import { SIGNING_SECRET } from '../support.ts';
import { connection, type DeliveryJob } from './queue.ts';
import { CREATE_DELIVERY_LOG, INSERT_ATTEMPT } from './delivery-log.ts';

/** Jobs in flight at once in this process (hookd's default, HOOKD_CONCURRENCY, is 128). */
const CONCURRENCY = 64;

const { values: args } = parseArgs({ options: { queue: { type: 'string' }, 'database-url': { type: 'string' } } });
if (!args.queue) throw new Error('worker: --queue is required');

// A whsec_ secret is base64 key material; decoded once, not per attempt.
const key = createSecretKey(Buffer.from(SIGNING_SECRET.slice('whsec_'.length), 'base64'));
const agent = new Agent({ keepAliveTimeout: 4_000, headersTimeout: 30_000, bodyTimeout: 30_000 });

// pg's default pool size (10): the 64 jobs in flight share it.
const log = args['database-url'] ? new pg.Pool({ connectionString: args['database-url'], max: 10 }) : null;
await log?.query(CREATE_DELIVERY_LOG);

async function deliver({ eventId, url, body }: DeliveryJob): Promise<{ status: number; durationMs: number }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', key).update(`${eventId}.${timestamp}.${body}`).digest('base64');
  const started = performance.now();
  let status: number | null = null;
  let responseBody: string | null = null;
  let failure: unknown = null;
  try {
    const response = await request(url, {
      dispatcher: agent,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': `v1,${signature}`,
      },
      body,
    });
    status = response.statusCode;
    responseBody = await response.body.text();
  } catch (error) {
    failure = error;
  }
  const durationMs = performance.now() - started;
  await log?.query(INSERT_ATTEMPT, [url, status, durationMs, body, responseBody]);
  if (failure) throw failure;
  if (status === null || status < 200 || status >= 300) throw new Error(`${url} answered ${status}`);
  return { status, durationMs };
}

const worker = new Worker<DeliveryJob>(args.queue, (job) => deliver(job.data), {
  connection,
  concurrency: CONCURRENCY,
  ...(log ? { removeOnComplete: { count: 0 } } : {}),
});
worker.on('error', (error) => console.error('baseline worker:', error));

async function shutdown(): Promise<void> {
  // Lets the jobs in flight finish first.
  await worker.close();
  await agent.close();
  await log?.end();
  process.exit(0);
}
process.once('SIGTERM', shutdown);
// The bench died without stopping this process: do not outlive it.
process.once('disconnect', shutdown);

await worker.waitUntilReady();
process.send?.({ ready: true });
