/**
 * Wakes every hookd process sharing one PostgreSQL schema when new work is due: publish, resume and
 * resend notify the schema's channel; each process LISTENs on its own connection and wakes its
 * dispatcher, so latency does not depend on a polling interval. A notice of work names its webhooks
 * (payload `work:<id>,<id>…`, or none for any: core/work-notice.ts). The same channel carries "webhook
 * <id> stopped" (payload `stopped:<id>`), so every process hands back what it had queued for a paused or
 * deleted webhook, and the listeners' announcements (`hello:<token>`, `here:<token>`: postgres-peers.ts),
 * by which a process that is the only listener leaves its notices of work out.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { describeError } from './store-errors.ts';
import { quotedIdentifier } from './quoted-identifier.ts';
import type { WorkSignals } from '../core/ports/store.ts';
import { GatheredWork, MAX_NAMED_WEBHOOKS, type WorkFor } from '../core/work-notice.ts';
import { HERE_MS, ListeningPeers, peerNoticeOf, peerPayload, type PeerNotice } from './postgres-peers.ts';

const RECONNECT_MS = 1000;
/** PostgreSQL cuts identifiers, channel names included, to 63 bytes. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * The channel of one hookd installation: notifications are database-wide, so installations in different
 * schemas of one database would otherwise wake each other. A schema name too long to fit is hashed.
 */
export function workChannel(schema: string): string {
  const plain = `hookd_work_${schema}`;
  if (Buffer.byteLength(plain) <= MAX_IDENTIFIER_BYTES) return plain;
  return `hookd_work_${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
}

/** A notice's payload: the webhooks it names, or none (null) for any. */
export function workPayload(webhooks: WorkFor): string | null {
  return webhooks === null ? null : `work:${webhooks.join(',')}`;
}

/**
 * The webhooks a notice names; null (any) for one without a payload or with one this version does not
 * read: anyone who may write to the database may notify on the channel, and a notice read wrong may only
 * wake a dispatcher, never keep one asleep.
 */
export function webhooksOfPayload(payload: string | undefined): WorkFor {
  const named = /^work:(\d{1,15}(?:,\d{1,15})*)$/.exec(payload ?? '');
  if (!named) return null;
  const webhooks = named[1].split(',', MAX_NAMED_WEBHOOKS + 1).map(Number);
  return webhooks.length > MAX_NAMED_WEBHOOKS ? null : webhooks;
}

/** A notice, by a prepared statement's name: parsed once per connection, not once per notice. */
const notice = (channel: string, payload: string | null): pg.QueryConfig => ({ name: 'hookd_notify', text: 'SELECT pg_notify($1, $2)', values: [channel, payload] });

export class PostgresSignals implements WorkSignals {
  readonly #listeners = new Set<(webhooks: WorkFor) => void>();
  readonly #stopListeners = new Set<(webhookSeq: number) => void>();
  readonly #notifier: pg.Pool;
  #listener: pg.Client | null = null;
  #closed = false;
  #listened = false;
  readonly #gathered = new GatheredWork();
  readonly #channel: string;
  /** Other processes listening on the channel (postgres-peers.ts). */
  readonly #peers = new ListeningPeers();
  #announcing: NodeJS.Timeout | null = null;

  /** `schema`: the one hookd's tables are in; `connectTimeoutMs`: as the store's pool (HOOKD_DATABASE_TIMEOUT). */
  constructor(private readonly url: string, schema: string, private readonly connectTimeoutMs: number, private readonly log?: Pick<Logger, 'warn'>) {
    this.#channel = workChannel(schema);
    this.#notifier = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: connectTimeoutMs, application_name: `hookd ${process.pid} notify` });
    this.#notifier.on('error', () => undefined);
  }

  /**
   * On a connection of its own, after the publish's commit, not inside the publish's statement: a
   * transaction that notifies holds a database-wide lock from just before its commit until after it,
   * so concurrent publishes that notified each waited for the others' commits (lock waits in every
   * benchmark run with it, none without; docs/performance.md, 2026-12-06).
   */
  notifyWork(webhooks: WorkFor = null): void {
    // A process that listens has a dispatcher, woken for this work already; it tells the channel only
    // when another process listens there (postgres-peers.ts).
    if (this.#listeners.size > 0 && !this.#peers.present) return;
    // Coalesced: a burst of publishes in one tick sends one notification, naming all their webhooks.
    if (this.#closed || !this.#gathered.add(webhooks)) return;
    setImmediate(() => {
      this.#notifier.query(notice(this.#channel, workPayload(this.#gathered.take()))).catch(() => undefined);
    });
  }

  onWork(listener: (webhooks: WorkFor) => void): () => void {
    this.#listeners.add(listener);
    if (!this.#listener) void this.listen();
    return () => this.#listeners.delete(listener);
  }

  notifyStopped(webhookSeq: number): void {
    if (this.#closed) return;
    this.#notifier.query(notice(this.#channel, `stopped:${webhookSeq}`)).catch(() => undefined);
  }

  onStopped(listener: (webhookSeq: number) => void): () => void {
    this.#stopListeners.add(listener);
    if (!this.#listener) void this.listen();
    return () => this.#stopListeners.delete(listener);
  }

  private async listen(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: this.connectTimeoutMs, application_name: `hookd ${process.pid} listen` });
    this.#listener = client;
    client.on('notification', (message) => {
      const peer = peerNoticeOf(message.payload);
      if (peer) {
        if (this.#peers.heard(peer)) this.announce('here');
        return;
      }
      const stopped = /^stopped:(\d+)$/.exec(message.payload ?? '');
      if (stopped) for (const listener of this.#stopListeners) listener(Number(stopped[1]));
      else {
        const webhooks = webhooksOfPayload(message.payload);
        for (const listener of this.#listeners) listener(webhooks);
      }
    });
    client.on('error', (error) => {
      // Reconnect and LISTEN again (once per lost connection, however many errors it raises).
      if (this.#listener !== client) return;
      if (!this.#closed) this.log?.warn({ error: describeError(error) }, 'the PostgreSQL connection that listens for new work was lost; reconnecting');
      void client.end().catch(() => undefined);
      this.#listener = null;
      if (!this.#closed) setTimeout(() => void this.listen(), RECONNECT_MS).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${quotedIdentifier(this.#channel)}`);
    } catch (error) {
      client.emit('error', error instanceof Error ? error : new Error('listen failed'));
      return;
    }
    // Back after a loss: what was announced meanwhile was missed, so look for work now.
    if (this.#listened) for (const listener of this.#listeners) listener(null);
    this.#listened = true;
    this.announce('hello');
    this.#announcing ??= setInterval(() => this.announce('here'), HERE_MS).unref();
  }

  /** Tells the other processes on the channel that this one listens. */
  private announce(kind: PeerNotice['kind']): void {
    if (this.#closed) return;
    this.#notifier.query(notice(this.#channel, peerPayload({ kind, token: this.#peers.token }))).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#announcing) clearInterval(this.#announcing);
    await this.#listener?.end().catch(() => undefined);
    await this.#notifier.end().catch(() => undefined);
  }
}
