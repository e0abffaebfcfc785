/**
 * PostgreSQL: a batch of outcomes that all succeeded, recorded in one statement outside any explicit
 * transaction (the statement is one).
 *
 * The general path (dispatch.ts, record) is BEGIN, the deliveries moved on and their attempts logged, the
 * webhooks marked healthy, COMMIT: four round trips a batch, each costing hookd about 85 µs of CPU
 * (docs/performance.md, 2026-12-05). A batch of successes needs nothing else, unless one of its webhooks
 * was in a failure streak, which its success ends: that may call for a `recovered` operational event,
 * written in the same transaction (operational.ts). So the statement locks the webhooks it writes first,
 * and if any of them is failing it writes nothing and says so: the general path records the batch then.
 *
 * FIFO webhooks take the general path too (a delivery done moves its queue on: fifo-queue.ts).
 *
 * One difference, where it cannot matter: the general path marks healthy only the webhooks of deliveries
 * it moved on, and a delivery deleted or handed back while it was being sent is not moved on. Here its
 * webhook's success time may still move on: the endpoint did answer with a success.
 */
import type { Kysely } from 'kysely';
import type { AttemptOutcome } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import { Prebuilt } from './prebuilt.ts';
import { HEALTH_BATCH, healthParameters, healthTargets, markTargetsHealthy, movedOnAndLogged, movedOnAndLoggedParameters } from './outcome-writes.ts';
import { num } from './rows.ts';

const UNLESS_BLOCKED = 'AND NOT EXISTS (SELECT FROM blocked)';

/** `moved`: the deliveries moved on (their ids as text: BIGINT[]). */
const statement = new Prebuilt<{ blocked: boolean; moved: Array<string | number> }>('postgres', () => `WITH ${HEALTH_BATCH}, ${healthTargets},
    blocked AS (SELECT FROM target WHERE failing LIMIT 1),
    ${movedOnAndLogged(UNLESS_BLOCKED)},
    healthy AS (${markTargetsHealthy(UNLESS_BLOCKED)})
  SELECT EXISTS (SELECT FROM blocked) AS blocked, ARRAY(SELECT id FROM moved) AS moved`);

/** Whether one statement may record `outcomes`: all succeeded, none to a FIFO webhook. */
export function recordableInOneStatement(outcomes: AttemptOutcome[]): boolean {
  return outcomes.every((o) => o.attempt.success && o.next.status === 'succeeded' && !o.fifo);
}

/**
 * Records `outcomes` (recordableInOneStatement) in one statement; the outcomes recorded, or null when a
 * webhook of theirs was failing and nothing was written (the general path must record them).
 */
export async function recordInOneStatement(db: Kysely<Database>, outcomes: AttemptOutcome[], now: number): Promise<AttemptOutcome[] | null> {
  // A webhook's success time: its batch's last, in the order the attempts finished (as the general path).
  const succeededAt = new Map<number, number>();
  for (const outcome of outcomes) succeededAt.set(outcome.webhookSeq, outcome.attempt.createdAt);
  const [row] = await statement.run(db, 0, [...healthParameters(succeededAt), ...movedOnAndLoggedParameters(outcomes, now)]);
  if (row.blocked) return null;
  const moved = new Set(row.moved.map(num));
  return outcomes.filter((o) => moved.has(o.deliverySeq));
}
