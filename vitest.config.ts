import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Integration tests run once per database: always PGlite, and a Postgres server when
// TEST_DATABASE_URL is set. Each test file gets its own database copied from a migrated template.
const databases = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];
const integration = {
  globalSetup: ['tests/setup/global-db.ts'],
  setupFiles: ['tests/setup/clock.ts', 'tests/setup/properties.ts', 'tests/setup/db.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

// Accounts the tests make (and the demo data they seed) hash passwords at a low cost; the server the
// browser tests start runs at production cost (tests/e2e/server.ts), and a test proves that cost.
process.env.PASSWORD_COST ??= '10';
// Backups the tests make (the admin page's button in the access matrix) go to a folder of their own.
process.env.BACKUP_DIR ??= path.join(os.tmpdir(), `jinmane-test-backups-${process.pid}`);

// "Today" for the tests, the servers and the commands they start (tests/setup/clock.ts, app/utils/clock.ts):
// a day of 令和8年度, the demo data's year, after its last logged day. Set another to run the suite then.
process.env.CLOCK_START ??= '2026-11-26T12:00:00+09:00';

// Browser test files run one at a time (fileParallelism: false): they share one server, a single Node
// process, and running more at once only queued them there until they timed out. vitest runs them
// after the unit and integration files, which use both workers. Files that start servers of their own
// are a project of their own; faults and boot, which time how fast a server answers, are kept apart
// (sequence.groupOrder) so nothing else runs beside them.
const e2eOwnServer = [
  'tests/e2e/sheet-concurrency.test.ts',
  'tests/e2e/cli.test.ts',
  'tests/e2e/workers.test.ts',
  'tests/e2e/two-instances.test.ts',
  'tests/e2e/bench-workday.test.ts',
  'tests/e2e/backup.test.ts',
];
const e2eAlone = ['tests/e2e/faults.test.ts', 'tests/e2e/boot.test.ts', 'tests/e2e/flood.test.ts'];
// Integration files that time their work, run when nothing else does.
const integrationAlone = ['tests/integration/paper-timing.test.ts'];
const e2e = { setupFiles: ['tests/setup/clock.ts'], fileParallelism: false, testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  resolve: { alias: { '~': path.resolve(__dirname, 'app') } },
  test: {
    globals: true,
    // Two files at a time. vitest's default (cores − 1) ran the whole suite one file at a time on a 2-core
    // machine; more than two at once overloaded it (timeouts, a slower run). TEST_WORKERS overrides.
    maxWorkers: Number(process.env.TEST_WORKERS) || 2,
    // The results as JSON too, for .ci/run's list of the slowest files (scripts/slowest-tests.mjs).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        // tests/*.test.ts: rules the test files themselves keep (tests/suite-rules.test.ts), the bench scripts' pure parts (tests/bench.test.ts).
        test: { name: 'unit', include: ['app/**/*.test.{ts,tsx}', 'tests/*.test.ts'], setupFiles: ['tests/setup/clock.ts', 'tests/setup/properties.ts'] },
      },
      ...databases.map((database) => ({
        extends: true as const,
        test: {
          name: database,
          include: ['tests/integration/**/*.test.ts'],
          exclude: integrationAlone,
          env: { TEST_DB: database },
          ...integration,
        },
      })),
      // In groups of their own (sequence.groupOrder), one database after the other, nothing beside them: CI
      // failed the paper's 2 s bar at 2.2–2.8 s with another test file beside it; alone it takes ~1 s. Each
      // group runs the global setup again (the template migrated once more, a few seconds).
      ...databases.map((database, i) => ({
        extends: true as const,
        test: {
          name: `${database}-alone`,
          include: integrationAlone,
          env: { TEST_DB: database },
          ...integration,
          fileParallelism: false,
          sequence: { groupOrder: 2 + i },
        },
      })),
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], exclude: [...e2eOwnServer, ...e2eAlone], globalSetup: ['tests/e2e/global-setup.ts'], ...e2e },
      },
      { extends: true, test: { name: 'e2e-own-server', include: e2eOwnServer, ...e2e } },
      { extends: true, test: { name: 'e2e-alone', include: e2eAlone, ...e2e, sequence: { groupOrder: 1 } } },
    ],
  },
});
