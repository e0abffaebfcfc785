/**
 * `hookd tail`: follows the workspace's attempt log as it grows, one line per attempt (time, webhook, event
 * type, status code, duration), until interrupted. It asks GET /workspaces/{ws}/attempts for what came
 * after the last attempt it showed, every --interval.
 */
import { Option, type Command } from 'commander';
import type { Attempt } from '../../client/index.ts';
import { connect, connectionOptions, run, UsageError } from '../connection.ts';
import { given } from './given.ts';

function line(a: Attempt): string {
  const outcome = a.response ? String(a.response.code) : `- ${a.error ?? ''}`;
  return `${a.createdAt}  ${a.webhookId}  ${a.eventType}  ${outcome}  ${Math.round(a.durationMs)}ms${a.trigger === 'scheduled' ? '' : `  (${a.trigger})`}\n`;
}

export function tailCommand(program: Command): void {
  connectionOptions(program.command('tail').description('follow new delivery attempts as they happen (Ctrl-C stops)'))
    .addOption(new Option('--webhook <id>', "one webhook's attempts"))
    .addOption(new Option('--interval <ms>', 'how often to look for new ones').default('1000'))
    .action(run(async (options) => {
      const hookd = connect(options);
      const interval = Number(options.interval);
      if (!Number.isInteger(interval) || interval < 100 || interval > 60_000) throw new UsageError('--interval: a whole number of milliseconds from 100 to 60000');
      const ws = hookd.workspace();
      const webhookId = given(options, { webhook: 'webhookId' });
      // From now on: the newest attempt so far is where following starts.
      const newest = await hookd.client.page(hookd.client.api.GET('/workspaces/{ws}/attempts', { params: { path: { ws }, query: { limit: 1, ...webhookId } } }));
      let last = newest.items[0]?.id ?? 0;
      if (!hookd.json) process.stderr.write(`following the attempts of workspace ${ws} (Ctrl-C stops)\n`);
      let stopped = false;
      const stop = () => { stopped = true; };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      while (!stopped) {
        const page = await hookd.client.page(hookd.client.api.GET('/workspaces/{ws}/attempts', { params: { path: { ws }, query: { newerThan: last, limit: 250, ...webhookId } } }));
        for (const attempt of page.items) {
          process.stdout.write(hookd.json ? `${JSON.stringify(attempt)}\n` : line(attempt));
          last = attempt.id;
        }
        // A full page: there is more already; otherwise wait for the next look.
        if (page.items.length < 250) await new Promise((resolve) => setTimeout(resolve, interval));
      }
    }));
}
