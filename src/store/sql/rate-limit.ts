/**
 * Rate limits across processes (core/flow-control.ts). Each rate-limited webhook's row keeps a log of
 * how many of its deliveries were claimed when, over the last window. A claim reads it for the webhooks
 * it found due work of, lowers their room to what the window leaves, and adds what it took, in its own
 * transaction. On PostgreSQL the claim has locked those webhook rows (dispatch.ts), so two processes
 * cannot both spend the same room; SQLite has one writer.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { parseRateLog, rateBatch, rateRoom, rateRoomFreesAt, type RateEntry } from '../../core/flow-control.ts';
import { num, padded } from './rows.ts';
import type { Rooms } from './rooms.ts';

export interface RateLimited {
  seq: number;
  perSecond: number;
  log: string | null;
}

/** A limited webhook's window as a claim read it: its rate, and the entries still in the window. */
export interface RateWindow {
  perSecond: number;
  recent: RateEntry[];
}

/** The rate-limited ones among these webhooks, with their logs (SQLite; PostgreSQL reads them as it locks them). */
export async function rateLimitedOf(trx: Kysely<Database>, webhookSeqs: number[]): Promise<RateLimited[]> {
  if (webhookSeqs.length === 0) return [];
  const rows = await trx.selectFrom('webhooks').select(['id', 'rate_limit', 'rate_log'])
    .where('id', 'in', padded(webhookSeqs)).where('rate_limit', 'is not', null).execute();
  return rows.map((row) => ({ seq: num(row.id), perSecond: num(row.rate_limit as number), log: row.rate_log }));
}

/** Lowers each limited webhook's room to what its window leaves; returns their windows, to record what is taken. */
export function limitRooms(limited: RateLimited[], room: Rooms, now: number): Map<number, RateWindow> {
  const windows = new Map<number, RateWindow>();
  for (const webhook of limited) {
    const { room: left, recent } = rateRoom(webhook.perSecond, parseRateLog(webhook.log), now);
    room.limitWebhook(webhook.seq, left);
    windows.set(webhook.seq, { perSecond: webhook.perSecond, recent });
  }
  return windows;
}

/** A window's entries with `n` taken at `now` added (none: as they are). */
const withTaken = (recent: RateEntry[], now: number, n: number): RateEntry[] => (n > 0 ? [...recent, [now, n]] : recent);

/** Adds what this claim took of each limited webhook to its log (and drops what left the window). */
export async function recordTaken(trx: Kysely<Database>, windows: Map<number, RateWindow>, taken: Map<number, number>, now: number): Promise<void> {
  for (const [seq, { recent }] of windows) {
    const n = taken.get(seq) ?? 0;
    if (n === 0) continue;
    await sql`UPDATE webhooks SET rate_log = ${JSON.stringify(withTaken(recent, now, n))} WHERE id = ${seq}`.execute(trx);
  }
}

/**
 * The limited webhooks whose window, with what this claim took, leaves less room than a claim is worth
 * making for (rateBatch), and when it will have that much: the dispatcher claims nothing of theirs until then.
 */
export function rateWaits(windows: Map<number, RateWindow>, taken: Map<number, number>, now: number, webhookConcurrency: number): Map<number, number> {
  const waits = new Map<number, number>();
  for (const [seq, { perSecond, recent }] of windows) {
    const log = withTaken(recent, now, taken.get(seq) ?? 0);
    const at = rateRoomFreesAt(perSecond, log, now, rateBatch(perSecond, webhookConcurrency));
    if (at > now) waits.set(seq, at);
  }
  return waits;
}
