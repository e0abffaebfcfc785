/**
 * PostgreSQL for tests: HOOKD_TEST_DATABASE_URL names the server; every test server gets its own schema
 * (passed to hookd as the connection's search_path). Schemas are dropped after the run by
 * postgres-schemas.ts, not one by one (see there why).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.HOOKD_TEST_DATABASE_URL;
/** Set by the `postgres` test project: run this process's hookd servers on PostgreSQL. */
export const USE_POSTGRES = process.env.HOOKD_TEST_STORE === 'postgres';

export interface TestSchema {
  url: string;
  drop(): Promise<void>;
}

export async function createTestSchema(): Promise<TestSchema> {
  if (!TEST_DATABASE_URL) throw new Error('HOOKD_TEST_DATABASE_URL is not set');
  const schema = `hookd_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    // Left for the run's teardown: dropping now would race with other tests' migrations.
    async drop() {},
  };
}

/** The schema a URL of createTestSchema's names (its search_path). */
export function schemaOfTestUrl(url: string): string {
  const schema = /search_path=(\w+)/.exec(new URL(url).searchParams.get('options') ?? '')?.[1];
  if (!schema) throw new Error(`no schema in ${url}`);
  return schema;
}
