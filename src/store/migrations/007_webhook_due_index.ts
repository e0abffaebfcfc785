/**
 * Waiting deliveries (pending, or sending under a lease) by webhook, in due order. A claim whose front of
 * the due order is taken up by webhooks that are full looks per webhook instead (sql/due-scan.ts): this
 * index lets it step from one webhook to the next in one probe, and read a webhook's first due rows,
 * however many rows a full or failing webhook has waiting. Partial: finished deliveries are not in it.
 */
import { sql, type Kysely } from 'kysely';

export function webhookDueIndex() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('deliveries_webhook_due').on('deliveries').columns(['webhook_id', 'next_attempt_at', 'id'])
        .where(sql.raw<boolean>("status IN ('pending', 'sending')")).execute();
    },
  };
}
