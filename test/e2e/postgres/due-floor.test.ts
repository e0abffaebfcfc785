/**
 * PostgreSQL: what a claim's window of due work reads, counted with PostgreSQL's per-transaction
 * statistics, on the real store of an API-role process (no dispatcher of its own claims meanwhile).
 *
 * - The scans of the due index start at the floor below which nothing waits (store/sql/due-floor.ts), not
 *   at the entries that deliveries sent long ago left at the index's front until VACUUM; and what waits
 *   is still found, a row written late within the floor's margin at once, one written later still at the
 *   floor's next reset.
 * - On a table of sent deliveries whose statistics say nothing waits (as after days of traffic), the
 *   window still reads the due index in due order, not every waiting row of the per-webhook due index
 *   and a sort of them (store/sql/claim-plans.ts).
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Webhook, Workspace } from '../../../src/core/model.ts';
import type { ClaimRequest } from '../../../src/core/ports/store.ts';
import type { Database } from '../../../src/store/schema.ts';
import type { SqlStore } from '../../../src/store/sql/index.ts';
import { PLANNED } from '../../../src/store/sql/claim-plans.ts';
import { DueScan } from '../../../src/store/sql/due-scan.ts';
import { FLOOR_MARGIN_MS, FLOOR_RESET_MS } from '../../../src/store/sql/due-floor.ts';
import { Rooms } from '../../../src/store/sql/rooms.ts';
import { USE_POSTGRES } from '../../helpers/postgres.ts';
import { insertBacklog, startApiRoleHookd, type ApiRoleHookd } from '../../helpers/backlog.ts';
import { blocksRead, entriesRead } from '../../helpers/statement-reads.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';
const SENT = 40_000;

describe.skipIf(!USE_POSTGRES)(`the due index's scans start at the floor (${USE_POSTGRES ? 'running' : reason})`, () => {
  let running: ApiRoleHookd;
  let store: SqlStore;
  let workspace: Workspace;
  let webhook: Webhook;
  let eventSeq: number;

  beforeAll(async () => {
    running = await startApiRoleHookd('due-floor');
    ({ store } = running);
    workspace = await running.hookd.core.workspaces.create({ name: 'due-floor' });
    webhook = await running.hookd.core.webhooks.create(workspace, { name: 'w', url: 'http://127.0.0.1:9/w', events: ['order.created'], status: 'active' });
    eventSeq = (await running.hookd.core.events.publish(workspace, { type: 'order.created', data: {} })).event.seq;
    await store.db.deleteFrom('deliveries').execute();
  });

  afterAll(async () => {
    await running?.stop();
  });

  const claimOf = (now: number): ClaimRequest => ({
    now, leaseUntil: now + 60_000, limit: 16, perWebhookRoom: new Map(), perWebhookDefault: 16,
    perWorkspaceRoom: new Map(), perWorkspaceDefault: 1_000, webhookConcurrency: 16, settled: [], held: [],
  });

  /** A pending delivery of the test's event, due at `at`, named `uid`. */
  const pendingAt = (db: Kysely<Database>, uid: string, at: number) => sql`INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, "trigger", next_attempt_at, created_at, updated_at)
    VALUES (${uid}, ${eventSeq}, ${webhook.seq}, ${workspace.seq}, 'pending', 0, 'scheduled', CAST(${at} AS BIGINT), CAST(${at} AS BIGINT), CAST(${at} AS BIGINT))`.execute(db);

  it('reads past what sent deliveries left in front, and still finds a row written late within the margin, and any row after a reset', async () => {
    const now = Date.now();
    const scan = new DueScan('postgres');
    const undo = new Error('rolled back: the table stays as it was');
    const reads: number[] = [];
    await expect(store.db.transaction().execute(async (trx) => {
      // Deliveries published and sent over the last minutes: each left its entry at the front of the due
      // index (in this transaction, whatever VACUUM or other scans' hints would have cleared).
      await insertBacklog(store, { eventSeq, webhookSeq: webhook.seq, workspaceSeq: workspace.seq }, SENT, now - 5 * 60_000);
      // (insertBacklog wrote through the store's own connection pool: the rows are committed; sent here.)
      await sql`UPDATE deliveries SET status = 'succeeded', next_attempt_at = NULL WHERE uid LIKE 'backlog_%'`.execute(trx);
      await pendingAt(trx, 'waiting-1', now - 1_000);
      const look = async (at: number) => {
        const before = await blocksRead(trx, 'deliveries_due');
        const { rows } = await scan.find(trx, at, 16, new Rooms(claimOf(at)));
        reads.push(await blocksRead(trx, 'deliveries_due') - before);
        return rows.map((row) => Number(row.id));
      };
      const ids = async (...uids: string[]) => (await sql<{ id: string }>`SELECT id FROM deliveries WHERE uid IN (${sql.join(uids)}) ORDER BY next_attempt_at, id`.execute(trx)).rows.map((row) => Number(row.id));

      // The first scan walks the sent deliveries' entries; it sets the floor.
      expect(await look(now)).toEqual(await ids('waiting-1'));
      // From the floor: the waiting row's page, not the 40 000 entries before it.
      expect(await look(now)).toEqual(await ids('waiting-1'));
      expect(await scan.nextDueAt(trx, now)).toBe(now - 1_000);
      // A row written late (its writer's clock or commit behind), due before the first waiting row was but within the margin: found.
      await pendingAt(trx, 'late', now - 1_000 - FLOOR_MARGIN_MS + 500);
      expect(await look(now + 1)).toEqual(await ids('late', 'waiting-1'));
      // One far older (a writer minutes behind): below the floor until its reset, then found.
      await pendingAt(trx, 'very-late', now - 60_000);
      expect(await look(now + 2)).toEqual(await ids('late', 'waiting-1'));
      expect(await look(now + FLOOR_RESET_MS)).toEqual(await ids('very-late', 'late', 'waiting-1'));
      throw undo;
    })).rejects.toBe(undo);
    // About 140 pages of entries when walked (a few dozen once marked dead by earlier scans: still all of them, at every claim).
    expect(reads[0]).toBeGreaterThan(100);
    expect(reads[1]).toBeLessThan(5);
    expect(reads[2]).toBeLessThan(5);
    expect(reads[3]).toBeLessThan(5);
  });

  it('reads the due order from its front, and no more, when the statistics say nothing waits', async () => {
    // Sent deliveries only, analyzed: the statistics say no delivery waits. Then a burst of waiting ones.
    const now = Date.now();
    await store.db.deleteFrom('deliveries').execute();
    await insertBacklog(store, { eventSeq, webhookSeq: webhook.seq, workspaceSeq: workspace.seq }, 50_000, now - 86_400_000);
    await sql`UPDATE deliveries SET status = 'succeeded', next_attempt_at = NULL`.execute(store.db);
    await sql`VACUUM ANALYZE deliveries`.execute(store.db);
    await sql`INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, "trigger", next_attempt_at, created_at, updated_at)
      SELECT 'burst-' || g, ${eventSeq}, ${webhook.seq}, ${workspace.seq}, 'pending', 0, 'scheduled', CAST(${now - 20_000} AS BIGINT) + g, CAST(${now} AS BIGINT), CAST(${now} AS BIGINT)
      FROM generate_series(1, 10000) AS g`.execute(store.db);
    const scan = new DueScan('postgres');
    const reads: number[] = [];
    // A few times: PostgreSQL plans a prepared statement afresh for its first executions (the claim asks for its generic plan).
    for (let round = 0; round < 3; round++) {
      // In a transaction of the test's, to read its counters; the statements sent as a claim sends them.
      await store.db.transaction().execute(async (trx) => {
        const before = await entriesRead(trx);
        const { rows } = await scan.find(trx, now, 16, new Rooms(claimOf(now)), PLANNED);
        reads.push(await entriesRead(trx) - before);
        expect(rows.map((row) => Number(row.next_attempt_at))).toEqual(Array.from({ length: 16 }, (_, i) => now - 20_000 + i + 1));
      });
    }
    // So does the look for the next due time, planned as a claim (as SqlDispatch.nextDueAt runs it).
    const looked = await store.db.transaction().execute(async (trx) => {
      const before = await entriesRead(trx);
      expect(await scan.nextDueAt(trx, now, PLANNED)).toBe(now - 20_000 + 1);
      return await entriesRead(trx) - before;
    });
    expect(looked).toBeLessThan(10);
    // The window's 128 rows (16 + 64, rounded up): not the 10 000 waiting, read from the per-webhook index
    // and sorted. (The first scan starts at the index's front, past what the sent ones may have left there
    // if another test's open transaction kept VACUUM from removing it: due-floor.ts.)
    expect(Math.max(...reads.slice(1)), `entries read by each window: ${reads.join(', ')}`).toBeLessThan(200);
  });
});
