/**
 * Pruning old history in small batches, so neither engine holds a long lock: attempts older than the
 * cutoff, finished deliveries last touched before it, then events left without deliveries. Pending and
 * held work is never pruned, unless its webhook is gone (orphans.ts).
 *
 * Each table is walked from its oldest row by id, CHUNK ids per statement, and the walk stops at the
 * first row created after the cutoff: ids grow with creation time (hookd's clock), so no row after it
 * is old enough. A statement never reads more than CHUNK rows. Asking instead for the old rows, `WHERE
 * created_at < ? ORDER BY id LIMIT n`, read the whole table whenever fewer than n were old enough (each
 * hourly run, once the history is pruned: 40 ms on SQLite's API thread in the backlog benchmark, 146 ms
 * with 1 000 000 attempts), and read the rows it keeps, such as held deliveries, again at every batch.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.ts';
import type { RetentionRepo } from '../../core/ports/store.ts';
import { CHUNK } from './chunks-in-turn.ts';
import { sweepOrphans } from './orphans.ts';
import { num } from './rows.ts';

type Pruned = 'attempts' | 'deliveries' | 'events';

export class SqlRetention implements RetentionRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async prune(before: number): Promise<{ attempts: number; deliveries: number; events: number }> {
    // Attempts first: a delivery is deleted after its attempts, as a webhook's deletion does.
    const attempts = await this.walk('attempts', before, (from, to) => sql`
      DELETE FROM attempts WHERE id >= ${from} AND id < ${to} AND created_at < ${before}`);
    const deliveries = await this.walk('deliveries', before, (from, to) => sql`
      DELETE FROM deliveries WHERE id >= ${from} AND id < ${to} AND status IN ('succeeded', 'failed') AND updated_at < ${before}`);
    const events = await this.walk('events', before, (from, to) => sql`
      DELETE FROM events WHERE id >= ${from} AND id < ${to} AND created_at < ${before}
      AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = events.id)`);
    await this.db.deleteFrom('sessions').where('expires_at', '<', before).execute();
    const orphans = await sweepOrphans(this.db);
    return { attempts: attempts + orphans.attempts, deliveries: deliveries + orphans.deliveries, events: events + orphans.events };
  }

  /**
   * Runs `remove` over [from, from + CHUNK) id ranges, from the table's first row, each range starting at
   * the first row past the last one (gaps left by earlier pruning are stepped over in one look), other
   * work let in between, until the next row was created at the cutoff or later. Returns the rows removed.
   */
  private async walk(table: Pruned, before: number, remove: (from: number, to: number) => RawBuilder<unknown>): Promise<number> {
    let removed = 0;
    let after = 0;
    for (;;) {
      const { rows: [next] } = await sql<{ id: number; created_at: number }>`
        SELECT id, created_at FROM ${sql.table(table)} WHERE id > ${after} ORDER BY id LIMIT 1`.execute(this.db);
      if (!next || num(next.created_at) >= before) return removed;
      const from = num(next.id);
      removed += Number((await remove(from, from + CHUNK).execute(this.db)).numAffectedRows ?? 0);
      after = from + CHUNK - 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
