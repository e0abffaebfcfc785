/**
 * Vacuums and analyzes hookd's own tables when the PostgreSQL server's autovacuum is off.
 *
 * hookd's hot tables churn: every delivery's row is rewritten at each claim and outcome. Without
 * autovacuum, nothing ever removes the dead row versions, and nothing ever gathers statistics, so the
 * plans of hookd's prepared statements, made while the tables were nearly empty, are kept as they grow.
 * Draining a 200 000-delivery backlog on a server with autovacuum off ran at 380–480 deliveries/s; an
 * ANALYZE of the tables took it to 1 340–1 430/s (a claim's read of 9 events by id had been taking 60 ms
 * with the plan made for an empty table), and a VACUUM of deliveries to 1 700–2 000/s.
 *
 * So, while autovacuum is off, a pass every UPKEEP_EVERY_MS does what autovacuum would, with its default
 * thresholds and a gentler throttle (COST_LIMIT): VACUUM a table whose dead rows exceed 50 + 20% of its
 * live rows, ANALYZE one with more changes than 50 + 10% since its last analysis. With several processes,
 * one at a time does it (an advisory lock), and a table vacuumed or analyzed by anyone less than
 * UPKEEP_EVERY_MS ago waits: each process has its own timer, and five processes vacuumed the deliveries
 * of a busy benchmark run four times in 17 s, back to back, each time taking CPU from the deliveries.
 * Its connection is its own: a VACUUM may run longer than the store's statement timeout, and must not
 * hold one of the pool's connections meanwhile.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { describeError } from './store-errors.ts';
import { UpkeepGivesWay } from './upkeep-gives-way.ts';
import { RepeatingTask } from '../util/repeating-task.ts';
import { quotedIdentifier } from './quoted-identifier.ts';

const FIRST_PASS_MS = 5_000;
const UPKEEP_EVERY_MS = 15_000;
/** autovacuum's defaults (autovacuum_vacuum_threshold, _scale_factor; autovacuum_analyze_*). */
const VACUUM_BASE = 50;
const VACUUM_SCALE = 0.2;
const ANALYZE_BASE = 50;
const ANALYZE_SCALE = 0.1;
/** autovacuum_vacuum_cost_delay's default: after each COST_LIMIT of work the VACUUM or ANALYZE naps this long. */
const COST_DELAY = '2ms';
/**
 * A tenth of autovacuum's (200): at its pace a VACUUM ANALYZE of deliveries took a whole core for 340 ms
 * under load, and deliveries waited behind it on a 2-core machine. At this one it takes about a fifth of
 * a core for five times as long (785 ms against 162 ms for 37 000 deliveries, measured alone; in
 * proportion, some 20 s for 1 000 000).
 */
const COST_LIMIT = 20;

export interface TableActivity {
  table: string;
  live: number;
  dead: number;
  changedSinceAnalyze: number;
  /** Milliseconds since it was last vacuumed, or analyzed, by anyone (autovacuum included); null: never. */
  vacuumedAgoMs: number | null;
  analyzedAgoMs: number | null;
}

export interface UpkeepStep {
  table: string;
  /** `vacuum` also analyzes when the table is due for that too. */
  action: 'vacuum' | 'vacuum analyze' | 'analyze';
}

/**
 * What autovacuum would do now for these tables, by its default thresholds, leaving out what was done
 * less than `gapMs` ago.
 */
export function upkeepSteps(tables: TableActivity[], gapMs = UPKEEP_EVERY_MS): UpkeepStep[] {
  const recently = (agoMs: number | null) => agoMs !== null && agoMs < gapMs;
  const steps: UpkeepStep[] = [];
  for (const { table, live, dead, changedSinceAnalyze, vacuumedAgoMs, analyzedAgoMs } of tables) {
    const vacuum = dead > VACUUM_BASE + VACUUM_SCALE * live && !recently(vacuumedAgoMs);
    const analyze = changedSinceAnalyze > ANALYZE_BASE + ANALYZE_SCALE * live && !recently(analyzedAgoMs);
    if (vacuum) steps.push({ table, action: analyze ? 'vacuum analyze' : 'vacuum' });
    else if (analyze) steps.push({ table, action: 'analyze' });
  }
  return steps;
}

export class PostgresUpkeep {
  readonly #task = new RepeatingTask(() => this.runOnce().then(() => undefined, (error: unknown) => {
    if (!this.#stopped) this.log?.warn({ error: describeError(error) }, 'PostgreSQL upkeep failed; trying again later');
  }), FIRST_PASS_MS, UPKEEP_EVERY_MS);
  /** The connection of the pass running now. */
  #client: pg.Client | null = null;
  /** The watch over that pass's session, once it runs its steps: stop() cancels them through it. */
  #watch: UpkeepGivesWay | null = null;
  #stopped = false;
  #warned = false;

  /**
   * `gapMs`: how long after anyone vacuumed or analyzed a table it is left alone; `giveWayAfterMs`: how
   * often a pass looks for a session waiting for it (upkeep-gives-way.ts). Tests shorten both.
   */
  constructor(
    private readonly url: string,
    private readonly schema: string,
    private readonly connectTimeoutMs: number,
    private readonly log?: Pick<Logger, 'warn' | 'info'>,
    private readonly gapMs = UPKEEP_EVERY_MS,
    private readonly giveWayAfterMs?: number,
  ) {}

  start(): void {
    this.#task.start();
  }

  /**
   * A pass running now is cut short, on the server too (its statement cancelled): a VACUUM of a big table
   * must neither hold up hookd's stop nor run on after it, holding its table's lock.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#watch?.cancel();
    await this.#client?.end().catch(() => undefined);
    await this.#task.stop();
  }

  /** One pass now: the steps it took (none while autovacuum is on, or another process holds the pass). */
  async runOnce(): Promise<UpkeepStep[]> {
    if (this.#stopped) return [];
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: this.connectTimeoutMs, application_name: `hookd ${process.pid} upkeep` });
    client.on('error', () => undefined);
    this.#client = client;
    try {
      await client.connect();
      const { rows: [settings] } = await client.query<{ autovacuum: string; locked: boolean }>(
        `SELECT current_setting('autovacuum') AS autovacuum, pg_try_advisory_lock(hashtext($1)) AS locked`, [`hookd upkeep ${this.schema}`]);
      if (settings.autovacuum === 'on' || !settings.locked) return [];
      if (!this.#warned) {
        this.#warned = true;
        this.log?.warn({ schema: this.schema }, "PostgreSQL's autovacuum is off: hookd vacuums and analyzes its own tables itself; turn autovacuum on to leave it to the server");
      }
      const { rows } = await client.query<{ table: string; live: string; dead: string; changed: string; vacuumed_ago: string | null; analyzed_ago: string | null }>(
        `SELECT relname AS table, n_live_tup AS live, n_dead_tup AS dead, n_mod_since_analyze AS changed,
           EXTRACT(EPOCH FROM clock_timestamp() - GREATEST(last_vacuum, last_autovacuum)) * 1000 AS vacuumed_ago,
           EXTRACT(EPOCH FROM clock_timestamp() - GREATEST(last_analyze, last_autoanalyze)) * 1000 AS analyzed_ago
         FROM pg_stat_user_tables WHERE schemaname = $1 ORDER BY relname`, [this.schema]);
      const ago = (value: string | null) => (value === null ? null : Number(value));
      const steps = upkeepSteps(rows.map((row) => ({
        table: row.table, live: Number(row.live), dead: Number(row.dead), changedSinceAnalyze: Number(row.changed),
        vacuumedAgoMs: ago(row.vacuumed_ago), analyzedAgoMs: ago(row.analyzed_ago),
      })), this.gapMs);
      if (steps.length === 0) return [];
      await client.query(`SET statement_timeout = 0; SET vacuum_cost_delay = '${COST_DELAY}'; SET vacuum_cost_limit = ${COST_LIMIT}`);
      const { rows: [session] } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const watch = await UpkeepGivesWay.watch(this.url, this.connectTimeoutMs, session.pid, this.giveWayAfterMs);
      this.#watch = watch;
      const done: UpkeepStep[] = [];
      try {
        for (const step of steps) {
          if (this.#stopped) break;
          const started = Date.now();
          await client.query(`${step.action.toUpperCase()} ${quotedIdentifier(this.schema)}.${quotedIdentifier(step.table)}`);
          this.log?.info({ table: step.table, action: step.action, ms: Date.now() - started }, 'PostgreSQL upkeep');
          done.push(step);
        }
      } catch (error) {
        if (!await watch.gaveWay()) throw error;
        this.log?.info({ table: steps[done.length].table }, 'PostgreSQL upkeep gave way to a session waiting for its lock; a later pass does the rest');
      } finally {
        this.#watch = null;
        await watch.stop();
      }
      return done;
    } finally {
      // Ending the session also releases its advisory lock.
      this.#client = null;
      await client.end().catch(() => undefined);
    }
  }
}
