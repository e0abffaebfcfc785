/**
 * Inside the dispatcher thread: claims, sends and records deliveries.
 *
 * On SQLite it opens no store: its store calls run in the API thread (remote-dispatch.ts), so this
 * thread's core goes to sending. On PostgreSQL it opens a store of its own (its own connections), as a
 * `hookd worker` process would: the API thread then does none of the dispatcher's store work either.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { loadEncryptionKey } from '../bootstrap.ts';
import type { Config } from '../config.ts';
import type { WorkspaceRef } from '../core/ports/store.ts';
import { SecretBox } from '../core/crypto.ts';
import { attemptSending, newDispatcher } from '../delivery/setup.ts';
import { Metrics } from '../metrics.ts';
import type { FromDispatcherThread, ToDispatcherThread } from './messages.ts';
import { RemoteDispatchRepo } from './remote-dispatch.ts';
import { startTracing } from '../tracing.ts';

const port = parentPort;
if (!port) throw new Error('dispatcher-thread.ts runs in a worker thread');
const { config, operator } = workerData as { config: Config; operator: WorkspaceRef | null };
const send = (message: FromDispatcherThread) => port.postMessage(message);

// Tracer providers are per thread: this thread's attempt spans need an SDK of their own (tracing.ts).
const tracing = await startTracing();
const metrics = new Metrics({ processMetrics: false, workspaceLabels: config.metricsWorkspaces });
const { http, runner } = attemptSending(config, new SecretBox(loadEncryptionKey(config)));
const log = pino({ level: config.logLevel });
// The API thread has migrated the schema; this store only dispatches. Operational events are emitted
// where outcomes are recorded, so it must know the operator's workspace too.
// Loaded only then: on SQLite this thread holds none of the store's modules (a few MB of heap and code each).
const store = config.databaseUrl === undefined ? null : await (await import('../store/open.ts')).openStore({ ...config, log });
if (store) store.operational.operator = operator;
const remote = store ? null : new RemoteDispatchRepo(send);
const dispatcher = newDispatcher(config, store?.dispatch ?? remote!, runner, metrics, log);

port.on('message', (message: ToDispatcherThread) => {
  switch (message.kind) {
    case 'reply':
      remote?.answer(message);
      break;
    case 'work':
      dispatcher.wake(message.webhooks);
      break;
    case 'webhook-stopped':
      void dispatcher.dropLane(message.webhookSeq);
      break;
    case 'metrics':
      void metrics.snapshot().then((snapshot) => send({ kind: 'metrics', id: message.id, snapshot }));
      break;
    case 'stop':
      void dispatcher.stop().then(() => http.close()).then(() => store?.close()).then(() => tracing?.shutdown()).then(() => send({ kind: 'stopped' }));
      break;
  }
});
dispatcher.start();
send({ kind: 'ready' });
