/**
 * The baseline as a bench target: what a Node developer builds instead of hookd (publisher.ts: Fastify +
 * BullMQ; worker.ts: BullMQ Worker + undici, and in one variant a PostgreSQL log), each in its own process,
 * on a queue of this run's own in the local Redis, and for the log a PostgreSQL schema of its own; both
 * are removed when it stops.
 */
import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import pg from 'pg';
import { Pool } from 'undici';
import { httpPublisher, postgresSchema, startBenchChild, startedOrStopped, stopAll, type Target } from '../support.ts';
import { connection } from './queue.ts';

export type BaselineVariant = 'redis' | 'postgres';

export const BASELINE_LABELS: Record<BaselineVariant, string> = {
  redis: 'BullMQ (Redis only)',
  postgres: 'BullMQ + undici + PostgreSQL log',
};

/** Starts the baseline's processes for deliveries to `urls`; stop() ends them and removes its queue and schema. */
export async function startBaseline(variant: BaselineVariant, urls: string[]): Promise<Target> {
  // Checked first, so a Redis that is not running fails here with its own error.
  const queue = new Queue(`hookd-bench-${process.pid}-${Date.now()}`, { connection });
  await queue.waitUntilReady();
  const database = variant === 'postgres' ? await postgresSchema('hookd_bench_baseline') : null;
  const children: ChildProcess[] = [];
  let api: Pool | null = null;
  let counter: pg.Client | null = null;
  const stop = async () => {
    try {
      await api?.close();
      await stopAll(children);
      await counter?.end();
      await queue.obliterate({ force: true });
    } finally {
      // Whatever failed above, the connection and the schema go.
      await queue.close();
      await database?.drop();
    }
  };
  return startedOrStopped(stop, async () => {
    const worker = await startBenchChild('bench/baseline/worker.ts', ['--queue', queue.name, ...(database ? ['--database-url', database.url] : [])]);
    children.push(worker.child);
    const publisher = await startBenchChild<{ port: number }>('bench/baseline/publisher.ts', ['--queue', queue.name, ...urls.flatMap((url) => ['--url', url])]);
    children.push(publisher.child);
    api = new Pool(`http://127.0.0.1:${publisher.ready.port}`, { connections: 32 });
    let recorded: () => Promise<number>;
    if (database) {
      counter = new pg.Client({ connectionString: database.url });
      await counter.connect();
      const client = counter;
      recorded = async () => Number((await client.query('SELECT count(*) AS n FROM delivery_log WHERE status_code BETWEEN 200 AND 299')).rows[0].n);
    } else {
      // Without a log, the completed jobs BullMQ keeps are the record of the deliveries.
      recorded = () => queue.getCompletedCount();
    }
    return {
      label: BASELINE_LABELS[variant],
      ...httpPublisher(api, '/events', {}, (answer: { id: string }) => answer.id),
      recorded,
      pids: () => children.map((child) => child.pid!),
      uses: { redis: true, postgres: database !== null },
      stop,
    };
  });
}
