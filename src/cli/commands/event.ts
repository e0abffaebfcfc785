/** `hookd event publish|list|get`. */
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { connect, connectionOptions, run, UsageError } from '../connection.ts';
import { fields, show, showPage, table } from '../output.ts';
import { deliveryRows, DELIVERY_COLUMNS } from './delivery.ts';
import { listOptions, pageOf, timeRangeOptions } from './paging.ts';
import { given } from './given.ts';

/** --data '{…}', or --data @file.json; nothing is {}. */
function eventData(option: unknown): Record<string, unknown> {
  if (option === undefined) return {};
  const text = String(option);
  let source = text;
  if (text.startsWith('@')) {
    try {
      source = readFileSync(text.slice(1), 'utf8');
    } catch (error) {
      throw new UsageError(`--data: cannot read ${text.slice(1)}: ${(error as Error).message}`);
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    throw new UsageError('--data: not JSON (give a JSON object, or @file.json)');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError('--data: must be a JSON object');
  return data as Record<string, unknown>;
}

export function eventCommands(program: Command): void {
  const event = program.command('event').description('publish events and read the event log');

  connectionOptions(event.command('publish').argument('<type>').description('publish an event to every subscribed webhook'))
    .addOption(new Option('--data <json>', 'the event\'s data: a JSON object, or @file.json'))
    .addOption(new Option('--idempotency-key <key>', 'publishing again with this key does not publish twice'))
    .action(run(async (options, type) => {
      const hookd = connect(options);
      const published = await hookd.client.data(hookd.client.api.POST('/workspaces/{ws}/events', {
        params: { path: { ws: hookd.workspace() } },
        body: { type, data: eventData(options.data), ...given(options, { idempotencyKey: 'idempotencyKey' }) },
      }));
      show(hookd, published, (e) => fields({ id: e.id, type: e.type, deliveries: e.deliveryCount, replayed: e.replayed ? 'yes (an earlier publish with this key)' : 'no' }));
    }));

  timeRangeOptions(listOptions(connectionOptions(event.command('list').description('the event log, newest first'))))
    .addOption(new Option('--type <type>', 'order.created, or order.* for a whole resource'))
    .action(run(async (options) => {
      const hookd = connect(options);
      const query = {
        ...pageOf(options),
        ...given(options, { type: 'type', after: 'after', before: 'before' }),
      };
      // Filled over windowed pages (a filter's page may hold fewer than asked: client/index.ts).
      const page = await hookd.client.filled((paging) => hookd.client.api.GET('/workspaces/{ws}/events', { params: { path: { ws: hookd.workspace() }, query: { ...query, ...paging } } }), query.limit);
      showPage(hookd, page, (items) => table(items.map((e) => ({
        id: e.id, type: e.type, created: e.createdAt, deliveries: e.deliveryCount, succeeded: e.succeeded, failed: e.failed, pending: e.pending,
      })), ['id', 'type', 'created', 'deliveries', 'succeeded', 'failed', 'pending']));
    }));

  connectionOptions(event.command('get').argument('<id>').description('an event, its data and its deliveries'))
    .action(run(async (options, id) => {
      const hookd = connect(options);
      const found = await hookd.client.data(hookd.client.api.GET('/workspaces/{ws}/events/{id}', { params: { path: { ws: hookd.workspace(), id } } }));
      show(hookd, found, (e) => fields({ id: e.id, type: e.type, created: e.createdAt, 'idempotency key': e.idempotencyKey, data: JSON.stringify(e.data) })
        + (e.deliveries.length === 0 ? 'no deliveries\n' : `\n${table(deliveryRows(e.deliveries), DELIVERY_COLUMNS)}`));
    }));
}
