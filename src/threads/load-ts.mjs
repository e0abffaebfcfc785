// A worker thread's entry: loads the TypeScript module named in workerData.entry through tsx.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
