/**
 * PostgreSQL: a statement sent in one round trip with the statements that must run right before and after
 * it (a claim's BEGIN and planner settings, its COMMIT: sql/claim-plans.ts). A round trip costs hookd
 * about 85 µs of CPU on the benchmark machine, mostly the write that wakes the server's backend, and the
 * server a wake-up of its own; a claim took five.
 *
 * Only the simple protocol carries several statements in one message, and it carries no parameters. So
 * the statement is prepared once per connection (PREPARE, its own round trip the first time) and run as
 * `EXECUTE name(…)`, its parameters written as quoted literals of the text pg itself would have sent
 * for them, which the server reads with the same input functions. A prepared statement keeps its plan
 * as the named ones of postgres-named-statements.ts do.
 *
 * A caller asks for it through Kysely by ending a statement's parameters with a Frame (framed()); the
 * connection's `query` (frameStatements(), set on each pool connection) does the rest, and answers with
 * that statement's own result.
 */
import pg from 'pg';

/** Statements to run in the same round trip just before and just after a statement. */
export class Frame {
  constructor(readonly before: readonly string[], readonly after: readonly string[] = []) {}
}

/** `parameters`, to be sent framed by `frame` (none: as they are). */
export function framed(parameters: unknown[], frame: Frame | null | undefined): unknown[] {
  return frame ? [...parameters, frame] : parameters;
}

/**
 * Names of the statements sent framed, by text, for every connection alike. Only a claim's few statements
 * are (its window in a handful of sizes, its count, its mark, the next due time): past this many texts, a
 * statement is not prepared but sent with its parameters written into its text, planned at every run.
 */
const MAX_FRAMED_TEXTS = 100;
const names = new Map<string, string>();

function nameOf(text: string): string | null {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_FRAMED_TEXTS) {
    name = `hookd_framed_${names.size + 1}`;
    names.set(text, name);
  }
  return name ?? null;
}

/** pg's own text for a parameter (arrays as `{…}`, numbers, booleans, JSON), as a quoted literal. */
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils.prepareValue;

export function literal(value: unknown): string {
  const text = prepareValue(value);
  if (text === null || text === undefined) return 'NULL';
  if (typeof text !== 'string') throw new TypeError('a framed statement takes no binary parameters');
  return pg.escapeLiteral(text);
}

/** SQLSTATE 42P05. */
const DUPLICATE_PREPARED_STATEMENT = '42P05';

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;
type Result = pg.QueryResult | pg.QueryResult[];

/** Lets `client` take framed statements (framed()); everything else goes by as it did. */
export function frameStatements(client: pg.PoolClient): void {
  const prepared = new Set<string>();
  const query = client.query.bind(client) as Query;
  const withFrames: Query = (config, values, callback) => {
    const frame = Array.isArray(values) && values.length > 0 ? values[values.length - 1] : undefined;
    if (typeof config !== 'string' || !(frame instanceof Frame) || callback !== undefined) return query(config, values, callback);
    return runFramed(query as (text: string, values?: unknown[]) => Promise<Result>, prepared, config, (values as unknown[]).slice(0, -1), frame);
  };
  (client as unknown as { query: Query }).query = withFrames;
}

async function runFramed(query: (text: string, values?: unknown[]) => Promise<Result>, prepared: Set<string>, text: string, parameters: unknown[], frame: Frame): Promise<pg.QueryResult> {
  const name = nameOf(text);
  if (name !== null && !prepared.has(name)) {
    // Already there: prepared by an earlier PREPARE whose answer was lost (a client-side timeout). A name
    // stands for one text in this process, whose pool alone uses the connection.
    await query(`PREPARE ${name} AS ${text}`).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== DUPLICATE_PREPARED_STATEMENT) throw error;
    });
    prepared.add(name);
  }
  const statement = name === null ? withLiterals(text, parameters)
    : parameters.length === 0 ? `EXECUTE ${name}` : `EXECUTE ${name}(${parameters.map(literal).join(', ')})`;
  const results = await query([...frame.before, statement, ...frame.after].join('; '));
  return Array.isArray(results) ? results[frame.before.length] : results;
}

/** `text` with each `$n` replaced by its parameter as a literal (the texts framed hold `$` nowhere else). */
function withLiterals(text: string, parameters: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => literal(parameters[Number(n) - 1]));
}
