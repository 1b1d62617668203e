import http from 'node:http';
import autocannon from 'autocannon';
import type { CpuPerRequest } from './cpu';

// One autocannon run against a route on loopback, reduced to the figures the report shows.

export type RouteResult = {
  route: string;
  path: string;
  role: string;
  status: 'measured' | 'skipped';
  note?: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number; // connection errors, timeouts and non-2xx answers
  requests: number;
  /** ms of CPU per request: the app's processes, and the PostgreSQL server's (null on PGlite, which runs in the app). */
  cpuPerRequest?: CpuPerRequest;
};

export const connections = 20;

/**
 * What every server the bench starts runs with, besides its database: no scheduled backup. PGlite's runs daily
 * at 03:00 Tokyo (18:00 UTC) by default and holds the database for seconds: a run that crossed that minute
 * measured the backup (nine 10 s timeouts in a workday), a figure that depended on the hour of the run.
 */
export const benchServerEnv = { COOKIE_SECURE: 'false', BACKUP_EVERY: 'off' } as const;

export async function signIn(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ email, password, redirectTo: '/teams' }),
  });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return cookie.split(';')[0]!;
}

/**
 * The status a route answers for this role (a 404 means it is not built yet: skipped with a note), over a new
 * connection each time: node:cluster hands each new connection to the next worker, so one probe per worker
 * reaches every worker (through fetch's kept connection every probe reached the same one).
 */
export function probe(base: string, path: string, cookie: string | undefined): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const request = http.get(new URL(path, base), { agent: false, headers: { Connection: 'close', ...(cookie ? { Cookie: cookie } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    request.on('error', reject);
  });
}

export async function load(base: string, path: string, cookie: string | undefined, durationSeconds: number) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base + path,
        connections,
        duration: durationSeconds,
        timeout: 10,
        headers: { ...(cookie ? { Cookie: cookie } : {}), 'Accept-Encoding': 'gzip' },
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // Every response time, so p95 is exact (autocannon's own summary has p90 and p97.5 only).
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  const at = (q: number) => (times.length ? round(times[Math.min(times.length - 1, Math.floor(q * times.length))]!) : 0);
  return {
    requestsPerSecond: Math.round(result.requests.total / durationSeconds),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
