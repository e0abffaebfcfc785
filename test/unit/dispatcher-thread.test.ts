/**
 * A dispatcher thread that dies on its own is noticed: what was handed to it goes back to the store
 * (stopClaiming) before the failure callback runs, once, with the error; the thread reports itself not
 * running (so /healthz answers 503), and asking for its metrics or stopping it afterwards does not hang.
 * Its young generation is sized by the store it works with.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { DispatchRepo } from '../../src/core/ports/store.ts';
import { DispatcherThread, threadYoungGenerationMb } from '../../src/threads/dispatcher.ts';

/** The stand-in thread makes no store calls; the API thread's side calls stopClaiming when it dies. */
const events: string[] = [];
const noStore: DispatchRepo = {
  claim: () => Promise.reject(new Error('unexpected')),
  nextDueAt: () => Promise.reject(new Error('unexpected')),
  record: () => Promise.reject(new Error('unexpected')),
  release: () => Promise.reject(new Error('unexpected')),
  stopClaiming: async () => void events.push('stopClaiming'),
  promoteStalledQueues: async () => 0,
};

describe('DispatcherThread', () => {
  it('reports a thread that dies after starting, once, and stays stoppable', async () => {
    const failures: Error[] = [];
    let failed: () => void = () => undefined;
    const failure = new Promise<void>((resolve) => { failed = resolve; });
    const thread = await DispatcherThread.start(loadConfig({}, {}), noStore, (error) => {
      failures.push(error);
      events.push('failure');
      failed();
    }, new URL('../helpers/failing-dispatcher-thread.ts', import.meta.url));
    expect(thread.running).toBe(true);
    expect(await thread.metrics()).toEqual([]);

    await failure;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failures.map((error) => error.message)).toEqual(['the dispatcher thread failed']);
    expect(events).toEqual(['stopClaiming', 'failure']);
    expect(thread.running).toBe(false);
    expect(await thread.metrics()).toEqual([]);
    await thread.stop();
  });

  it('gives the thread a larger young generation where it runs a store of its own (PostgreSQL)', () => {
    // SQLite: the thread only sends (its store calls run in the API thread); its heap is kept small.
    expect(threadYoungGenerationMb(loadConfig({}, {}))).toBe(12);
    // PostgreSQL: it also parses every row its store reads; with 12 MB, scavenges took 17% of its busy time.
    expect(threadYoungGenerationMb(loadConfig({}, { databaseUrl: 'postgres://postgres@127.0.0.1:5432/test' }))).toBe(24);
  });
});
