/**
 * On PostgreSQL, statements run more than once on a connection are given a name, so the server parses
 * and plans them once; one-off statements are not, and a connection names a bounded number of them.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { nameStatements } from '../../../src/store/postgres-named-statements.ts';
import { TEST_DATABASE_URL, USE_POSTGRES } from '../../helpers/postgres.ts';

const reason = 'needs PostgreSQL: runs in the postgres project when HOOKD_TEST_DATABASE_URL is set';

describe.skipIf(!USE_POSTGRES)(`named statements on PostgreSQL (${USE_POSTGRES ? 'running' : reason})`, () => {
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
  pool.on('connect', (client) => nameStatements(client));
  afterAll(() => pool.end());

  const prepared = async (client: pg.PoolClient) =>
    (await client.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY name')).rows.map((row) => row.statement);

  it('names a statement the second time it runs, and gives the same answers', async () => {
    const client = await pool.connect();
    try {
      expect((await client.query('SELECT CAST($1 AS INTEGER) + 1 AS n', [1])).rows).toEqual([{ n: 2 }]);
      expect(await prepared(client)).toEqual([]);
      expect((await client.query('SELECT CAST($1 AS INTEGER) + 1 AS n', [2])).rows).toEqual([{ n: 3 }]);
      expect((await client.query('SELECT CAST($1 AS INTEGER) + 1 AS n', [3])).rows).toEqual([{ n: 4 }]);
      expect(await prepared(client)).toEqual(['SELECT CAST($1 AS INTEGER) + 1 AS n']);
      // A failing named statement reports its error and leaves the connection usable.
      await expect(client.query('SELECT CAST($1 AS INTEGER) + 1 AS n', ['x'])).rejects.toThrow(/invalid input syntax/);
      expect((await client.query('SELECT CAST($1 AS INTEGER) + 1 AS n', [4])).rows).toEqual([{ n: 5 }]);
    } finally {
      client.release();
    }
  });

  it('names a statement without parameters too, but not a text of several statements', async () => {
    const client = await pool.connect();
    try {
      const before = await prepared(client);
      for (let run = 0; run < 3; run++) {
        expect((await client.query('SELECT 40 + 2 AS n', [])).rows).toEqual([{ n: 42 }]);
        // Only the simple protocol takes several statements in one text: sent unnamed, it still runs.
        await client.query('BEGIN; SET LOCAL enable_bitmapscan = off; COMMIT', []);
      }
      expect((await prepared(client)).filter((text) => !before.includes(text))).toEqual(['SELECT 40 + 2 AS n']);
    } finally {
      client.release();
    }
  });

  it('names at most 200 statements on one connection', async () => {
    const client = await pool.connect();
    try {
      for (let i = 0; i < 250; i++) {
        for (let run = 0; run < 2; run++) expect((await client.query(`SELECT CAST($1 AS INTEGER) + ${i} AS n`, [1])).rows).toEqual([{ n: 1 + i }]);
      }
      expect((await prepared(client)).length).toBe(200);
    } finally {
      client.release();
    }
  });
});
