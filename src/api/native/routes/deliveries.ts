/** Deliveries (a workspace's, a webhook's), their attempts, manual re-sends, and the attempt log (including tests). */
import type { Core } from '../../../core/hookd.ts';
import type { NativeAccess, NativeApp } from '../context.ts';
import { ok } from '../envelope.ts';
import { presentAttempt, presentDelivery, presentPage } from '../present.ts';
import { AttemptListQuery, DeliveryListQuery, DeliveryParams, Recover, WebhookParams, WorkspaceAttemptListQuery, WorkspaceDeliveryListQuery, WorkspaceParams } from '../schemas.ts';
import { AttemptView, DeliveryView, DeliveryWithAttemptsView, ResentView, answers, pages } from '../response-schemas.ts';

export function deliveryRoutes(app: NativeApp, core: Core, access: NativeAccess): void {
  app.get('/workspaces/:ws/deliveries', { schema: { tags: ['deliveries'], operationId: 'listDeliveries', summary: 'Every delivery of the workspace, newest first, filtered', response: pages(DeliveryView), params: WorkspaceParams, querystring: WorkspaceDeliveryListQuery } }, async (request) => {
    const workspace = await access.workspace(request, request.params.ws);
    const { limit = 50, cursor, ...query } = request.query;
    return presentPage(await core.deliveries.list(workspace, query, { limit, cursor }), limit, presentDelivery);
  });

  app.get('/workspaces/:ws/webhooks/:id/deliveries', { schema: { tags: ['deliveries'], operationId: 'listWebhookDeliveries', summary: 'One webhook\'s deliveries, newest first, filtered', response: pages(DeliveryView), params: WebhookParams, querystring: DeliveryListQuery } }, async (request) => {
    const { workspace, webhook } = await access.webhook(request);
    const { limit = 50, cursor, ...query } = request.query;
    return presentPage(await core.deliveries.list(workspace, { ...query, webhook }, { limit, cursor }), limit, presentDelivery);
  });

  app.get('/workspaces/:ws/webhooks/:id/deliveries/:deliveryId', { schema: { tags: ['deliveries'], operationId: 'getDelivery', summary: 'A delivery with its attempts (its latest 100, oldest first)', response: answers(200, DeliveryWithAttemptsView), params: DeliveryParams } }, async (request) => {
    const { webhook } = await access.webhook(request);
    const { delivery, attempts } = await core.deliveries.get(webhook, request.params.deliveryId);
    return ok({ ...presentDelivery(delivery), attempts: attempts.map(presentAttempt) });
  });

  app.post('/workspaces/:ws/webhooks/:id/deliveries/:deliveryId/resend', { schema: { tags: ['deliveries'], operationId: 'resendDelivery', summary: 'One more attempt of a delivery, now', response: answers(202, DeliveryView), params: DeliveryParams } }, async (request, reply) => {
    const { webhook } = await access.webhook(request);
    return reply.status(202).send(ok(presentDelivery(await core.deliveries.resend(webhook, request.params.deliveryId))));
  });

  app.post('/workspaces/:ws/webhooks/:id/recover', { schema: { tags: ['deliveries'], operationId: 'recoverFailedDeliveries', summary: 'Re-send every failed delivery of the webhook since a time', response: answers(202, ResentView), params: WebhookParams, body: Recover } }, async (request, reply) => {
    const { webhook } = await access.webhook(request);
    return reply.status(202).send(ok(await core.deliveries.recover(webhook, request.body.since)));
  });

  app.get('/workspaces/:ws/attempts', { schema: { tags: ['deliveries'], operationId: 'listAttempts', summary: 'Every attempt of the workspace: newest first, or after an attempt id to follow the log', response: pages(AttemptView), params: WorkspaceParams, querystring: WorkspaceAttemptListQuery } }, async (request) => {
    const workspace = await access.workspace(request, request.params.ws);
    const { limit = 50, cursor, ...query } = request.query;
    return presentPage(await core.deliveries.workspaceAttempts(workspace, query, { limit, cursor }), limit, presentAttempt);
  });

  app.get('/workspaces/:ws/webhooks/:id/attempts', { schema: { tags: ['deliveries'], operationId: 'listWebhookAttempts', summary: 'Every attempt to the webhook, tests included, newest first', response: pages(AttemptView), params: WebhookParams, querystring: AttemptListQuery } }, async (request) => {
    const { webhook } = await access.webhook(request);
    const limit = request.query.limit ?? 50;
    const page = await core.deliveries.attempts(webhook, { trigger: request.query.trigger as never }, { limit, cursor: request.query.cursor });
    return presentPage(page, limit, presentAttempt);
  });
}
