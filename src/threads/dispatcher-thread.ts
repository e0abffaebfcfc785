/** Inside the dispatcher thread: hookd in the worker role, on its own connection to the same SQLite file. */
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { startHookd } from '../app.ts';
import type { Config } from '../config.ts';
import type { FromDispatcherThread, ToDispatcherThread } from './messages.ts';

const port = parentPort;
if (!port) throw new Error('dispatcher-thread.ts runs in a worker thread');
const { config, sqliteWriteLock } = workerData as { config: Config; sqliteWriteLock: SharedArrayBuffer };
const hookd = await startHookd({ ...config, role: 'worker' }, pino({ level: config.logLevel }), { sqliteWriteLock });
const send = (message: FromDispatcherThread) => port.postMessage(message);

port.on('message', (message: ToDispatcherThread) => {
  if (message.kind === 'stop') void hookd.close().then(() => send({ kind: 'stopped' }));
  else void hookd.metrics.snapshot().then((snapshot) => send({ kind: 'metrics', id: message.id, snapshot }));
});
send({ kind: 'ready' });
