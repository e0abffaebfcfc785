/** Workspaces and API keys: created, listed and deleted with the admin token; renamed by the admin or the workspace's own key. */
import type { Core } from '../../../core/hookd.ts';
import type { NativeAccess, NativeApp } from '../context.ts';
import { ok } from '../envelope.ts';
import { presentApiKey, presentIssuedKey, presentPage, presentWorkspace } from '../present.ts';
import { CreateApiKey, CreateWorkspace, KeyParams, ListQuery, RenameWorkspace, WorkspaceParams } from '../schemas.ts';

export function workspaceRoutes(app: NativeApp, core: Core, access: NativeAccess): void {
  app.post('/workspaces', { schema: { tags: ['workspaces'], body: CreateWorkspace } }, async (request, reply) => {
    await access.admin(request);
    return reply.status(201).send(ok(presentWorkspace(await core.workspaces.create(request.body))));
  });

  app.get('/workspaces', { schema: { tags: ['workspaces'], querystring: ListQuery } }, async (request) => {
    await access.admin(request);
    const limit = request.query.limit ?? 50;
    return presentPage(await core.workspaces.list({ limit, cursor: request.query.cursor }), limit, presentWorkspace);
  });

  app.get('/workspaces/:ws', { schema: { tags: ['workspaces'], params: WorkspaceParams } }, async (request) =>
    ok(presentWorkspace(await access.workspace(request, request.params.ws))));

  app.patch('/workspaces/:ws', { schema: { tags: ['workspaces'], params: WorkspaceParams, body: RenameWorkspace } }, async (request) => {
    const workspace = await access.workspace(request, request.params.ws);
    return ok(presentWorkspace(await core.workspaces.rename(workspace, request.body.name)));
  });

  app.delete('/workspaces/:ws', { schema: { tags: ['workspaces'], params: WorkspaceParams } }, async (request, reply) => {
    await access.admin(request);
    await core.workspaces.delete(await access.workspace(request, request.params.ws));
    return reply.status(204).send();
  });

  app.post('/workspaces/:ws/api-keys', { schema: { tags: ['api keys'], params: WorkspaceParams, body: CreateApiKey } }, async (request, reply) => {
    await access.admin(request);
    const workspace = await access.workspace(request, request.params.ws);
    return reply.status(201).send(ok(presentIssuedKey(await core.workspaces.issueKey(workspace, request.body))));
  });

  app.get('/workspaces/:ws/api-keys', { schema: { tags: ['api keys'], params: WorkspaceParams } }, async (request) => {
    await access.admin(request);
    const workspace = await access.workspace(request, request.params.ws);
    return ok((await core.workspaces.listKeys(workspace)).map(presentApiKey));
  });

  app.delete('/workspaces/:ws/api-keys/:keyId', { schema: { tags: ['api keys'], params: KeyParams } }, async (request, reply) => {
    await access.admin(request);
    const workspace = await access.workspace(request, request.params.ws);
    await core.workspaces.revokeKey(workspace, request.params.keyId);
    return reply.status(204).send();
  });
}
