/** The filters lists share on every face: an event type or resource, a time range, substrings. */
import { Invalid } from './errors.ts';
import type { WebhookStatus } from './model.ts';
import type { EventTypeFilter, WebhookFilter } from './ports/store.ts';
import { isWildcard, patternsMatching } from './topics.ts';
import { parseInstant } from './validation.ts';

/** What a caller may filter lists by, as the API received it (text). */
export interface TimeRangeInput {
  after?: string;
  before?: string;
}

/** `order.created` exactly, `order.*` for every type under `order.`, `*` (or nothing) for all. */
export function parseEventTypeFilter(text: string | undefined, field: string): EventTypeFilter | undefined {
  if (text === undefined || text === '*') return undefined;
  if (text.length === 0 || text.length > 100) throw new Invalid(field, 'must be an event type (order.created), a resource (order.*) or *');
  if (text.endsWith('.*')) {
    const prefix = text.slice(0, -1);
    if (prefix.length < 2 || prefix.includes('*')) throw new Invalid(field, `"${text}" is not a resource pattern (e.g. order.*)`);
    return { prefix };
  }
  if (text.includes('*')) throw new Invalid(field, `"${text}": a wildcard may only end a pattern, as in order.*`);
  return { exact: text };
}

/** `after` and `before` (RFC 3339, both included) as epoch milliseconds; refused if they make an empty range. */
export function parseTimeRange(input: TimeRangeInput): { createdAfter?: number; createdBefore?: number } {
  const createdAfter = input.after === undefined ? undefined : parseInstant(input.after, 'after');
  const createdBefore = input.before === undefined ? undefined : parseInstant(input.before, 'before');
  if (createdAfter !== undefined && createdBefore !== undefined && createdAfter > createdBefore) {
    throw new Invalid('before', 'must not be earlier than after');
  }
  return { ...(createdAfter === undefined ? {} : { createdAfter }), ...(createdBefore === undefined ? {} : { createdBefore }) };
}

/** Which webhooks a list or count shows, as a caller asks for them. */
export interface WebhookQuery extends TimeRangeInput {
  status?: WebhookStatus;
  /** An event type: the webhooks it would reach. A pattern (`order.*`, `*`): the webhooks subscribed to it as such. */
  event?: string;
  url?: string;
  name?: string;
}

export function webhookFilter(query: WebhookQuery): WebhookFilter {
  const filter: WebhookFilter = parseTimeRange(query);
  if (query.status !== undefined) filter.status = query.status;
  if (query.event !== undefined) filter.subscribedTo = isWildcard(query.event) ? [query.event] : patternsMatching(query.event);
  if (query.url !== undefined) filter.urlContains = searchText(query.url, 'url');
  if (query.name !== undefined) filter.nameContains = searchText(query.name, 'name');
  return filter;
}

/**
 * A text to look for. A NUL is refused: SQLite reads a LIKE pattern as a C string, so one would end the
 * pattern early and match every row (PostgreSQL cannot hold one in text at all).
 */
function searchText(text: string, field: string): string {
  if (text.includes('\u0000')) throw new Invalid(field, 'must not contain a NUL character');
  return text;
}
