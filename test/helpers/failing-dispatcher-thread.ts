/** Stands in for threads/dispatcher-thread.ts: says it is ready, answers metrics, then dies of an error. */
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', (message: { kind: string; id: number }) => {
  if (message.kind === 'metrics') parentPort!.postMessage({ kind: 'metrics', id: message.id, snapshot: [] });
});
parentPort!.postMessage({ kind: 'ready' });
setTimeout(() => {
  throw new Error('the dispatcher thread failed');
}, 200);
