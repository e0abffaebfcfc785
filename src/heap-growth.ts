/**
 * How far V8 lets a hookd server's heaps grow past what their last full collection kept.
 *
 * V8 lets an old generation grow to up to four times what survived its last full collection before it
 * collects again. A burst (a backlog published at full speed, a drain) promotes much that soon dies, and
 * the heap then stays at that size for as long as the thread allocates little: behind a 200 000-event
 * backlog on PostgreSQL hookd's RSS reached 300–304 MB, its API thread's heap 126–129 MB, of which a
 * snapshot found 30 MB alive. Twice what survived kept RSS at 225–236 MB there, for a few more full
 * collections (docs/performance.md, "2026-12-07, morning").
 *
 * A process-wide V8 flag, set at run time before the server starts: V8 reads it at every collection, in
 * every thread, so the dispatcher thread follows it too. It replaces V8's own choice in every case, also
 * near the heap's maximum, where V8 would grow by less; V8 still stops each step halfway to that maximum.
 * A `--heap-growing-percent` given to node itself is left as it is.
 */
import { setFlagsFromString } from 'node:v8';

/** The old generation may grow to (1 + this / 100) times what its last full collection kept. */
export const HEAP_GROWING_PERCENT = 100;

export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
