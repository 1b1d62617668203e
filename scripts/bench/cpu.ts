import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

// CPU time spent by the app's processes and by the PostgreSQL server while a route is under load, per
// request: which side a page's cost is on (a query that reads a whole table shows as PostgreSQL's; markup and
// serialization as the app's). Read from /proc (Linux, where the bench runs); elsewhere the figures are left out.

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A process's command name and the fields after it (the name may hold spaces and parentheses). */
function statOf(pid: number): { command: string; fields: string[] } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return { command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), fields: stat.slice(stat.lastIndexOf(')') + 2).split(' ') };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** utime + stime of a process in ms, or 0 when it has gone. */
function cpuMsOf(pid: number): number {
  const stat = statOf(pid);
  return stat ? ((Number(stat.fields[11]) + Number(stat.fields[12])) / ticksPerSecond) * 1000 : 0;
}

function pidsWhere(match: (stat: NonNullable<ReturnType<typeof statOf>>) => boolean): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      const stat = statOf(pid);
      return stat !== undefined && match(stat);
    });
}

/** The server and its workers (children: the fourth field is the parent's pid). */
const appPids = (serverPid: number) => [serverPid, ...pidsWhere(({ fields }) => fields[1] === String(serverPid))];
/** Every PostgreSQL process on this machine (the bench's server is local; anything else it does counts too). */
const postgresPids = () => pidsWhere(({ command }) => command === 'postgres');

export type CpuPerRequest = { app: number; postgres: number | null };

/** Starts counting; `perRequest(n)` gives the ms of CPU per request since, or undefined without /proc. */
export function countCpu(serverPid: number | undefined, withPostgres: boolean) {
  if (!serverPid || !fs.existsSync(`/proc/${serverPid}/stat`)) return { perRequest: (): CpuPerRequest | undefined => undefined };
  const sum = (pids: number[]) => pids.reduce((ms, pid) => ms + cpuMsOf(pid), 0);
  // A process that started meanwhile counts whole; one that ended meanwhile is left out (the app's pool
  // keeps its connections while it is busy, and the warm-up opened them).
  const appPidsNow = appPids(serverPid);
  // A server on another machine leaves nothing to count here: no figure rather than 0.
  const pgPidsNow = withPostgres ? postgresPids() : [];
  const countsPostgres = pgPidsNow.length > 0;
  const before = new Map([...appPidsNow, ...pgPidsNow].map((pid) => [pid, cpuMsOf(pid)]));
  const since = (pids: number[]) => sum(pids) - pids.reduce((ms, pid) => ms + (before.get(pid) ?? 0), 0);
  return {
    perRequest(requests: number): CpuPerRequest | undefined {
      if (requests === 0) return undefined;
      const round = (ms: number) => Math.round((ms / requests) * 10) / 10;
      return { app: round(since(appPids(serverPid))), postgres: countsPostgres ? round(since(postgresPids())) : null };
    },
  };
}
