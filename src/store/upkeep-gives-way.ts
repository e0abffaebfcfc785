/**
 * hookd's upkeep gives way to anyone who waits for it, as autovacuum does.
 *
 * A VACUUM or ANALYZE holds its table's SHARE UPDATE EXCLUSIVE lock from start to end, and at the upkeep's
 * gentle pace (postgres-upkeep.ts) that can be minutes on a big table. Ordinary reads and writes do not
 * wait for that lock, but DDL does: a hookd process starting beside it would wait in its migrations past
 * the statement timeout, and fail to start. PostgreSQL cancels its own autovacuum when another session has
 * waited a second for its lock; this does the same for the upkeep's session: once a second, on a connection
 * of its own, it asks whether anyone waits for that session, and if so cancels what it runs. The work left
 * undone is found again by a later pass.
 */
import pg from 'pg';

/** autovacuum gives way after deadlock_timeout, 1 s by default. */
const LOOK_EVERY_MS = 1000;

export class UpkeepGivesWay {
  #timer: NodeJS.Timeout | null = null;
  /** The look under way, if any. */
  #looking: Promise<void> | null = null;
  #gaveWay = false;

  private constructor(private readonly client: pg.Client, private readonly pid: number) {}

  /** Starts watching the session `pid`, from a connection of its own. */
  static async watch(url: string, connectTimeoutMs: number, pid: number, everyMs = LOOK_EVERY_MS): Promise<UpkeepGivesWay> {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, application_name: `hookd ${process.pid} upkeep watch` });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    const watch = new UpkeepGivesWay(client, pid);
    watch.#timer = setInterval(() => watch.look(), everyMs);
    watch.#timer.unref();
    return watch;
  }

  /**
   * Whether it cancelled the watched session's statement because someone waited for it. The cancel can
   * reach the statement before the look that sent it has its answer: the look under way is waited for.
   */
  async gaveWay(): Promise<boolean> {
    await this.#looking;
    return this.#gaveWay;
  }

  /**
   * Cancels the watched session's statement now: the upkeep stops. Ending that session's connection is not
   * enough: the server notices a client gone only when it next writes to it, after the statement, which
   * meanwhile runs on for as long as it takes and keeps its table's lock.
   */
  async cancel(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#looking;
    await this.client.query('SELECT pg_cancel_backend($1)', [this.pid]).catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.client.end().catch(() => undefined);
  }

  private look(): void {
    if (this.#looking || this.#timer === null) return;
    this.#looking = this.client.query<{ cancelled: boolean }>(
      'SELECT pg_cancel_backend($1) AS cancelled FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid)) LIMIT 1', [this.pid])
      .then(({ rows }) => { if (rows[0]?.cancelled) this.#gaveWay = true; },
        // Its connection was lost: the pass then runs to its end, as it did before this watch existed.
        () => undefined)
      .finally(() => { this.#looking = null; });
  }
}
