/** Each subcommand's --help offers only the settings it uses. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/hookd.js', import.meta.url));
const help = async (command: string) => (await promisify(execFile)(process.execPath, [BIN, command, '--help'])).stdout;
const flags = (text: string) => new Set([...text.matchAll(/^\s+(--[a-z-]+)/gm)].map((match) => match[1]));

describe('hookd <command> --help', () => {
  it('lists for each command only its own options', async () => {
    const [serve, worker, migrate, adminToken] = await Promise.all(['serve', 'worker', 'migrate', 'admin-token'].map(help));
    for (const flag of ['--port', '--host', '--data-dir', '--concurrency', '--admin-token', '--dispatch-thread', '--log-level']) expect(flags(serve).has(flag), `serve ${flag}`).toBe(true);
    for (const flag of ['--data-dir', '--database-url', '--concurrency', '--request-timeout', '--log-level']) expect(flags(worker).has(flag), `worker ${flag}`).toBe(true);
    for (const flag of ['--port', '--host', '--admin-token', '--http-request-timeout', '--dispatch-thread']) expect(flags(worker).has(flag), `worker ${flag}`).toBe(false);
    expect([...flags(migrate)].sort()).toEqual(['--data-dir', '--database-timeout', '--database-url', '--encryption-key', '--log-level']);
    expect(flags(adminToken).has('--admin-token')).toBe(true);
    expect(flags(adminToken).has('--concurrency')).toBe(false);
  });
});
