// `npm run bench`: ten years of synthetic data, the production server, autocannon on the pages
// people open most, on PGlite and (when DATABASE_URL is set) on a Postgres server.
// Writes docs/benchmarks.md and docs/benchmarks.json. Loopback only.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { type DbConfig } from '../../db/client';
import { now } from '../../app/utils/clock';
import { startServer, tempDir } from '../../tests/e2e/server';
import { benchPassword, benchScale, prepareBenchDatabase, type BenchAccounts } from './data';
import { connections, load, probe, signIn, type RouteResult } from './load';
import { checkTargets, writeReport, type DatabaseRun } from './report';

const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const benchDbName = 'jinmane_bench';

function buildIfNeeded() {
  const built = fs.existsSync('build/index.js') && fs.readFileSync('build/index.js', 'utf8').includes('routes/ping');
  if (built && !process.env.BENCH_REBUILD) return;
  console.log('building (remix build)…');
  execSync('npx remix build', { stdio: 'inherit' });
}

/** A throwaway database on the given server, dropped and created again on every run. */
async function freshPostgresDatabase(serverUrl: string): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${benchDbName} with (force)`);
    await admin.unsafe(`create database ${benchDbName}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${benchDbName}`;
  return url.toString();
}

function routesFor(a: BenchAccounts) {
  return [
    { route: 'minimal (baseline)', path: '/ping', role: 'anonymous', dashboard: false },
    { route: 'team dashboard', path: `/teams/${a.teamId}`, role: 'member', dashboard: true },
    { route: 'activity timeline', path: `/teams/${a.teamId}/activities`, role: 'member', dashboard: false },
    { route: 'sheet history', path: `/teams/${a.teamId}/sheet/history`, role: 'member', dashboard: false },
    { route: 'HR dashboard', path: '/hr', role: 'hr', dashboard: true },
    { route: 'organizer dashboard', path: `/admin?year=${a.fiscalYear}`, role: 'organizer', dashboard: true },
  ] as const;
}

async function runOn(database: 'postgres' | 'pglite', config: DbConfig, serverEnv: Record<string, string>): Promise<DatabaseRun[]> {
  console.log(`\n== ${database}: generating ten years of data…`);
  const prepared = await prepareBenchDatabase(config);
  console.log(
    `   ${prepared.seconds} s: ${Object.entries(prepared.rows)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
  const runs: DatabaseRun[] = [];
  // As served (pages kept while the database does not change), then with every page rendered.
  for (const pages of ['kept', 'rendered'] as const) {
    console.log(`-- ${database}, ${pages === 'kept' ? 'pages kept (as served)' : 'every page rendered (PAGE_CACHE=off)'}`);
    runs.push(await measure(database, pages, prepared, { ...serverEnv, PAGE_CACHE: pages === 'kept' ? 'on' : 'off' }));
  }
  return runs;
}

async function measure(
  database: 'postgres' | 'pglite',
  pages: 'kept' | 'rendered',
  { accounts, rows, seconds }: Awaited<ReturnType<typeof prepareBenchDatabase>>,
  serverEnv: Record<string, string>,
): Promise<DatabaseRun> {
  const server = await startServer({ ...serverEnv, COOKIE_SECURE: 'false' });
  const results: RouteResult[] = [];
  try {
    const cookies: Record<string, string | undefined> = { anonymous: undefined };
    for (const role of ['member', 'hr', 'organizer'] as const) cookies[role] = await signIn(server.url, accounts[role], benchPassword);
    for (const r of routesFor(accounts)) {
      const cookie = cookies[r.role];
      const status = await probe(server.url, r.path, cookie);
      const base = { route: r.route, path: r.path, role: r.role };
      if (status !== 200) {
        const note = status === 404 ? 'not built yet (404; issue 7)' : `answered ${status}, not measured`;
        console.log(`   ${r.route.padEnd(20)} skipped: ${note}`);
        results.push({ ...base, status: 'skipped', note, requestsPerSecond: 0, p50: 0, p95: 0, p99: 0, errors: 0, requests: 0 });
        continue;
      }
      for (let i = 0; i < 5; i++) await probe(server.url, r.path, cookie); // warm the JIT and caches
      const figures = await load(server.url, r.path, cookie, durationSeconds);
      console.log(
        `   ${r.route.padEnd(20)} ${String(figures.requestsPerSecond).padStart(6)} req/s  p50 ${figures.p50} ms  p95 ${figures.p95} ms  p99 ${figures.p99} ms  errors ${figures.errors}`,
      );
      results.push({ ...base, status: 'measured', ...figures });
    }
  } finally {
    await server.stop();
  }
  return {
    database,
    pages,
    rows,
    generateSeconds: seconds,
    routes: results,
    dashboards: routesFor(accounts)
      .filter((r) => r.dashboard)
      .map((r) => r.route),
  };
}

const loadAtStartRaw = os.loadavg()[0]!;
buildIfNeeded();
const runs: DatabaseRun[] = [];
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  const url = await freshPostgresDatabase(serverUrl);
  runs.push(...(await runOn('postgres', { databaseUrl: url }, { DATABASE_URL: url })));
}
const pgliteDir = path.join(tempDir('jinmane-bench-'), 'pglite');
runs.push(...(await runOn('pglite', { pgliteDir }, { DATABASE_URL: '', PGLITE_DIR: pgliteDir })));
fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true });

const loadAtStart = loadAtStartRaw.toFixed(1);
const machine = `load average ${loadAtStart} when it started (anything else running skews the figures), ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
const checks = checkTargets(runs);
writeReport({ when: now().toISOString(), machine, connections, durationSeconds, scale: benchScale, runs, checks });
console.log('\ntargets (Postgres server, 20 connections):');
for (const check of checks) console.log(`  ${check.holds ? 'HOLDS' : 'FAILS'}  ${check.target}: ${check.detail}`);
if (!serverUrl) console.log('  (no DATABASE_URL: the targets apply to a Postgres server; set DATABASE_URL to check them)');
console.log('\nwrote docs/benchmarks.md and docs/benchmarks.json');
process.exit(0);
