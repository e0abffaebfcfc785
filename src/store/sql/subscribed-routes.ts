/**
 * The webhooks an event is routed to: those of its workspace subscribed to a pattern its type matches,
 * and not disabled (migrations/006 indexes the subscriptions, so the cost does not grow with the
 * workspace's other webhooks).
 *
 * PostgreSQL keeps what it looked up (KnownRoutes): the routing's version (migrations/028), raised by the
 * commit of every change to it, is read with each look-up, and the publish statement that uses the
 * routes inserts nothing unless the version is still the one they were read under
 * (one-statement-publish.ts). A group of publishes is then one round trip instead of two.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Dialect, NewEvent, WebhookRoute } from '../../core/ports/store.ts';
import type { Database, WebhooksTable } from '../schema.ts';
import { marks, Prebuilt } from './prebuilt.ts';
import { num } from './rows.ts';

/** What a publish must know of a webhook's flow control (core/flow-control.ts). */
export interface Flow {
  fifo: boolean;
  rateLimited: boolean;
}

/** The webhooks one workspace's events of one type go to, and their flow control. */
export interface Subscribed {
  routes: WebhookRoute[];
  flows: ReadonlyArray<readonly [number, Flow]>;
  /** Those of them that are FIFO: almost always none. */
  fifo: ReadonlySet<number>;
}

export type SubscribedRow = Pick<Selectable<WebhooksTable>, 'id' | 'status' | 'paused_behavior' | 'filter' | 'ordering' | 'rate_limit'>;

/** The look-up for `n` patterns: parameters are the workspace, then the patterns. */
export const subscribedStatement = (n: number): string => `SELECT DISTINCT w.id, w.status, w.paused_behavior, w.filter, w.ordering, w.rate_limit
  FROM webhook_subscriptions s JOIN webhooks w ON w.id = s.webhook_id
  WHERE s.workspace_id = ? AND s.pattern IN (${marks(n)}) AND w.status != 'disabled'`;

export const subscribedParameters = (input: NewEvent): unknown[] => [input.workspace.seq, ...input.patterns];

/** The key of what one event's look-up finds: its workspace and type (its patterns follow from the type). */
export const routesKey = (input: NewEvent): string => `${input.workspace.seq} ${input.type}`;

/** The look-up's rows, lowest webhook first. */
export function subscribedOf(rows: SubscribedRow[]): Subscribed {
  const sorted = [...rows].sort((a, b) => num(a.id) - num(b.id));
  return {
    routes: sorted.map((row) => ({
      seq: num(row.id),
      status: row.status as WebhookRoute['status'],
      pausedBehavior: row.paused_behavior as WebhookRoute['pausedBehavior'],
      filter: row.filter ?? null,
    })),
    flows: sorted.map((row) => [num(row.id), { fifo: row.ordering === 'fifo', rateLimited: row.rate_limit !== null }] as const),
    fifo: new Set(sorted.filter((row) => row.ordering === 'fifo').map((row) => num(row.id))),
  };
}

/**
 * What is kept at most: past this many workspaces × types, or routes weighing this much (a route's
 * filter may be 8 KiB), all that was kept is dropped and looked up again as publishes need it.
 */
const MAX_KEPT = 4096;
const MAX_KEPT_BYTES = 8 * 1024 * 1024;
/** A route's weight: its filter's text and about what the rest of it takes. */
const weightOf = (subscribed: Subscribed): number => subscribed.routes.reduce((sum, route) => sum + 64 + (route.filter?.length ?? 0) * 2, 0);

/** PostgreSQL: the routes looked up, under the routing version they were read at. */
export class KnownRoutes {
  #version: number | null = null;
  readonly #kept = new Map<string, Subscribed>();
  #keptBytes = 0;
  /** The look-up with the version: one row with no webhook (a null id) when none is subscribed. */
  readonly #lookUp: Prebuilt<{ version: number | string } & { [K in keyof SubscribedRow]: SubscribedRow[K] | null }>;

  constructor(dialect: Dialect) {
    this.#lookUp = new Prebuilt(dialect, (n) => `SELECT r.version, w.id, w.status, w.paused_behavior, w.filter, w.ordering, w.rate_limit
      FROM routing_version r LEFT JOIN (${subscribedStatement(n)}) w ON TRUE`);
  }

  /**
   * The routes of each input, all valid under one version, and that version; or null when the routing
   * changed while they were looked up (the caller looks again: those kept since are of the new version).
   */
  async of(db: Kysely<Database>, inputs: readonly NewEvent[]): Promise<{ version: number; found: Subscribed[] } | null> {
    const found: Subscribed[] = [];
    const versions = new Set<number>();
    for (const input of inputs) {
      const key = routesKey(input);
      const kept = this.#kept.get(key);
      const { version, subscribed } = kept ? { version: this.#version as number, subscribed: kept } : await this.lookUp(db, input, key);
      versions.add(version);
      found.push(subscribed);
    }
    return versions.size === 1 ? { version: [...versions][0], found } : null;
  }

  /** One input's routes, read with the version, and kept unless another group of this process has seen a newer version. */
  private async lookUp(db: Kysely<Database>, input: NewEvent, key: string): Promise<{ version: number; subscribed: Subscribed }> {
    const rows = await this.#lookUp.run(db, input.patterns.length, subscribedParameters(input));
    const version = num(rows[0].version);
    const subscribed = subscribedOf(rows.filter((row): row is typeof row & SubscribedRow => row.id !== null));
    // Groups run side by side: one read before a change another has seen is not kept (its group's
    // publish statement finds the newer version, and the group looks again).
    if (this.#version !== null && version < this.#version) return { version, subscribed };
    this.outdated(version);
    const weight = weightOf(subscribed);
    if (this.#kept.size >= MAX_KEPT || this.#keptBytes + weight > MAX_KEPT_BYTES) this.drop();
    this.#kept.set(key, subscribed);
    this.#keptBytes += weight;
    return { version, subscribed };
  }

  /** The routing was at `version`: what was kept under an older one is dropped (versions only grow). */
  outdated(version: number): void {
    if (this.#version !== null && version <= this.#version) return;
    this.drop();
    this.#version = version;
  }

  private drop(): void {
    this.#kept.clear();
    this.#keptBytes = 0;
  }
}
