/** What the API thread and the dispatcher thread say to each other over the worker's port. */
import type { MetricsSnapshot } from '../metrics.ts';

export type ToDispatcherThread = { kind: 'stop' } | { kind: 'metrics'; id: number };

export type FromDispatcherThread =
  | { kind: 'ready' }
  | { kind: 'stopped' }
  | { kind: 'metrics'; id: number; snapshot: MetricsSnapshot };
