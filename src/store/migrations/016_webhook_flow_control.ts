/**
 * Flow control per webhook (core/flow-control.ts): ordered delivery and a rate limit.
 *
 * - `ordering`: 'fifo' sends a webhook's deliveries one at a time in publish order. Only its oldest
 *   unfinished delivery is ever waiting to be sent; the ones behind it are `queued`, and the partial
 *   index finds the next of them in one probe when the one ahead finishes (sql/fifo-queue.ts).
 * - `rate_limit`: requests per second, at most; `rate_log`: when its latest requests were claimed (JSON
 *   epoch milliseconds), shared by every process through the webhook's row (sql/rate-limit.ts).
 */
import { sql, type Kysely } from 'kysely';

export function webhookFlowControl() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('webhooks').addColumn('ordering', 'text', (c) => c.notNull().defaultTo('none')).execute();
      await db.schema.alterTable('webhooks').addColumn('rate_limit', 'integer').execute();
      await db.schema.alterTable('webhooks').addColumn('rate_log', 'text').execute();
      await db.schema.createIndex('deliveries_queued').on('deliveries').columns(['webhook_id', 'id'])
        .where(sql.raw<boolean>("status = 'queued'")).execute();
      // The FIFO webhooks, read every few seconds by each dispatcher (fifo-queue.ts promoteStalled): few rows.
      await db.schema.createIndex('webhooks_fifo').on('webhooks').columns(['id'])
        .where(sql.raw<boolean>("ordering = 'fifo'")).execute();
    },
  };
}
