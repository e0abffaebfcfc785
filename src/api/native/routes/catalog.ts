/** The event catalog (UP42's GET /webhooks/events) and a workspace's own event types: created, changed, deprecated, deleted. */
import { Invalid } from '../../../core/errors.ts';
import type { Core } from '../../../core/hookd.ts';
import type { NativeAccess, NativeApp } from '../context.ts';
import { ok } from '../envelope.ts';
import { presentEventType } from '../present.ts';
import { CatalogQuery, CreateEventType, EventTypeParams, PatchEventType, WorkspaceParams } from '../schemas.ts';
import { Type } from 'typebox';
import { EventTypeView, answers, noContent } from '../response-schemas.ts';

export function catalogRoutes(app: NativeApp, core: Core, access: NativeAccess): void {
  app.get('/webhooks/events', { schema: { tags: ['events'], operationId: 'listCatalog', summary: 'The event catalog of a workspace (UP42\'s GET /webhooks/events)', response: answers(200, Type.Array(EventTypeView)), querystring: CatalogQuery } }, async (request) => {
    const principal = await access.principal(request);
    let workspace;
    // A workspace key naming another workspace gets 404, as in every path; it does not silently get its own.
    if (request.query.workspaceId) workspace = await core.auth.workspace(principal, request.query.workspaceId);
    else if (principal.kind === 'workspace') workspace = principal.workspace;
    else throw new Invalid('workspaceId', 'the admin token must name a workspace: ?workspaceId=…');
    return ok((await core.eventTypes.catalog(workspace)).map(presentEventType));
  });

  app.get('/workspaces/:ws/event-types', { schema: { tags: ['events'], operationId: 'listEventTypes', summary: 'The workspace\'s event catalog: built-in types and its own', response: answers(200, Type.Array(EventTypeView)), params: WorkspaceParams } }, async (request) => {
    const workspace = await access.workspace(request, request.params.ws);
    return ok((await core.eventTypes.catalog(workspace)).map(presentEventType));
  });

  app.post('/workspaces/:ws/event-types', { schema: { tags: ['events'], operationId: 'createEventType', summary: 'Add an event type of the workspace\'s own', response: answers(201, EventTypeView), params: WorkspaceParams, body: CreateEventType } }, async (request, reply) => {
    const workspace = await access.workspace(request, request.params.ws);
    return reply.status(201).send(ok(presentEventType(await core.eventTypes.create(workspace, request.body))));
  });

  app.patch('/workspaces/:ws/event-types/:name', { schema: { tags: ['events'], operationId: 'updateEventType', summary: 'Change (or deprecate) one of the workspace\'s own event types', response: answers(200, EventTypeView), params: EventTypeParams, body: PatchEventType } }, async (request) => {
    const workspace = await access.workspace(request, request.params.ws);
    return ok(presentEventType(await core.eventTypes.update(workspace, request.params.name, request.body)));
  });

  app.delete('/workspaces/:ws/event-types/:name', { schema: { tags: ['events'], operationId: 'deleteEventType', summary: 'Delete one of the workspace\'s own event types (409 while webhooks subscribe to it)', response: noContent, params: EventTypeParams } }, async (request, reply) => {
    const workspace = await access.workspace(request, request.params.ws);
    await core.eventTypes.delete(workspace, request.params.name);
    return reply.status(204).send();
  });
}
