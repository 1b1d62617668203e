import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, selectRows, type DbConfig } from '../../db/client';
import { burstThenKill, postInterview, prepareDatabase, signInOver, tcpProxy } from './fault-helpers';
import { throwawayPostgres } from '../setup/postgres-urls';
import { startServer, tempDir, type RunningServer } from './server';

// What happens to the real server process when the database blinks or the process is killed.
// The machine's shared PostgreSQL server is never stopped: a TCP proxy in front of it is.

const serverUrl = process.env.TEST_DATABASE_URL;
const within = async <T>(ms: number, work: () => Promise<T>) => {
  const started = Date.now();
  const result = await work();
  expect(Date.now() - started, 'answered in time').toBeLessThan(ms);
  return result;
};

/** Every acknowledged interview is there, and no interview lacks its activity or its homework. */
async function expectNothingLostOrHalfApplied(config: DbConfig, acknowledged: string[]) {
  const handle = await openDb(config);
  try {
    const rows = await selectRows<{ interviewee: string; activities: number; homework: number }>(
      sql`select i.interviewee,
          (select count(*)::int from activities a where a.interview_id = i.id and a.kind = 'interview') as activities,
          (select count(*)::int from interview_homework h where h.interview_id = i.id) as homework
        from interviews i`,
      handle.db,
    );
    const stored = new Set(rows.map((r) => r.interviewee));
    expect(
      acknowledged.filter((label) => !stored.has(label)),
      'acknowledged but lost',
    ).toEqual([]);
    expect(
      rows.filter((r) => Number(r.activities) !== 1 || Number(r.homework) !== 2),
      'half applied',
    ).toEqual([]);
    const orphans = await selectRows<{ n: number }>(
      sql`select count(*)::int as n from activities where kind = 'interview' and interview_id not in (select id from interviews)`,
      handle.db,
    );
    expect(Number(orphans[0]?.n)).toBe(0);
    return rows.length;
  } finally {
    await handle.close();
  }
}

describe.runIf(serverUrl)('a Postgres server that stops and comes back', () => {
  let db: Awaited<ReturnType<typeof throwawayPostgres>>;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  let server: RunningServer;
  let fixture: Awaited<ReturnType<typeof prepareDatabase>>;

  beforeAll(async () => {
    db = await throwawayPostgres(serverUrl!, `jinmane_faults_${process.pid}`);
    fixture = await prepareDatabase({ databaseUrl: db.url });
    const target = new URL(db.url);
    proxy = await tcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    server = await startServer({ DATABASE_URL: viaProxy.toString(), COOKIE_SECURE: 'false' });
  });
  afterAll(async () => {
    await server?.stop();
    await proxy?.stop();
    await db?.drop();
  });

  it('answers 503 in Japanese within 5 s while it is down, and recovers without a restart', async () => {
    const cookie = await signInOver(server.url, fixture.email);
    const page = `${server.url}/teams/${fixture.teamId}`;
    expect((await fetch(page, { headers: { Cookie: cookie } })).status).toBe(200);

    await proxy.stop();
    for (let i = 0; i < 3; i++) {
      const health = await within(5_000, () => fetch(`${server.url}/healthz`));
      expect(health.status).toBe(503);
      const res = await within(5_000, () => fetch(page, { headers: { Cookie: cookie } }));
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('データベースに接続できません');
    }
    expect(server.process.exitCode).toBeNull(); // no crash

    await proxy.start();
    const health = () =>
      fetch(`${server.url}/healthz`).then(
        (res) => res.status,
        () => 0,
      );
    await expect.poll(health, { timeout: 10_000, interval: 250 }).toBe(200);
    const back = await fetch(page, { headers: { Cookie: cookie } });
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('障害試験市');
  });

  it('keeps every acknowledged write, and no half-applied interview, when the app is killed mid-burst', async () => {
    const direct = await startServer({ DATABASE_URL: db.url, COOKIE_SECURE: 'false' });
    const cookie = await signInOver(direct.url, fixture.email);
    const { acknowledged } = await burstThenKill(
      (label) => postInterview(direct.url, cookie, fixture.teamId, label),
      () => direct.process.kill('SIGKILL'),
    );
    await direct.stop();
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    const again = await startServer({ DATABASE_URL: db.url, COOKIE_SECURE: 'false' });
    try {
      expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    } finally {
      await again.stop();
    }
    expect(await expectNothingLostOrHalfApplied({ databaseUrl: db.url }, acknowledged)).toBeGreaterThanOrEqual(acknowledged.length);
  });
});

describe('PGlite killed with SIGKILL mid-burst', () => {
  it('loses at most the writes that were not yet acknowledged, and opens again', async () => {
    const dir = path.join(tempDir('jinmane-kill-'), 'pglite');
    const fixture = await prepareDatabase({ pgliteDir: dir });
    const first = await startServer({ DATABASE_URL: '', PGLITE_DIR: dir, COOKIE_SECURE: 'false' });
    const cookie = await signInOver(first.url, fixture.email);
    const { acknowledged } = await burstThenKill(
      (label) => postInterview(first.url, cookie, fixture.teamId, label),
      () => first.process.kill('SIGKILL'),
      { parallel: 4, stopAfter: 20 },
    );
    await first.stop();
    // A new process takes over the folder left behind by the killed one.
    const again = await startServer({ DATABASE_URL: '', PGLITE_DIR: dir, COOKIE_SECURE: 'false' });
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    expect(await again.stop()).toBe(0);
    expect(await expectNothingLostOrHalfApplied({ pgliteDir: dir }, acknowledged)).toBeGreaterThanOrEqual(acknowledged.length);
  });
});
