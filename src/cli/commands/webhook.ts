/** `hookd webhook create|list|get|update|pause|resume|delete|test|secret|rotate`. */
import { Option, type Command } from 'commander';
import type { Webhook } from '../../client/index.ts';
import { connect, connectionOptions, run, UsageError, type Connection } from '../connection.ts';
import { fields, show, showPage, table } from '../output.ts';
import { listOptions, pageOf } from './paging.ts';
import { commaList, given } from './given.ts';

type WebhookView = Webhook & { secret?: string };

const row = (w: WebhookView) => ({ id: w.id, name: w.name, status: w.status, events: w.events.join(','), url: w.url });
const COLUMNS = ['id', 'name', 'status', 'events', 'url'];

function detail(w: WebhookView): string {
  return fields({
    id: w.id, name: w.name, url: w.url, events: w.events.join(', '), status: w.status, 'disabled because': w.disabledReason,
    'failures in a row': w.failureCount, format: w.format, 'while paused': w.pausedBehavior, description: w.description,
    headers: Object.entries(w.headers).map(([name, value]) => `${name}: ${value}`).join('; '), created: w.createdAt, updated: w.updatedAt,
  }) + (w.secret ? `signing secret (shown this once; read it again with hookd webhook secret ${w.id}): ${w.secret}\n` : '');
}

/** `--header "Name: value"`, repeated. */
function headers(values: unknown): Record<string, string> | undefined {
  if (values === undefined) return undefined;
  const result: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const value of values as string[]) {
    const colon = value.indexOf(':');
    if (colon <= 0) throw new UsageError(`--header: "${value}" is not "Name: value"`);
    result[value.slice(0, colon).trim()] = value.slice(colon + 1).trim();
  }
  return { ...result };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The fields create and update share, from their options (only those given). */
function webhookFields(options: Record<string, unknown>) {
  return {
    ...given(options, { name: 'name', endpoint: 'url', description: 'description' }),
    ...(options.events === undefined ? {} : { events: commaList(options.events) }),
    ...(options.whilePaused === undefined ? {} : { pausedBehavior: String(options.whilePaused) as 'queue' | 'drop' }),
    ...(options.header === undefined ? {} : { headers: headers(options.header) }),
  };
}

function withFieldOptions(command: Command): Command {
  return command
    .addOption(new Option('--name <name>', 'a name people recognise'))
    .addOption(new Option('--endpoint <url>', 'where deliveries go (the webhook\'s URL; --url is hookd\'s own)'))
    .addOption(new Option('--events <list>', 'event types, resource.* or *, comma-separated'))
    .addOption(new Option('--description <text>'))
    .addOption(new Option('--header <"Name: value">', 'a header sent with every delivery (repeat for more)').argParser(collect))
    .addOption(new Option('--while-paused <behaviour>', 'events published while paused: queue or drop').choices(['queue', 'drop']));
}

async function setActive(hookd: Connection, id: string, active: boolean): Promise<void> {
  const updated = await hookd.client.data(hookd.client.api.PATCH('/workspaces/{ws}/webhooks/{id}', { params: { path: { ws: hookd.workspace(), id } }, body: { active } }));
  show(hookd, updated, (w) => `${w.id} is ${w.status}\n`);
}

export function webhookCommands(program: Command): void {
  const webhook = program.command('webhook').description('manage webhooks');

  withFieldOptions(connectionOptions(webhook.command('create').description('create a webhook (paused unless --active)')))
    .addOption(new Option('--secret <secret>', 'the signing secret (default: generated, and shown once)'))
    .addOption(new Option('--active', 'deliver at once'))
    .action(run(async (options) => {
      const hookd = connect(options);
      const fields = webhookFields(options);
      if (fields.name === undefined || fields.url === undefined || fields.events === undefined) throw new UsageError('create needs --name, --endpoint and --events');
      const created = await hookd.client.data(hookd.client.api.POST('/workspaces/{ws}/webhooks', {
        params: { path: { ws: hookd.workspace() } },
        body: { ...fields, name: fields.name, url: fields.url, events: fields.events, ...given(options, { secret: 'secret' }), active: options.active === true },
      }));
      show(hookd, created, detail);
    }));

  listOptions(connectionOptions(webhook.command('list').description('list webhooks, newest first')))
    .addOption(new Option('--status <status>').choices(['active', 'paused', 'disabled']))
    .addOption(new Option('--event <type>', 'only those an event of this type would reach'))
    .addOption(new Option('--url-contains <text>', 'only those whose URL contains this'))
    .addOption(new Option('--name-contains <text>', 'only those whose name contains this'))
    .action(run(async (options) => {
      const hookd = connect(options);
      const query = {
        ...pageOf(options),
        ...(options.status === undefined ? {} : { status: options.status as 'active' | 'paused' | 'disabled' }),
        ...given(options, { event: 'event', urlContains: 'url', nameContains: 'name' }),
      };
      const page = await hookd.client.page(hookd.client.api.GET('/workspaces/{ws}/webhooks', { params: { path: { ws: hookd.workspace() }, query } }));
      showPage(hookd, page, (items) => table(items.map(row), COLUMNS));
    }));

  connectionOptions(webhook.command('get').argument('<id>').description('one webhook'))
    .action(run(async (options, id) => {
      const hookd = connect(options);
      show(hookd, await hookd.client.data(hookd.client.api.GET('/workspaces/{ws}/webhooks/{id}', { params: { path: { ws: hookd.workspace(), id } } })), detail);
    }));

  withFieldOptions(connectionOptions(webhook.command('update').argument('<id>').description('change the fields given')))
    .action(run(async (options, id) => {
      const hookd = connect(options);
      const changes = webhookFields(options);
      if (Object.keys(changes).length === 0) throw new UsageError('update needs at least one of --name, --endpoint, --events, --description, --header, --while-paused');
      show(hookd, await hookd.client.data(hookd.client.api.PATCH('/workspaces/{ws}/webhooks/{id}', { params: { path: { ws: hookd.workspace(), id } }, body: changes })), detail);
    }));

  connectionOptions(webhook.command('pause').argument('<id>').description('stop delivering (queued events wait, unless it drops them)'))
    .action(run(async (options, id) => setActive(connect(options), id, false)));

  connectionOptions(webhook.command('resume').argument('<id>').description('deliver again, what waited first'))
    .action(run(async (options, id) => setActive(connect(options), id, true)));

  connectionOptions(webhook.command('delete').argument('<id>').description('delete a webhook with its deliveries'))
    .action(run(async (options, id) => {
      const hookd = connect(options);
      await hookd.client.done(hookd.client.api.DELETE('/workspaces/{ws}/webhooks/{id}', { params: { path: { ws: hookd.workspace(), id } } }));
      show(hookd, { deleted: id }, () => `deleted webhook ${id}\n`);
    }));

  connectionOptions(webhook.command('test').argument('<id>').description('send a test of each subscribed event type now, and report'))
    .addOption(new Option('--event <type>', 'test this event type only'))
    .action(run(async (options, id) => {
      const hookd = connect(options);
      const report = await hookd.client.data(hookd.client.api.POST('/workspaces/{ws}/webhooks/{id}/tests', {
        params: { path: { ws: hookd.workspace(), id } }, body: given(options, { event: 'event' }),
      }));
      show(hookd, report, (r) => table(r.tests.map((t) => ({ event: t.event, ok: t.success ? 'yes' : 'no', code: t.responseCode, ms: Math.round(t.durationMs), error: t.error })), ['event', 'ok', 'code', 'ms', 'error'])
        + `${r.testsSucceeded} of ${r.testsRun} succeeded\n`);
      if (report.testsFailed > 0) process.exitCode = 1;
    }));

  connectionOptions(webhook.command('secret').argument('<id>').description('the signing secret, or an ed25519 webhook\'s public key (and the previous one during a rotation)'))
    .action(run(async (options, id) => {
      const hookd = connect(options);
      const secret = await hookd.client.data(hookd.client.api.GET('/workspaces/{ws}/webhooks/{id}/secret', { params: { path: { ws: hookd.workspace(), id } } }));
      // An ed25519 webhook has no secret to show: its public key and key id instead (the private key never leaves hookd).
      show(hookd, secret, (s) => (s.signing === 'ed25519'
        ? fields({ 'public key': s.publicKey, 'key id': s.keyId, 'previous key': s.previousPublicKey, previous: s.previousSecret, 'previous expires': s.previousSecretExpiresAt })
        : fields({ secret: s.secret, previous: s.previousSecret ?? s.previousPublicKey, 'previous expires': s.previousSecretExpiresAt })));
    }));

  connectionOptions(webhook.command('rotate').argument('<id>').description('a new signing secret; the old one signs too for the grace period'))
    .addOption(new Option('--secret <secret>', 'the new secret (default: generated, and shown once)'))
    .action(run(async (options, id) => {
      const hookd = connect(options);
      const rotated = await hookd.client.data(hookd.client.api.POST('/workspaces/{ws}/webhooks/{id}/rotate-secret', {
        params: { path: { ws: hookd.workspace(), id } }, body: given(options, { secret: 'secret' }),
      }));
      show(hookd, rotated, (w) => (w.secret ? `new signing secret (shown this once): ${w.secret}\n` : `rotated the signing secret of ${w.id}\n`));
    }));
}
