/**
 * The legacy v2 webhook routes. Each handler reads WooCommerce's wire names, calls the core, and writes
 * WooCommerce's shapes back.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Invalid, NotFound } from '../../core/errors.ts';
import type { Core } from '../../core/hookd.ts';
import type { Webhook, WebhookStatus, Workspace } from '../../core/model.ts';
import type { WebhookPatch } from '../../core/webhooks.ts';
import { parseWooTopic } from '../../core/woocommerce-topics.ts';
import { lastValues } from './auth.ts';
import { WooError, missingWebhookData } from './errors.ts';
import { pagingHeaders, parseListing } from './listing.ts';
import { defaultName, pickFields, presentDelivery, presentWebhook } from './present.ts';

export interface WooCall {
  core: Core;
  workspace: Workspace;
  consumerSecret: string;
  request: FastifyRequest;
  reply: FastifyReply;
}

const WRITABLE = new Set(['name', 'status', 'topic', 'delivery_url', 'secret']);
/** Fields a client may send back from a read; they are ignored, as WooCommerce ignores them. */
const READ_ONLY = new Set(['id', 'resource', 'event', 'hooks', 'created_at', 'updated_at']);
const STATUSES: WebhookStatus[] = ['active', 'paused', 'disabled'];

function webhookData(body: unknown, action: string): Record<string, unknown> {
  const wrapped = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).webhook : undefined;
  if (wrapped === null || typeof wrapped !== 'object' || Array.isArray(wrapped)) throw missingWebhookData(action);
  const data = wrapped as Record<string, unknown>;
  for (const key of Object.keys(data)) {
    if (!WRITABLE.has(key) && !READ_ONLY.has(key)) {
      // The name is the caller's: shown bounded, and never used as a field to look up an error code by.
      const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
      throw new WooError(400, 'woocommerce_api_invalid_webhook_data', `Unknown webhook field "${shown}"`);
    }
  }
  return data;
}

function text(data: Record<string, unknown>, field: string): string | undefined {
  const value = data[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Invalid(field, 'must be a string');
  return value;
}

/** WooCommerce's writable webhook fields as the core's patch. */
function toPatch(data: Record<string, unknown>): WebhookPatch {
  const patch: WebhookPatch = {};
  const name = text(data, 'name');
  if (name !== undefined) patch.name = name;
  if (data.topic !== undefined) patch.events = [parseWooTopic(data.topic).topic];
  const url = text(data, 'delivery_url');
  if (url !== undefined) patch.url = url;
  const secret = text(data, 'secret');
  if (secret !== undefined) patch.secret = secret;
  const status = text(data, 'status');
  if (status !== undefined) {
    if (!STATUSES.includes(status as WebhookStatus)) throw new Invalid('status', 'Webhook status must be active, paused or disabled');
    patch.status = status as WebhookStatus;
  }
  return patch;
}

/** A positive id that a JavaScript number holds exactly; longer digit strings are not read at all. */
function numericId(value: string, onInvalid: () => Error): number {
  if (!/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) <= 0) throw onInvalid();
  return Number(value);
}

async function loadWebhook(call: WooCall, id: string): Promise<Webhook> {
  return call.core.webhooks.getBySeq(call.workspace, numericId(id, () => new NotFound('webhook')));
}

export async function listWebhooks(call: WooCall) {
  const params = lastValues(call.request.query);
  const listing = parseListing(params);
  const filter = { status: listing.status, createdAfter: listing.createdAfter, createdBefore: listing.createdBefore };
  const { items, total } = await call.core.webhooks.listByOffset(call.workspace, filter, listing.offset, listing.limit, listing.order);
  pagingHeaders(call.request, call.reply, listing, total);
  return { webhooks: items.map((webhook) => pickFields(presentWebhook(webhook), listing.fields)) };
}

export async function countWebhooks(call: WooCall) {
  const listing = parseListing(lastValues(call.request.query));
  const count = await call.core.webhooks.count(call.workspace, { status: listing.status, createdAfter: listing.createdAfter, createdBefore: listing.createdBefore });
  return { count };
}

export async function createWebhook(call: WooCall) {
  const data = webhookData(call.request.body, 'create');
  if (data.topic === undefined) throw new Invalid('topic', 'Webhook topic is required and must be valid.');
  if (data.delivery_url === undefined) throw new Invalid('delivery_url', 'Webhook delivery URL must be a valid URL starting with http:// or https://');
  const patch = toPatch(data);
  const webhook = await call.core.webhooks.create(call.workspace, {
    ...patch,
    name: patch.name ?? defaultName(Date.now()),
    url: patch.url as string,
    events: patch.events as string[],
    // WooCommerce's default secret is the calling key's consumer secret; new webhooks are always active.
    secret: patch.secret ?? call.consumerSecret,
    status: 'active',
    format: 'woocommerce',
    disableRule: 'woocommerce',
    meta: { apiVersion: 'v2' },
  });
  const ping = await call.core.webhooks.ping(webhook);
  if (!ping.ok) call.request.log.info({ webhook: webhook.id, error: ping.error }, 'WooCommerce ping to the new webhook failed (the webhook is kept)');
  call.reply.status(201);
  return { webhook: presentWebhook(webhook) };
}

export async function viewWebhook(call: WooCall, id: string) {
  const params = lastValues(call.request.query);
  return { webhook: pickFields(presentWebhook(await loadWebhook(call, id)), params.fields) };
}

export async function editWebhook(call: WooCall, id: string) {
  const webhook = await loadWebhook(call, id);
  const patch = toPatch(webhookData(call.request.body, 'edit'));
  return { webhook: presentWebhook(await call.core.webhooks.patch(call.workspace, webhook, patch)) };
}

export async function deleteWebhook(call: WooCall, id: string) {
  await call.core.webhooks.delete(await loadWebhook(call, id));
  return { message: 'Permanently deleted webhook' };
}

export async function listDeliveries(call: WooCall, id: string) {
  const webhook = await loadWebhook(call, id);
  const params = lastValues(call.request.query);
  const listing = parseListing(params);
  const { items, total } = await call.core.deliveries.attemptsByOffset(webhook, listing.offset, listing.limit);
  pagingHeaders(call.request, call.reply, listing, total);
  return { webhook_deliveries: items.map((attempt) => pickFields(presentDelivery(attempt), listing.fields)) };
}

export async function viewDelivery(call: WooCall, id: string, deliveryId: string) {
  const webhook = await loadWebhook(call, id);
  const invalid = () => new WooError(400, 'woocommerce_api_invalid_webhook_delivery_id', 'Invalid webhook delivery ID');
  const attempt = await call.core.deliveries.attempt(webhook, numericId(deliveryId, invalid));
  return { webhook_delivery: pickFields(presentDelivery(attempt), lastValues(call.request.query).fields) };
}
