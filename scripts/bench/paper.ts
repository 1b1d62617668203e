// `npm run bench:paper`: how long the 共同論文 draft (issue 18) takes to write, over HTTP against the production server,
// for a team of the benchmark's ten years (80 activities, 10 interviews, those opened to the program ticked, 3 changes, 10 sheet
// versions; the timing test adds 3 surveys), on PGlite and (with DATABASE_URL) on a Postgres server. One at a
// time: writing a paper is a person's click, not a crowd's. Writes the "共同論文の草稿" section of docs/benchmarks.md
// (npm run bench keeps it when it rewrites the file). Loopback only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { now } from '../../app/utils/clock';
import { startServer, tempDir } from '../../tests/e2e/server';
import { benchPassword, prepareBenchDatabase } from './data';
import { benchServerEnv, signIn } from './load';
import { paperEnd, paperStart } from './report';

const runs = Number(process.env.BENCH_PAPER_RUNS ?? 10);
export const paperTargetMs = 2000;

type Figures = { database: string; firstMs: number; p50: number; max: number; bytes: number; runs: number };

async function timePaper(database: string, env: Record<string, string>, config: Parameters<typeof prepareBenchDatabase>[0]): Promise<Figures> {
  console.log(`== ${database}: generating ten years of data…`);
  const { accounts } = await prepareBenchDatabase(config);
  const server = await startServer({ ...env, ...benchServerEnv });
  try {
    const cookie = await signIn(server.url, accounts.member, benchPassword);
    const once = async () => {
      const started = performance.now();
      const res = await fetch(`${server.url}/teams/${accounts.teamId}/paper.docx`, { headers: { Cookie: cookie } });
      const body = new Uint8Array(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`paper.docx answered ${res.status}: ${new TextDecoder().decode(body).slice(0, 200)}`);
      return { ms: performance.now() - started, bytes: body.length };
    };
    const first = await once(); // the server's first paper imports docx and resvg
    const times: number[] = [];
    let bytes = first.bytes;
    for (let i = 0; i < runs; i++) {
      const run = await once();
      times.push(run.ms);
      bytes = run.bytes;
    }
    times.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms);
    const figures = { database, firstMs: round(first.ms), p50: round(times[Math.floor(times.length / 2)]!), max: round(times.at(-1)!), bytes, runs };
    console.log(`   first ${figures.firstMs} ms, p50 ${figures.p50} ms, max ${figures.max} ms over ${runs}, ${bytes} bytes`);
    return figures;
  } finally {
    await server.stop();
  }
}

const load = os.loadavg()[0]!.toFixed(1);
const results: Figures[] = [];
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe('drop database if exists jinmane_bench_paper with (force)');
  await admin.unsafe('create database jinmane_bench_paper');
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/jinmane_bench_paper';
  results.push(await timePaper('PostgreSQL server', { DATABASE_URL: url.toString() }, { databaseUrl: url.toString() }));
  const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await cleanup.unsafe('drop database if exists jinmane_bench_paper with (force)');
  await cleanup.end();
}
const dir = tempDir('jinmane-bench-paper-');
const pgliteDir = path.join(dir, 'pglite');
results.push(await timePaper('PGlite', { DATABASE_URL: '', PGLITE_DIR: pgliteDir }, { pgliteDir }));
fs.rmSync(dir, { recursive: true, force: true });

const section = [
  paperStart,
  '## 共同論文の草稿 (.docx)',
  '',
  `Written by \`npm run bench:paper\` on ${now().toISOString()}, load average ${load} when it started, ${os.cpus().length} cores, Node ${process.version}:`,
  "the production server with the ten years of 60 municipalities, a member downloading their team's draft (`/teams/:id/paper.docx`: 80 activities,",
  '10 interviews with those opened to the program ticked, 3 changes, 10 sheet versions, 2 charts; no surveys yet: tests/integration/paper-timing.test.ts times 3),',
  `one request at a time, ${runs} after the first (which imports docx and resvg). Target: every one under ${paperTargetMs / 1000} s.`,
  '',
  '| Database | First | p50 | Max | Size | Target |',
  '|---|---:|---:|---:|---:|---|',
  ...results.map(
    (r) =>
      `| ${r.database} | ${r.firstMs} ms | ${r.p50} ms | ${r.max} ms | ${Math.round(r.bytes / 1024)} KB | ${r.max < paperTargetMs && r.firstMs < paperTargetMs ? '✅ holds' : '❌ fails'} |`,
  ),
  paperEnd,
].join('\n');
const file = 'docs/benchmarks.md';
const text = fs.readFileSync(file, 'utf8');
const start = text.indexOf(paperStart);
fs.writeFileSync(
  file,
  start >= 0 ? text.slice(0, start) + section + text.slice(text.indexOf(paperEnd) + paperEnd.length) : `${text.trimEnd()}\n\n${section}\n`,
);
console.log(section);
process.exit(results.every((r) => r.max < paperTargetMs) ? 0 : 1);
