/**
 * What a claim reads about the deliveries it took: their webhooks and their events. A batch holds a few
 * webhooks and events many times over: each is read (and its JSON parsed) once and shared by its
 * deliveries, instead of joined onto every delivery row.
 *
 * SQLite reads them after the claim's commit, a statement each (in the process, a statement is cheap).
 * PostgreSQL reads them in the statement that marks the deliveries (mark-sending.ts): there a statement is
 * a round trip, about 85 µs of hookd's CPU (docs/performance.md, 2026-12-05). One statement returns rows
 * of one shape, so the three kinds of row share one: a kind, the id, and numbered slots of each type that
 * each kind fills with its own columns (`withTheirReads` builds it, `splitReads` takes it apart).
 */
import type { Kysely } from 'kysely';
import type { ClaimedDelivery, Dialect } from '../../core/ports/store.ts';
import type { Database } from '../schema.ts';
import { marks, Prebuilt } from './prebuilt.ts';
import { chunks, num, numOrNull, padded, parseJson } from './rows.ts';

/** A column read: its name in the row, its type, and the SQL that reads it when it is not the name. */
export type Column = readonly [name: string, type: 'TEXT' | 'BIGINT', expression?: string];

const WEBHOOK_COLUMNS: readonly Column[] = [
  ['uid', 'TEXT'], ['workspace_id', 'BIGINT'], ['workspace_uid', 'TEXT', '(SELECT uid FROM workspaces WHERE workspaces.id = webhooks.workspace_id)'],
  ['status', 'TEXT'], ['url', 'TEXT'], ['headers', 'TEXT'], ['format', 'TEXT'], ['meta', 'TEXT'], ['secret_enc', 'TEXT'],
  ['previous_secret_enc', 'TEXT'], ['previous_secret_expires_at', 'BIGINT'], ['retry_schedule', 'TEXT'], ['transform', 'TEXT'],
  ['ordering', 'TEXT'], ['rate_limit', 'BIGINT'],
];

const EVENT_COLUMNS: readonly Column[] = [['uid', 'TEXT'], ['type', 'TEXT'], ['data', 'TEXT'], ['created_at', 'BIGINT'], ['trace_parent', 'TEXT']];

/** A row as read: its id and its columns by name. */
type ReadRow = Record<string, unknown> & { id: number | string };

/** The SQL of `columns` for a select list: `id, uid, (SELECT …) AS workspace_uid, …`. */
const selectList = (columns: readonly Column[]): string =>
  ['id', ...columns.map(([name, , expression]) => (expression ? `${expression} AS ${name}` : name))].join(', ');

/** A row of several kinds' union: `kind`, `id`, and slots `t1`…, `n1`… (TEXT, BIGINT). */
export type SlotRow = { kind: string; id: number | string } & Record<string, unknown>;

type Slotted = Array<{ name: string; type: Column[1]; expression: string; slot: string }>;
/** Worked out once per list of columns: fromSlots runs for every row. */
const slotted = new WeakMap<readonly Column[], Slotted>();

const slotsOf = (columns: readonly Column[]): Slotted => {
  let found = slotted.get(columns);
  if (!found) {
    let text = 0;
    let number = 0;
    found = columns.map(([name, type, expression]) => ({ name, type, expression: expression ?? name, slot: type === 'TEXT' ? `t${++text}` : `n${++number}` }));
    slotted.set(columns, found);
  }
  return found;
};

/**
 * The select list of one kind's rows in a union whose kinds have at most `texts` TEXT and `numbers`
 * BIGINT columns: every slot is cast, so the first branch types the union's columns.
 */
function inSlots(kind: string, columns: readonly Column[], texts: number, numbers: number): string {
  const filled = new Map(slotsOf(columns).map((column) => [column.slot, `CAST(${column.expression} AS ${column.type})`]));
  const slots = [
    ...Array.from({ length: texts }, (_, i) => [`t${i + 1}`, 'TEXT']),
    ...Array.from({ length: numbers }, (_, i) => [`n${i + 1}`, 'BIGINT']),
  ];
  return [`'${kind}' AS kind`, 'CAST(id AS BIGINT) AS id', ...slots.map(([slot, type]) => `${filled.get(slot) ?? `CAST(NULL AS ${type})`} AS ${slot}`)].join(', ');
}

/** How many TEXT and BIGINT slots `columns` fill. */
function slotCounts(columns: readonly Column[]): { texts: number; numbers: number } {
  return { texts: columns.filter(([, type]) => type === 'TEXT').length, numbers: columns.filter(([, type]) => type === 'BIGINT').length };
}

/** A row of the union back as the row `columns` describe (inSlots' inverse). */
function fromSlots(row: SlotRow, columns: readonly Column[]): ReadRow {
  const out: ReadRow = { id: row.id };
  for (const column of slotsOf(columns)) out[column.name] = row[column.slot];
  return out;
}

/** What a claim read about its deliveries: their webhooks and events, by id. */
export interface ClaimedReadsById {
  webhooks: Map<number, ClaimedWebhook>;
  events: Map<number, ClaimedDelivery['event']>;
}

/**
 * PostgreSQL: the rows of `claimed` (a common table expression whose rows have `columns`, a webhook_id
 * and an event_id) in one union with their webhooks and their events (splitReads takes it apart).
 */
export function withTheirReads(claimed: string, columns: readonly Column[]): string {
  const kinds = [columns, WEBHOOK_COLUMNS, EVENT_COLUMNS].map(slotCounts);
  const texts = Math.max(...kinds.map((kind) => kind.texts));
  const numbers = Math.max(...kinds.map((kind) => kind.numbers));
  return `SELECT ${inSlots('d', columns, texts, numbers)} FROM ${claimed}
    UNION ALL SELECT ${inSlots('w', WEBHOOK_COLUMNS, texts, numbers)} FROM webhooks WHERE id IN (SELECT webhook_id FROM ${claimed})
    UNION ALL SELECT ${inSlots('e', EVENT_COLUMNS, texts, numbers)} FROM events WHERE id IN (SELECT event_id FROM ${claimed})`;
}

/** withTheirReads' rows taken apart: the claimed rows (as `columns` name them), and what was read with them. */
export function splitReads(union: SlotRow[], columns: readonly Column[]): { rows: ReadRow[]; read: ClaimedReadsById } {
  const rows: ReadRow[] = [];
  const read: ClaimedReadsById = { webhooks: new Map(), events: new Map() };
  for (const row of union) {
    if (row.kind === 'd') rows.push(fromSlots(row, columns));
    else if (row.kind === 'w') read.webhooks.set(num(row.id), claimedWebhook(fromSlots(row, WEBHOOK_COLUMNS)));
    else read.events.set(num(row.id), claimedEvent(fromSlots(row, EVENT_COLUMNS)));
  }
  return { rows, read };
}

export interface ClaimedWebhook {
  status: string;
  target: ClaimedDelivery['webhook'];
}

/** A webhook row read with WEBHOOK_COLUMNS, as the dispatcher needs it. */
function claimedWebhook(row: ReadRow): ClaimedWebhook {
  return {
    status: row.status as string,
    target: {
      seq: num(row.id),
      id: row.uid as string,
      workspaceSeq: num(row.workspace_id),
      workspaceId: row.workspace_uid as string,
      url: row.url as string,
      sealedHeaders: parseJson(row.headers as string, {}),
      format: row.format as ClaimedDelivery['webhook']['format'],
      meta: parseJson(row.meta as string, {}),
      retrySchedule: parseJson<number[] | null>(row.retry_schedule as string | null, null),
      transform: row.transform as string | null,
      fifo: row.ordering === 'fifo',
      rateLimited: row.rate_limit !== null,
      secrets: {
        secretEnc: row.secret_enc as string,
        previousSecretEnc: row.previous_secret_enc as string | null,
        previousSecretExpiresAt: numOrNull(row.previous_secret_expires_at),
      },
    },
  };
}

/** An event row read with EVENT_COLUMNS, as the dispatcher needs it. */
function claimedEvent(row: ReadRow): ClaimedDelivery['event'] {
  return { seq: num(row.id), id: row.uid as string, type: row.type as string, dataJson: row.data as string, createdAt: num(row.created_at), traceParent: row.trace_parent as string | null };
}

/** The reads as statements of their own (SQLite's way: see above). */
export class ClaimedReads {
  readonly #webhooksById: Prebuilt<ReadRow>;
  readonly #eventsById: Prebuilt<ReadRow>;

  constructor(dialect: Dialect) {
    this.#webhooksById = new Prebuilt(dialect, (n) => `SELECT ${selectList(WEBHOOK_COLUMNS)} FROM webhooks WHERE id IN (${marks(n)})`);
    this.#eventsById = new Prebuilt(dialect, (n) => `SELECT ${selectList(EVENT_COLUMNS)} FROM events WHERE id IN (${marks(n)})`);
  }

  async webhooks(db: Kysely<Database>, seqs: number[]): Promise<Map<number, ClaimedWebhook>> {
    const ids = padded(seqs);
    return new Map((await this.#webhooksById.run(db, ids.length, ids)).map((row) => [num(row.id), claimedWebhook(row)]));
  }

  async events(db: Kysely<Database>, seqs: number[]): Promise<Map<number, ClaimedDelivery['event']>> {
    const events = new Map<number, ClaimedDelivery['event']>();
    for (const batch of chunks(seqs, 500)) {
      const ids = padded(batch);
      for (const row of await this.#eventsById.run(db, ids.length, ids)) events.set(num(row.id), claimedEvent(row));
    }
    return events;
  }
}
