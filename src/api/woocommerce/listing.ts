/**
 * WooCommerce's list parameters (`filter[limit]`, `filter[offset]`, `page`, `filter[created_at_min|max]`,
 * `filter[order]`, `filter[orderby]`, `fields`, `status`) and its paging headers (X-WC-Total,
 * X-WC-TotalPages, Link).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebhookStatus } from '../../core/model.ts';
import { WooError } from './errors.ts';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;
/**
 * The largest offset a list reaches, given or computed as (page - 1) × limit. Far past any real list,
 * and far below what SQLite and PostgreSQL take as an integer (past 2^63 they refuse the bound value).
 */
const MAX_OFFSET = 2 ** 31 - 1;
/** Dates from year 1 to year 9999, as WooCommerce's own date format writes them. */
const MIN_DATE = Date.parse('0001-01-01T00:00:00Z');
const MAX_DATE = Date.parse('9999-12-31T23:59:59.999Z');
const MAX_DATE_LENGTH = 64;

export interface Listing {
  limit: number;
  offset: number;
  page: number;
  order: 'asc' | 'desc';
  status?: WebhookStatus;
  createdAfter?: number;
  createdBefore?: number;
  fields?: string;
}

const invalid = (parameter: string, message: string) => new WooError(400, 'woocommerce_api_invalid_parameter', `${parameter}: ${message}`);

/** A whole number from `min` to `max`; anything longer than `max` could be is refused before it is read. */
function integer(value: string | undefined, parameter: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const wholeNumber = value.length <= String(max).length + 1 && /^-?\d+$/.test(value);
  if (!wholeNumber || Number(value) < min || Number(value) > max) throw invalid(parameter, `must be a whole number from ${min} to ${max}`);
  return Number(value);
}

function date(value: string | undefined, parameter: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = value.length > MAX_DATE_LENGTH ? Number.NaN : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!(ms >= MIN_DATE && ms <= MAX_DATE)) throw invalid(parameter, 'must be a date from year 1 to 9999 such as 2015-01-21 or 2015-01-21T13:19:58Z');
  return ms;
}

export function parseListing(params: Record<string, string>): Listing {
  // A limit past MAX_LIMIT is lowered to it (as before); one past any integer column is refused.
  const requested = integer(params['filter[limit]'], 'filter[limit]', -1, MAX_OFFSET);
  const limit = requested === undefined ? DEFAULT_LIMIT : requested === -1 ? MAX_LIMIT : Math.min(Math.max(requested, 1), MAX_LIMIT);
  const page = integer(params.page, 'page', 1, MAX_OFFSET) ?? 1;
  const given = integer(params['filter[offset]'], 'filter[offset]', 0, MAX_OFFSET);
  if (given === undefined && (page - 1) * limit > MAX_OFFSET) throw invalid('page', `must not lead past item ${MAX_OFFSET} (page × filter[limit])`);
  const offset = given ?? (page - 1) * limit;
  const orderText = (params['filter[order]'] ?? 'DESC').toUpperCase();
  if (orderText !== 'ASC' && orderText !== 'DESC') throw invalid('filter[order]', 'must be ASC or DESC');
  const orderBy = (params['filter[orderby]'] ?? 'date').toLowerCase();
  if (!['date', 'id', 'created_at'].includes(orderBy)) throw invalid('filter[orderby]', 'must be date or id');
  const status = params.status;
  if (status !== undefined && status !== 'any' && !['active', 'paused', 'disabled'].includes(status)) {
    throw invalid('status', 'must be active, paused or disabled');
  }
  return {
    limit,
    offset,
    page,
    order: orderText === 'ASC' ? 'asc' : 'desc',
    status: status === undefined || status === 'any' ? undefined : (status as WebhookStatus),
    createdAfter: date(params['filter[created_at_min]'], 'filter[created_at_min]'),
    createdBefore: date(params['filter[created_at_max]'], 'filter[created_at_max]'),
    fields: params.fields,
  };
}

export function pagingHeaders(request: FastifyRequest, reply: FastifyReply, listing: Listing, total: number): void {
  const pages = Math.max(1, Math.ceil(total / listing.limit));
  reply.header('X-WC-Total', String(total));
  reply.header('X-WC-TotalPages', String(pages));
  const url = new URL(request.url, `${request.protocol}://${request.headers.host ?? 'localhost'}`);
  const link = (page: number, rel: string) => {
    url.searchParams.set('page', String(page));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links = [];
  if (listing.page > 1) links.push(link(1, 'first'), link(listing.page - 1, 'prev'));
  if (listing.page < pages) links.push(link(listing.page + 1, 'next'), link(pages, 'last'));
  if (links.length > 0) reply.header('Link', links.join(', '));
}
