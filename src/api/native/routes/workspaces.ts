/** Workspaces and API keys: created, listed and deleted with the admin token; renamed by the admin or the workspace's own key. */
import type { Core } from '../../../core/hookd.ts';
import type { NativeAccess, NativeApp } from '../context.ts';
import { ok } from '../envelope.ts';
import { presentApiKey, presentIssuedKey, presentPage, presentWorkspace } from '../present.ts';
import { CreateApiKey, CreateWorkspace, KeyParams, ListQuery, RenameWorkspace, WorkspaceParams } from '../schemas.ts';
import { Type } from 'typebox';
import { ApiKeyView, IssuedApiKeyView, WorkspaceView, answers, noContent, pages } from '../response-schemas.ts';

export function workspaceRoutes(app: NativeApp, core: Core, access: NativeAccess): void {
  app.post('/workspaces', { schema: { tags: ['workspaces'], operationId: 'createWorkspace', summary: 'Create a workspace (admin)', response: answers(201, WorkspaceView), body: CreateWorkspace } }, async (request, reply) => {
    await access.admin(request);
    return reply.status(201).send(ok(presentWorkspace(await core.workspaces.create(request.body))));
  });

  app.get('/workspaces', { schema: { tags: ['workspaces'], operationId: 'listWorkspaces', summary: 'Every workspace, newest first (admin)', response: pages(WorkspaceView), querystring: ListQuery } }, async (request) => {
    await access.admin(request);
    const limit = request.query.limit ?? 50;
    return presentPage(await core.workspaces.list({ limit, cursor: request.query.cursor }), limit, presentWorkspace);
  });

  app.get('/workspaces/:ws', { schema: { tags: ['workspaces'], operationId: 'getWorkspace', summary: 'One workspace', response: answers(200, WorkspaceView), params: WorkspaceParams } }, async (request) =>
    ok(presentWorkspace(await access.workspace(request, request.params.ws))));

  app.patch('/workspaces/:ws', { schema: { tags: ['workspaces'], operationId: 'renameWorkspace', summary: 'Rename a workspace', response: answers(200, WorkspaceView), params: WorkspaceParams, body: RenameWorkspace } }, async (request) => {
    const workspace = await access.workspace(request, request.params.ws);
    return ok(presentWorkspace(await core.workspaces.rename(workspace, request.body.name)));
  });

  app.delete('/workspaces/:ws', { schema: { tags: ['workspaces'], operationId: 'deleteWorkspace', summary: 'Delete a workspace and everything in it (admin)', response: noContent, params: WorkspaceParams } }, async (request, reply) => {
    await access.admin(request);
    await core.workspaces.delete(await access.workspace(request, request.params.ws));
    return reply.status(204).send();
  });

  app.post('/workspaces/:ws/api-keys', { schema: { tags: ['api keys'], operationId: 'createApiKey', summary: 'Issue an API key (admin): the key is shown in this answer only', response: answers(201, IssuedApiKeyView), params: WorkspaceParams, body: CreateApiKey } }, async (request, reply) => {
    await access.admin(request);
    const workspace = await access.workspace(request, request.params.ws);
    return reply.status(201).send(ok(presentIssuedKey(await core.workspaces.issueKey(workspace, request.body))));
  });

  app.get('/workspaces/:ws/api-keys', { schema: { tags: ['api keys'], operationId: 'listApiKeys', summary: 'The workspace\'s API keys, without their secrets (admin)', response: answers(200, Type.Array(ApiKeyView)), params: WorkspaceParams } }, async (request) => {
    await access.admin(request);
    const workspace = await access.workspace(request, request.params.ws);
    return ok((await core.workspaces.listKeys(workspace)).map(presentApiKey));
  });

  app.delete('/workspaces/:ws/api-keys/:keyId', { schema: { tags: ['api keys'], operationId: 'revokeApiKey', summary: 'Revoke an API key (admin)', response: noContent, params: KeyParams } }, async (request, reply) => {
    await access.admin(request);
    const workspace = await access.workspace(request, request.params.ws);
    await core.workspaces.revokeKey(workspace, request.params.keyId);
    return reply.status(204).send();
  });
}
