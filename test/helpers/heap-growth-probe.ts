/**
 * Run by test/unit/heap-growth.test.ts in a process of its own (node --expose-gc bin/run-ts.js <this>):
 * sets hookd's heap growth as `hookd serve` does, then has V8 print the growing factor it takes at a full
 * collection, in this thread and in a worker thread (as the dispatcher thread is).
 */
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { limitHeapGrowth } from '../../src/heap-growth.ts';

// Left out when asked, so the test sees what V8 does on its own.
if (process.env.HEAP_PROBE_LEAVE_DEFAULT !== '1') limitHeapGrowth();
setFlagsFromString('--trace-gc-verbose');
(globalThis as unknown as { gc: () => void }).gc();
await new Promise<void>((resolve, reject) => {
  const worker = new Worker('globalThis.gc()', { eval: true });
  worker.once('error', reject);
  worker.once('exit', () => resolve());
});
