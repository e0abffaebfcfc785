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
    // Each file gets its own process: servers, ports and data dirs never collide. Two at a time (2 cores).
    pool: 'forks',
    maxWorkers: 2,
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
