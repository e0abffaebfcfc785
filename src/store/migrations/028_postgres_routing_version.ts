/**
 * PostgreSQL: a version of the publishes' routing (which webhooks an event of a type goes to, and how),
 * raised by the commit of every change to it, so that a process may keep what it looked up and have each
 * publish statement check that it still holds (sql/subscribed-routes.ts).
 *
 * Why: a group of publishes was two round trips, the subscribed webhooks' look-up and the insert; routing
 * changes seldom, and with the look-up kept the group is one.
 *
 * What changes the routing is what the look-up reads (sql/events.ts): a webhook added or deleted, its
 * subscriptions, and its status, paused behaviour, filter, ordering and rate limit. Triggers raise the
 * version, so that no path that writes them (the API, the failure limit, an endpoint gone, a workspace
 * deleted, an operator's own SQL) can forget to. They are constraint triggers deferred to the commit: the
 * version's row is then the last lock a transaction takes, so two transactions that change webhooks cannot
 * each hold a lock the other waits for through it. An update of the other columns (a webhook's health,
 * written by every batch of outcomes) fires nothing: `UPDATE OF` names only those, and WHEN compares them.
 * A transaction raises it once per row it changes, all at its commit.
 *
 * SQLite looks the webhooks up in its own process, at no round trip's cost: nothing to do there.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import { quotedIdentifier } from '../quoted-identifier.ts';

/** The webhooks' columns the routing reads. */
export const ROUTING_COLUMNS = ['status', 'paused_behavior', 'filter', 'ordering', 'rate_limit'] as const;

export function postgresRoutingVersion(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`CREATE TABLE routing_version (one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one), version BIGINT NOT NULL)`.execute(db);
      await sql`INSERT INTO routing_version (version) VALUES (1)`.execute(db);
      // The table named with its schema: the function runs with the search_path of whoever changes a webhook.
      const { rows: [{ schema }] } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
      await sql`CREATE FUNCTION hookd_routing_changed() RETURNS trigger LANGUAGE plpgsql AS ${sql.lit(
        `BEGIN UPDATE ${quotedIdentifier(schema)}.routing_version SET version = version + 1; RETURN NULL; END`,
      )}`.execute(db);
      const changed = ROUTING_COLUMNS.map((column) => `OLD.${column} IS DISTINCT FROM NEW.${column}`).join(' OR ');
      await sql.raw(`CREATE CONSTRAINT TRIGGER routing_changed_by_subscriptions AFTER INSERT OR UPDATE OR DELETE ON webhook_subscriptions
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hookd_routing_changed()`).execute(db);
      await sql.raw(`CREATE CONSTRAINT TRIGGER routing_changed_by_webhooks AFTER INSERT OR DELETE ON webhooks
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hookd_routing_changed()`).execute(db);
      await sql.raw(`CREATE CONSTRAINT TRIGGER routing_changed_by_webhook_settings AFTER UPDATE OF ${ROUTING_COLUMNS.join(', ')} ON webhooks
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION hookd_routing_changed()`).execute(db);
      // An operator's TRUNCATE fires no row trigger (hookd never truncates).
      for (const table of ['webhook_subscriptions', 'webhooks']) {
        await sql.raw(`CREATE TRIGGER routing_changed_by_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION hookd_routing_changed()`).execute(db);
      }
    },
  };
}
