// After a test run (.ci/run): the ten slowest test files, the tests per database and the count, from vitest's JSON report.
import fs from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';
if (!fs.existsSync(file)) {
  console.log(`slowest tests: ${file} not found`);
  process.exit(0);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const files = report.testResults.map((r) => ({ name: r.name.replace(`${process.cwd()}/`, ''), ms: r.endTime - r.startTime, tests: r.assertionResults.length }));
console.log('\nslowest test files:');
for (const f of files.sort((a, b) => b.ms - a.ms).slice(0, 10)) console.log(`  ${(f.ms / 1000).toFixed(1).padStart(6)} s  ${f.name} (${f.tests})`);
// How many tests ran where: each integration test names its database (tests/setup/db.ts); the others are
// unit tests or browser tests (whose server runs on PGlite).
const where = {};
for (const r of report.testResults) {
  const kind = r.name.includes('/tests/e2e/') ? 'browser' : r.name.includes('/tests/integration/') ? null : 'unit';
  for (const a of r.assertionResults.filter((a) => a.status === 'passed' || a.status === 'failed')) {
    const key = kind ?? (a.meta?.database ? `integration on ${a.meta.database}` : 'integration (database not named)');
    where[key] = (where[key] ?? 0) + 1;
  }
}
console.log(
  `tests by where they ran: ${Object.entries(where)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);
if (!where['integration on postgres']) console.log('  (no integration test ran on PostgreSQL: TEST_DATABASE_URL was not set)');
// The closing count, alone on its line.
console.log(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`);
