/**
 * Which webhooks subscribe to which event names and patterns, one row each, so that publishing finds the
 * webhooks of an event type by index instead of reading (and parsing) every webhook of the workspace:
 * with a few thousand webhooks the scan made publishing several times slower. `webhooks.events` stays
 * the list as the user gave it; this table is kept equal to it by the store.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

export function webhookSubscriptions(dialect: Dialect) {
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createTable('webhook_subscriptions')
        .addColumn('workspace_id', ref, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('pattern', 'text', (c) => c.notNull())
        .addColumn('webhook_id', ref, (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('webhook_subscriptions_pk', ['workspace_id', 'pattern', 'webhook_id'])
        .execute();
      await db.schema.createIndex('webhook_subscriptions_webhook').on('webhook_subscriptions').columns(['webhook_id']).execute();
      const backfill = dialect === 'postgres'
        ? sql`INSERT INTO webhook_subscriptions (workspace_id, pattern, webhook_id)
            SELECT DISTINCT w.workspace_id, e.value, w.id FROM webhooks w CROSS JOIN LATERAL jsonb_array_elements_text(w.events::jsonb) AS e(value)`
        : sql`INSERT OR IGNORE INTO webhook_subscriptions (workspace_id, pattern, webhook_id)
            SELECT w.workspace_id, e.value, w.id FROM webhooks w, json_each(w.events) AS e`;
      await backfill.execute(db);
    },
  };
}
