/**
 * A preload that counts what each hookd thread sends PostgreSQL, by kind and text: simple queries (a
 * claim's framed statements), prepared statements run (by name) and statements parsed. Each counted
 * message is a round trip of its own, or part of one (a Parse goes with its Bind).
 *
 *   HOOKD_BENCH_NODE_FLAGS="--import ./bench/count-statements.mjs" HOOKD_BENCH_STATEMENTS=/tmp/counts \
 *     npm run bench -- --store postgres --workers 1,4 --sqlite no --baseline none --rounds 1
 *
 * Every 2 s each hookd thread writes `<pid>-<thread>.json` into $HOOKD_BENCH_STATEMENTS: [text, count]
 * pairs, the most frequent first, over the process's whole life (warm-up and latency phase included).
 * A measuring aid only: it wraps pg's connection in the hookd processes it is loaded into.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

const dir = process.env.HOOKD_BENCH_STATEMENTS;
const require = createRequire(join(process.cwd(), 'package.json'));

/** pg's Connection, when this process can load it (the preload also runs in processes that never use pg). */
function pgConnection() {
  try {
    return require('pg/lib/connection.js');
  } catch {
    return null;
  }
}

const Connection = dir ? pgConnection() : null;
if (Connection) {
  mkdirSync(dir, { recursive: true });
  const counts = new Map();
  // Texts told apart by their literals (a framed claim's `EXECUTE name('…')`) count as one; past
  // MAX_TEXTS distinct texts the rest count together, so a long run's map stays small.
  const MAX_TEXTS = 1000;
  const count = (key) => {
    const counted = counts.has(key) || counts.size < MAX_TEXTS ? key : '(other texts)';
    counts.set(counted, (counts.get(counted) ?? 0) + 1);
  };
  // A claim's settings before its statement (`SET LOCAL enable_seqscan = off; …`) shown as one mark, so
  // the statement that follows them is in the 100 characters kept.
  const oneLine = (text) => String(text).replace(/'(?:[^']|'')*'/g, "'…'").replace(/\s+/g, ' ')
    .replace(/(?:SET LOCAL \w+ = \w+; )+/g, 'SET LOCAL …; ').slice(0, 100);
  const wrap = (method, key) => {
    const original = Connection.prototype[method];
    Connection.prototype[method] = function (...args) {
      count(key(args[0]));
      return original.apply(this, args);
    };
  };
  wrap('query', (text) => `simple ${oneLine(text)}`);
  wrap('parse', (config) => `parse ${config.name ?? ''} ${oneLine(config.text)}`);
  wrap('bind', (config) => `run ${config.statement || '(unnamed)'}`);
  const write = () => writeFileSync(join(dir, `${process.pid}-${threadId}.json`), JSON.stringify([...counts].sort((a, b) => b[1] - a[1])));
  setInterval(write, 2000).unref();
}
