/** A webhook's own retry schedule (milliseconds, JSON), overriding HOOKD_RETRY_SCHEDULE; null: the global one. */
import type { Kysely } from 'kysely';

export function webhookRetrySchedule() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('webhooks').addColumn('retry_schedule', 'text').execute();
    },
  };
}
