/** Webhooks in UP42's shape: CRUD, status via `active`, secret rotation and "test a webhook". */
import type { Static } from 'typebox';
import type { Core } from '../../../core/hookd.ts';
import type { WebhookPatch, WithGeneratedSecret } from '../../../core/webhooks.ts';
import { webhookFilter } from '../../../core/list-filters.ts';
import type { NativeAccess, NativeApp } from '../context.ts';
import { ok } from '../envelope.ts';
import { presentPage, presentSecret, presentTestReport, presentTransformCheck, presentWebhook } from '../present.ts';
import { CheckFilter, CheckTransform, CreateWebhook, PatchWebhook, RotateSecret, RunTests, WebhookCountQuery, WebhookListQuery, WebhookParams, WorkspaceParams } from '../schemas.ts';
import { CountView, FilterCheckView, SecretView, TestReportView, TransformCheckView, WebhookView, WebhookWithSecretView, answers, noContent, pages } from '../response-schemas.ts';

/** The native `active` flag is the core's status (a disabled webhook stays disabled until set active). */
function toCore(body: Static<typeof PatchWebhook>): WebhookPatch {
  const { active, ...rest } = body;
  return { ...rest, ...(active === undefined ? {} : { status: active ? 'active' : 'paused' }) };
}

/** The webhook, and (only when hookd generated it, in this one answer) its signing secret. */
function withGeneratedSecret({ webhook, generatedSecret }: WithGeneratedSecret) {
  return generatedSecret === null ? presentWebhook(webhook) : Object.assign(presentWebhook(webhook), { secret: generatedSecret });
}

export function webhookRoutes(app: NativeApp, core: Core, access: NativeAccess): void {
  app.post('/workspaces/:ws/webhooks', { schema: { tags: ['webhooks'], operationId: 'createWebhook', summary: 'Create a webhook (a generated secret is shown in this answer only)', response: answers(201, WebhookWithSecretView), params: WorkspaceParams, body: CreateWebhook } }, async (request, reply) => {
    const workspace = await access.workspace(request, request.params.ws);
    const { name, url, events } = request.body;
    const created = await core.webhooks.createShowingSecret(workspace, { ...toCore(request.body), name, url, events });
    return reply.status(201).send(ok(withGeneratedSecret(created)));
  });

  app.get('/workspaces/:ws/webhooks', { schema: { tags: ['webhooks'], operationId: 'listWebhooks', summary: 'The workspace\'s webhooks, newest first, filtered', response: pages(WebhookView), params: WorkspaceParams, querystring: WebhookListQuery } }, async (request) => {
    const workspace = await access.workspace(request, request.params.ws);
    const { limit = 50, cursor, ...query } = request.query;
    const page = await core.webhooks.list(workspace, webhookFilter(query), { limit, cursor });
    return presentPage(page, limit, presentWebhook);
  });

  app.get('/workspaces/:ws/webhooks/count', { schema: { tags: ['webhooks'], operationId: 'countWebhooks', summary: 'How many webhooks match the list\'s filters', response: answers(200, CountView), params: WorkspaceParams, querystring: WebhookCountQuery } }, async (request) => {
    const workspace = await access.workspace(request, request.params.ws);
    return ok({ count: await core.webhooks.count(workspace, webhookFilter(request.query)) });
  });

  app.get('/workspaces/:ws/webhooks/:id/secret', { schema: { tags: ['webhooks'], operationId: 'getWebhookSecret', summary: 'The webhook\'s signing secret (or an ed25519 webhook\'s public key), and the previous one during its grace period', response: answers(200, SecretView), params: WebhookParams } }, async (request) => {
    const { workspace, webhook, principal } = await access.webhook(request);
    const revealed = await core.webhooks.revealSecret(principal, webhook);
    request.log.info({ webhookId: webhook.id, workspaceId: workspace.id, by: principal.kind === 'workspace' ? `api key ${principal.keyId}` : 'admin token' }, 'signing secret revealed');
    return ok(presentSecret(revealed));
  });

  app.get('/workspaces/:ws/webhooks/:id', { schema: { tags: ['webhooks'], operationId: 'getWebhook', summary: 'One webhook', response: answers(200, WebhookView), params: WebhookParams } }, async (request) =>
    ok(presentWebhook((await access.webhook(request)).webhook)));

  // A change of `signing` to hmac without a secret generates one: that answer shows it, as create does.
  app.put('/workspaces/:ws/webhooks/:id', { schema: { tags: ['webhooks'], operationId: 'replaceWebhook', summary: 'Replace a webhook: fields left out return to their defaults', response: answers(200, WebhookWithSecretView), params: WebhookParams, body: CreateWebhook } }, async (request) => {
    const { workspace, webhook } = await access.webhook(request);
    const { name, url, events } = request.body;
    return ok(withGeneratedSecret(await core.webhooks.replaceShowingSecret(workspace, webhook, { ...toCore(request.body), name, url, events })));
  });

  app.patch('/workspaces/:ws/webhooks/:id', { schema: { tags: ['webhooks'], operationId: 'updateWebhook', summary: 'Change the fields given (active: false pauses, true resumes)', response: answers(200, WebhookWithSecretView), params: WebhookParams, body: PatchWebhook } }, async (request) => {
    const { workspace, webhook } = await access.webhook(request);
    return ok(withGeneratedSecret(await core.webhooks.patchShowingSecret(workspace, webhook, toCore(request.body))));
  });

  app.delete('/workspaces/:ws/webhooks/:id', { schema: { tags: ['webhooks'], operationId: 'deleteWebhook', summary: 'Delete a webhook with its deliveries and attempts', response: noContent, params: WebhookParams } }, async (request, reply) => {
    const { webhook } = await access.webhook(request);
    await core.webhooks.delete(webhook);
    return reply.status(204).send();
  });

  app.post('/workspaces/:ws/webhooks/:id/rotate-secret', { schema: { tags: ['webhooks'], operationId: 'rotateWebhookSecret', summary: 'A new signing secret (or Ed25519 key pair); the old one keeps signing for the grace period', response: answers(200, WebhookWithSecretView), params: WebhookParams, body: RotateSecret } }, async (request) => {
    const { workspace, webhook } = await access.webhook(request);
    return ok(withGeneratedSecret(await core.webhooks.rotateSecret(workspace, webhook, request.body.secret)));
  });

  app.post('/workspaces/:ws/webhooks/:id/filter/check', { schema: { tags: ['webhooks'], operationId: 'checkWebhookFilter', summary: 'Whether a sample event would pass the webhook\'s payload filter', response: answers(200, FilterCheckView), params: WebhookParams, body: CheckFilter } }, async (request) => {
    const { webhook } = await access.webhook(request);
    return ok({ matches: core.webhooks.checkFilter(webhook, request.body.event) });
  });

  app.post('/workspaces/:ws/webhooks/:id/transform/check', { schema: { tags: ['webhooks'], operationId: 'checkWebhookTransform', summary: 'The request the webhook\'s transform (or one given to try) makes of a sample event', response: answers(200, TransformCheckView), params: WebhookParams, body: CheckTransform } }, async (request) => {
    const { webhook } = await access.webhook(request);
    return ok(presentTransformCheck(await core.webhooks.checkTransform(webhook, request.body.event, request.body.transform)));
  });

  for (const path of ['/workspaces/:ws/webhooks/:id/tests', '/workspaces/:ws/webhooks/:id/test']) {
    const operationId = path.endsWith('/tests') ? 'runWebhookTests' : 'runWebhookTest';
    app.post(path, { schema: { tags: ['webhooks'], operationId, summary: path.endsWith('/tests') ? 'Send a test of each subscribed event type, now, and report' : 'The same as …/tests (UP42\'s singular spelling)', response: answers(200, TestReportView), params: WebhookParams, body: RunTests } }, async (request) => {
      const { workspace, webhook } = await access.webhook(request);
      return ok(presentTestReport(await core.tests.run(workspace, webhook, request.body.event)));
    });
  }
}
