/**
 * What every operator command shares: where hookd is and how to talk to it (--url/HOOKD_URL,
 * --token/HOOKD_TOKEN, --workspace/HOOKD_WORKSPACE), how answers are printed (tables, or --json), and the
 * exit codes scripts rely on (docs/cli.md):
 *   0 done · 1 hookd refused the request (validation, conflict) · 2 bad usage · 3 the token was refused
 *   · 4 not found · 5 hookd unreachable, or it failed.
 */
import { Command, Option } from 'commander';
import { HookdClient, HookdError } from '../client/index.ts';

export const EXIT = { ok: 0, refused: 1, usage: 2, auth: 3, notFound: 4, unreachable: 5 } as const;

/** A problem the command itself finds (a missing token, a file that is not JSON): exit 2. */
export class UsageError extends Error {}

export interface Connection {
  client: HookdClient;
  url: string;
  /** For the calls the client does not make (the listen stream). */
  token: string;
  json: boolean;
  /** The workspace the command is about (required by the commands that take --workspace). */
  workspace(): string;
}

/** Adds --url, --token and --json (and --workspace when `scoped`) to a leaf command. */
export function connectionOptions(command: Command, scoped = true): Command {
  command
    .addOption(new Option('--url <url>', 'hookd\'s base URL [env: HOOKD_URL]').default(process.env.HOOKD_URL ?? 'http://localhost:8080', 'http://localhost:8080'))
    .addOption(new Option('--token <token>', 'the admin token or a workspace API key [env: HOOKD_TOKEN]'))
    .addOption(new Option('--json', 'print the answer as JSON, for scripts'));
  if (scoped) command.addOption(new Option('-w, --workspace <id>', 'the workspace [env: HOOKD_WORKSPACE]'));
  return command;
}

/** An option that must be an http:// or https:// URL (a usage error otherwise). */
export function httpUrl(flag: string, value: unknown): string {
  const url = String(value);
  if (!/^https?:\/\/[^/]+/i.test(url)) throw new UsageError(`${flag}: "${url}" is not an http:// or https:// URL`);
  return url;
}

export function connect(options: Record<string, unknown>): Connection {
  const token = (options.token as string | undefined) ?? process.env.HOOKD_TOKEN;
  if (!token) throw new UsageError('no token: pass --token or set HOOKD_TOKEN (the admin token, or a workspace API key hk_…)');
  const url = httpUrl('--url', options.url);
  return {
    client: new HookdClient({ url, token }),
    url,
    token,
    json: options.json === true,
    workspace() {
      const workspace = (options.workspace as string | undefined) ?? process.env.HOOKD_WORKSPACE;
      if (!workspace) throw new UsageError('no workspace: pass --workspace or set HOOKD_WORKSPACE');
      return workspace;
    },
  };
}

/** Runs a command's body, turning every failure into a message on stderr and its exit code. */
export function run(body: (options: Record<string, unknown>, ...args: string[]) => Promise<void>) {
  return async (...received: unknown[]): Promise<void> => {
    // Commander passes the positional arguments, then the options, then the command.
    const options = received[received.length - 2] as Record<string, unknown>;
    const args = received.slice(0, -2) as string[];
    try {
      await body(options, ...args);
    } catch (error) {
      const [code, message] = describe(error, String(options.url ?? ''));
      process.stderr.write(`hookd: ${message}\n`);
      process.exitCode = code;
    }
  };
}

function describe(error: unknown, url: string): [number, string] {
  if (error instanceof UsageError) return [EXIT.usage, error.message];
  if (error instanceof HookdError) {
    const about = error.field ? ` (${error.field})` : '';
    if (error.status === 401 || error.status === 403) return [EXIT.auth, `${error.message} [${error.code}]: check --token or HOOKD_TOKEN`];
    if (error.status === 404) return [EXIT.notFound, `${error.message} [${error.code}]`];
    if (error.status >= 500) return [EXIT.unreachable, `hookd failed: ${error.message} [${error.code}]`];
    return [EXIT.refused, `${error.message}${about} [${error.code}]`];
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error instanceof TypeError && cause) return [EXIT.unreachable, `cannot reach hookd at ${url}: ${cause.code ?? cause.message ?? error.message}`];
  return [EXIT.unreachable, (error as Error).message ?? String(error)];
}
