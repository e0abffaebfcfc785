/**
 * Finds due deliveries for a claim at a cost that does not grow with the work waiting behind full webhooks.
 *
 * A claim leaves out webhooks whose lanes are full and workspaces at their share. Read straight off the
 * due index (due time, id) with those left out, the scan still walked every due row of theirs: with a
 * backlog for one dead endpoint that was 14 ms at 50 000 due rows and 64 ms at 200 000, on every claim,
 * and every other webhook's deliveries waited behind it. So:
 *
 *  1. A bounded window from the front of the due order, from which the rows of full webhooks and
 *     workspaces are dropped. Nearly always this is all: what is due is what the claim may take.
 *     A webhook whose due work outran its room at a recent claim (a backlog being drained) is left out of
 *     the window too, and its first due rows, as many as its room, are read by webhook: otherwise its
 *     backlog fills every window (backed-up-webhooks.ts).
 *  2. Only when that window was all taken up by rows it may not take (of full webhooks, or more of one
 *     webhook than its room), the claim looks per webhook: the webhooks with waiting work come from a
 *     skip scan of the per-webhook due index (migrations/007: one probe per webhook, however many rows
 *     each has), and each one due with room left gives its first due rows, as many as that room.
 *
 * On PostgreSQL every scan of the due indexes starts at the floor below which nothing waits (due-floor.ts),
 * past the entries of deliveries long sent, which stay in those indexes until VACUUM.
 *
 * Nothing found here is locked: on PostgreSQL the claim locks only the rows it takes, when it marks them
 * (mark-sending.ts). Statuses are literals: only then can SQLite prove its partial indexes apply.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import { DueFloor } from './due-floor.ts';
import { framed, type Frame } from '../postgres-framed-statements.ts';
import { marks, Prebuilt } from './prebuilt.ts';
import { num, numOrNull, padded } from './rows.ts';
import type { Rooms } from './rooms.ts';
import { BackedUpWebhooks } from './backed-up-webhooks.ts';

/** How many of `rows` each webhook has. */
function countByWebhook(rows: DueRow[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(num(row.webhook_id), (counts.get(num(row.webhook_id)) ?? 0) + 1);
  return counts;
}

const dueOrder = (a: DueRow, b: DueRow) => num(a.next_attempt_at) - num(b.next_attempt_at) || num(a.id) - num(b.id);

/** The rows a scan found; `left`: it saw due rows it did not return (or may have: a full window). */
export interface DueFound {
  rows: DueRow[];
  left: boolean;
}

export interface DueRow {
  id: number;
  webhook_id: number;
  workspace_id: number;
  next_attempt_at: number;
}

/**
 * Rows read from the front of the due order beyond what the claim wants, to step over some it may not
 * take. Small: each claim reads it.
 */
const WINDOW_SLACK = 64;
/**
 * PostgreSQL's window for a claim of `limit`: with the slack, rounded up to a power of two, so that a
 * handful of sizes (each its own statement: see postgresWindow()) serve every claim. A claim of at most
 * 64 reads 128 rows at most.
 */
function windowSizeFor(limit: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, limit) + WINDOW_SLACK));
}

/**
 * Webhooks with waiting work the per-webhook look considers, lowest id first. Past this many, the ones
 * after are found only once their work reaches the front of the due order.
 */
const MAX_WEBHOOKS_LOOKED_AT = 2048;
/** Webhooks whose first due rows one statement reads (SQLite). */
const WEBHOOKS_PER_STATEMENT = 32;

const WAITING = "status IN ('pending', 'sending')";
/** Any time at all, as an upper bound (PostgreSQL's largest BIGINT). */
const MAX_BIGINT = '9223372036854775807';

/** A row of the window; one row with no id stands for none, holding `seen` and `first_at`. */
type WindowRow = { [K in keyof DueRow]: DueRow[K] | null } & { seen: number; first_at: number | null };

/**
 * The window: the front of the due order (from the floor `from`, on PostgreSQL), `size` rows at most,
 * from which full webhooks and workspaces are left out after it is read (`leftOut`; never inside it: that
 * is the walk). `seen`: how many rows the window held, left-out ones included; fewer than asked for means
 * nothing more is due. `first_at`: the first one's due time (due-floor.ts).
 */
const windowText = (size: string, leftOut: string, from = '') => `WITH front AS (
    SELECT id, webhook_id, workspace_id, next_attempt_at FROM deliveries
    WHERE ${WAITING} AND next_attempt_at <= CAST(? AS BIGINT) ${from}
    ORDER BY next_attempt_at, id LIMIT ${size})
  SELECT f.id, f.webhook_id, f.workspace_id, f.next_attempt_at, c.seen, c.first_at
  FROM (SELECT count(*) AS seen, min(next_attempt_at) AS first_at FROM front) AS c
  LEFT JOIN front AS f ON 1 = 1 ${leftOut}`;

export class DueScan {
  /** PostgreSQL: by window size (windowSizeFor). */
  readonly #postgresWindows = new Map<number, Prebuilt<WindowRow>>();
  /** SQLite: n webhooks and m workspaces left out; the size bound. */
  readonly #sqliteWindow: Prebuilt<WindowRow>;
  readonly #waitingWebhooks: Prebuilt<{ webhook_id: number; next_at: number }>;
  readonly #firstDue: Prebuilt<DueRow>;
  readonly #nextDueAt: Prebuilt<{ at: number | null }>;
  /** PostgreSQL: where the scans of the due indexes start. */
  readonly #floor: DueFloor | null;
  readonly #backedUp = new BackedUpWebhooks();

  constructor(private readonly dialect: Dialect) {
    this.#floor = dialect === 'postgres' ? new DueFloor() : null;
    this.#sqliteWindow = new Prebuilt(dialect, (n, m) => windowText('CAST(? AS BIGINT)',
      `${n > 0 ? `AND f.webhook_id NOT IN (${marks(n)})` : ''} ${m > 0 ? `AND f.workspace_id NOT IN (${marks(m)})` : ''}`));
    // On PostgreSQL a webhook's waiting rows are also bounded by a row comparison on (webhook_id,
    // next_attempt_at), which only the per-webhook due index can serve as a range. With the webhook's
    // equality alone, the planner took the all-webhooks due index (it has the same order once the webhook
    // is fixed) and filtered by webhook: looking up a healthy webhook behind a 165 000-row backlog read
    // every backlog row, 115 ms and 80 000 buffers a look, against 2 ms (docs/performance.md).
    // There, it starts at the floor (the first parameter) and ends at `dueBy`.
    const ofWebhook = (alias: string, webhook: string, dueBy = 'CAST(? AS BIGINT)') => dialect === 'postgres'
      ? `${alias}webhook_id = ${webhook} AND (${alias}webhook_id, ${alias}next_attempt_at) >= (${webhook}, CAST(? AS BIGINT))
        AND (${alias}webhook_id, ${alias}next_attempt_at) <= (${webhook}, ${dueBy})`
      : `${alias}webhook_id = ${webhook} AND ${alias}next_attempt_at <= ${dueBy}`;
    // A skip scan: each step is one probe of the per-webhook due index for the next webhook id, at most
    // MAX_WEBHOOKS_LOOKED_AT steps.
    const nextAt = `(SELECT d.next_attempt_at FROM deliveries d WHERE d.${WAITING} AND ${ofWebhook('d.', 'waiting.webhook_id', MAX_BIGINT)}
        ORDER BY d.next_attempt_at LIMIT 1) AS next_at`;
    this.#waitingWebhooks = dialect === 'postgres'
      // PostgreSQL: a probe that lands on a webhook steps over every entry its finished deliveries left in
      // the index until VACUUM before it reaches a waiting row, thousands for a backlog being drained, on
      // every claim (docs/performance.md, 2026-12-06, night). The webhooks with no room left (`full`) are
      // not wanted here: each probe stops short of the next of them, and the next probe starts past it.
      ? new Prebuilt(dialect, () => `WITH RECURSIVE full_webhooks(id) AS (SELECT unnest(CAST(? AS BIGINT[]))),
        waiting(webhook_id, skipped, n) AS (
          SELECT CAST(-1 AS BIGINT), true, 0
          UNION ALL
          SELECT COALESCE(step.found, step.next_full), step.found IS NULL, waiting.n + 1
          FROM waiting
          CROSS JOIN LATERAL (SELECT (SELECT min(f.id) FROM full_webhooks f WHERE f.id > waiting.webhook_id) AS next_full) AS bound
          CROSS JOIN LATERAL (SELECT bound.next_full, (SELECT d.webhook_id FROM deliveries d WHERE d.${WAITING}
              AND d.webhook_id > waiting.webhook_id AND d.webhook_id < COALESCE(bound.next_full, ${MAX_BIGINT})
              ORDER BY d.webhook_id LIMIT 1) AS found) AS step
          WHERE waiting.webhook_id IS NOT NULL AND waiting.n < CAST(? AS BIGINT))
        SELECT webhook_id, ${nextAt} FROM waiting WHERE webhook_id IS NOT NULL AND NOT skipped`)
      // SQLite removes a finished delivery's entry at once: nothing to step over.
      : new Prebuilt(dialect, () => `WITH RECURSIVE waiting(webhook_id, n) AS (
          SELECT (SELECT webhook_id FROM deliveries WHERE ${WAITING} ORDER BY webhook_id LIMIT 1), 1
          UNION ALL
          SELECT (SELECT d.webhook_id FROM deliveries d WHERE d.${WAITING} AND d.webhook_id > waiting.webhook_id ORDER BY d.webhook_id LIMIT 1), waiting.n + 1
          FROM waiting WHERE waiting.webhook_id IS NOT NULL AND waiting.n < CAST(? AS BIGINT))
        SELECT webhook_id, ${nextAt} FROM waiting WHERE webhook_id IS NOT NULL`);
    const firstDueOf = (webhook: string, room: string) => `SELECT id, webhook_id, workspace_id, next_attempt_at FROM deliveries
      WHERE ${WAITING} AND ${ofWebhook('', webhook)}
      ORDER BY next_attempt_at, id LIMIT ${room}`;
    this.#firstDue = dialect === 'postgres'
      // One statement for every webhook: a lateral look-up per (webhook, room) pair.
      ? new Prebuilt(dialect, () => `SELECT due.id, due.webhook_id, due.workspace_id, due.next_attempt_at
          FROM unnest(CAST(? AS BIGINT[]), CAST(? AS BIGINT[])) AS c(webhook_id, room)
          CROSS JOIN LATERAL (${firstDueOf('c.webhook_id', 'c.room')}) AS due`)
      // SQLite has no LATERAL: a UNION ALL of the per-webhook look-ups, n at a time.
      : new Prebuilt(dialect, (n) => Array.from({ length: n }, () => `SELECT * FROM (${firstDueOf('?', 'CAST(? AS BIGINT)')})`).join(' UNION ALL '));
    // PostgreSQL: the first in due order, not min(): planned as a claim, a walk of another index could
    // only meet the ORDER BY with a sort, which is ruled out (claim-plans.ts); min() it met without one.
    this.#nextDueAt = dialect === 'postgres'
      ? new Prebuilt(dialect, () => `SELECT next_attempt_at AS at FROM deliveries WHERE ${WAITING} AND next_attempt_at >= CAST(? AS BIGINT)
          ORDER BY next_attempt_at LIMIT 1`)
      : new Prebuilt(dialect, () => `SELECT min(next_attempt_at) AS at FROM deliveries WHERE ${WAITING}`);
  }

  /** When the next waiting delivery is due (already, perhaps), or null if none waits. `planned`: PostgreSQL, sent with a claim's planner settings (claim-plans.ts). */
  async nextDueAt(db: Kysely<Database>, now: number, planned?: Frame): Promise<number | null> {
    const floor = this.#floor?.begin(now);
    const [row] = await this.#nextDueAt.run(db, 0, framed(floor ? [floor.at] : [], planned));
    const at = numOrNull(row?.at);
    if (floor) this.#floor?.saw(floor, now, at);
    return at;
  }

  /**
   * PostgreSQL's window statement for `size` rows: the size written in, so that the claim's generic plan
   * (claim-plans.ts) is made for it, and the left-out webhooks and workspaces as two arrays, so that one
   * statement per size serves every claim (each list length was a statement of its own).
   */
  private postgresWindow(size: number): Prebuilt<WindowRow> {
    let statement = this.#postgresWindows.get(size);
    if (!statement) {
      statement = new Prebuilt(this.dialect, () => windowText(String(size),
        'AND f.webhook_id <> ALL(CAST(? AS BIGINT[])) AND f.workspace_id <> ALL(CAST(? AS BIGINT[]))', 'AND next_attempt_at >= CAST(? AS BIGINT)'));
      this.#postgresWindows.set(size, statement);
    }
    return statement;
  }

  /**
   * Up to `limit` due rows in due order that `room` lets the claim take: none of a full webhook or
   * workspace, and no more of each than its room (`room` itself is left as it is). `planned`: PostgreSQL,
   * each statement sent with a claim's planner settings (claim-plans.ts).
   */
  async find(db: Kysely<Database>, now: number, limit: number, room: Rooms, planned?: Frame): Promise<DueFound> {
    // Backlogs being drained are read by webhook, their room's worth each, not off the front (backed-up-webhooks.ts).
    const backedUp = this.#backedUp.withRoom(room);
    const leftOut = [...room.fullWebhooks(), ...backedUp];
    let windowSize: number;
    let rows: WindowRow[];
    const floor = this.#floor?.begin(now);
    if (floor) {
      windowSize = windowSizeFor(limit);
      rows = await this.postgresWindow(windowSize).run(db, 0, framed([now, floor.at, leftOut, room.fullWorkspaces()], planned));
      this.#floor?.saw(floor, now, numOrNull(rows[0].first_at));
    } else {
      windowSize = limit + WINDOW_SLACK;
      const [leftOutWebhooks, fullWorkspaces] = [padded(leftOut), padded(room.fullWorkspaces())];
      rows = await this.#sqliteWindow.run(db, leftOutWebhooks.length, [now, windowSize, ...leftOutWebhooks, ...fullWorkspaces], fullWorkspaces.length);
    }
    // One row at least, holding `seen`; a row with no id stands for none. Put in due order here: the
    // statement has no ORDER BY of its own, which a claim's plan could only meet with a sort (claim-plans.ts).
    const front = rows.filter((row): row is DueRow & WindowRow => row.id !== null).sort(dueOrder);
    const fits = room.copy();
    const taken = front.filter((row) => {
      if (fits.take(num(row.webhook_id), num(row.workspace_id))) return true;
      // Its webhook had room and the window holds more of its work than that: a backlog.
      if (fits.webhook(num(row.webhook_id)) <= 0 && room.webhook(num(row.webhook_id)) > 0) this.#backedUp.outran(num(row.webhook_id));
      return false;
    });
    const inWindow = num(rows[0].seen);
    const byWebhook = await this.firstDueOfBackedUp(db, now, floor?.at ?? 0, limit, backedUp, fits, planned);
    const found = byWebhook.rows.length === 0 ? taken : [...taken, ...byWebhook.rows].sort(dueOrder);
    // Fewer than wanted with the window full: rows the claim may not take (of full webhooks, or beyond a
    // webhook's room) took it up, and more that it may take can be due behind them.
    if (found.length >= limit || inWindow < windowSize) {
      return { rows: found.slice(0, limit), left: inWindow > taken.length || byWebhook.mayHaveMore || found.length > limit };
    }

    const fromFront = countByWebhook(taken);
    const lookParameters = floor ? [fits.fullWebhooks(), MAX_WEBHOOKS_LOOKED_AT, floor.at] : [MAX_WEBHOOKS_LOOKED_AT];
    const lookedAt = new Set(backedUp);
    const candidates = (await this.#waitingWebhooks.run(db, 0, framed(lookParameters, planned)))
      .filter((row) => row.next_at !== null && num(row.next_at) <= now && fits.webhook(num(row.webhook_id)) > 0 && !lookedAt.has(num(row.webhook_id)))
      // Its first due rows again, past those the front gave: the front may hold only part of them.
      .map((row) => ({ webhook: num(row.webhook_id), room: Math.min(limit, fits.webhook(num(row.webhook_id))) + (fromFront.get(num(row.webhook_id)) ?? 0) }));
    if (candidates.length === 0) return { rows: found, left: true };
    const seen = new Set(front.map((row) => num(row.id)));
    const behind = (await this.firstDue(db, now, floor?.at ?? 0, candidates, planned))
      .filter((row) => !seen.has(num(row.id)))
      .sort(dueOrder)
      .filter((row) => fits.take(num(row.webhook_id), num(row.workspace_id)));
    return { rows: [...found, ...behind].sort(dueOrder).slice(0, limit), left: true };
  }

  /**
   * The first due rows of each backed-up webhook, as many as `fits` leaves it (taken from `fits`);
   * forgets those with fewer due. `mayHaveMore`: one had as many due as asked for.
   */
  private async firstDueOfBackedUp(db: Kysely<Database>, now: number, floor: number, limit: number, backedUp: number[], fits: Rooms, planned?: Frame): Promise<{ rows: DueRow[]; mayHaveMore: boolean }> {
    if (backedUp.length === 0) return { rows: [], mayHaveMore: false };
    const asked = backedUp.map((webhook) => ({ webhook, room: Math.min(limit, fits.webhook(webhook)) }));
    const rows = (await this.firstDue(db, now, floor, asked, planned)).sort(dueOrder);
    const got = countByWebhook(rows);
    let mayHaveMore = false;
    for (const { webhook, room } of asked) {
      if ((got.get(webhook) ?? 0) < room) this.#backedUp.ranOut(webhook);
      else mayHaveMore = true;
    }
    return { rows: rows.filter((row) => fits.take(num(row.webhook_id), num(row.workspace_id))), mayHaveMore };
  }

  private async firstDue(db: Kysely<Database>, now: number, floor: number, candidates: Array<{ webhook: number; room: number }>, planned?: Frame): Promise<DueRow[]> {
    if (this.dialect === 'postgres') {
      return this.#firstDue.run(db, 0, framed([candidates.map((c) => c.webhook), candidates.map((c) => c.room), floor, now], planned));
    }
    const rows: DueRow[] = [];
    for (let i = 0; i < candidates.length; i += WEBHOOKS_PER_STATEMENT) {
      const batch = candidates.slice(i, i + WEBHOOKS_PER_STATEMENT);
      rows.push(...await this.#firstDue.run(db, batch.length, batch.flatMap((c) => [c.webhook, now, c.room])));
    }
    return rows;
  }
}
