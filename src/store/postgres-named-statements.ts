/**
 * PostgreSQL plans a statement sent without a name on every run: for hookd's short, hot statements
 * (claim, record, publish) parsing and planning cost the server about as much as running them. Given a
 * name, a statement is parsed and planned once per connection and then only bound and run.
 *
 * Kysely sends every statement unnamed, so each pool connection's `query` names statements here: a text
 * gets a name once it has been run twice on that connection (one-off texts are not worth a server-side
 * statement), and a connection names at most MAX_NAMED of them, which bounds what the server keeps.
 * Statements without parameters are named too (the next due time, /metrics's counts, BEGIN and COMMIT),
 * but not a text holding several statements: only the simple protocol, unnamed, takes those.
 */
import type pg from 'pg';

const MAX_NAMED = 200;
/** Texts counted per connection before naming, at most; the count starts over when it is full. */
const MAX_COUNTED = 2_000;

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

export function nameStatements(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  const seen = new Set<string>();
  const query = client.query.bind(client) as Query;
  const named: Query = (config, values, callback) => {
    if (typeof config !== 'string' || !Array.isArray(values) || config.includes(';')) return query(config, values, callback);
    let name = names.get(config);
    if (name === undefined && names.size < MAX_NAMED) {
      if (seen.has(config)) {
        name = `hookd_${names.size + 1}`;
        names.set(config, name);
        seen.delete(config);
      } else {
        if (seen.size >= MAX_COUNTED) seen.clear();
        seen.add(config);
      }
    }
    return name === undefined ? query(config, values, callback) : query({ name, text: config, values }, callback);
  };
  (client as unknown as { query: Query }).query = named;
}
