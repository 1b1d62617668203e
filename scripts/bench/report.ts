import fs from 'node:fs';
import type { RouteResult } from './load';

// The targets of issue 9 and the report files (docs/benchmarks.md, docs/benchmarks.json).

export type DatabaseRun = {
  database: 'postgres' | 'pglite';
  /** kept: as served, a page is not rendered again while the database has not changed; rendered: PAGE_CACHE=off. */
  pages: 'kept' | 'rendered';
  rows: Record<string, number>;
  generateSeconds: number;
  routes: RouteResult[];
  dashboards: string[];
};

export type Check = { target: string; holds: boolean; detail: string };

export const targets = { p95Ms: 150, dashboardShare: 0.3 };

const baselineOf = (run: DatabaseRun) => run.routes.find((r) => r.path === '/ping');
const ratio = (run: DatabaseRun, r: RouteResult) => {
  const base = baselineOf(run)?.requestsPerSecond ?? 0;
  return base ? r.requestsPerSecond / base : 0;
};

/** The targets apply to the Postgres server run as served; without one nothing can be claimed. */
export function checkTargets(runs: DatabaseRun[]): Check[] {
  const run = runs.find((r) => r.database === 'postgres' && r.pages === 'kept');
  if (!run) return [];
  const measured = run.routes.filter((r) => r.status === 'measured' && r.path !== '/ping');
  const checks: Check[] = [];
  for (const r of measured) {
    checks.push({ target: `${r.route}: p95 ≤ ${targets.p95Ms} ms`, holds: r.p95 <= targets.p95Ms, detail: `p95 ${r.p95} ms` });
    checks.push({ target: `${r.route}: zero errors`, holds: r.errors === 0, detail: `${r.errors} errors of ${r.requests}` });
    if (run.dashboards.includes(r.route)) {
      const share = ratio(run, r);
      checks.push({
        target: `${r.route}: ≥ ${targets.dashboardShare * 100}% of the minimal route`,
        holds: share >= targets.dashboardShare,
        detail: `${(share * 100).toFixed(1)}%`,
      });
    }
  }
  for (const r of run.routes.filter((x) => x.status === 'skipped')) {
    checks.push({ target: `${r.route}: measured`, holds: false, detail: r.note ?? 'skipped' });
  }
  return checks;
}

type Report = {
  when: string;
  machine: string;
  connections: number;
  durationSeconds: number;
  scale: Record<string, number>;
  runs: DatabaseRun[];
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
  const kept = (start: string, end: string) => (before.includes(start) ? before.slice(before.indexOf(start), before.indexOf(end) + end.length) : '');
  const sections = [kept(abuseStart, abuseEnd), kept(paperStart, paperEnd)].filter(Boolean);
  fs.writeFileSync('docs/benchmarks.md', sections.length ? `${markdown(report).trimEnd()}\n\n${sections.join('\n\n')}\n` : markdown(report));
}

function markdown(report: Report): string {
  const lines = [
    '# Benchmarks',
    '',
    "Written by `npm run bench` (`scripts/bench/`); do not edit by hand. The figures are this machine's,",
    'measured; rerun to reproduce:',
    '',
    '```sh',
    'DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench   # both databases',
    'npm run bench                                                           # PGlite only',
    '```',
    '',
    `With \`DATABASE_URL\` the script drops and recreates a throwaway database \`jinmane_bench\` on that server.`,
    `Run ${report.when} on ${report.machine}; autocannon with ${report.connections} connections for ${report.durationSeconds} s per route,`,
    'against the production server (`node server.mjs`, NODE_ENV=production) on loopback, each route as the role that opens it.',
    'Latencies are exact percentiles over every response. Errors count connection errors, timeouts and non-2xx answers.',
    '',
    '## Data',
    '',
    Object.entries(report.scale)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') + '.',
    '',
  ];
  for (const run of report.runs.filter((r) => r.pages === 'kept')) {
    lines.push(
      `Rows (${run.database}, generated in ${run.generateSeconds} s): ${Object.entries(run.rows)
        .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
        .join(', ')}.`,
      '',
    );
  }
  lines.push(
    'Each database is measured twice on the same data:',
    '',
    '- **as served**: the app keeps a rendered page while the database does not change',
    '  (`app/utils/page-cache.server.ts`). A repeated view by the same person costs a session check and',
    '  one snapshot query. This is the best case: nothing is written during the run.',
    '- **every page rendered** (`PAGE_CACHE=off`): every view runs every loader and renders; this is what',
    '  the first view after any write costs.',
    '',
  );
  for (const run of report.runs) {
    const where = run.database === 'postgres' ? 'PostgreSQL server' : 'PGlite';
    lines.push(`## ${where}, ${run.pages === 'kept' ? 'as served' : 'every page rendered'}`, '');
    lines.push('| Route | Path | Role | req/s | p50 ms | p95 ms | p99 ms | Errors | vs minimal |', '|---|---|---|---:|---:|---:|---:|---:|---:|');
    for (const r of run.routes) {
      if (r.status === 'skipped') {
        lines.push(`| ${r.route} | \`${r.path}\` | ${r.role} | — | — | — | — | — | skipped: ${r.note} |`);
        continue;
      }
      lines.push(
        `| ${r.route} | \`${r.path}\` | ${r.role} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${(ratio(run, r) * 100).toFixed(0)}% |`,
      );
    }
    lines.push('');
  }
  lines.push('## Targets (PostgreSQL server as served, 20 connections)', '');
  if (!report.checks.length) lines.push('Not checked: this run had no `DATABASE_URL`.');
  for (const c of report.checks) lines.push(`- ${c.holds ? '✅ holds' : '❌ fails'}: ${c.target} (${c.detail})`);
  lines.push('');
  return lines.join('\n');
}
