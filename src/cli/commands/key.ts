/** `hookd key create|list|revoke`: a workspace's API keys (admin token). */
import { Option, type Command } from 'commander';
import { connect, connectionOptions, run } from '../connection.ts';
import { fields, show, table } from '../output.ts';
import { given } from './given.ts';

export function keyCommands(program: Command): void {
  const key = program.command('key').description("manage a workspace's API keys (admin token)");

  connectionOptions(key.command('create').description('issue an API key (shown this once)'))
    .addOption(new Option('--name <name>', 'what the key is for'))
    .action(run(async (options) => {
      const hookd = connect(options);
      const issued = await hookd.client.data(hookd.client.api.POST('/workspaces/{ws}/api-keys', {
        params: { path: { ws: hookd.workspace() } }, body: given(options, { name: 'name' }),
      }));
      show(hookd, issued, (k) => fields({ id: k.id, name: k.name, key: k.key, 'consumer key': k.consumerKey, 'consumer secret': k.consumerSecret })
        + 'The key and consumer secret are shown this once: store them now.\n');
    }));

  connectionOptions(key.command('list').description("the workspace's keys (without their secrets)"))
    .action(run(async (options) => {
      const hookd = connect(options);
      const keys = await hookd.client.data(hookd.client.api.GET('/workspaces/{ws}/api-keys', { params: { path: { ws: hookd.workspace() } } }));
      show(hookd, keys, (items) => (items.length === 0 ? '(none)\n' : table(items.map((k) => ({
        id: k.id, name: k.name, prefix: k.prefix, created: k.createdAt, 'last used': k.lastUsedAt, revoked: k.revokedAt,
      })), ['id', 'name', 'prefix', 'created', 'last used', 'revoked'])));
    }));

  connectionOptions(key.command('revoke').argument('<keyId>').description('revoke a key: it stops working at once'))
    .action(run(async (options, keyId) => {
      const hookd = connect(options);
      await hookd.client.done(hookd.client.api.DELETE('/workspaces/{ws}/api-keys/{keyId}', { params: { path: { ws: hookd.workspace(), keyId } } }));
      show(hookd, { revoked: keyId }, () => `revoked key ${keyId}\n`);
    }));
}
