/** `hookd workspace create|list|rename|delete` (the admin token; rename also a workspace's own key). */
import type { Command } from 'commander';
import { connect, connectionOptions, run } from '../connection.ts';
import { fields, show, showPage, table } from '../output.ts';
import { listOptions, pageOf } from './paging.ts';

export function workspaceCommands(program: Command): void {
  const workspace = program.command('workspace').description('manage workspaces (admin token)');

  connectionOptions(workspace.command('create').argument('<name>').description('create a workspace'), false)
    .action(run(async (options, name) => {
      const hookd = connect(options);
      const created = await hookd.client.data(hookd.client.api.POST('/workspaces', { body: { name } }));
      show(hookd, created, (w) => fields({ id: w.id, name: w.name, created: w.createdAt }));
    }));

  listOptions(connectionOptions(workspace.command('list').description('list workspaces, newest first'), false))
    .action(run(async (options) => {
      const hookd = connect(options);
      const page = await hookd.client.page(hookd.client.api.GET('/workspaces', { params: { query: pageOf(options) } }));
      showPage(hookd, page, (items) => table(items.map((w) => ({ id: w.id, name: w.name, created: w.createdAt })), ['id', 'name', 'created']));
    }));

  connectionOptions(workspace.command('rename').argument('<id>').argument('<name>').description('rename a workspace'), false)
    .action(run(async (options, id, name) => {
      const hookd = connect(options);
      const renamed = await hookd.client.data(hookd.client.api.PATCH('/workspaces/{ws}', { params: { path: { ws: id } }, body: { name } }));
      show(hookd, renamed, (w) => fields({ id: w.id, name: w.name, created: w.createdAt }));
    }));

  connectionOptions(workspace.command('delete').argument('<id>').description('delete a workspace and everything in it'), false)
    .action(run(async (options, id) => {
      const hookd = connect(options);
      await hookd.client.done(hookd.client.api.DELETE('/workspaces/{ws}', { params: { path: { ws: id } } }));
      show(hookd, { deleted: id }, () => `deleted workspace ${id}\n`);
    }));
}
