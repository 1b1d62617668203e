import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { openDb, type DbConfig } from '../../db/client';
import { migrate } from '../../db/migrate';
import { hashPassword } from '../../app/utils/password.server';
import { addTeamMember, createMunicipality, createPerson, createTeam, createUser } from '../factories';
import { currentFiscalYear } from '../factories/util';
import { throwawayPostgres } from '../setup/postgres-urls';
import { freePort, tempDir } from './server';

// Pieces of the fault tests: a database with one signed-in-able member, a TCP proxy that can
// "stop" a Postgres server without touching the machine's shared one, and a burst of writes.

export const faultPassword = 'fault-test-password-2026';

export async function prepareDatabase(config: DbConfig) {
  const handle = await openDb(config);
  try {
    await migrate(handle);
    const db = handle.db;
    const city = await createMunicipality(db, { name: '障害試験市', prefecture: '山梨県' });
    const team = await createTeam(db, { municipalityId: city.id, fiscalYear: currentFiscalYear() });
    const person = await createPerson(db, { municipalityId: city.id });
    const email = `fault-${Date.now()}@example.jp`;
    await createUser(db, { email, personId: person.id, passwordHash: await hashPassword(faultPassword) });
    await addTeamMember(db, { teamId: team.id, personId: person.id });
    return { teamId: team.id, email };
  } finally {
    await handle.close();
  }
}

/** Forwards a local port to the Postgres server; `stop()` cuts every connection and refuses new ones. */
export async function tcpProxy(target: { host: string; port: number }) {
  const port = await freePort();
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
    });
  await start();
  return { port, start, stop };
}

/** Signs in over HTTP, as a browser would, and returns the session cookie. */
export async function signInOver(base: string, email: string, password = faultPassword): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ email, password, redirectTo: '/teams' }),
  });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie.split(';')[0]!;
}

/** Posts one interview with two 宿題: the interview, its own activity and the homework land together or not at all. */
export async function postInterview(base: string, cookie: string, teamId: number, label: string) {
  const body = new URLSearchParams({
    interviewedOn: `${currentFiscalYear()}-07-01`,
    interviewee: label,
    roleCategory: 'manager',
    visibility: 'team',
    content: '内容'.repeat(200),
    'homework[0].body': `${label}の宿題1`,
    'homework[1].body': `${label}の宿題2`,
  });
  const res = await fetch(`${base}/teams/${teamId}/interviews/new`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, Cookie: cookie },
    body,
  });
  await res.arrayBuffer().catch(() => {});
  return res.status === 302 && /\/interviews\/\d+/.test(res.headers.get('location') ?? '');
}

/**
 * Keeps `parallel` writers posting interviews until `stopAfter` are acknowledged, then calls
 * `kill` at once (writes still in flight are lost by design). Returns the acknowledged labels.
 */
export async function burstThenKill(post: (label: string) => Promise<boolean>, kill: () => void, { parallel = 8, stopAfter = 40 } = {}) {
  const acknowledged: string[] = [];
  let seq = 0;
  let killed = false;
  const writer = async () => {
    while (!killed) {
      const label = `連続書き込み${++seq}`;
      const ok = await post(label).catch(() => false);
      if (ok) acknowledged.push(label); // answered 302 before the kill took effect: acknowledged
      if (acknowledged.length >= stopAfter && !killed) {
        killed = true;
        kill();
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, writer));
  return { acknowledged, attempted: seq };
}

/** Where a server of a test's own keeps its data: how the test opens it, the server's environment, and how to clean up. */
export type ServerBackend = { name: string; open: () => Promise<{ config: DbConfig; env: Record<string, string>; cleanup: () => Promise<void> }> };

/** A fresh PGlite folder, and a throwaway database on TEST_DATABASE_URL's server when it is set; `label` names both. */
export function serverBackends(label: string): ServerBackend[] {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const pglite: ServerBackend = {
    name: 'PGlite',
    open: async () => {
      const dir = path.join(tempDir(`jinmane-${label}-`), 'pglite');
      return {
        config: { pgliteDir: dir },
        env: { DATABASE_URL: '', PGLITE_DIR: dir },
        cleanup: async () => fs.rmSync(path.dirname(dir), { recursive: true, force: true }),
      };
    },
  };
  if (!serverUrl) return [pglite];
  const postgres: ServerBackend = {
    name: 'Postgres',
    open: async () => {
      const db = await throwawayPostgres(serverUrl, `jinmane_${label.replaceAll('-', '_')}_${process.pid}`);
      return { config: { databaseUrl: db.url }, env: { DATABASE_URL: db.url }, cleanup: db.drop };
    },
  };
  return [pglite, postgres];
}
