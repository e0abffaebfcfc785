/** List filters shared by the store's repositories: event types by name or resource, and text by substring. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Dialect, EventTypeFilter } from '../../core/ports/store.ts';

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

/**
 * `column` contains `text`, without regard to the case of ASCII letters, whatever LIKE's wildcards `text`
 * holds. Both sides are lowered by the database, ASCII only on both engines: SQLite's lower() does no
 * more, and PostgreSQL's does under the C collation. Under the database's own, PostgreSQL lowered `İ` to
 * `i`, so a search for `İ` listed every name with an `i` in it.
 */
export function containsText(column: string, text: string, dialect: Dialect): Expression<SqlBool> {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const pattern = `%${escaped}%`;
  if (dialect === 'postgres') return sql<SqlBool>`lower(${sql.ref(column)} COLLATE "C") LIKE lower(${pattern} COLLATE "C") ESCAPE '\\'`;
  return sql<SqlBool>`lower(${sql.ref(column)}) LIKE lower(${pattern}) ESCAPE '\\'`;
}
