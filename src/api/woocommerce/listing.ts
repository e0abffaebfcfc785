/**
 * WooCommerce's list parameters (`filter[limit]`, `filter[offset]`, `page`, `filter[created_at_min|max]`,
 * `filter[order]`, `filter[orderby]`, `fields`, `status`) and its paging headers (X-WC-Total,
 * X-WC-TotalPages, Link). Links carry only these parameters, written from their parsed values: never the
 * caller's credentials (consumer_secret, oauth_*) nor anything else of its query string, so their size is
 * bounded by the bounds below.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebhookStatus } from '../../core/model.ts';
import { WooError } from './errors.ts';
import { wooDate } from './present.ts';

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
/** Longer than every field name of a webhook or a delivery together. */
const MAX_FIELDS_LENGTH = 256;
/** A Host header longer than a DNS name and a port is not written into links (they become relative). */
const HOST = /^[A-Za-z0-9.:[\]-]{1,261}$/;

export interface Listing {
  limit: number;
  offset: number;
  page: number;
  order: 'asc' | 'desc';
  status?: WebhookStatus;
  createdAfter?: number;
  createdBefore?: number;
  fields?: string;
  /** The list parameters the caller gave, as parsed: what a paging link repeats besides `page`. */
  linkParameters: Array<[string, string]>;
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

/** A date as a link repeats it: WooCommerce's format, with milliseconds only when the caller gave some. */
function linkDate(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  return ms % 1000 === 0 ? wooDate(ms) : new Date(ms).toISOString();
}

export function parseListing(params: Record<string, string>): Listing {
  // A limit past MAX_LIMIT is lowered to it (as before); one past any integer column is refused.
  const requested = integer(params['filter[limit]'], 'filter[limit]', -1, MAX_OFFSET);
  const limit = requested === undefined ? DEFAULT_LIMIT : requested === -1 ? MAX_LIMIT : Math.min(Math.max(requested, 1), MAX_LIMIT);
  const page = integer(params.page, 'page', 1, MAX_OFFSET) ?? 1;
  const givenOffset = integer(params['filter[offset]'], 'filter[offset]', 0, MAX_OFFSET);
  if (givenOffset === undefined && (page - 1) * limit > MAX_OFFSET) throw invalid('page', `must not lead past item ${MAX_OFFSET} (page × filter[limit])`);
  const offset = givenOffset ?? (page - 1) * limit;
  const orderText = (params['filter[order]'] ?? 'DESC').toUpperCase();
  if (orderText !== 'ASC' && orderText !== 'DESC') throw invalid('filter[order]', 'must be ASC or DESC');
  const orderBy = (params['filter[orderby]'] ?? 'date').toLowerCase();
  if (!['date', 'id', 'created_at'].includes(orderBy)) throw invalid('filter[orderby]', 'must be date or id');
  const status = params.status;
  if (status !== undefined && status !== 'any' && !['active', 'paused', 'disabled'].includes(status)) {
    throw invalid('status', 'must be active, paused or disabled');
  }
  const fields = params.fields;
  if (fields !== undefined && fields.length > MAX_FIELDS_LENGTH) throw invalid('fields', `must be at most ${MAX_FIELDS_LENGTH} characters`);
  const createdAfter = date(params['filter[created_at_min]'], 'filter[created_at_min]');
  const createdBefore = date(params['filter[created_at_max]'], 'filter[created_at_max]');

  const linkParameters: Array<[string, string]> = [];
  const keep = (name: string, value: string | number | undefined) => {
    if (value !== undefined && params[name] !== undefined && params[name] !== '') linkParameters.push([name, String(value)]);
  };
  keep('filter[limit]', limit);
  keep('filter[offset]', givenOffset);
  keep('filter[order]', orderText);
  keep('filter[orderby]', orderBy);
  keep('filter[created_at_min]', linkDate(createdAfter));
  keep('filter[created_at_max]', linkDate(createdBefore));
  keep('status', status);
  keep('fields', fields);
  return {
    limit,
    offset,
    page,
    order: orderText === 'ASC' ? 'asc' : 'desc',
    status: status === undefined || status === 'any' ? undefined : (status as WebhookStatus),
    createdAfter,
    createdBefore,
    fields,
    linkParameters,
  };
}

export function pagingHeaders(request: FastifyRequest, reply: FastifyReply, listing: Listing, total: number): void {
  const pages = Math.max(1, Math.ceil(total / listing.limit));
  reply.header('X-WC-Total', String(total));
  reply.header('X-WC-TotalPages', String(pages));
  const host = request.headers.host;
  const origin = host !== undefined && HOST.test(host) ? `${request.protocol}://${host}` : '';
  // The path matched a route (its id checked), so it is short; the query string is rebuilt, not copied.
  const path = request.url.split('?')[0];
  const link = (page: number, rel: string) => {
    const query = new URLSearchParams([...listing.linkParameters, ['page', String(page)]]);
    return `<${origin}${path}?${query.toString()}>; rel="${rel}"`;
  };
  const links = [];
  if (listing.page > 1) links.push(link(1, 'first'), link(listing.page - 1, 'prev'));
  if (listing.page < pages) links.push(link(listing.page + 1, 'next'), link(pages, 'last'));
  if (links.length > 0) reply.header('Link', links.join(', '));
}
