/**
 * Pruning old history in small batches, so neither engine holds a long lock: attempts older than the
 * cutoff, finished deliveries last touched before it, then events left without deliveries. Ids grow with
 * time, so each batch walks from the oldest row. Pending and held work is never pruned, unless its
 * webhook is gone (orphans.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { RetentionRepo } from '../../core/ports/store.ts';
import { CHUNK, inTurns } from './chunks-in-turn.ts';
import { sweepOrphans } from './orphans.ts';

export class SqlRetention implements RetentionRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async prune(before: number): Promise<{ attempts: number; deliveries: number; events: number }> {
    const attempts = await this.repeat(() => sql`
      DELETE FROM attempts WHERE id IN (
        SELECT id FROM attempts WHERE created_at < ${before} ORDER BY id LIMIT ${CHUNK})`);
    const deliveries = await this.repeat(() => sql`
      DELETE FROM deliveries WHERE id IN (
        SELECT id FROM deliveries WHERE status IN ('succeeded', 'failed') AND updated_at < ${before} ORDER BY id LIMIT ${CHUNK})`);
    const events = await this.repeat(() => sql`
      DELETE FROM events WHERE id IN (
        SELECT e.id FROM events e WHERE e.created_at < ${before}
        AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id) ORDER BY e.id LIMIT ${CHUNK})`);
    await this.db.deleteFrom('sessions').where('expires_at', '<', before).execute();
    const orphans = await sweepOrphans(this.db);
    return { attempts: attempts + orphans.attempts, deliveries: deliveries + orphans.deliveries, events: events + orphans.events };
  }

  private repeat(statement: () => ReturnType<typeof sql>): Promise<number> {
    return inTurns(async () => Number((await statement().execute(this.db)).numAffectedRows ?? 0));
  }
}
