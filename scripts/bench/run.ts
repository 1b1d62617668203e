// `npm run bench`: ten years of synthetic data, the production server, autocannon on the pages
// people open most (every page rendered; workers and a single process on a Postgres server) and
// the workday mix (workday.ts), on PGlite and (when DATABASE_URL is set) on a Postgres server.
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
import { countCpu } from './cpu';
import { benchServerEnv, connections, load, probe, signIn, type RouteResult } from './load';
import { checkTargets, writeReport, type DatabaseRun, type WorkdayRun } from './report';
import { runWorkday, viewOf } from './workday';
import { workdaySessions } from './workday-cast';
import { mix, pagesOf } from './workday-plan';

// Per route, autocannon: 6 s keeps the whole run (ten years of data generated twice; seven routes
// under load and the workday mix, each on PostgreSQL with workers, on PostgreSQL as a single process
// and on PGlite) near ten minutes on this 2-core machine.
const durationSeconds = Number(process.env.BENCH_DURATION ?? 6);
const workdaySeconds = Number(process.env.BENCH_WORKDAY_SECONDS ?? 60);
const workdaySeed = Number(process.env.BENCH_SEED ?? 19);
// Another engineer running the bench on the same server at the same time needs a database of their own.
const benchDbName = process.env.BENCH_DB_NAME ?? 'jinmane_bench';
if (!/^[a-z_][a-z0-9_]*$/.test(benchDbName)) throw new Error(`BENCH_DB_NAME: not a plain database name: ${benchDbName}`);
// The "workers" runs are the documented start, WEB_CONCURRENCY unset: one set in this shell would
// leak into them through the server's environment (tests/e2e/server.ts passes process.env on).
delete process.env.WEB_CONCURRENCY;
// While developing: BENCH_PARTS=workday (or load) runs one part only.
const parts = new Set((process.env.BENCH_PARTS ?? 'load,workday').split(','));

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
    { route: 'minimal (baseline)', path: '/ping', role: 'anonymous' },
    { route: 'sign-in page', path: '/login', role: 'anonymous' },
    { route: 'team dashboard', path: `/teams/${a.teamId}`, role: 'member' },
    { route: 'activity timeline', path: `/teams/${a.teamId}/activities`, role: 'member' },
    { route: 'sheet history', path: `/teams/${a.teamId}/sheet/history`, role: 'member' },
    { route: 'HR dashboard', path: '/hr', role: 'hr' },
    { route: 'organizer dashboard', path: `/admin?year=${a.fiscalYear}`, role: 'organizer' },
  ] as const;
}

type Prepared = Awaited<ReturnType<typeof prepareBenchDatabase>>;
type Processes = { processes: DatabaseRun['processes']; env: Record<string, string> };

/**
 * The documented production start runs one worker per core on a PostgreSQL server (WEB_CONCURRENCY
 * unset); a single process is measured beside it. PGlite runs one process whatever is set.
 */
function processesFor(database: 'postgres' | 'pglite'): Processes[] {
  const single: Processes = { processes: 'single process', env: { WEB_CONCURRENCY: '1' } };
  return database === 'postgres' ? [{ processes: 'workers', env: {} }, single] : [single];
}

/** How many processes answer: the server's workers (its children), or the server itself. */
function processCount(pid: number | undefined): number {
  if (!pid) return 1;
  try {
    const children = execSync(`ps -o pid= --ppid ${pid}`, { encoding: 'utf8' }).trim();
    return Math.max(1, children ? children.split('\n').length : 0);
  } catch {
    return 1; // ps exits 1 when there are no children
  }
}

async function runOn(database: 'postgres' | 'pglite', config: DbConfig, serverEnv: Record<string, string>) {
  console.log(`\n== ${database}: generating ten years of data…`);
  const prepared = await prepareBenchDatabase(config);
  console.log(
    `   ${prepared.seconds} s: ${Object.entries(prepared.rows)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
  const runs: DatabaseRun[] = [];
  const workday: WorkdayRun[] = [];
  // Every route under load, then the workday mix (last, since it writes), once per number of processes.
  if (parts.has('load')) {
    for (const p of processesFor(database)) {
      console.log(`-- ${database}, ${p.processes}, every route under ${connections} connections`);
      runs.push(await measure(database, p, prepared, { ...serverEnv, ...p.env }));
    }
  }
  if (parts.has('workday')) {
    for (const p of processesFor(database)) {
      console.log(`-- ${database}, ${p.processes}, workday mix (${workdaySeconds} s)`);
      workday.push(await workdayOn(database, config, p, prepared, { ...serverEnv, ...p.env }));
    }
  }
  return { runs, workday };
}

async function workdayOn(
  database: 'postgres' | 'pglite',
  config: DbConfig,
  p: Processes,
  prepared: Prepared,
  serverEnv: Record<string, string>,
): Promise<WorkdayRun> {
  // Sessions are written before the server starts: PGlite's folder is the server's alone once it runs.
  const cookies = await workdaySessions(config, prepared.cast, workdaySeed);
  const server = await startServer({ ...serverEnv, ...benchServerEnv });
  try {
    const workers = processCount(server.process.pid);
    // Warm up: each kind of page, as its role, as a document and as data, before the clock starts, in every
    // worker, as a server that has run for a day is warm in all of them: warmed through one kept connection
    // (one worker), a route's first answer in the other worker set that route's p95.
    const seen = new Set<string>();
    for (const user of prepared.cast) {
      for (const [, route, path] of pagesOf[user.role]) {
        if (seen.has(`${user.role} ${route}`)) continue;
        seen.add(`${user.role} ${route}`);
        for (const navigation of ['document', 'data'] as const) {
          const [, address] = viewOf({ route, path: path(user), navigation });
          for (let turn = 0; turn < workers; turn++) {
            const status = await probe(server.url, address, cookies.get(user.userId));
            if (status !== 200) throw new Error(`workday: ${route} (${address}) as ${user.role} answered ${status}`);
          }
        }
      }
    }
    const figures = await runWorkday(server.url, prepared.cast, cookies, { durationSeconds: workdaySeconds, seed: workdaySeed });
    console.log(
      `   ${figures.requests} requests (${figures.requestsPerSecond}/s), p50 ${figures.p50} ms, p95 ${figures.p95} ms, p99 ${figures.p99} ms, errors ${figures.errors}; saved ${Object.entries(
        figures.saves,
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}; sheet 409s re-read and saved again: ${figures.sheetConflicts}`,
    );
    for (const sample of figures.errorSamples) console.log(`   error: ${sample}`);
    return { database, processes: p.processes, workers, figures };
  } finally {
    await server.stop();
  }
}

async function measure(
  database: 'postgres' | 'pglite',
  p: Processes,
  { accounts, rows, seconds }: Prepared,
  serverEnv: Record<string, string>,
): Promise<DatabaseRun> {
  const server = await startServer({ ...serverEnv, ...benchServerEnv });
  const results: RouteResult[] = [];
  let workers = 1;
  try {
    workers = processCount(server.process.pid);
    const cookies: Record<string, string | undefined> = { anonymous: undefined };
    for (const role of ['member', 'hr', 'organizer'] as const) cookies[role] = await signIn(server.url, accounts[role], benchPassword);
    for (const r of routesFor(accounts)) {
      const cookie = cookies[r.role];
      const status = await probe(server.url, r.path, cookie);
      const base = { route: r.route, path: r.path, role: r.role };
      if (status !== 200) {
        const note = `answered ${status}, not measured`;
        console.log(`   ${r.route.padEnd(20)} skipped: ${note}`);
        results.push({ ...base, status: 'skipped', note, requestsPerSecond: 0, p50: 0, p95: 0, p99: 0, errors: 0, requests: 0 });
        continue;
      }
      for (let i = 0; i < 5 * workers; i++) await probe(server.url, r.path, cookie); // warm the JIT and caches of every worker
      const cpu = countCpu(server.process.pid, database === 'postgres');
      const figures = await load(server.url, r.path, cookie, durationSeconds);
      const cpuPerRequest = cpu.perRequest(figures.requests);
      console.log(
        `   ${r.route.padEnd(20)} ${String(figures.requestsPerSecond).padStart(6)} req/s  p50 ${figures.p50} ms  p95 ${figures.p95} ms  p99 ${figures.p99} ms  errors ${figures.errors}` +
          (cpuPerRequest ? `  CPU/req app ${cpuPerRequest.app} ms${cpuPerRequest.postgres === null ? '' : `, PostgreSQL ${cpuPerRequest.postgres} ms`}` : ''),
      );
      results.push({ ...base, status: 'measured', ...figures, ...(cpuPerRequest ? { cpuPerRequest } : {}) });
    }
  } finally {
    await server.stop();
  }
  return {
    database,
    processes: p.processes,
    workers,
    rows,
    generateSeconds: seconds,
    routes: results,
  };
}

const startedAt = performance.now();
const loadAtStartRaw = os.loadavg()[0]!;
buildIfNeeded();
const runs: DatabaseRun[] = [];
const workday: WorkdayRun[] = [];
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  const url = await freshPostgresDatabase(serverUrl);
  const done = await runOn('postgres', { databaseUrl: url }, { DATABASE_URL: url });
  runs.push(...done.runs);
  workday.push(...done.workday);
}
const pgliteDir = path.join(tempDir('jinmane-bench-'), 'pglite');
const done = await runOn('pglite', { pgliteDir }, { DATABASE_URL: '', PGLITE_DIR: pgliteDir });
runs.push(...done.runs);
workday.push(...done.workday);
fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true });

const loadAtStart = loadAtStartRaw.toFixed(1);
const machine = `load average ${loadAtStart} when it started (anything else running skews the figures), ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
const checks = checkTargets(runs, workday);
const minutes = Math.round((performance.now() - startedAt) / 6_000) / 10;
writeReport({ when: now().toISOString(), machine, minutes, connections, durationSeconds, workdaySeconds, scale: benchScale, mix, runs, workday, checks });
console.log('\ntargets (issue 19: PostgreSQL server, the production start with workers):');
for (const check of checks) console.log(`  ${check.holds ? 'HOLDS' : 'FAILS'}  ${check.target}: ${check.detail}`);
if (!serverUrl) console.log('  (no DATABASE_URL: most targets apply to a Postgres server; set DATABASE_URL to check them)');
console.log(`\nwrote docs/benchmarks.md and docs/benchmarks.json (${minutes} min)`);
process.exit(0);
