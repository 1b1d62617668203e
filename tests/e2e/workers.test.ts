import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/migrate';
import { planProcesses } from '../../server-cluster.mjs';
import { prepareDatabase, signInOver } from './fault-helpers';
import { throwawayPostgres } from '../setup/postgres-urls';
import { freePort, runServerExpectingExit, startServer, tempDir, type RunningServer } from './server';

// The production start on PostgreSQL runs one worker per core (server-cluster.mjs, docs/decisions/0024):
// the primary migrates once, says its address when every worker listens, replaces a worker that dies,
// and on SIGTERM lets every worker finish what it is answering. On PGlite it stays one process.

const serverUrl = process.env.TEST_DATABASE_URL;

/** The processes `pid` started (Debian's ps). */
function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((n) => n > 0)
      .sort((a, b) => a - b);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The worker pids the primary named when it said its address. */
function workerPids(output: string): number[] {
  const named = /(\d+)プロセス \(pid ([\d, ]+)\)/.exec(output);
  return named
    ? named[2]!
        .split(', ')
        .map(Number)
        .sort((a, b) => a - b)
    : [];
}

/** Whether a new TCP connection to the server is refused. */
function refused(url: string) {
  const { hostname, port } = new URL(url);
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('how many processes serve', () => {
  it('one per core in production on PostgreSQL, WEB_CONCURRENCY when set, one in development, one on PGlite', () => {
    expect(planProcesses({ NODE_ENV: 'production' }, 'postgres')).toEqual({ processes: os.availableParallelism(), note: null });
    expect(planProcesses({ NODE_ENV: 'production', WEB_CONCURRENCY: 3 }, 'postgres')).toEqual({ processes: 3, note: null });
    expect(planProcesses({ NODE_ENV: 'development' }, 'postgres')).toEqual({ processes: 1, note: null });
    expect(planProcesses({ NODE_ENV: 'production' }, 'pglite')).toMatchObject({ processes: 1, note: expect.stringContaining('PostgreSQL') });
    expect(planProcesses({ NODE_ENV: 'development', WEB_CONCURRENCY: 4 }, 'pglite')).toMatchObject({
      processes: 1,
      note: expect.stringContaining('WEB_CONCURRENCY=4 でも1プロセスで動きます'),
    });
  });
});

const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };

describe.runIf(serverUrl)('WEB_CONCURRENCY=2 on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof throwawayPostgres>>;
  let sql: postgres.Sql;
  let server: RunningServer;
  let pids: number[];

  beforeAll(async () => {
    db = await throwawayPostgres(serverUrl!, `jinmane_workers_${process.pid}`);
    sql = postgres(db.url, { max: 2, onnotice: () => {} });
    // The database is empty: the primary migrates it before its workers start.
    server = await startServer({ DATABASE_URL: db.url, WEB_CONCURRENCY: '2', COOKIE_SECURE: 'false' });
    pids = workerPids(server.output());
  });
  afterAll(async () => {
    if (server?.process.exitCode === null) server.process.kill('SIGKILL');
    await sql?.end();
    await db?.drop();
  });

  it('starts two workers on an unmigrated database, which is migrated exactly once', async () => {
    expect(pids, server.output()).toHaveLength(2);
    expect(childPids(server.process.pid!)).toEqual(pids);
    // The address is said once, after both listen.
    expect(server.output().match(/http:\/\/localhost:\d+/g)).toHaveLength(1);
    const applied = await sql<{ hash: string; n: number }[]>`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
    expect(applied).toHaveLength(journal.entries.length);
    expect(applied.filter((row) => row.n !== 1)).toEqual([]);
  });

  it('serves from both worker processes', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => fetch(`${server.url}/healthz`)));
    expect(answers.map((res) => res.status)).toEqual(Array(12).fill(200));
    // Each worker names itself to PostgreSQL (WORKER_INDEX): both opened connections to answer.
    const names = await sql<{ name: string }[]>`
      select distinct application_name as name from pg_stat_activity
      where datname = current_database() and application_name like 'jinmane-tracker%' order by 1`;
    expect(names.map((row) => row.name)).toEqual(['jinmane-tracker worker 0', 'jinmane-tracker worker 1']);
  });

  it('replaces a worker that dies, after a short pause it logs', async () => {
    const [victim, survivor] = pids as [number, number];
    process.kill(victim, 'SIGKILL');
    await expect.poll(() => server.output(), { timeout: 20_000 }).toMatch(/ワーカー \d を起動し直しました \(worker \d restarted, pid (\d+)\)/);
    expect(server.output()).toMatch(new RegExp(`ワーカー \\d \\(pid ${victim}\\) が止まりました \\(SIGKILL\\)。1秒後に起動し直します`));
    const replacement = Number(/restarted, pid (\d+)/.exec(server.output())![1]);
    expect(childPids(server.process.pid!)).toEqual([survivor, replacement].sort((a, b) => a - b));
    pids = childPids(server.process.pid!);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('on SIGTERM answers the request in flight in full, refuses new connections, and every process exits 0', async () => {
    const fixture = await prepareDatabase({ databaseUrl: db.url });
    const cookie = await signInOver(server.url, fixture.email);
    // Hold every session lookup in the database, so a page request is still in flight when SIGTERM comes.
    const reserved = await sql.reserve();
    await reserved`begin`;
    await reserved`lock table auth_sessions in access exclusive mode`;
    const inFlight = fetch(`${server.url}/teams/${fixture.teamId}`, { headers: { Cookie: cookie } }).then(async (res) => ({
      status: res.status,
      body: await res.text(),
    }));
    const waiting = async () => (await sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`).length;
    await expect.poll(waiting, { timeout: 10_000 }).toBeGreaterThan(0);

    const exited = server.stop(); // SIGTERM
    await expect.poll(() => refused(server.url), { timeout: 5_000 }).toBe(true);
    expect(server.process.exitCode).toBeNull(); // still draining: the request is not answered yet

    await reserved`commit`;
    reserved.release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('障害試験市');
    // In full: the document and the end of Remix's data stream that follows it.
    expect(answer.body).toContain('</html>');
    expect(answer.body).toContain('streamController.close()');
    expect(await exited).toBe(0);
    expect(server.output()).toContain('SIGTERM: stopped cleanly (2プロセス)');
    expect(pids.filter(alive)).toEqual([]);
  });

  it('a primary killed outright takes its workers with it', async () => {
    const again = await startServer({ DATABASE_URL: db.url, WEB_CONCURRENCY: '2', COOKIE_SECURE: 'false' });
    const workers = workerPids(again.output());
    expect(workers).toHaveLength(2);
    again.process.kill('SIGKILL');
    await again.stop();
    // Node ends a worker whose channel to its primary closes.
    await expect.poll(() => workers.filter(alive), { timeout: 10_000 }).toEqual([]);
  });
});

describe.runIf(serverUrl)('a start-up error with workers', () => {
  it('is one line and exit code 1 when the port is taken', async () => {
    const db = await throwawayPostgres(serverUrl!, `jinmane_workers_port_${process.pid}`);
    const port = await freePort();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      const { code, output } = await runServerExpectingExit({ DATABASE_URL: db.url, WEB_CONCURRENCY: '2', PORT: String(port) });
      expect(code).toBe(1);
      expect(output.trim().split('\n'), output).toHaveLength(1);
      expect(output).toContain(`ポート ${port} で待ち受けできません [EADDRINUSE]`);
    } finally {
      taken.close();
      await db.drop();
    }
  });
});

describe('PGlite', () => {
  // One folder for both: the second start finds it migrated, which keeps it quick on a busy machine.
  const dir = tempDir('jinmane-workers-');
  const pgliteDir = path.join(dir, 'pglite');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs one process whatever WEB_CONCURRENCY says, and says why in one line', async () => {
    const server = await startServer({ DATABASE_URL: '', PGLITE_DIR: pgliteDir, WEB_CONCURRENCY: '2' });
    try {
      expect(server.output()).toContain('PGlite は1つのプロセスでしか開けないため、WEB_CONCURRENCY=2 でも1プロセスで動きます');
      expect(childPids(server.process.pid!)).toEqual([]);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('says a taken port in one line, and exits 1', async () => {
    const port = await freePort();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      const { code, output } = await runServerExpectingExit({ DATABASE_URL: '', PGLITE_DIR: pgliteDir, PORT: String(port) }, 60_000);
      expect(code).toBe(1);
      expect(output.trim().split('\n'), output).toHaveLength(1);
      expect(output).toContain(`ポート ${port} で待ち受けできません [EADDRINUSE]`);
    } finally {
      taken.close();
    }
  });
});
