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

function integer(value: string | undefined, parameter: string, min: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value) || Number(value) < min) throw invalid(parameter, `must be a whole number of at least ${min}`);
  return Number(value);
}

function date(value: string | undefined, parameter: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw invalid(parameter, 'must be a date such as 2015-01-21 or 2015-01-21T13:19:58Z');
  return ms;
}

export function parseListing(params: Record<string, string>): Listing {
  const requested = integer(params['filter[limit]'], 'filter[limit]', -1);
  const limit = requested === undefined ? DEFAULT_LIMIT : requested === -1 ? MAX_LIMIT : Math.min(Math.max(requested, 1), MAX_LIMIT);
  const page = integer(params.page, 'page', 1) ?? 1;
  const offset = integer(params['filter[offset]'], 'filter[offset]', 0) ?? (page - 1) * limit;
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
