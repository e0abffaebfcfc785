/** The per-workspace webhook limit (HOOKD_MAX_WEBHOOKS_PER_WORKSPACE), which every kind of webhook counts against. */
import type { CoreContext } from './context.ts';
import { Conflict } from './errors.ts';
import type { Workspace } from './model.ts';

/** Refuses one more webhook (a `hookd listen` session's too) when the workspace has its limit. */
export async function ensureWebhookRoom(ctx: CoreContext, workspace: Workspace): Promise<void> {
  const limit = ctx.settings.maxWebhooksPerWorkspace;
  if (await ctx.store.webhooks.count(workspace, {}) >= limit) {
    throw new Conflict(`this workspace has reached its limit of ${limit} webhooks (HOOKD_MAX_WEBHOOKS_PER_WORKSPACE), listen sessions included; delete one first`);
  }
}
