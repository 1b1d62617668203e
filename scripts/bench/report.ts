import fs from 'node:fs';
import type { RouteResult } from './load';
import type { WorkdayFigures } from './workday';
import type { mix as workdayMix } from './workday-plan';
import { markdown } from './report-markdown';

// The targets of issue 19 and the report files (docs/benchmarks.md, docs/benchmarks.json). Every page is
// rendered on every request (there is no page cache: decision 0027), so the targets apply to what is measured.

export type DatabaseRun = {
  database: 'postgres' | 'pglite';
  /** workers: the documented production start (WEB_CONCURRENCY unset); single process: WEB_CONCURRENCY=1. */
  processes: 'workers' | 'single process';
  /** How many processes answered (the server's children, or the server itself). */
  workers: number;
  rows: Record<string, number>;
  generateSeconds: number;
  routes: RouteResult[];
};

export type WorkdayRun = {
  database: 'postgres' | 'pglite';
  processes: DatabaseRun['processes'];
  workers: number;
  figures: WorkdayFigures;
};

export type Check = { target: string; holds: boolean; detail: string };

/** Issue 19, on PostgreSQL with workers (the documented start) but for PGlite's own. */
export const targets = {
  pages: { routes: ['team dashboard', 'activity timeline', 'sheet history', 'HR dashboard'], requestsPerSecond: 150, p95Ms: 150 },
  organizerP95Ms: 300,
  loginShare: 0.6,
  pgliteTeamDashboard: 80,
  workdayP95Ms: 150,
};

const baselineOf = (run: DatabaseRun) => run.routes.find((r) => r.path === '/ping');
const ratio = (run: DatabaseRun, r: RouteResult) => {
  const base = baselineOf(run)?.requestsPerSecond ?? 0;
  return base ? r.requestsPerSecond / base : 0;
};

/** A p95 only means something when the route answered at all within the run (autocannon drops what is still in flight). */
const p95Within = (r: RouteResult, ms: number) => r.requests > 0 && r.p95 <= ms;
const p95Detail = (r: RouteResult) => (r.requests > 0 ? `p95 ${r.p95} ms` : 'no answer within the run');

const findRun = (runs: DatabaseRun[], database: DatabaseRun['database'], processes: DatabaseRun['processes']) =>
  runs.find((r) => r.database === database && r.processes === processes);

/** Issue 19's targets for each route, on the PostgreSQL server with workers. */
function routeChecks(run: DatabaseRun): Check[] {
  const checks: Check[] = [];
  const t = targets.pages;
  for (const r of run.routes.filter((x) => x.status === 'measured' && x.path !== '/ping')) {
    if (t.routes.includes(r.route)) {
      checks.push({
        target: `${r.route}: ≥ ${t.requestsPerSecond} req/s`,
        holds: r.requestsPerSecond >= t.requestsPerSecond,
        detail: `${r.requestsPerSecond} req/s`,
      });
      checks.push({ target: `${r.route}: p95 ≤ ${t.p95Ms} ms`, holds: p95Within(r, t.p95Ms), detail: p95Detail(r) });
    }
    if (r.route === 'organizer dashboard') {
      checks.push({ target: `${r.route}: p95 ≤ ${targets.organizerP95Ms} ms`, holds: p95Within(r, targets.organizerP95Ms), detail: p95Detail(r) });
    }
    if (r.path === '/login') {
      const share = ratio(run, r);
      checks.push({
        target: `/login: ≥ ${targets.loginShare * 100}% of /ping`,
        holds: share >= targets.loginShare,
        detail: `${(share * 100).toFixed(1)}%`,
      });
    }
    checks.push({ target: `${r.route}: zero errors`, holds: r.errors === 0, detail: `${r.errors} errors of ${r.requests}` });
  }
  return checks;
}

function workdayChecks(run: WorkdayRun): Check[] {
  const f = run.figures;
  const slowest = [...f.routes].sort((a, b) => b.p95 - a.p95)[0];
  return [
    {
      target: `workday: p95 ≤ ${targets.workdayP95Ms} ms on every route`,
      holds: f.routes.every((r) => r.p95 <= targets.workdayP95Ms),
      detail: slowest ? `slowest ${slowest.method} ${slowest.route}: p95 ${slowest.p95} ms; all requests p95 ${f.p95} ms` : 'no requests',
    },
    { target: 'workday: no error', holds: f.errors === 0 && f.requests > 0, detail: `${f.errors} errors of ${f.requests}` },
  ];
}

/**
 * The targets apply to the documented production start on a PostgreSQL server (workers); PGlite's own
 * target is its team dashboard. A route that could not be measured fails its target.
 */
export function checkTargets(runs: DatabaseRun[], workday: WorkdayRun[]): Check[] {
  const checks: Check[] = [];
  for (const run of runs.filter((r) => r.database === 'postgres' && r.processes === 'workers')) {
    for (const r of run.routes.filter((x) => x.status === 'skipped')) {
      checks.push({ target: `${r.route}: measured`, holds: false, detail: r.note ?? 'skipped' });
    }
  }
  const workers = findRun(runs, 'postgres', 'workers');
  if (workers) checks.push(...routeChecks(workers));
  for (const run of workday.filter((w) => w.database === 'postgres' && w.processes === 'workers')) checks.push(...workdayChecks(run));
  const lite = findRun(runs, 'pglite', 'single process')?.routes.find((r) => r.route === 'team dashboard');
  if (lite) {
    checks.push({
      target: `PGlite, team dashboard: ≥ ${targets.pgliteTeamDashboard} req/s`,
      holds: lite.status === 'measured' && lite.requestsPerSecond >= targets.pgliteTeamDashboard,
      detail: `${lite.requestsPerSecond} req/s`,
    });
  }
  return checks;
}

export type Report = {
  when: string;
  machine: string;
  /** How long the whole `npm run bench` took. */
  minutes: number;
  connections: number;
  durationSeconds: number;
  workdaySeconds: number;
  scale: Record<string, number>;
  mix: typeof workdayMix;
  runs: DatabaseRun[];
  workday: WorkdayRun[];
  checks: Check[];
};

// The "Under abuse" section is written by `npm run bench:abuse` (scripts/bench/abuse.ts) and kept here.
export const abuseStart = '<!-- abuse: written by npm run bench:abuse -->';
export const abuseEnd = '<!-- /abuse -->';
// The "共同論文の草稿" section is written by `npm run bench:paper` (scripts/bench/paper.ts) and kept here too.
export const paperStart = '<!-- paper: written by npm run bench:paper -->';
export const paperEnd = '<!-- /paper -->';

export function writeReport(report: Report) {
  const json = {
    ...report,
    runs: report.runs.map((run) => ({
      ...run,
      routes: run.routes.map((r) => ({ ...r, ratioToMinimal: Math.round(ratio(run, r) * 1000) / 1000 })),
    })),
  };
  fs.writeFileSync('docs/benchmarks.json', JSON.stringify(json, null, 2) + '\n');
  const before = fs.existsSync('docs/benchmarks.md') ? fs.readFileSync('docs/benchmarks.md', 'utf8') : '';
  fs.writeFileSync('docs/benchmarks.md', withKeptSections(markdown(report, ratio), before));
}

/** The new report with the sections other scripts wrote (abuse, paper) carried over from the old one, markers and all. */
export function withKeptSections(fresh: string, before: string): string {
  const kept = (start: string, end: string) =>
    before.includes(start) && before.includes(end) ? before.slice(before.indexOf(start), before.indexOf(end) + end.length) : '';
  const sections = [kept(abuseStart, abuseEnd), kept(paperStart, paperEnd)].filter(Boolean);
  return sections.length ? `${fresh.trimEnd()}\n\n${sections.join('\n\n')}\n` : fresh;
}
