/**
 * Flow control across processes on one PostgreSQL (core/flow-control.ts): FIFO order kept over 1 000
 * events through a receiver that fails at random, with three processes and one of them SIGKILLed
 * halfway; a rate limit never exceeded by two processes together. Runs in the `postgres` project only.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createWorkspace, eventually } from '../../helpers/hookd.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { processesOnPostgres } from '../../helpers/processes-on-postgres.ts';
import { busiestSecond, checkFifo, randomFailures } from '../../helpers/flow.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`flow control across processes (${USE_POSTGRES ? 'running' : reason})`, () => {
  const cluster = processesOnPostgres('hookd-flow-', { lease: '4s', retrySchedule: '20ms,20ms,20ms,20ms,20ms,20ms,20ms,20ms,20ms,20ms,20ms,20ms' });
  const spawn = (settings: Record<string, string> = {}, command?: string[]) => cluster.spawn(settings, command);

  it('keeps FIFO order over 1 000 events, failures at random, three processes, one SIGKILLed', { timeout: 240_000 }, async () => {
    const [first, second, third] = [await spawn(), await spawn(), await spawn()];
    const ws = await createWorkspace(first.api, 'fifo-multi');
    const total = 1000;
    const plan = randomFailures(total * 3, 0.3, 11);
    cluster.receiver.script.push(...plan);
    const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'ordered', url: cluster.receiver.url('/ordered'), events: ['order.created'], active: true, ordering: 'fifo' });
    expect(created.status, created.text).toBe(201);
    const apis = [first, second, third].map((process) => process.api.as(ws.key));
    let killed = false;
    for (let n = 0; n < total; n++) {
      // Published in order, each through another process; once the second is killed, through the others.
      const target = killed && n % 3 === 1 ? 0 : n % 3;
      const response = await apis[target].post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { n } });
      expect(response.status, response.text).toBe(202);
      if (!killed && n === total / 2) {
        second.child.kill('SIGKILL');
        killed = true;
      }
    }
    await eventually(async () => {
      const received = cluster.receiver.requests.map((request, i) => ({ n: JSON.parse(request.text).data.n as number, ok: plan[i]?.status === 200 }));
      return received.some((r) => r.ok && r.n === total - 1);
    }, 200_000, 250);
    const received = cluster.receiver.requests.map((request, i) => ({ n: JSON.parse(request.text).data.n as number, ok: plan[i]?.status === 200 }));
    console.log(`fifo over 3 processes (one killed): ${total} events in order, ${received.length} requests, ${received.filter((r) => !r.ok).length} failed answers`);
    checkFifo(received, total);
    expect(third.child.exitCode).toBeNull();
  });

  it('never exceeds a rate limit with two processes delivering', { timeout: 60_000 }, async () => {
    const [a, b] = [await spawn(), await spawn()];
    const ws = await createWorkspace(a.api, 'rate-multi');
    const created = await ws.api.post(`/workspaces/${ws.id}/webhooks`, { name: 'limited', url: cluster.receiver.url('/limited'), events: ['order.created'], active: true, rateLimit: { perSecond: 10 } });
    expect(created.status, created.text).toBe(201);
    const apis = [a.api.as(ws.key), b.api.as(ws.key)];
    const total = 60;
    await Promise.all(Array.from({ length: total }, (_, n) => apis[n % 2].post(`/workspaces/${ws.id}/events`, { type: 'order.created', data: { n } })));
    await cluster.receiver.waitFor(total, 30_000);
    // What hookd controls is when each request starts (its attempt's time in the store): at most 10 in
    // any 1.1 s, each within 50 ms of being counted. Arrival times at this receiver, which shares the
    // test's loaded process, add jitter beyond the 50 ms margin: in a full CI run 14 once arrived within
    // one second of each other, though their starts kept the limit. They are reported, not asserted.
    // Recorded a little after they arrive (outcomes are written in batches).
    const starts = await eventually(async () => {
      const recorded = await attemptStarts();
      return recorded.length >= total ? recorded : null;
    }, 10_000, 100);
    const arrivals = cluster.receiver.requests.map((r) => r.at);
    console.log(`rate limit 10/s over 2 processes: ${total} requests started over ${Math.max(...starts) - Math.min(...starts)} ms, at most ${busiestSecond(starts)} started and ${busiestSecond(arrivals)} arrived in any second`);
    expect(starts).toHaveLength(total);
    expect(busiestSecond(starts)).toBeLessThanOrEqual(10);
    // 60 at 10 a second take more than five seconds.
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(5000);
    expect(new Set(cluster.receiver.requests.map((r) => JSON.parse(r.text).data.n)).size).toBe(total);
  });

  /** When each attempt started, as hookd recorded it. */
  async function attemptStarts(): Promise<number[]> {
    const client = new pg.Client({ connectionString: cluster.schema.url });
    await client.connect();
    try {
      return (await client.query('SELECT created_at FROM attempts')).rows.map((row: { created_at: string }) => Number(row.created_at));
    } finally {
      await client.end();
    }
  }
});
