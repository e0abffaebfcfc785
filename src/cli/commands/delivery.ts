/** `hookd delivery list|get|resend|recover`. */
import { Option, type Command } from 'commander';
import type { Delivery } from '../../client/index.ts';
import { connect, connectionOptions, run } from '../connection.ts';
import { fields, show, showPage, table } from '../output.ts';
import { listOptions, pageOf, timeRangeOptions } from './paging.ts';
import { given } from './given.ts';

export const DELIVERY_COLUMNS = ['id', 'webhook', 'event type', 'status', 'attempts', 'last code', 'last error', 'created'];

export function deliveryRows(deliveries: Delivery[]) {
  return deliveries.map((d) => ({
    id: d.id, webhook: d.webhookId, 'event type': d.eventType, status: d.status, attempts: d.attemptCount,
    'last code': d.lastResponseCode, 'last error': d.lastError, created: d.createdAt,
  }));
}

export function deliveryCommands(program: Command): void {
  const delivery = program.command('delivery').description('read deliveries and send them again');

  timeRangeOptions(listOptions(connectionOptions(delivery.command('list').description("the workspace's deliveries, newest first"))))
    .addOption(new Option('--webhook <id>', "one webhook's"))
    .addOption(new Option('--event-type <type>', 'order.created, or order.* for a whole resource'))
    .addOption(new Option('--status <status>').choices(['pending', 'sending', 'held', 'queued', 'succeeded', 'failed']))
    .action(run(async (options) => {
      const hookd = connect(options);
      const query = {
        ...pageOf(options),
        ...given(options, { webhook: 'webhookId', eventType: 'eventType', after: 'after', before: 'before' }),
        ...(options.status === undefined ? {} : { status: options.status as Delivery['status'] }),
      };
      // Filled over windowed pages (a filter's page may hold fewer than asked: client/index.ts).
      const page = await hookd.client.filled((paging) => hookd.client.api.GET('/workspaces/{ws}/deliveries', { params: { path: { ws: hookd.workspace() }, query: { ...query, ...paging } } }), query.limit);
      showPage(hookd, page, (items) => table(deliveryRows(items), DELIVERY_COLUMNS));
    }));

  connectionOptions(delivery.command('get').argument('<webhookId>').argument('<deliveryId>').description('a delivery and every attempt of it'))
    .action(run(async (options, webhookId, deliveryId) => {
      const hookd = connect(options);
      const found = await hookd.client.data(hookd.client.api.GET('/workspaces/{ws}/webhooks/{id}/deliveries/{deliveryId}', {
        params: { path: { ws: hookd.workspace(), id: webhookId, deliveryId } },
      }));
      show(hookd, found, (d) => fields({
        id: d.id, webhook: d.webhookId, event: `${d.eventId} (${d.eventType})`, status: d.status, attempts: d.attemptCount, 'next attempt': d.nextAttemptAt, created: d.createdAt,
      }) + (d.attempts.length === 0 ? 'no attempts yet\n' : `\n${table(d.attempts.map((a) => ({
        time: a.createdAt, trigger: a.trigger, code: a.response?.code, ms: Math.round(a.durationMs), error: a.error,
      })), ['time', 'trigger', 'code', 'ms', 'error'])}`));
    }));

  connectionOptions(delivery.command('resend').argument('<webhookId>').argument('<deliveryId>').description('one more attempt, now'))
    .action(run(async (options, webhookId, deliveryId) => {
      const hookd = connect(options);
      const resent = await hookd.client.data(hookd.client.api.POST('/workspaces/{ws}/webhooks/{id}/deliveries/{deliveryId}/resend', {
        params: { path: { ws: hookd.workspace(), id: webhookId, deliveryId } },
      }));
      show(hookd, resent, (d) => `${d.id} is ${d.status}: it goes out now\n`);
    }));

  connectionOptions(delivery.command('recover').argument('<webhookId>').description("send every failed delivery of a webhook again"))
    .addOption(new Option('--since <time>', 'only those created at or after (RFC 3339)'))
    .action(run(async (options, webhookId) => {
      const hookd = connect(options);
      const recovered = await hookd.client.data(hookd.client.api.POST('/workspaces/{ws}/webhooks/{id}/recover', {
        params: { path: { ws: hookd.workspace(), id: webhookId } }, body: given(options, { since: 'since' }),
      }));
      show(hookd, recovered, (r) => `${r.resent} failed deliveries go out again${r.more ? ', and more follow as they are queued' : ''}\n`);
    }));
}
