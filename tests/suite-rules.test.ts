import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Rules the test files keep so the suite tells the truth on every run (issue 14): a test waits for
// what it needs to see, never for a fixed time, which is either too short on a busy machine (a
// flaky failure) or longer than needed (a slow suite); and the browser test files share one build
// and one server, each on records of its own, so they pass in any order.

const root = path.resolve('tests');
const self = path.resolve(__filename);

const e2e = (name: string) => path.join('e2e', name);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : /\.tsx?$/.test(entry.name) && full !== self ? [full] : [];
  });
}

/** `file:line: text` of every line that matches. */
function offending(pattern: RegExp): string[] {
  return files(root).flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${path.relative(root, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('the test files', () => {
  it('never wait a fixed time in the browser (page.waitForTimeout)', () => {
    expect(offending(/\.waitForTimeout\s*\(/)).toEqual([]);
  });

  it('never sleep: no promise that only resolves after a timer, no timers/promises', () => {
    // new Promise((r) => setTimeout(r, 250)), new Promise((resolve) => { setTimeout(resolve, 250); })
    const bareSleep = /new Promise\s*(<[^>]*>)?\(\s*\(?\s*(\w+)\s*\)?\s*=>\s*\{?\s*setTimeout\(\s*\2\s*,/;
    expect(offending(bareSleep)).toEqual([]);
    expect(offending(/from\s+['"](node:)?timers\/promises['"]|\bsleep\s*\(/)).toEqual([]);
  });

  it('build the app only in the e2e global setup', () => {
    const builds = offending(/['"]remix['"],\s*['"]build['"]/).map((hit) => hit.split(':')[0]);
    expect(builds).toEqual([e2e('global-setup.ts')]);
  });

  it('start a server of their own only to test the process itself or a database they stop', () => {
    // boot, cli: start-up and shutdown; faults: a database that goes away, a killed process;
    // sheet-concurrency: reads its PGlite folder after stopping the server; stream-integrity: the
    // demo on PostgreSQL; flood: floods a server with sign-ins and pages (the shared one would slow every
    // other file); workers, two-instances: several processes on one PostgreSQL database (issue 19);
    // bench-workday: writes its sessions into its PGlite folder before the server starts and reads the saved
    // rows after it stops; backup: serves a folder restored from a backup, and runs the backup command against
    // a folder the server holds. Everything else uses the shared server (inject('baseUrl')).
    const allowed = [
      'global-setup.ts',
      'backup.test.ts',
      'boot.test.ts',
      'cli.test.ts',
      'faults.test.ts',
      'flood.test.ts',
      'sheet-concurrency.test.ts',
      'stream-integrity.test.ts',
      'workers.test.ts',
      'two-instances.test.ts',
      'bench-workday.test.ts',
    ].map(e2e);
    const starters = [...new Set(offending(/\bstartServer\(/).map((hit) => hit.split(':')[0]!))].filter((file) => file !== e2e('server.ts'));
    expect(starters.filter((file) => !allowed.includes(file))).toEqual([]);
  });

  it("sign in as the demo teams' accounts only where they read (records a file changes are its fixture's)", () => {
    // paper.test.ts opens and downloads the demo team's 共同論文 draft (issue 18); what it saves is its fixture team's.
    const readers = ['csrf.test.ts', 'one-piece-pages.test.ts', 'pages.test.ts', 'paper.test.ts', 'smoke.test.ts', 'stream-integrity.test.ts'].map(e2e);
    const demoTeamAccount = /\b(member2?|hr|alumni|partner|outsider)(@|%40)example\.jp/;
    const browserFiles = offending(demoTeamAccount).filter((hit) => hit.startsWith(e2e('')));
    expect(browserFiles.filter((hit) => !readers.includes(hit.split(':')[0]!))).toEqual([]);
  });
});
