/**
 * `--history N` (hookd on PostgreSQL): N deliveries already sent, with their events, written into the
 * target's tables before it is measured, as after days of traffic, then vacuumed and analyzed.
 *
 * A fresh schema measures hookd on small tables, which PostgreSQL's autovacuum thresholds (and hookd's
 * upkeep, which follows them) vacuum every few seconds. A table of N rows is vacuumed only once a fifth
 * of N is dead: what the deliveries measured leave behind in the indexes then stays there for the run.
 */
import type pg from 'pg';

/** `--history`'s value, read before anything starts: a whole number of deliveries up to 100 000 000. */
export function historySize(text: string): number {
  const deliveries = Number(text);
  if (!/^\d+$/.test(text) || deliveries > 100_000_000) throw new Error(`--history: a whole number of deliveries up to 100 000 000, not ${JSON.stringify(text)}`);
  return deliveries;
}

/** `deliveries`: from historySize. */
export async function writeHistory(client: pg.Client, deliveries: number): Promise<void> {
  if (deliveries === 0) return;
  const started = Date.now();
  const { rows: [{ webhooks }] } = await client.query<{ webhooks: string }>('SELECT count(*) AS webhooks FROM webhooks');
  const events = Math.ceil(deliveries / Math.max(1, Number(webhooks)));
  const since = Date.now() - 86_400_000;
  await client.query(`INSERT INTO events (uid, workspace_id, type, data, created_at)
    SELECT 'history-' || g, w.workspace_id, 'order.created', '{"history":true}', CAST($2 AS BIGINT) + g
    FROM generate_series(1, CAST($1 AS INT)) AS g CROSS JOIN (SELECT workspace_id FROM webhooks LIMIT 1) AS w`, [events, since]);
  await client.query(`INSERT INTO deliveries (uid, event_id, webhook_id, workspace_id, status, attempt_count, next_attempt_at, last_attempt_at, "trigger", created_at, updated_at)
    SELECT 'history-' || e.id || '-' || w.id, e.id, w.id, w.workspace_id, 'succeeded', 1, NULL, e.created_at, 'scheduled', e.created_at, e.created_at
    FROM events e CROSS JOIN webhooks w WHERE e.uid LIKE 'history-%'`);
  await client.query('VACUUM ANALYZE events, deliveries');
  console.log(`  history: ${events * Number(webhooks)} deliveries already sent, written and vacuumed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
