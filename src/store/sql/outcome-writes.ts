/**
 * The two writes every batch of attempt outcomes makes: each delivery moved on (and its attempt logged),
 * and the webhooks whose batch ended in a success marked healthy.
 *
 * On PostgreSQL each is one statement whatever the batch holds, with the batch's values bound as arrays
 * (`unnest`): one round trip costs hookd about 70 µs of CPU on its own side, so a batch written as one
 * statement per list size, and one per webhook, spent more on round trips than on the writes. One text
 * per statement also means one prepared statement. SQLite runs in the process: there the statements are
 * cheap to repeat, and it has no arrays.
 *
 * PostgreSQL's statements are also written as parts (common table expressions) that
 * one-statement-record.ts puts together for a batch of successes: one statement, no transaction around it.
 */
import type { Kysely } from 'kysely';
import type { Dialect, AttemptOutcome, LoggedAttempt } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import { Prebuilt, tuples } from './prebuilt.ts';
import { num, runs, type AttemptLog } from './rows.ts';
import { RECOVERED_FROM } from './operational.ts';

/** How stale a webhook's last_success_at may be: keeping it exact would write the webhook's row on every batch. */
const LAST_SUCCESS_RESOLUTION_MS = 60_000;

/** `condition`: more SQL the rows moved must meet (one-statement-record.ts). */
const moveOn = (condition = '') => `UPDATE deliveries SET status = v.status, next_attempt_at = v.next_at, last_attempt_at = v.attempted_at,
    attempt_count = deliveries.attempt_count + 1, "trigger" = 'scheduled', updated_at = CAST(? AS BIGINT)
  FROM v WHERE deliveries.id = v.id AND deliveries.status = 'sending' ${condition}
  RETURNING deliveries.id`;

/**
 * An attempt's columns, each with the LoggedAttempt property that holds it and its PostgreSQL type. A
 * batch's attempts go as one JSON text, read back by json_to_recordset under those property names: as
 * arrays (one per column), pg's escaping of every element was 5% of the dispatcher thread's time, the
 * request bodies' quotes most of it; JSON.stringify takes half that in the process (a quarter alone).
 */
const ATTEMPT_FIELDS: ReadonlyArray<{ column: string; property: keyof LoggedAttempt; type: string }> = [
  { column: 'delivery_id', property: 'deliverySeq', type: 'BIGINT' },
  { column: 'webhook_id', property: 'webhookSeq', type: 'BIGINT' },
  { column: 'workspace_id', property: 'workspaceSeq', type: 'BIGINT' },
  { column: 'event_type', property: 'eventType', type: 'TEXT' },
  { column: '"trigger"', property: 'trigger', type: 'TEXT' },
  // A JSON boolean: the column is an integer (SQLite has no booleans).
  { column: 'success', property: 'success', type: 'BOOLEAN' },
  { column: 'request_url', property: 'requestUrl', type: 'TEXT' },
  { column: 'request_headers', property: 'requestHeadersJson', type: 'TEXT' },
  { column: 'request_body', property: 'requestBody', type: 'TEXT' },
  { column: 'response_code', property: 'responseCode', type: 'INTEGER' },
  { column: 'response_message', property: 'responseMessage', type: 'TEXT' },
  { column: 'response_headers', property: 'responseHeadersJson', type: 'TEXT' },
  { column: 'response_body', property: 'responseBody', type: 'TEXT' },
  { column: 'duration_ms', property: 'durationMs', type: 'REAL' },
  { column: 'error', property: 'error', type: 'TEXT' },
  { column: 'created_at', property: 'createdAt', type: 'BIGINT' },
];

const names = ATTEMPT_FIELDS.map((f) => f.column.replaceAll('"', ''));

const TEXT_PROPERTIES = ATTEMPT_FIELDS.filter((f) => f.type === 'TEXT').map((f) => f.property);

/**
 * The attempts as the JSON text ATTEMPT_FIELDS reads. PostgreSQL's JSON refuses a lone surrogate's escape
 * (JSON.stringify writes one as \udXXX), where text sent as UTF-8 had U+FFFD in its place; a text holding
 * one (a transform's output, say) is made well-formed first, as that encoding did, and one bad attempt
 * cannot stop its batch from being recorded.
 */
function attemptsJson(attempts: LoggedAttempt[]): string {
  const wellFormed = attempts.map((attempt) => {
    if (TEXT_PROPERTIES.every((property) => { const value = attempt[property]; return typeof value !== 'string' || value.isWellFormed(); })) return attempt;
    const copy: Record<string, unknown> = { ...attempt };
    for (const property of TEXT_PROPERTIES) if (typeof copy[property] === 'string') copy[property] = (copy[property] as string).toWellFormed();
    return copy;
  });
  return JSON.stringify(wellFormed);
}

/**
 * PostgreSQL: the common table expressions `v` (the outcomes), `moved` (the deliveries moved on; each
 * meeting `condition` too) and `logged` (their attempts, in the batch's order: the order they finished, so
 * ids follow it). Their parameters are movedOnAndLoggedParameters(); `moved` holds the ids moved.
 */
export const movedOnAndLogged = (condition = '') => `v AS (
    SELECT * FROM unnest(CAST(? AS BIGINT[]), CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[])) AS v(id, status, next_at, attempted_at)),
  moved AS (${moveOn(condition)}),
  logged AS (INSERT INTO attempts (${ATTEMPT_FIELDS.map((f) => f.column).join(', ')})
    SELECT ${names.map((name, i) => (ATTEMPT_FIELDS[i].type === 'BOOLEAN' ? `CAST(a.${name} AS INTEGER)` : `a.${name}`)).join(', ')}
    FROM ROWS FROM (json_to_recordset(CAST(? AS JSON)) AS (${ATTEMPT_FIELDS.map((f) => `"${f.property}" ${f.type}`).join(', ')}))
      WITH ORDINALITY AS a(${names.join(', ')}, n)
    WHERE a.delivery_id IN (SELECT id FROM moved) ORDER BY a.n)`;

export const movedOnAndLoggedParameters = (outcomes: AttemptOutcome[], now: number): unknown[] => [
  outcomes.map((o) => o.deliverySeq), outcomes.map((o) => o.next.status), outcomes.map((o) => o.next.at), outcomes.map((o) => o.attempt.createdAt),
  now, attemptsJson(outcomes.map((o) => o.attempt)),
];

/** PostgreSQL: the common table expression `h`, its parameters healthParameters(). */
export const HEALTH_BATCH = 'h AS (SELECT * FROM unnest(CAST(? AS BIGINT[]), CAST(? AS BIGINT[])) AS h(id, at))';

/**
 * PostgreSQL: the webhooks `h` (id, at: their batch's last success) whose row a success changes, locked in
 * id order (processes recording at once cannot deadlock on them). `failing`: it was in a failure streak.
 */
export const healthTargets = `target AS (SELECT w.id, h.at, (w.failure_count != 0 OR w.failing_since IS NOT NULL) AS failing
    FROM webhooks w JOIN h ON w.id = h.id
    WHERE w.failure_count != 0 OR w.failing_since IS NOT NULL OR w.last_success_at IS NULL OR w.last_success_at < h.at - ${LAST_SUCCESS_RESOLUTION_MS}
    ORDER BY w.id FOR NO KEY UPDATE OF w)`;

/** PostgreSQL: the success written to the webhooks of `target`; `condition`: more SQL they must meet. */
export const markTargetsHealthy = (condition = '') => `UPDATE webhooks SET failure_count = 0, failing_since = NULL, last_success_at = target.at, recovered_from = ${RECOVERED_FROM}
    FROM target WHERE webhooks.id = target.id ${condition}`;

/** Webhook ids (ascending) and when the success of each was (`succeededAt`), as the arrays `h` is made of. */
export const healthParameters = (succeededAt: Map<number, number>): [number[], number[]] => {
  const ids = [...succeededAt.keys()].sort((a, b) => a - b);
  return [ids, ids.map((id) => succeededAt.get(id) as number)];
};

export class OutcomeWrites {
  readonly #moveOnAndLog: Prebuilt<{ id: number }>;
  readonly #healthy: Prebuilt<{ id: number; recovered_from: number | null }>;

  constructor(private readonly dialect: Dialect, private readonly attemptLog: AttemptLog) {
    if (dialect === 'postgres') {
      this.#moveOnAndLog = new Prebuilt(dialect, () => `WITH ${movedOnAndLogged()} SELECT id FROM moved`);
      this.#healthy = new Prebuilt(dialect, () => `WITH ${HEALTH_BATCH}, ${healthTargets}
        ${markTargetsHealthy()} RETURNING webhooks.id, webhooks.recovered_from`);
    } else {
      this.#moveOnAndLog = new Prebuilt(dialect, (n) => `WITH v(id, status, next_at, attempted_at) AS (
          VALUES ${tuples(n, 4, '(CAST(? AS BIGINT), ?, CAST(? AS BIGINT), CAST(? AS BIGINT))')})
        ${moveOn()}`);
      // Written only to clear a failure streak or to move last_success_at on by a minute or more: writing
      // it on every batch cost an UPDATE per webhook per batch.
      this.#healthy = new Prebuilt(dialect, () => `UPDATE webhooks SET failure_count = 0, failing_since = NULL, last_success_at = CAST(? AS BIGINT), recovered_from = ${RECOVERED_FROM}
        WHERE id = ? AND (failure_count != 0 OR failing_since IS NOT NULL OR last_success_at IS NULL OR last_success_at < CAST(? AS BIGINT))
        RETURNING id, recovered_from`);
    }
  }

  /**
   * Moves each delivery on as its outcome says and logs the attempts of those moved. Deliveries no longer
   * being sent (deleted with their webhook, or handed back) are left as they are, unlogged. Returns the
   * outcomes recorded.
   */
  async moveOnAndLog(trx: Kysely<Database>, outcomes: AttemptOutcome[], now: number): Promise<AttemptOutcome[]> {
    const kept = new Set<number>();
    if (this.dialect === 'postgres') {
      const rows = await this.#moveOnAndLog.run(trx, 0, movedOnAndLoggedParameters(outcomes, now));
      for (const row of rows) kept.add(num(row.id));
      return outcomes.filter((o) => kept.has(o.deliverySeq));
    }
    for (const batch of runs(outcomes)) {
      const values = batch.flatMap((o) => [o.deliverySeq, o.next.status, o.next.at, o.attempt.createdAt]);
      for (const row of await this.#moveOnAndLog.run(trx, batch.length, [...values, now])) kept.add(num(row.id));
    }
    const recorded = outcomes.filter((o) => kept.has(o.deliverySeq));
    await this.attemptLog.insert(trx, recorded.map((o) => o.attempt));
    return recorded;
  }

  /**
   * Webhooks whose batch ended in a success (`succeededAt` by webhook): their failure streak ends. Returns
   * those whose streak had been reported (recovered_from: sql/operational.ts), with when it began.
   */
  async markHealthy(trx: Kysely<Database>, succeededAt: Map<number, number>): Promise<Map<number, number>> {
    const recovered = new Map<number, number>();
    if (succeededAt.size === 0) return recovered;
    const rows = [];
    if (this.dialect === 'postgres') rows.push(...await this.#healthy.run(trx, 0, healthParameters(succeededAt)));
    else {
      for (const id of healthParameters(succeededAt)[0]) {
        const at = succeededAt.get(id) as number;
        rows.push(...await this.#healthy.run(trx, 0, [at, id, at - LAST_SUCCESS_RESOLUTION_MS]));
      }
    }
    for (const row of rows) if (row.recovered_from !== null) recovered.set(num(row.id), num(row.recovered_from));
    return recovered;
  }
}
