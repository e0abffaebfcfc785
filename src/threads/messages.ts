/** What the API thread and the dispatcher thread say to each other over the worker's port. */
import type { MetricsSnapshot } from '../metrics.ts';
import type { DisablePolicy, DispatchRepo } from '../core/ports/store.ts';
import type { OutcomesOnTheWire } from './outcomes-wire.ts';
import type { WorkFor } from '../core/work-notice.ts';

export type DispatchMethod = keyof DispatchRepo;

/** A call's arguments as they cross: a record's outcomes go encoded (see outcomes-wire.ts). */
export type WireArgs<M extends DispatchMethod> = M extends 'record' ? [OutcomesOnTheWire, DisablePolicy, number] : Parameters<DispatchRepo[M]>;

/** The dispatcher thread asks the API thread, which owns the SQLite connection, to run a store call. */
export type StoreCall = { [M in DispatchMethod]: { kind: 'call'; id: number; method: M; args: WireArgs<M> } }[DispatchMethod];

/** Its answer: the call's result, or the message of the error it threw. */
export type StoreReply = { kind: 'reply'; id: number; result: unknown } | { kind: 'reply'; id: number; error: string };

export type ToDispatcherThread =
  | { kind: 'stop' }
  | { kind: 'metrics'; id: number }
  /** Work may be due (a publish, resume or resend), for `webhooks` if it says (core/work-notice.ts). */
  | { kind: 'work'; webhooks: WorkFor }
  /** A webhook was paused, disabled or deleted: drop what the thread queued for it. */
  | { kind: 'webhook-stopped'; webhookSeq: number }
  | StoreReply;

export type FromDispatcherThread =
  | { kind: 'ready' }
  | { kind: 'stopped' }
  | { kind: 'metrics'; id: number; snapshot: MetricsSnapshot }
  | StoreCall;
