/**
 * An attempt's request body may be NULL: every attempt of a delivery sends the same body (only the
 * signature headers differ), so the log keeps it once, with the delivery's first attempt. Before, each
 * attempt stored it again (one 879 KiB event to 20 webhooks grew the database by 52 MiB).
 *
 * SQLite cannot drop a NOT NULL constraint: the table is rebuilt (SQLite's documented way to change a
 * column), rows and indexes included.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';

const COLUMNS = 'id, delivery_id, webhook_id, event_type, "trigger", success, request_url, request_headers, request_body, response_code, response_message, response_headers, response_body, duration_ms, error, created_at';

export function attemptBodyOnce(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect === 'postgres') {
        await sql`ALTER TABLE attempts ALTER COLUMN request_body DROP NOT NULL`.execute(db);
        return;
      }
      await db.schema.createTable('attempts_new')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('delivery_id', 'integer', (c) => c.references('deliveries.id').onDelete('cascade'))
        .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('success', 'integer', (c) => c.notNull())
        .addColumn('request_url', 'text', (c) => c.notNull())
        .addColumn('request_headers', 'text', (c) => c.notNull())
        .addColumn('request_body', 'text')
        .addColumn('response_code', 'integer')
        .addColumn('response_message', 'text')
        .addColumn('response_headers', 'text', (c) => c.notNull())
        .addColumn('response_body', 'text')
        .addColumn('duration_ms', 'real', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await sql.raw(`INSERT INTO attempts_new (${COLUMNS}) SELECT ${COLUMNS} FROM attempts`).execute(db);
      await db.schema.dropTable('attempts').execute();
      await db.schema.alterTable('attempts_new').renameTo('attempts').execute();
      await db.schema.createIndex('attempts_delivery').on('attempts').columns(['delivery_id', 'id']).execute();
      await db.schema.createIndex('attempts_webhook').on('attempts').columns(['webhook_id', 'id']).execute();
    },
  };
}
