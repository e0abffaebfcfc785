/**
 * Lets a test end hookd's real dispatcher thread from outside, as a crash would, with nothing added to
 * hookd for it. Imported (in a test process) or preloaded with `node --import` (in a hookd child
 * process), it wraps worker_threads' Worker so that every dispatcher thread hookd starts is remembered;
 * `endNewestDispatcherThread()`, or SIGUSR2 in a child process, then terminates the one started last.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';

const workerThreads = createRequire(import.meta.url)('node:worker_threads');
const { Worker } = workerThreads;
/** Running dispatcher threads, oldest first. */
const dispatcherThreads = [];

class RememberedWorker extends Worker {
  constructor(filename, options) {
    super(filename, options);
    // hookd's dispatcher thread names its entry module in workerData (src/threads/dispatcher.ts).
    if (String(options?.workerData?.entry ?? '').includes('dispatcher-thread')) {
      dispatcherThreads.push(this);
      this.once('exit', () => dispatcherThreads.splice(dispatcherThreads.indexOf(this), 1));
    }
  }
}

workerThreads.Worker = RememberedWorker;
// `import { Worker } from 'node:worker_threads'` sees the replacement too.
syncBuiltinESMExports();

/** Terminates the dispatcher thread started last (of the hookd started last); false if none runs. */
export async function endNewestDispatcherThread() {
  const thread = dispatcherThreads.at(-1);
  if (!thread) return false;
  await thread.terminate();
  return true;
}

// Preloaded into a child process, the test signals it; threads inherit the preload but get no signals.
if (workerThreads.isMainThread && process.env.HOOKD_TEST_END_DISPATCHER_ON_SIGUSR2 === '1') {
  process.on('SIGUSR2', () => void endNewestDispatcherThread());
}
