/** Deliveries (a workspace's, a webhook's), their attempts, manual re-sends, and the attempt log (including tests). */
import type { Core } from '../../../core/hookd.ts';
import type { NativeAccess, NativeApp } from '../context.ts';
import { ok } from '../envelope.ts';
import { presentAttempt, presentDelivery, presentPage } from '../present.ts';
import { AttemptListQuery, DeliveryListQuery, DeliveryParams, Recover, WebhookParams, WorkspaceDeliveryListQuery, WorkspaceParams } from '../schemas.ts';

export function deliveryRoutes(app: NativeApp, core: Core, access: NativeAccess): void {
  app.get('/workspaces/:ws/deliveries', { schema: { tags: ['deliveries'], params: WorkspaceParams, querystring: WorkspaceDeliveryListQuery } }, async (request) => {
    const workspace = await access.workspace(request, request.params.ws);
    const { limit = 50, cursor, ...query } = request.query;
    return presentPage(await core.deliveries.list(workspace, query, { limit, cursor }), limit, presentDelivery);
  });

  app.get('/workspaces/:ws/webhooks/:id/deliveries', { schema: { tags: ['deliveries'], params: WebhookParams, querystring: DeliveryListQuery } }, async (request) => {
    const { workspace, webhook } = await access.webhook(request);
    const { limit = 50, cursor, ...query } = request.query;
    return presentPage(await core.deliveries.list(workspace, { ...query, webhook }, { limit, cursor }), limit, presentDelivery);
  });

  app.get('/workspaces/:ws/webhooks/:id/deliveries/:deliveryId', { schema: { tags: ['deliveries'], params: DeliveryParams } }, async (request) => {
    const { webhook } = await access.webhook(request);
    const { delivery, attempts } = await core.deliveries.get(webhook, request.params.deliveryId);
    return ok({ ...presentDelivery(delivery), attempts: attempts.map(presentAttempt) });
  });

  app.post('/workspaces/:ws/webhooks/:id/deliveries/:deliveryId/resend', { schema: { tags: ['deliveries'], params: DeliveryParams } }, async (request, reply) => {
    const { webhook } = await access.webhook(request);
    return reply.status(202).send(ok(presentDelivery(await core.deliveries.resend(webhook, request.params.deliveryId))));
  });

  app.post('/workspaces/:ws/webhooks/:id/recover', { schema: { tags: ['deliveries'], params: WebhookParams, body: Recover } }, async (request, reply) => {
    const { webhook } = await access.webhook(request);
    return reply.status(202).send(ok({ resent: await core.deliveries.recover(webhook, request.body.since) }));
  });

  app.get('/workspaces/:ws/webhooks/:id/attempts', { schema: { tags: ['deliveries'], params: WebhookParams, querystring: AttemptListQuery } }, async (request) => {
    const { webhook } = await access.webhook(request);
    const limit = request.query.limit ?? 50;
    const page = await core.deliveries.attempts(webhook, { trigger: request.query.trigger as never }, { limit, cursor: request.query.cursor });
    return presentPage(page, limit, presentAttempt);
  });
}
