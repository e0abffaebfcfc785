/**
 * The operator's operational webhook (HOOKD_OPERATIONAL_WEBHOOK_URL and its secret): every workspace's
 * operational events are published a second time into one workspace of hookd's own, whose one webhook,
 * subscribed to `hookd.*`, is that URL. So they are stored, signed, retried, logged and inspectable exactly
 * like any delivery (no second sender to keep durable), and the operator reads their attempts with the
 * admin token through the ordinary API.
 *
 * At every start the workspace is found (its id is kept in the settings table) or created, and its webhook
 * made to match the settings: URL, secret, `hookd.*`, active. Whatever was changed by hand is set back.
 * Without the setting, nothing more is published into it (what is queued there still goes out).
 */
import type { Core } from './hookd.ts';
import type { Webhook, Workspace } from './model.ts';
import type { WorkspaceRef } from './ports/store.ts';

export const OPERATOR_WORKSPACE_SETTING = 'operational_workspace';
export const OPERATOR_WORKSPACE_NAME = 'hookd operational webhooks';
export const OPERATOR_WEBHOOK_NAME = 'operator';
const EVENTS = ['hookd.*'];

export interface OperatorTarget {
  url: string;
  secret: string;
}

/** The operator's workspace, ready to receive the operational events; null without a target. */
export async function ensureOperatorWebhook(core: Core, target: OperatorTarget | null): Promise<WorkspaceRef | null> {
  if (target === null) return null;
  const workspace = await operatorWorkspace(core);
  let [found] = await operatorWebhooks(core, workspace);
  if (!found) {
    await core.webhooks.create(workspace, { name: OPERATOR_WEBHOOK_NAME, url: target.url, events: EVENTS, secret: target.secret, status: 'active' });
    // Processes starting together may each have created one: all keep the oldest, so each event goes out once.
    const all = await operatorWebhooks(core, workspace);
    for (const extra of all.slice(1)) await core.webhooks.delete(extra);
    found = all[0];
  }
  await core.webhooks.patch(workspace, found, changesTo(found, target));
  // A new secret is a rotation, as POST …/rotate-secret: the old one keeps signing alongside for the grace period.
  if (found.signing !== 'hmac') await core.webhooks.patch(workspace, found, { signing: 'hmac', secret: target.secret });
  else if ((await core.webhooks.revealSecret({ kind: 'admin' }, found)).secret !== target.secret) await core.webhooks.rotateSecret(workspace, found, target.secret);
  return { seq: workspace.seq, id: workspace.id };
}

/** The workspace's webhooks named `operator`, oldest first. */
async function operatorWebhooks(core: Core, workspace: Workspace): Promise<Webhook[]> {
  const page = await core.webhooks.list(workspace, { nameContains: OPERATOR_WEBHOOK_NAME }, { limit: 100 });
  return page.items.filter((webhook) => webhook.name === OPERATOR_WEBHOOK_NAME).sort((a, b) => a.seq - b.seq);
}

async function operatorWorkspace(core: Core): Promise<Workspace> {
  const settings = core.ctx.store.settings;
  const known = await settings.get(OPERATOR_WORKSPACE_SETTING);
  const existing = known === null ? null : await core.ctx.store.workspaces.get(known);
  if (existing) return existing;
  const created = await core.workspaces.create({ name: OPERATOR_WORKSPACE_NAME });
  if (known === null) {
    // Several processes starting at once: the first to store its id wins; the others' stay empty.
    const kept = await settings.setIfAbsent(OPERATOR_WORKSPACE_SETTING, created.id);
    return kept === created.id ? created : (await core.ctx.store.workspaces.get(kept)) ?? created;
  }
  // Deleted by hand: a new one takes its place.
  await settings.set(OPERATOR_WORKSPACE_SETTING, created.id);
  return created;
}

/** Only what differs from the settings (the secret aside). */
function changesTo(webhook: Webhook, target: OperatorTarget) {
  return {
    ...(webhook.url !== target.url ? { url: target.url } : {}),
    ...(webhook.events.length !== 1 || webhook.events[0] !== EVENTS[0] ? { events: EVENTS } : {}),
    ...(webhook.status !== 'active' ? { status: 'active' as const } : {}),
  };
}
