// After a test run (.ci/run): the ten slowest test files and the count of tests, from vitest's JSON report.
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
// The closing count, alone on its line.
console.log(`vitest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`);
