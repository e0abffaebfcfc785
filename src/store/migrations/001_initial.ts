/** The first schema. Written once for both engines; only the auto-increment key differs. */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

export function initial(dialect: Dialect) {
  const idColumn = (table: ReturnType<Kysely<any>['schema']['createTable']>) =>
    dialect === 'postgres'
      ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  const ref = dialect === 'postgres' ? 'bigint' : 'integer';

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await idColumn(db.schema.createTable('workspaces'))
        .addColumn('uid', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await idColumn(db.schema.createTable('api_keys'))
        .addColumn('uid', 'text', (c) => c.notNull().unique())
        .addColumn('workspace_id', ref, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('consumer_key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('consumer_key_end', 'text', (c) => c.notNull())
        .addColumn('consumer_secret_hash', 'text', (c) => c.notNull())
        .addColumn('consumer_secret_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('api_keys_workspace').on('api_keys').columns(['workspace_id', 'id']).execute();

      await idColumn(db.schema.createTable('event_types'))
        .addColumn('workspace_id', ref, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('example', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('event_types_workspace_name', ['workspace_id', 'name'])
        .execute();

      await idColumn(db.schema.createTable('webhooks'))
        .addColumn('uid', 'text', (c) => c.notNull().unique())
        .addColumn('workspace_id', ref, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('headers', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('disabled_reason', 'text')
        .addColumn('paused_behavior', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('disable_rule', 'text', (c) => c.notNull())
        .addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('failing_since', 'bigint')
        .addColumn('last_success_at', 'bigint')
        .addColumn('secret_enc', 'text', (c) => c.notNull())
        .addColumn('previous_secret_enc', 'text')
        .addColumn('previous_secret_expires_at', 'bigint')
        .addColumn('meta', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhooks_workspace').on('webhooks').columns(['workspace_id', 'id']).execute();

      await idColumn(db.schema.createTable('events'))
        .addColumn('uid', 'text', (c) => c.notNull().unique())
        .addColumn('workspace_id', ref, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_idempotency').on('events').columns(['workspace_id', 'idempotency_key']).unique().execute();
      await db.schema.createIndex('events_created').on('events').columns(['created_at']).execute();

      await idColumn(db.schema.createTable('deliveries'))
        .addColumn('uid', 'text', (c) => c.notNull().unique())
        .addColumn('event_id', ref, (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('webhook_id', ref, (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
        .addColumn('workspace_id', ref, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempt_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('last_attempt_at', 'bigint')
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // The dispatcher's only scan: due work, in due order. Partial, so finished deliveries cost nothing.
      await db.schema.createIndex('deliveries_due').on('deliveries').columns(['next_attempt_at', 'id'])
        .where(sql.ref('status'), 'in', ['pending', 'sending']).execute();
      await db.schema.createIndex('deliveries_webhook').on('deliveries').columns(['webhook_id', 'id']).execute();
      await db.schema.createIndex('deliveries_webhook_status').on('deliveries').columns(['webhook_id', 'status']).execute();
      await db.schema.createIndex('deliveries_event').on('deliveries').columns(['event_id']).execute();

      await idColumn(db.schema.createTable('attempts'))
        .addColumn('delivery_id', ref, (c) => c.references('deliveries.id').onDelete('cascade'))
        .addColumn('webhook_id', ref, (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('success', 'integer', (c) => c.notNull())
        .addColumn('request_url', 'text', (c) => c.notNull())
        .addColumn('request_headers', 'text', (c) => c.notNull())
        .addColumn('request_body', 'text', (c) => c.notNull())
        .addColumn('response_code', 'integer')
        .addColumn('response_message', 'text')
        .addColumn('response_headers', 'text', (c) => c.notNull())
        .addColumn('response_body', 'text')
        .addColumn('duration_ms', 'real', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attempts_delivery').on('attempts').columns(['delivery_id', 'id']).execute();
      await db.schema.createIndex('attempts_webhook').on('attempts').columns(['webhook_id', 'id']).execute();
    },
  };
}
