/** The paging options every list command takes: --limit and --cursor. */
import { Option, type Command } from 'commander';
import { UsageError } from '../connection.ts';

export function listOptions(command: Command): Command {
  return command
    .addOption(new Option('--limit <n>', 'how many, at most (1-250)').default('50'))
    .addOption(new Option('--cursor <cursor>', 'the next page, as the previous one said'));
}

/** The time-range filters of the log lists: --after and --before (RFC 3339, checked by the API). */
export function timeRangeOptions(command: Command): Command {
  return command
    .addOption(new Option('--after <time>', 'created at or after (RFC 3339)'))
    .addOption(new Option('--before <time>', 'created at or before (RFC 3339)'));
}

export function pageOf(options: Record<string, unknown>): { limit: number; cursor?: string } {
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 250) throw new UsageError(`--limit: "${String(options.limit)}" is not a whole number from 1 to 250`);
  return { limit, ...(options.cursor === undefined ? {} : { cursor: String(options.cursor) }) };
}
