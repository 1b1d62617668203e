import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardBurst, signInFlood } from '../../scripts/bench/abuse-scenarios';
import { benchPassword, prepareBenchDatabase, type BenchAccounts } from '../../scripts/bench/data';
import { signInOver } from './fault-helpers';
import { startServer, tempDir, type RunningServer } from './server';

// Abuse that would take the service down (issue 15 #10, #12), on a production server of its own (real
// scrypt cost, the benchmark's ten years of 60 municipalities, so an organizer dashboard is as heavy as a
// real one: without the page gate, 50 of them at once kept /healthz waiting 6 s): a flood of anonymous sign-ins with random emails from many addresses,
// and fifty organizers opening the dashboard at once (scripts/bench/abuse-scenarios.ts). /healthz keeps
// answering within a second and no answer is a 500: a sign-in beyond the hashing turns, or a page beyond
// the wait, is a 503 to retry.

let server: RunningServer;
let dir: string;
let env: Record<string, string>;
let accounts: BenchAccounts;

beforeAll(async () => {
  dir = tempDir('jinmane-flood-');
  const pgliteDir = path.join(dir, 'pglite');
  env = { DATABASE_URL: '', PGLITE_DIR: pgliteDir };
  ({ accounts } = await prepareBenchDatabase({ pgliteDir }));
  // Addresses from X-Forwarded-For, as behind a proxy: the flood comes from many.
  server = await startServer({ ...env, TRUST_PROXY: '1' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Server errors, and 503s that do not say when to retry: anything but a plain "busy, retry". */
const fivexx = (statuses: Record<string, number>) => Object.keys(statuses).filter((s) => s.startsWith('5') && s !== '503');

describe('under abuse', () => {
  it('keeps /healthz within a second and answers no 500 while sign-ins with random emails flood in', async () => {
    const flood = await signInFlood(server.url);
    console.info(`flood figures: ${JSON.stringify(flood)}`);
    expect(flood.healthFailures).toEqual([]);
    expect(fivexx(flood.statuses)).toEqual([]);
    expect(flood.statuses['400'] ?? 0, 'some sign-ins were answered').toBeGreaterThan(0);
    expect(flood.healthP95Ms, `/healthz p95 over ${flood.probes} probes`).toBeLessThan(1_000);
    // A colleague signs in right after the flood.
    expect(await signInOver(server.url, accounts.member, benchPassword)).toMatch(/=/);
  });

  it('answers fifty uncached dashboards at once without a 500, and /healthz within a second', async () => {
    const cookie = await signInOver(server.url, accounts.organizer, benchPassword);
    const burst = await dashboardBurst(server.url, cookie);
    console.info(`burst figures: ${JSON.stringify(burst)}`);
    expect(burst.healthFailures).toEqual([]);
    expect(fivexx(burst.statuses)).toEqual([]);
    expect(burst.statuses['200'] ?? 0, 'answered in turn').toBeGreaterThan(40);
    expect(burst.healthP95Ms, `/healthz p95 over ${burst.probes} probes`).toBeLessThan(1_000);
  });

  it('answers a page that waited past its turn 503 with Retry-After, never 500, and /healthz within a second', async () => {
    // The same burst against a server whose pages wait at most a second: most of the fifty are beyond it.
    await server.stop();
    server = await startServer({ ...env, TRUST_PROXY: '1', PAGE_WAIT_SECONDS: '1' });
    const cookie = await signInOver(server.url, accounts.organizer, benchPassword);
    const burst = await dashboardBurst(server.url, cookie);
    console.info(`short-wait burst figures: ${JSON.stringify(burst)}`);
    expect(burst.healthFailures).toEqual([]);
    expect(fivexx(burst.statuses)).toEqual([]);
    expect(burst.statuses['503'] ?? 0, 'turned away with Retry-After').toBeGreaterThan(0);
    expect(burst.statuses['200'] ?? 0, 'the first ones answered').toBeGreaterThan(0);
    expect(burst.healthP95Ms, `/healthz p95 over ${burst.probes} probes`).toBeLessThan(1_000);
  });
});
