import { defineConfig } from 'vitest/config';

/**
 * Two projects: every test on SQLite, and the end-to-end tests again on PostgreSQL when
 * HOOKD_TEST_DATABASE_URL names a server (each hookd under test gets its own schema).
 */
const postgresUrl = process.env.HOOKD_TEST_DATABASE_URL;
if (!postgresUrl) {
  console.log('\n  PostgreSQL tests skipped: HOOKD_TEST_DATABASE_URL is not set (for example postgres://postgres@127.0.0.1:5432/test)\n');
}

export default defineConfig({
  test: {
    // Two processes (2 cores), each running its share of the files one after another. Servers, ports and
    // data dirs never collide: every test makes its own. A process is kept from file to file (not
    // isolated): hookd's modules are then loaded once per process, not once per file, which took 231 s
    // of the suite's 1 190 process-seconds (596 s run to run against 418 s, on 2026-12-07). So a file
    // leaves nothing global behind: it stops what it starts (servers, tracing) and restores what it
    // changes (environment variables, fake timers).
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      ...(postgresUrl
        ? [{
          extends: true as const,
          test: { name: 'postgres', include: ['test/e2e/**/*.test.ts'], env: { HOOKD_TEST_STORE: 'postgres' }, globalSetup: ['test/helpers/postgres-schemas.ts'] },
        }]
        : []),
    ],
  },
});
