/**
 * Vitest global setup for the `postgres` project: test schemas are dropped once, after the whole run
 * (and leftovers of an interrupted run before it). Dropping them while other tests start hookd would race
 * with Kysely's migration check, which looks at every schema in the database.
 */
import pg from 'pg';

async function dropTestSchemas(): Promise<void> {
  const url = process.env.HOOKD_TEST_DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'hookd\\_test\\_%'");
  for (const { name } of rows) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  await client.end();
}

export async function setup(): Promise<void> {
  await dropTestSchemas();
}

export async function teardown(): Promise<void> {
  await dropTestSchemas();
}
