/** The Store over Kysely: the same repositories serve SQLite and PostgreSQL. */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from '../../core/ports/store.ts';
import { initial } from '../migrations/001_initial.ts';
import { sessions } from '../migrations/002_sessions.ts';
import { oauthNonces } from '../migrations/003_oauth_nonces.ts';
import { waitingDeliveriesIndex } from '../migrations/004_waiting_deliveries_index.ts';
import { attemptBodyOnce } from '../migrations/005_attempt_body_once.ts';
import { webhookSubscriptions } from '../migrations/006_webhook_subscriptions.ts';
import { webhookDueIndex } from '../migrations/007_webhook_due_index.ts';
import { workspaceLogIndexes } from '../migrations/008_workspace_log_indexes.ts';
import { workspaceDeletion } from '../migrations/009_workspace_deletion.ts';
import { eventTypeDeprecation } from '../migrations/010_event_type_deprecation.ts';
import { webhookFilter } from '../migrations/011_webhook_filter.ts';
import { webhookRetrySchedule } from '../migrations/012_webhook_retry_schedule.ts';
import { eventTypeSchema } from '../migrations/013_event_type_schema.ts';
import { uiSessions } from '../migrations/014_ui_sessions.ts';
import { webhookTransform } from '../migrations/015_webhook_transform.ts';
import { webhookFlowControl } from '../migrations/016_webhook_flow_control.ts';
import { webhookSigningKeys } from '../migrations/017_webhook_signing_keys.ts';
import { operationalEvents } from '../migrations/018_operational_events.ts';
import { heldFailedIndex } from '../migrations/019_held_failed_index.ts';
import { eventTraceParent } from '../migrations/020_event_trace_parent.ts';
import { postgresWaitingStatusIndex } from '../migrations/021_postgres_waiting_status_index.ts';
import { postgresWebhookStatusIdIndex } from '../migrations/022_postgres_webhook_status_id_index.ts';
import { postgresSendingIndex } from '../migrations/023_postgres_sending_index.ts';
import { postgresOutputColumnStatistics } from '../migrations/024_postgres_output_column_statistics.ts';
import { postgresNoKeysToHotRows } from '../migrations/025_postgres_no_keys_to_hot_rows.ts';
import { postgresSendingIndexByLease } from '../migrations/026_postgres_sending_index_by_lease.ts';
import { postgresBytewiseKeys } from '../migrations/027_postgres_bytewise_keys.ts';
import { postgresRoutingVersion } from '../migrations/028_postgres_routing_version.ts';
import { attemptWorkspace } from '../migrations/029_attempt_workspace.ts';
import { sessionBounds } from '../migrations/030_session_bounds.ts';
import type { Database } from '../schema.ts';
import type { Store, WorkSignals } from '../../core/ports/store.ts';
import { isTimeout, StoreHealth } from '../store-errors.ts';
import { StartupError } from '../../config.ts';
import { SqlDeliveries } from './deliveries.ts';
import { SqlDispatch } from './dispatch.ts';
import { SqlEvents } from './events.ts';
import { OperationalEvents } from './operational.ts';
import { SqlEventTypes } from './event-types.ts';
import { HandOff } from './hand-off.ts';
import { SqlNonces } from './nonces.ts';
import { SqlRetention } from './retention.ts';
import { AttemptLog } from './rows.ts';
import { SqlSessions } from './sessions.ts';
import { SqlSettings } from './settings.ts';
import { SqlUiSessions } from './ui-sessions.ts';
import { SqlHealth } from './health.ts';
import { SqlQueueStats } from './queue-stats.ts';
import { readOn, type LongReads } from './long-reads.ts';
import { QueuedMoves } from './queued-moves.ts';
import { SqlWebhooks } from './webhooks.ts';
import { SqlWorkspaces } from './workspaces.ts';

/** Migrations are code, listed in order; their names are the history both engines share. */
export function migrations(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001_initial': initial(dialect),
        '002_sessions': sessions(dialect),
        '003_oauth_nonces': oauthNonces(),
        '004_waiting_deliveries_index': waitingDeliveriesIndex(dialect),
        '005_attempt_body_once': attemptBodyOnce(dialect),
        '006_webhook_subscriptions': webhookSubscriptions(dialect),
        '007_webhook_due_index': webhookDueIndex(),
        '008_workspace_log_indexes': workspaceLogIndexes(),
        '009_workspace_deletion': workspaceDeletion(),
        '010_event_type_deprecation': eventTypeDeprecation(),
        '011_webhook_filter': webhookFilter(),
        '012_webhook_retry_schedule': webhookRetrySchedule(),
        '013_event_type_schema': eventTypeSchema(),
        '014_ui_sessions': uiSessions(dialect),
        '015_webhook_transform': webhookTransform(),
        '016_webhook_flow_control': webhookFlowControl(),
        '017_webhook_signing_keys': webhookSigningKeys(),
        '018_operational_events': operationalEvents(),
        '019_held_failed_index': heldFailedIndex(dialect),
        '020_event_trace_parent': eventTraceParent(),
        '021_postgres_waiting_status_index': postgresWaitingStatusIndex(dialect),
        '022_postgres_webhook_status_id_index': postgresWebhookStatusIdIndex(dialect),
        '023_postgres_sending_index': postgresSendingIndex(dialect),
        '024_postgres_output_column_statistics': postgresOutputColumnStatistics(dialect),
        '025_postgres_no_keys_to_hot_rows': postgresNoKeysToHotRows(dialect),
        '026_postgres_sending_index_by_lease': postgresSendingIndexByLease(dialect),
        '027_postgres_bytewise_keys': postgresBytewiseKeys(dialect),
        '028_postgres_routing_version': postgresRoutingVersion(dialect),
        '029_attempt_workspace': attemptWorkspace(dialect),
        '030_session_bounds': sessionBounds(),
      };
    },
  };
}

export class SqlStore implements Store {
  readonly settings: SqlSettings;
  readonly workspaces: SqlWorkspaces;
  readonly eventTypes: SqlEventTypes;
  readonly webhooks: SqlWebhooks;
  readonly events: SqlEvents;
  readonly deliveries: SqlDeliveries;
  readonly dispatch: SqlDispatch;
  /** Operational events: emitted by `dispatch`; told the operator's workspace at start (core/operator-webhook.ts). */
  readonly operational: OperationalEvents;
  readonly sessions: SqlSessions;
  readonly uiSessions: SqlUiSessions;
  readonly webhookHealth: SqlHealth;
  readonly nonces: SqlNonces;
  readonly retention: SqlRetention;
  /** Queued work moved after a webhook's status changed, partly in the background (queued-moves.ts). */
  readonly queuedMoves: QueuedMoves;
  /** What /metrics's store gauges read (not a core port: only the process's metrics use it). */
  readonly queueStats: SqlQueueStats;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    private readonly onClose: () => Promise<void> = async () => undefined,
    readonly signals: WorkSignals = { notifyWork: () => undefined, onWork: () => () => undefined, notifyStopped: () => undefined, onStopped: () => () => undefined },
    /** Follows every statement when the dialect is guarded (see guarded-dialect.ts). */
    private readonly health: StoreHealth = new StoreHealth(),
    /** Where reads that walk many rows run (long-reads.ts): on `db` unless given (SQLite: off the event loop, sqlite-background.ts). */
    longReads: LongReads = readOn(db),
  ) {
    this.settings = new SqlSettings(db);
    this.workspaces = new SqlWorkspaces(db);
    this.eventTypes = new SqlEventTypes(db);
    this.queuedMoves = new QueuedMoves(db, dialect);
    this.webhooks = new SqlWebhooks(db, dialect, this.queuedMoves);
    // PostgreSQL: several processes share each webhook's concurrency limit, counted at claim time (see hand-off.ts).
    const handOff = dialect === 'sqlite' ? new HandOff() : null;
    this.events = new SqlEvents(db, dialect, dialect === 'sqlite' ? 1 : 4, handOff, longReads);
    const attemptLog = new AttemptLog(dialect);
    this.deliveries = new SqlDeliveries(db, dialect, attemptLog, this.queuedMoves);
    this.operational = new OperationalEvents(this.events);
    this.dispatch = new SqlDispatch(db, dialect, attemptLog, this.queuedMoves, handOff, this.operational);
    this.sessions = new SqlSessions(db);
    this.uiSessions = new SqlUiSessions(db);
    this.webhookHealth = new SqlHealth(db, longReads);
    this.nonces = new SqlNonces(db);
    this.retention = new SqlRetention(db);
    this.queueStats = new SqlQueueStats(longReads);
  }

  async migrate(): Promise<void> {
    // On PostgreSQL the migration history lives in the connection's own schema (several hookd
    // installations, or test runs, may share one database under different search paths).
    const schema = this.dialect === 'postgres'
      ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(this.db)).rows[0]?.schema
      : undefined;
    const migrator = new Migrator({ db: this.db, provider: migrations(this.dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((result) => result.status === 'Error');
    if (error || failed) {
      const name = failed?.migrationName ? `database migration ${failed.migrationName}` : 'a database migration';
      if (isTimeout(error)) {
        // Retrying would time out again: a migration that rebuilds an index of a big table reads all of it.
        throw new StartupError(`${name} took longer than HOOKD_DATABASE_TIMEOUT and was rolled back; `
          + 'run the migrations once with a longer one: HOOKD_DATABASE_TIMEOUT=10m hookd migrate');
      }
      throw new StartupError(`${name} failed: ${(error as Error | undefined)?.message ?? 'unknown error'}`);
    }
  }

  async checkHealth(): Promise<string | null> {
    // A lost connection shows at once in a ping; a disk that cannot be written only in the writes that failed.
    try {
      await sql`SELECT 1`.execute(this.db);
    } catch (error) {
      return `database unavailable: ${error instanceof Error ? error.message : String(error)}`;
    }
    const outage = this.health.outage;
    return outage ? `database cannot write since ${new Date(outage.since).toISOString()}: ${outage.reason}` : null;
  }

  async close(): Promise<void> {
    await this.queuedMoves.close();
    await this.db.destroy();
    await this.onClose();
  }
}
