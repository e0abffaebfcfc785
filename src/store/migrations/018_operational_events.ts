/**
 * Operational events (core/operational-events.ts) need three facts per webhook, kept on its row so that the
 * statements recording outcomes (sql/dispatch.ts) tell a transition without reading anything more:
 *
 * - `failing_notified_at`: when `hookd.webhook.failing` was last emitted for it (once per 15 minutes; a
 *   `recovered` follows only a `failing` sent during the streak that ends).
 * - `failing_signal`: 1 when the statement that last wrote the row emitted `failing` (RETURNING shows the
 *   values a statement wrote, not those it found, so the statement itself marks the transition).
 * - `recovered_from`: the streak's `failing_since` when that statement ended a reported streak, else null.
 */
import type { Kysely } from 'kysely';

export function operationalEvents() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('webhooks').addColumn('failing_notified_at', 'bigint').execute();
      await db.schema.alterTable('webhooks').addColumn('failing_signal', 'integer', (column) => column.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('webhooks').addColumn('recovered_from', 'bigint').execute();
    },
  };
}
