import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { activities, sheets } from '../../db/schema';
import { hashPassword } from '../../app/utils/password.server';
import { addTeamMember, createMunicipality, createPerson, createTeam, createUser } from '../factories';
import { currentFiscalYear } from '../factories/util';
import { faultPassword, signInOver } from './fault-helpers';
import { throwawayPostgres } from '../setup/postgres-urls';
import { startServer, type RunningServer } from './server';

// Two app instances behind one address (a load balancer) on one PostgreSQL database (issue 19): whatever
// one of them does, the other sees at once, and writes racing through both lose nothing, as on one
// instance. Each instance is one process here (WEB_CONCURRENCY=1), so "the other" is always another
// process with its own memory; tests/e2e/workers.test.ts covers the workers of one instance.

const serverUrl = process.env.TEST_DATABASE_URL;
const today = `${currentFiscalYear()}-07-01`;

type Fixture = { teamId: number; emails: string[]; lockedEmail: string };

async function prepareTeam(databaseUrl: string): Promise<Fixture> {
  const handle = await openDb({ databaseUrl });
  try {
    const db = handle.db;
    const city = await createMunicipality(db, { name: '二台構成市', prefecture: '山梨県' });
    const team = await createTeam(db, { municipalityId: city.id, fiscalYear: currentFiscalYear() });
    const passwordHash = await hashPassword(faultPassword);
    const emails: string[] = [];
    for (const n of [1, 2]) {
      const person = await createPerson(db, { municipalityId: city.id, fullName: `二台 花子${n}` });
      const user = await createUser(db, { email: `two-instances${n}-${Date.now()}@example.jp`, personId: person.id, passwordHash });
      await addTeamMember(db, { teamId: team.id, personId: person.id, isHrSlot: n === 1 });
      emails.push(user.email);
    }
    const person = await createPerson(db, { municipalityId: city.id, fullName: '二台 締出' });
    const locked = await createUser(db, { email: `two-instances-locked-${Date.now()}@example.jp`, personId: person.id, passwordHash });
    await addTeamMember(db, { teamId: team.id, personId: person.id });
    return { teamId: team.id, emails, lockedEmail: locked.email };
  } finally {
    await handle.close();
  }
}

describe.skipIf(!serverUrl)('two app instances on one PostgreSQL database (set TEST_DATABASE_URL to run)', () => {
  let db: Awaited<ReturnType<typeof throwawayPostgres>>;
  let a: RunningServer;
  let b: RunningServer;
  let fixture: Fixture;

  beforeAll(async () => {
    db = await throwawayPostgres(serverUrl!, `jinmane_two_instances_${process.pid}`);
    // Both start at the same moment on an empty database: one applies the migrations, the other waits for
    // them (db/migrate.ts). They share COOKIE_SECRET, as the README asks of instances behind one address.
    const env = { DATABASE_URL: db.url, WEB_CONCURRENCY: '1', COOKIE_SECURE: 'false', COOKIE_SECRET: crypto.randomBytes(32).toString('hex') };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
    fixture = await prepareTeam(db.url);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  const get = (server: RunningServer, path: string, cookie: string) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: { Cookie: cookie } });
  const post = (server: RunningServer, path: string, cookie: string, fields: Record<string, string>) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, Cookie: cookie },
      body: new URLSearchParams(fields),
    });
  const activity = (title: string, extra: Record<string, string> = {}) => ({
    intent: 'save',
    kind: 'meeting',
    occurredOn: today,
    title,
    durationMinutes: '60',
    ...extra,
  });
  const activityTitles = async () => {
    const handle = await openDb({ databaseUrl: db.url });
    try {
      const rows = await handle.db
        .select({ title: activities.title })
        .from(activities)
        .where(and(eq(activities.teamId, fixture.teamId), isNull(activities.archivedAt)));
      return rows.map((row) => row.title);
    } finally {
      await handle.close();
    }
  };

  it('both started on the empty database, and each says its address', () => {
    expect(a.output()).toContain('PostgreSQL (DATABASE_URL)');
    expect(b.output()).toContain('PostgreSQL (DATABASE_URL)');
    expect(a.url).not.toBe(b.url);
  });

  it('a session made on one works on the other, and a sign-out on the other ends it on both', async () => {
    const cookie = await signInOver(a.url, fixture.emails[0]!);
    const onB = await get(b, `/teams/${fixture.teamId}`, cookie);
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain('二台構成市');

    const signedOut = await post(b, '/logout', cookie, {});
    expect(signedOut.status).toBe(302);
    const onA = await get(a, `/teams/${fixture.teamId}`, cookie);
    expect(onA.status).toBe(302);
    expect(onA.headers.get('location')).toMatch(/^\/login/);
  });

  it('a lockout counted on one holds on the other: the right password is refused there too', async () => {
    const signIn = (server: RunningServer, password: string) => post(server, '/login', '', { email: fixture.lockedEmail, password, redirectTo: '/teams' });
    let failures = 0;
    for (;;) {
      const res = await signIn(a, 'wrong-password-0000');
      const body = await res.text();
      if (res.status === 429) {
        expect(body).toContain('ログインの失敗が続いたため');
        break;
      }
      expect(res.status).toBe(400);
      failures++;
      expect(failures, 'locked within the per-account-and-address limit').toBeLessThanOrEqual(10);
    }
    const onB = await signIn(b, faultPassword);
    expect(onB.status).toBe(429);
    expect(onB.headers.get('set-cookie') ?? '').not.toMatch(/jinmane_session=[^;]/);
    expect(await onB.text()).toContain('ログインの失敗が続いたため、一時的にログインできなくなっています');
  });

  it('a write through one shows at once through the other', async () => {
    const cookie = await signInOver(a.url, fixture.emails[1]!);
    const timeline = `/teams/${fixture.teamId}/activities`;
    // B has shown the page before the write.
    const before = await get(b, timeline, cookie);
    expect(before.status).toBe(200);
    expect(await before.text()).not.toContain('A経由の書き込み');

    const saved = await post(a, `${timeline}/new`, cookie, activity('A経由の書き込み'));
    expect(saved.status).toBe(302);
    // The redirect lands on B, which reads the page afresh and says what A saved (the shared COOKIE_SECRET).
    const noticeCookie = saved.headers.get('set-cookie')!.split(';')[0]!;
    const after = await get(b, saved.headers.get('location')!, `${cookie}; ${noticeCookie}`);
    expect(after.status).toBe(200);
    const html = await after.text();
    expect(html).toContain('A経由の書き込み');
    expect(html).toContain('活動を記録しました。');
  });

  it('the sheet saved at once through both from the same version: one saved, the other 409 with its text kept', async () => {
    const cookies = [await signInOver(a.url, fixture.emails[0]!), await signInOver(b.url, fixture.emails[1]!)];
    const save = (server: RunningServer, cookie: string, baseVersion: number, text: string) =>
      post(server, `/teams/${fixture.teamId}/sheet/edit`, cookie, {
        baseVersion: String(baseVersion),
        currentState: text,
        'focusInitiatives[0].text': `${text}の重点`,
        message: text,
      });
    for (let round = 1; round <= 3; round++) {
      const texts = [`第${round}回・A経由の現状`, `第${round}回・B経由の現状`];
      const answers = await Promise.all([save(a, cookies[0]!, round - 1, texts[0]!), save(b, cookies[1]!, round - 1, texts[1]!)]);
      const bodies = await Promise.all(answers.map((res) => res.text()));
      const statuses = answers.map((res) => res.status).sort();
      expect(statuses, `round ${round}`).toEqual([302, 409]);
      const loser = answers.findIndex((res) => res.status === 409);
      expect(bodies[loser]).toContain(texts[loser]);
    }
    const handle = await openDb({ databaseUrl: db.url });
    try {
      const [sheet] = await handle.db.select({ version: sheets.currentVersion }).from(sheets).where(eq(sheets.teamId, fixture.teamId));
      expect(sheet!.version).toBe(3);
    } finally {
      await handle.close();
    }
  });

  it('twenty activities added at once, half through each, are all there', async () => {
    const cookies = [await signInOver(a.url, fixture.emails[0]!), await signInOver(b.url, fixture.emails[1]!)];
    const titles = Array.from({ length: 20 }, (_, i) => `同時追加${i + 1}（${i % 2 ? 'B' : 'A'}経由）`);
    const answers = await Promise.all(
      titles.map((title, i) => post(i % 2 ? b : a, `/teams/${fixture.teamId}/activities/new`, cookies[i % 2]!, activity(title))),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(302));
    const stored = await activityTitles();
    expect(titles.filter((title) => !stored.includes(title))).toEqual([]);
    const page = await (await get(a, `/teams/${fixture.teamId}/activities`, cookies[0]!)).text();
    expect(titles.filter((title) => !page.includes(title))).toEqual([]);
  });

  it('a double click whose two sends land on different instances makes one activity', async () => {
    const cookie = await signInOver(a.url, fixture.emails[0]!);
    const fields = activity('二重送信の確認', { _once: crypto.randomUUID() });
    const answers = await Promise.all([
      post(a, `/teams/${fixture.teamId}/activities/new`, cookie, fields),
      post(b, `/teams/${fixture.teamId}/activities/new`, cookie, fields),
    ]);
    expect(answers.map((res) => res.status)).toEqual([302, 302]);
    expect(answers[0]!.headers.get('location')).toBe(answers[1]!.headers.get('location'));
    expect((await activityTitles()).filter((title) => title === '二重送信の確認')).toHaveLength(1);
  });
});
