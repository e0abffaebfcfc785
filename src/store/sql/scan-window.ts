/**
 * A filtered list's page reads at most SCAN_WINDOW rows of the list's order. A filter that no index
 * serves (an event type, a status, a time range, an attempt's trigger) is checked row by row; a page that
 * asked for one that matched nothing read every row of the list, on SQLite on the thread that answers
 * every request (an event type no event had, among 500 000 events of one workspace: 350–440 ms, seconds
 * with a cold cache), and a client could ask for it again and again.
 *
 * So the page reads the next SCAN_WINDOW rows of the list's order at most, and if they held fewer matches
 * than it asked for while more rows remain, it ends with a cursor at the last row it read: the page may
 * hold fewer items than its limit, or none, with a next cursor, as a cursor page may (the client goes on
 * with it, as it would after a full page). The WooCommerce face's delivery log, paged by offset, reaches
 * a webhook's newest SCAN_WINDOW attempts (deliveries.ts).
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Page } from '../../core/model.ts';
import { encodeCursor, num, toPage } from './rows.ts';

/** Rows of the list's order one page reads at most: a few milliseconds on SQLite. */
export const SCAN_WINDOW = 10_000;

/**
 * The lowest id among the next SCAN_WINDOW rows of the list's order, or null when fewer remain (the page
 * then reads to the end). `ids`: the list's rows (one webhook's, or one workspace's) as its own index
 * holds them, from which their ids below `after` (the page's cursor), newest first, are read from that
 * index alone.
 */
export async function windowFloor<DB, TB extends keyof DB>(ids: SelectQueryBuilder<DB, TB, { id: number }>, after: number | null): Promise<number | null> {
  const below = after === null ? ids : ids.where(sql<number>`id`, '<', after);
  const row = await below.orderBy(sql`id`, 'desc').offset(SCAN_WINDOW - 1).limit(1).executeTakeFirst();
  return row ? num(row.id) : null;
}

/** toPage, for rows read down to `floor`: when they do not fill the page, the next one starts below the floor. */
export function windowedPage<R extends { id: number | string }, T>(rows: R[], limit: number, floor: number | null, map: (row: R) => T): Page<T> {
  const page = toPage(rows, limit, map);
  return page.nextCursor === null && floor !== null ? { ...page, nextCursor: encodeCursor(floor) } : page;
}
