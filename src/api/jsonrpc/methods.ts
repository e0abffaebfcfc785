/**
 * ShipStream's resource methods, reached through `call(session, "webhook.<method>", [args…])`. Each one
 * only translates arguments and results; the core does the work.
 */
import type { Core } from '../../core/hookd.ts';
import { Invalid } from '../../core/errors.ts';
import type { Workspace } from '../../core/model.ts';
import { invalidParams } from './errors.ts';
import { parseIsActive, presentWebhook, toPatch } from './webhook-shape.ts';

type ResourceMethod = (core: Core, workspace: Workspace, args: unknown[]) => Promise<unknown>;

function webhookId(value: unknown): number {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw invalidParams('webhook_id must be a positive integer');
  return id;
}

function data(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidParams('the webhook data must be an object');
  return value as Record<string, unknown>;
}

/** A Map, not an object literal: a path such as "constructor" or "__proto__" must find nothing. */
export const RESOURCE_METHODS = new Map<string, ResourceMethod>(Object.entries({
  'webhook.list': async (core, workspace) => {
    const webhooks = [];
    let cursor: string | undefined;
    do {
      const page = await core.webhooks.list(workspace, {}, { limit: 250, cursor });
      webhooks.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return webhooks.reverse().map((webhook) => ({ webhook_id: webhook.seq, name: webhook.name }));
  },

  'webhook.info': async (core, workspace, [id]) => presentWebhook(await core.webhooks.getBySeq(workspace, webhookId(id))),

  'webhook.create': async (core, workspace, [fields]) => {
    const patch = toPatch(data(fields));
    if (patch.url === undefined) throw new Invalid('url', 'url is required');
    if (patch.events === undefined) throw new Invalid('topics', 'topics are required');
    const webhook = await core.webhooks.create(workspace, {
      ...patch,
      name: patch.name ?? `Webhook ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`,
      url: patch.url,
      events: patch.events,
      // ShipStream webhooks start active unless is_active says otherwise.
      status: patch.status ?? 'active',
      format: 'shipstream',
    });
    return webhook.seq;
  },

  'webhook.update': async (core, workspace, [id, fields]) => {
    const webhook = await core.webhooks.getBySeq(workspace, webhookId(id));
    await core.webhooks.patch(workspace, webhook, toPatch(data(fields)));
    return true;
  },

  'webhook.update_status': async (core, workspace, [id, isActive]) => {
    const webhook = await core.webhooks.getBySeq(workspace, webhookId(id));
    if (isActive === undefined) throw invalidParams('is_active is required');
    await core.webhooks.patch(workspace, webhook, { status: parseIsActive(isActive) ? 'active' : 'paused' });
    return true;
  },

  'webhook.delete': async (core, workspace, [id]) => {
    await core.webhooks.delete(await core.webhooks.getBySeq(workspace, webhookId(id)));
    return true;
  },
} satisfies Record<string, ResourceMethod>));
