import type { RouteResult } from './load';
import type { DatabaseRun, Report, WorkdayRun } from './report';

// docs/benchmarks.md from one run of `npm run bench`: the workday mix first (the figure the README
// leads with), then the targets, then each route under 20 connections.

const where = (database: DatabaseRun['database']) => (database === 'postgres' ? 'PostgreSQL server' : 'PGlite');
const processesOf = (r: { processes: DatabaseRun['processes']; workers: number }) =>
  r.processes === 'workers' ? `workers (${r.workers} process${r.workers === 1 ? '' : 'es'})` : 'single process';
const saveCount = (w: WorkdayRun) => Object.values(w.figures.saves).reduce((a, b) => a + b, 0);

function workdaySection(report: Report): string[] {
  const m = report.mix;
  const lines = [
    '## The workday mix',
    '',
    `${Object.values(m.users).reduce((a, b) => a + b, 0)} people signed in at once for ${report.workdaySeconds} s: ${m.users.member} members of this year's teams`,
    `(${Math.ceil(m.users.member / 3)} teams), ${m.users.hr} 人事課 viewers, ${m.users.alumni} マネ友 (last year's members), ${m.users.organizer} organizers (事務局 and 幹事). Each opens`,
    `a page of their role every ${m.thinkMs[0] / 1000}–${m.thinkMs[1] / 1000} s (think time drawn from a seeded PRNG: the same plan every run), weighted as`,
    "in use (members mostly their team's 概要 and 活動記録; HR /hr; alumni /alumni; organizers /admin). " + `${m.writers} of the members (two per team)`,
    `also save every ${m.saveEveryMs / 1000} s, in turn an activity, a モヤモヤ check-in and a sheet version, through the real forms: open the`,
    `form, fill it in for ${m.typingMs[0] / 1000}–${m.typingMs[1] / 1000} s, post what the page holds (with the sheet's base version and the fields edited),`,
    'follow the redirect. Teammates save the sheet a few seconds apart, so one of them may get **409** (a teammate',
    'saved first): that counts as a planned answer only because the script then opens the editor again (the newer',
    'version), makes the same change and saves again; a save that still fails after three tries is an error.',
    '',
    'Open loop: every request is timed from the moment its user meant to click (the plan), not from when the',
    'previous answer let the script go on, so a slow answer also delays the clicks queued behind it. Sessions are',
    'real sessions in the database; their last requests are spread over the minute before the start, so the app',
    'touches each one once a minute at its own moment, as in use. Errors: any answer but 200 to a page or a',
    "redirect to a save (the planned 409s aside), any timeout (10 s). Each person's first page is a document; after it,",
    `${Math.round(m.clientNavigation * 100)}% of views are clicks inside the app, answered with the loaders' data (\`<path>.data\`, rows marked`,
    '(.data)), the rest documents (a reload, a link from a mail, a new tab). Forms are posted',
    'as documents. No static files: browsers keep those a year.',
    '',
    '| Database | Processes | Requests | req/s | p50 ms | p95 ms | p99 ms | Errors | Saves | Sheet 409s re-saved |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const w of report.workday) {
    const f = w.figures;
    lines.push(
      `| ${where(w.database)} | ${processesOf(w)} | ${f.requests} | ${f.requestsPerSecond} | ${f.p50} | ${f.p95} | ${f.p99} | ${f.errors} | ${saveCount(w)} | ${f.sheetConflicts} |`,
    );
  }
  lines.push('');
  for (const w of report.workday) {
    lines.push(`### Workday per route: ${where(w.database)}, ${processesOf(w)}`, '');
    lines.push('| Route | Method | Requests | p50 ms | p95 ms | p99 ms | Errors | Planned | Answers |', '|---|---|---:|---:|---:|---:|---:|---:|---|');
    for (const r of w.figures.routes) {
      const answers = Object.entries(r.statuses)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ');
      lines.push(`| ${r.route} | ${r.method} | ${r.requests} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.planned} | ${answers} |`);
    }
    lines.push('');
  }
  return lines;
}

const cpuOf = (r: RouteResult) =>
  r.cpuPerRequest ? [r.cpuPerRequest.app, ...(r.cpuPerRequest.postgres === null ? [] : [r.cpuPerRequest.postgres])].join(' · ') : '—';

function routeTable(run: DatabaseRun, ratio: (run: DatabaseRun, r: RouteResult) => number): string[] {
  const lines = [
    `### ${where(run.database)}, ${processesOf(run)}`,
    '',
    `| Route | Path | Role | req/s | p50 ms | p95 ms | p99 ms | Errors | vs minimal | CPU ms/req: app${run.database === 'postgres' ? ' · PostgreSQL' : ''} |`,
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of run.routes) {
    if (r.status === 'skipped') {
      lines.push(`| ${r.route} | \`${r.path}\` | ${r.role} | — | — | — | — | — | skipped: ${r.note} | — |`);
      continue;
    }
    lines.push(
      `| ${r.route} | \`${r.path}\` | ${r.role} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${(ratio(run, r) * 100).toFixed(0)}% | ${cpuOf(r)} |`,
    );
  }
  lines.push('');
  return lines;
}

export function markdown(report: Report, ratio: (run: DatabaseRun, r: RouteResult) => number): string {
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
    'With `DATABASE_URL` the script drops and recreates a throwaway database `jinmane_bench` on that server',
    '(`BENCH_DB_NAME` names another, for two people benchmarking one server). `BENCH_DURATION` (seconds per route,',
    'default 6), `BENCH_WORKDAY_SECONDS` (default 60) and `BENCH_PARTS=load` or `workday` shorten a run while developing.',
    `Run ${report.when} on ${report.machine}; it took ${report.minutes} min. The production server (\`node server.mjs\`,`,
    'NODE_ENV=production) on loopback: on a PostgreSQL server as documented (one worker per core, `WEB_CONCURRENCY` unset) and',
    'as a single process (`WEB_CONCURRENCY=1`); PGlite runs one process. Latencies are exact percentiles over every response.',
    '',
    ...workdaySection(report),
    '## Targets (issue 19: PostgreSQL server, the production start with workers; PGlite for its own)',
    '',
    "Issue 9's targets for pages as served (p95 ≤ 150 ms, dashboards ≥ 30% of `/ping`) are no longer checked: what they measured, a page kept by the page cache, no longer exists (decision 0027).",
    '',
  ];
  if (!report.checks.length) lines.push('Not checked: this run had no `DATABASE_URL`.');
  for (const c of report.checks) lines.push(`- ${c.holds ? '✅ holds' : '❌ fails'}: ${c.target} (${c.detail})`);
  lines.push(
    '',
    '## Pages under 20 connections',
    '',
    `autocannon with ${report.connections} connections for ${report.durationSeconds} s per route, each route as the role that opens it (\`/ping\``,
    'and `/login` anonymous). Errors count connection errors, timeouts and non-2xx answers. Every request runs every',
    'loader and renders the page: the app keeps no rendered page (decision 0027), so this is what every view costs.',
    "CPU ms/req: the CPU time of the app's processes (and, on the PostgreSQL server, of every PostgreSQL process on",
    'the machine) during the run, divided by the requests answered: where a page costs what it costs. Two cores',
    'give 2,000 ms of CPU a second, shared with autocannon, so a page at 13 ms in all cannot pass ~150 req/s.',
    '',
  );
  for (const run of report.runs) lines.push(...routeTable(run, ratio));
  lines.push(
    '## Data',
    '',
    Object.entries(report.scale)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') + '.',
    '',
  );
  for (const run of report.runs.filter((r, i, all) => all.findIndex((x) => x.database === r.database) === i)) {
    lines.push(
      `Rows (${run.database}, generated in ${run.generateSeconds} s): ${Object.entries(run.rows)
        .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
        .join(', ')}.`,
      '',
    );
  }
  return lines.join('\n');
}
