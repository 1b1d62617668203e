// `npm run bench:abuse`: the two abuses of issue 15 (scripts/bench/abuse-scenarios.ts) against the
// production server on a throwaway PGlite folder with the benchmark's ten years of data, on loopback; writes the figures into
// the "Under abuse" section of docs/benchmarks.md (npm run bench keeps that section when it rewrites).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, tempDir } from '../../tests/e2e/server';
import { signInOver } from '../../tests/e2e/fault-helpers';
import { dashboardBurst, signInFlood, type AbuseFigures } from './abuse-scenarios';
import { benchPassword, prepareBenchDatabase } from './data';
import { benchServerEnv } from './load';
import { abuseEnd, abuseStart } from './report';
import { now } from '../../app/utils/clock';

const dir = tempDir('jinmane-abuse-');
const env = { DATABASE_URL: '', PGLITE_DIR: path.join(dir, 'pglite') };
const { accounts } = await prepareBenchDatabase({ pgliteDir: env.PGLITE_DIR });
const server = await startServer({ ...env, BACKUP_EVERY: benchServerEnv.BACKUP_EVERY, TRUST_PROXY: '1' });
try {
  const flood = await signInFlood(server.url);
  const cookie = await signInOver(server.url, accounts.organizer, benchPassword);
  const burst = await dashboardBurst(server.url, cookie);
  const row = (name: string, f: AbuseFigures & { healthFailures: number[] }) =>
    `| ${name} | ${f.seconds} s | ${Object.entries(f.statuses)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ')} | ${f.healthP95Ms} ms over ${f.probes} probes${f.healthFailures.length ? ` (${f.healthFailures.length} failed)` : ''} |`;
  const section = [
    abuseStart,
    '## Under abuse',
    '',
    `Written by \`npm run bench:abuse\` on ${now().toISOString()}, ${os.cpus().length} cores, Node ${process.version}: the production server`,
    'with the ten years of 60 municipalities on PGlite, on loopback, real scrypt cost. The sign-in flood is 16 clients at a time for 5 s, each',
    'sign-in with a random email from an address of its own; the burst is 50 organizer dashboards at once, each rendered.',
    '`/healthz` is probed back to back throughout. Targets: `/healthz` p95 under 1 s, no 500 (503 means "retry").',
    '',
    '| Abuse | Took | Answers | `/healthz` p95 |',
    '|---|---|---|---|',
    row('sign-in flood', flood),
    row('50 dashboards at once', burst),
    abuseEnd,
  ].join('\n');
  const file = 'docs/benchmarks.md';
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(abuseStart);
  const next = start >= 0 ? text.slice(0, start) + section + text.slice(text.indexOf(abuseEnd) + abuseEnd.length) : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
  console.log(section);
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
