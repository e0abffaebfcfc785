/** List filters shared by the store's repositories: event types by name or resource, and text by substring. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { EventTypeFilter } from '../../core/ports/store.ts';

/**
 * `column` is the type, or starts with the prefix. A prefix is a range (`order.` ≤ type < `order/`, the
 * character after the dot), not LIKE: no wildcard in a name can widen it, and an index on the column serves it.
 */
export function eventTypeIs<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: string, filter: EventTypeFilter): Expression<SqlBool> {
  const ref = sql.ref(column);
  if ('exact' in filter) return sql<SqlBool>`${ref} = ${filter.exact}`;
  const prefix = filter.prefix;
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return eb.and([sql<SqlBool>`${ref} >= ${prefix}`, sql<SqlBool>`${ref} < ${end}`]);
}

/** `column` contains `text`, without regard to case, whatever LIKE's wildcards `text` holds. */
export function containsText(column: string, text: string): Expression<SqlBool> {
  // Both sides lowered by the database, so each engine agrees with itself (SQLite lowers ASCII only).
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<SqlBool>`lower(${sql.ref(column)}) LIKE lower(${`%${escaped}%`}) ESCAPE '\\'`;
}
