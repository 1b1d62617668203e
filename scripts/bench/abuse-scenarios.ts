// The two abuses of issue 15 (#10, #12) against a running server: a flood of anonymous sign-ins with
// random emails from many addresses (the server must trust X-Forwarded-For: TRUST_PROXY=1), and fifty
// organizers opening the dashboard at once, each while /healthz is probed back to back, as a monitor
// would. Bounded (seconds, a fixed number of requests) and for a server on loopback only. Used by
// tests/e2e/flood.test.ts (which fails above 1 s or on a 500) and `npm run bench:abuse`.

export type AbuseFigures = { healthP95Ms: number; probes: number; statuses: Record<string, number>; seconds: number };

/** An answer's status as counted: a 503 that does not say when to retry is counted apart. */
type Status = number | '503 without Retry-After';
const statusOf = (res: Response): Status => (res.status === 503 && !res.headers.get('retry-after') ? '503 without Retry-After' : res.status);

function counts(statuses: Status[]) {
  return statuses.reduce<Record<string, number>>((c, s) => ({ ...c, [s]: (c[s] ?? 0) + 1 }), {});
}

const p95 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)] ?? 0;

function assertLoopback(base: string) {
  if (!['localhost', '127.0.0.1', '[::1]'].includes(new URL(base).hostname)) throw new Error(`loopback only: ${base}`);
}

async function probeHealth(base: string, done: () => boolean) {
  const times: number[] = [];
  const failures: number[] = [];
  while (!done()) {
    const started = performance.now();
    const res = await fetch(`${base}/healthz`);
    await res.text();
    if (res.status !== 200) failures.push(res.status);
    times.push(performance.now() - started);
  }
  return { times, failures };
}

async function whileProbing(base: string, work: () => Promise<Status[]>): Promise<AbuseFigures & { healthFailures: number[] }> {
  let finished = false;
  const started = performance.now();
  const [health, statuses] = await Promise.all([
    probeHealth(base, () => finished),
    work().finally(() => {
      finished = true;
    }),
  ]);
  return {
    healthP95Ms: Math.round(p95(health.times)),
    probes: health.times.length,
    statuses: counts(statuses),
    seconds: Math.round((performance.now() - started) / 100) / 10,
    healthFailures: health.failures,
  };
}

/** `clients` sign-ins at a time with random emails, each from an address of its own, for `ms`. */
export function signInFlood(base: string, { clients = 16, ms = 5_000 } = {}) {
  assertLoopback(base);
  return whileProbing(base, async () => {
    const statuses: Status[] = [];
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: clients }, async (_, n) => {
        for (let i = 0; performance.now() < until; i++) {
          const res = await fetch(`${base}/login`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, 'X-Forwarded-For': `203.0.113.${(n * 7 + i) % 250}` },
            body: new URLSearchParams({ email: `flood${n}-${i}@example.jp`, password: 'guess-guess' }),
          });
          await res.text();
          statuses.push(statusOf(res));
        }
      }),
    );
    return statuses;
  });
}

/** `count` organizer dashboards at once, each with a query of its own, as many people's views would be. */
export function dashboardBurst(base: string, cookie: string, { count = 50 } = {}) {
  assertLoopback(base);
  return whileProbing(base, () =>
    Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const res = await fetch(`${base}/admin?sort=hours&dir=desc&n=${i}`, { headers: { Cookie: cookie } });
        await res.text();
        return statusOf(res);
      }),
    ),
  );
}
