/**
 * The `hookd` command. `hookd serve` runs the API and the dispatcher; every setting is an env variable
 * (HOOKD_*) and the same flag (see `hookd serve --help`). The operator commands (`hookd webhook list`, …)
 * talk to a running hookd: src/cli/.
 */
import { Command, Option } from 'commander';
import { SETTINGS, StartupError, loadConfig, type Role, type SettingName, type SettingUse, type SettingValues } from './config.ts';
import { VERSION } from './version.ts';
import { operatorCommands } from './cli/commands/index.ts';
import { EXIT } from './cli/connection.ts';
import { limitHeapGrowth } from './heap-growth.ts';

/** Adds to `command` the settings of the kinds it uses (its --help then lists only those). */
function withSettings(command: Command, uses: SettingUse[]): Command {
  for (const [name, setting] of Object.entries(SETTINGS)) {
    if (!uses.includes(setting.use)) continue;
    // The env variable is read by loadConfig (flags win); here it is only named in the help.
    const fallback = setting.default === '' ? '' : ` (default: ${setting.default})`;
    const option = new Option(setting.flag, `${setting.help}${fallback} [env: ${setting.env}]`);
    if (option.attributeName() !== name) throw new Error(`flag ${setting.flag} does not map to setting ${name}`);
    command.addOption(option);
  }
  return command;
}

function settingsFrom(options: Record<string, unknown>): SettingValues {
  const values: SettingValues = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const value = options[name];
    if (value !== undefined) values[name] = value as string | boolean;
  }
  return values;
}

// The server's modules are loaded by the commands that run it, so an operator command starts quickly.
async function serve(options: Record<string, unknown>, role: Role): Promise<void> {
  limitHeapGrowth();
  const [{ default: pino }, { startHookd }, { startTracing }] = await Promise.all([import('pino'), import('./app.ts'), import('./tracing.ts')]);
  const config = loadConfig(process.env, settingsFrom(options), role);
  const log = pino({ level: config.logLevel });
  // Before anything makes spans; a no-op unless OTEL_* variables ask for an exporter.
  const tracing = await startTracing();
  const hookd = await startHookd(config, log);
  if (hookd.generatedAdminToken) {
    process.stdout.write(`\n  hookd admin token (shown once, store it now): ${hookd.generatedAdminToken}\n\n`);
  }
  log.info({ url: hookd.url, role, dataDir: config.databaseUrl ? undefined : config.dataDir }, `hookd ${VERSION} running`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing deliveries in flight');
    hookd.close().then(() => tracing?.shutdown()).then(() => process.exit(0), (error: unknown) => {
      log.error({ err: error }, 'error while stopping');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // A process that can no longer deliver exits non-zero so its supervisor restarts it; pending work is in the store.
  void hookd.failed.then(() => {
    stopping = true;
    void hookd.close().then(() => tracing?.shutdown()).finally(() => process.exit(1));
  });
}

const program = new Command('hookd').version(VERSION).description('Self-hosted webhook delivery');
// Bad usage exits 2 (scripts tell it from hookd refusing a request, 1); help and --version exit 0.
program.exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT.usage));

withSettings(program.command('serve').description('run the API and the dispatcher'), ['store', 'admin', 'api', 'delivery', 'thread', 'log'])
  .addOption(new Option('--api-only', 'run the API without a dispatcher'))
  .action((options: Record<string, unknown>) => serve(options, options.apiOnly ? 'api' : 'all'));

withSettings(program.command('worker').description('run only the dispatcher (no HTTP API)'), ['store', 'delivery', 'log'])
  .action((options: Record<string, unknown>) => serve(options, 'worker'));

withSettings(program.command('migrate').description('apply database migrations and exit'), ['store', 'log'])
  .action(async (options: Record<string, unknown>) => {
    const config = loadConfig(process.env, settingsFrom(options));
    const { openStore } = await import('./store/open.ts');
    const store = await openStore(config);
    await store.migrate();
    await store.close();
    process.stdout.write('migrations applied\n');
  });

withSettings(program.command('admin-token').description('replace the stored admin token with a new one and print it'), ['store', 'admin', 'log'])
  .action(async (options: Record<string, unknown>) => {
    const config = loadConfig(process.env, settingsFrom(options));
    const [{ openStore }, { ADMIN_TOKEN_REFRESH_MS, rotateAdminToken }] = await Promise.all([import('./store/open.ts'), import('./core/admin-token.ts')]);
    const store = await openStore(config);
    await store.migrate();
    const token = await rotateAdminToken(store.settings);
    process.stdout.write(`new admin token: ${token}\n`
      + `Running hookd servers accept it within ${ADMIN_TOKEN_REFRESH_MS / 1000} seconds, and stop accepting the old one then.\n`
      + (config.adminToken !== undefined ? 'Note: HOOKD_ADMIN_TOKEN is set here; servers started with it use that token, not this one.\n' : ''));
    await store.close();
  });

operatorCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`hookd: ${error instanceof StartupError ? error.message : (error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
