// A worker thread's entry: loads the TypeScript module named in workerData.entry (see bin/typescript.mjs).
import { workerData } from 'node:worker_threads';
import '../../bin/typescript.mjs';

await import(workerData.entry);
