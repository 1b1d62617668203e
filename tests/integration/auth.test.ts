import { and, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { auditLog, authSessions, loginAttempts, people, teamMembers, users } from '../../db/schema';
import { action as loginAction } from '../../app/routes/login';
import { action as accountAction } from '../../app/routes/account';
import { action as adminAccountsAction } from '../../app/routes/admin.accounts';
import { action as inviteAction, loader as inviteLoader } from '../../app/routes/invite.$token';
import { action as resetAction } from '../../app/routes/reset.$token';
import { action as logoutAction } from '../../app/routes/logout';
import { getViewer } from '../../app/utils/auth.server';
import { loader as rootLoader } from '../../app/root';
import { markRead, notify } from '../../app/models/notifications.server';
import { now } from '../../app/utils/clock';
import { hashPassword } from '../../app/utils/password.server';
import { createOrganizer, createPerson, createTeam, createUser } from '../factories';
import { actionArgs, later, loaderArgs, request } from '../helpers';
import { sessionCookie } from '../world';
import { countQueries } from '../../db/query-counter';
import { outcome } from './setup-helpers';

const password = 'correct horse battery';
const minute = 60 * 1000;
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(password);
});

async function login(email: string, pw: string, ip = '203.0.113.10') {
  const result = await loginAction(actionArgs('/login', { email, password: pw }, { headers: { 'x-jinmane-client-ip': ip } }));
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get('Location'), cookie: result.headers.get('Set-Cookie'), errors: [] as string[] };
  const reply = result as { data: { error?: Record<string, string[] | null> }; init: { status: number } };
  return { status: reply.init.status, location: null, cookie: null, errors: reply.data.error?.[''] ?? [], fieldErrors: reply.data.error };
}

async function newUser(email: string, hash = passwordHash) {
  return createUser(getDb(), { email, passwordHash: hash });
}

/** Moves every recorded attempt for the email back in time, as if minutes had passed. */
async function age(email: string, minutes: number) {
  await getDb()
    .update(loginAttempts)
    .set({ at: sql`${loginAttempts.at} - make_interval(mins => ${minutes})` })
    .where(eq(loginAttempts.email, email));
}

describe('signing in', () => {
  it('signs in with email and password and sets an httpOnly, SameSite=Lax cookie holding only a random id', async () => {
    const user = await newUser('taro@example.jp');
    const result = await login('Taro@Example.jp', password);
    expect(result.status).toBe(302);
    expect(result.location).toBe('/teams?landing');
    expect(result.cookie).toMatch(/HttpOnly/i);
    expect(result.cookie).toMatch(/SameSite=Lax/i);
    const [session] = await getDb().select().from(authSessions).where(eq(authSessions.userId, user.id));
    expect(session).toBeDefined();
    expect(result.cookie).not.toContain(session!.idHash);
    const viewer = await getViewer(request('/', { headers: { Cookie: result.cookie!.split(';')[0]! } }));
    expect(viewer?.userId).toBe(user.id);
  });

  it('answers an unknown email and a wrong password the same way', async () => {
    await newUser('hanako@example.jp');
    const wrong = await login('hanako@example.jp', 'wrong password');
    const unknown = await login('nobody@example.jp', 'wrong password');
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.errors).toEqual(unknown.errors);
    expect(wrong.errors[0]).toContain('メールアドレスまたはパスワードが正しくありません');
  });

  it('keeps passwords exactly as typed: long, full-width, never case-folded', async () => {
    const long = 'あいうえおかきくけこ'.repeat(8) + 'Ｐａｓｓ';
    await newUser('long@example.jp', await hashPassword(long));
    expect((await login('long@example.jp', long)).status).toBe(302);
    await newUser('case@example.jp', await hashPassword('CaseSensitive1'));
    expect((await login('case@example.jp', 'casesensitive1')).status).toBe(400);
  });

  it('locks an account for 15 minutes after 10 failures in 15 minutes, with a Japanese message', async () => {
    await newUser('locked@example.jp');
    // From two office IPs, five each: the per-IP limit alone would not stop the other address.
    for (let i = 0; i < 5; i++) await login('locked@example.jp', 'wrong', '198.51.100.1');
    for (let i = 0; i < 5; i++) await login('locked@example.jp', 'wrong', '198.51.100.2');
    const locked = await login('locked@example.jp', password, '198.51.100.3');
    expect(locked.status).toBe(429);
    expect(locked.errors[0]).toContain('15分');
    await age('locked@example.jp', 16);
    expect((await login('locked@example.jp', password, '198.51.100.3')).status).toBe(302);
  });

  it('slows one address after 5 failures without locking the account for colleagues elsewhere', async () => {
    await newUser('pair@example.jp');
    for (let i = 0; i < 5; i++) await login('pair@example.jp', 'wrong', '192.0.2.50');
    expect((await login('pair@example.jp', password, '192.0.2.50')).status).toBe(429);
    expect((await login('pair@example.jp', password, '192.0.2.99')).status).toBe(302);
  });

  it('locks unknown emails too, so a lock reveals nothing about which emails exist', async () => {
    for (let i = 0; i < 10; i++) await login('ghost@example.jp', 'wrong', `192.0.2.${i}`);
    const result = await login('ghost@example.jp', 'wrong', '192.0.2.200');
    expect(result.status).toBe(429);
  });

  it('writes every attempt to the audit log with the IP', async () => {
    await newUser('audited@example.jp');
    await login('audited@example.jp', 'wrong', '203.0.113.77');
    await login('audited@example.jp', password, '203.0.113.77');
    const entries = await getDb()
      .select()
      .from(auditLog)
      .where(sql`${auditLog.detail}->>'email' = 'audited@example.jp'`);
    expect(entries.map((e) => e.action).sort()).toEqual(['login.failure', 'login.success']);
    expect(entries.every((e) => e.ip === '203.0.113.77')).toBe(true);
  });

  it('refuses a malformed form with field errors in Japanese and never echoes the password', async () => {
    const result = await login('not-an-email', 'secret');
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.fieldErrors)).toContain('メールアドレスの形式が正しくありません');
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});

describe('sessions', () => {
  it('ends after 30 minutes idle and after 12 hours in all', async () => {
    const user = await newUser('idle@example.jp');
    const cookie = await sessionCookie(user.id);
    const req = () => request('/', { headers: { Cookie: cookie } });
    expect(await getViewer(req())).not.toBeNull();
    expect(await later(31 * minute, () => getViewer(req()))).toBeNull();

    // Used every 29 minutes, a session still ends 12 hours after sign-in.
    const cookie2 = await sessionCookie(user.id);
    const req2 = () => request('/', { headers: { Cookie: cookie2 } });
    let elapsed = 0;
    for (; elapsed + 29 * minute < 12 * 60 * minute; elapsed += 29 * minute) {
      expect(await later(elapsed + 29 * minute, () => getViewer(req2()))).not.toBeNull();
    }
    expect(await later(12 * 60 * minute, () => getViewer(req2()))).toBeNull();
  });

  it("lets no archived user in, and still ends an idle session whoever's it was", async () => {
    const user = await newUser('archived@example.jp');
    const cookie = await sessionCookie(user.id);
    const req = () => request('/', { headers: { Cookie: cookie } });
    expect((await getViewer(req()))?.userId).toBe(user.id);
    await getDb().update(users).set({ archivedAt: now() }).where(eq(users.id, user.id));
    expect(await later(2 * minute, () => getViewer(req()))).toBeNull();
    const live = () => getDb().select().from(authSessions).where(eq(authSessions.userId, user.id));
    expect(await live()).toHaveLength(1); // kept while live: the user may be brought back
    expect(await later(40 * minute, () => getViewer(req()))).toBeNull();
    expect(await live()).toHaveLength(0);
  });

  it('signs out here, or everywhere', async () => {
    const user = await newUser('out@example.jp');
    const [a, b, c] = [await sessionCookie(user.id), await sessionCookie(user.id), await sessionCookie(user.id)];
    await logoutAction(actionArgs('/logout', {}, { headers: { Cookie: a } }));
    expect(await getViewer(request('/', { headers: { Cookie: a } }))).toBeNull();
    expect(await getViewer(request('/', { headers: { Cookie: b } }))).not.toBeNull();
    await logoutAction(actionArgs('/logout', { intent: 'everywhere' }, { headers: { Cookie: b } }));
    expect(await getViewer(request('/', { headers: { Cookie: c } }))).toBeNull();
  });

  it('counts wrong current passwords on the account page toward the same lock as sign-in', async () => {
    const user = await newUser('guess@example.jp');
    const cookie = await sessionCookie(user.id);
    const change = (currentPassword: string, ip: string) =>
      outcome(() =>
        accountAction(
          actionArgs(
            '/account',
            { currentPassword, newPassword: '乗っ取りのパスワード', confirmPassword: '乗っ取りのパスワード' },
            { headers: { Cookie: cookie, 'x-jinmane-client-ip': ip } },
          ),
        ),
      );
    // A session left open on a shared PC: ten guesses from two addresses, as at sign-in.
    for (let i = 0; i < 5; i++) expect((await change(`guess${i}`, '198.51.100.7')).status).toBe(400);
    for (let i = 0; i < 5; i++) expect((await change(`guess${i}`, '198.51.100.8')).status).toBe(400);
    const locked = await change(password, '198.51.100.9');
    expect(locked.status).toBe(429);
    expect(JSON.stringify(locked.body)).toContain('15分ほど待ってから');
    // The lock is the account's: sign-in with the right password waits too; then both open again.
    expect((await login('guess@example.jp', password, '198.51.100.9')).status).toBe(429);
    await age('guess@example.jp', 16);
    expect((await change(password, '198.51.100.9')).status).toBe(302);
  });

  it('ends the other sessions when the password changes', async () => {
    const user = await newUser('change@example.jp');
    const [mine, other] = [await sessionCookie(user.id), await sessionCookie(user.id)];
    const tooShort = await accountAction(
      actionArgs('/account', { currentPassword: password, newPassword: 'short', confirmPassword: 'short' }, { headers: { Cookie: mine } }),
    );
    expect((tooShort as { init: { status: number } }).init.status).toBe(400);
    expect(JSON.stringify(tooShort)).toContain('8文字以上');
    const result = await accountAction(
      actionArgs(
        '/account',
        { currentPassword: password, newPassword: '新しいパスワード2026', confirmPassword: '新しいパスワード2026' },
        { headers: { Cookie: mine } },
      ),
    );
    expect((result as Response).status).toBe(302);
    expect(await getViewer(request('/', { headers: { Cookie: mine } }))).not.toBeNull();
    expect(await getViewer(request('/', { headers: { Cookie: other } }))).toBeNull();
    expect((await login('change@example.jp', '新しいパスワード2026')).status).toBe(302);
  });
});

describe('invitations and reset links (no mail server)', () => {
  async function organizerCookie() {
    const user = await newUser(`org${Math.random()}@example.jp`);
    await createOrganizer(getDb(), { personId: user.personId });
    return { Cookie: await sessionCookie(user.id) };
  }

  it('invites a member with a single-use link that expires after 7 days', async () => {
    const team = await createTeam(getDb());
    const result = (await adminAccountsAction(
      actionArgs(
        '/admin/accounts',
        { intent: 'invite', email: 'new@example.jp', fullName: '新井 次郎', scope: 'member', teamId: String(team.id), department: '企画部', section: '企画課' },
        { headers: await organizerCookie() },
      ),
    )) as { link: { url: string; expiresAt: string } };
    const token = result.link.url.split('/invite/')[1]!;
    const days = (new Date(result.link.expiresAt).getTime() - now().getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect(await inviteLoader({ request: request(`/invite/${token}`), params: { token }, context: { cspNonce: '' } })).toMatchObject({
      valid: true,
      email: 'new@example.jp',
    });

    const accepted = await inviteAction(
      actionArgs(`/invite/${token}`, { newPassword: 'はじめてのパスワード', confirmPassword: 'はじめてのパスワード' }, { params: { token } }),
    );
    expect((accepted as Response).status).toBe(302);
    const [user] = await getDb().select().from(users).where(eq(users.email, 'new@example.jp'));
    const seats = await getDb()
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.personId, user!.personId)));
    expect(seats).toHaveLength(1);

    const again = await inviteAction(
      actionArgs(`/invite/${token}`, { newPassword: 'べつのパスワード', confirmPassword: 'べつのパスワード' }, { params: { token } }),
    );
    expect((again as { init: { status: number } }).init.status).toBe(400);
    expect(JSON.stringify(again)).toContain('使用済み');
  });

  it('still seats an invited member whose 人事担当課枠 went to someone else meanwhile, without the slot', async () => {
    const team = await createTeam(getDb());
    const result = (await adminAccountsAction(
      actionArgs(
        '/admin/accounts',
        { intent: 'invite', email: 'slot@example.jp', fullName: '枠野 一子', scope: 'member', teamId: String(team.id), isHrSlot: 'on' },
        { headers: await organizerCookie() },
      ),
    )) as { link: { url: string } };
    const token = result.link.url.split('/invite/')[1]!;
    // Meanwhile the slot is given to someone already on the team (as a direct database change would).
    const holder = await createPerson(getDb());
    await getDb().insert(teamMembers).values({ teamId: team.id, personId: holder.id, isHrSlot: true });

    const accepted = await inviteAction(
      actionArgs(`/invite/${token}`, { newPassword: 'はじめてのパスワード', confirmPassword: 'はじめてのパスワード' }, { params: { token } }),
    );
    expect((accepted as Response).status).toBe(302);
    const [user] = await getDb().select().from(users).where(eq(users.email, 'slot@example.jp'));
    const seats = await getDb()
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), isNull(teamMembers.archivedAt)));
    expect(seats.map((s) => [s.personId, s.isHrSlot]).sort()).toEqual(
      [
        [holder.id, true],
        [user!.personId, false],
      ].sort(),
    );
  });

  it('refuses an expired invitation', async () => {
    const team = await createTeam(getDb());
    const result = (await adminAccountsAction(
      actionArgs(
        '/admin/accounts',
        { intent: 'invite', email: 'late@example.jp', fullName: '遅井 三郎', scope: 'member', teamId: String(team.id) },
        { headers: await organizerCookie() },
      ),
    )) as { link: { url: string } };
    const token = result.link.url.split('/invite/')[1]!;
    const invite = () => inviteLoader({ request: request(`/invite/${token}`), params: { token }, context: { cspNonce: '' } });
    expect(await later(7 * 24 * 60 * minute - minute, invite)).toMatchObject({ valid: true });
    expect(await later(7 * 24 * 60 * minute + minute, invite)).toEqual({ valid: false });
  });

  it('links an existing person instead of creating a duplicate account', async () => {
    const person = await createPerson(getDb(), { fullName: '既存 花子' });
    await createUser(getDb(), { email: 'existing@example.jp', personId: person.id, passwordHash });
    const team = await createTeam(getDb());
    const result = (await adminAccountsAction(
      actionArgs(
        '/admin/accounts',
        { intent: 'invite', email: 'existing@example.jp', fullName: '既存 花子', scope: 'member', teamId: String(team.id) },
        { headers: await organizerCookie() },
      ),
    )) as { done: { email: string; text: string } | null; link: unknown };
    expect(result.link).toBeNull();
    expect(result.done).toEqual({ email: 'existing@example.jp', text: 'は登録済みのため、既存のアカウントに追加しました。' });
    const seats = await getDb().select().from(teamMembers).where(eq(teamMembers.personId, person.id));
    expect(seats.map((s) => s.teamId)).toEqual([team.id]);
  });

  it('resets a password from an organizer-issued link and ends every session', async () => {
    const user = await newUser('forgot@example.jp');
    const old = await sessionCookie(user.id);
    const issued = (await adminAccountsAction(
      actionArgs('/admin/accounts', { intent: 'reset', userId: String(user.id) }, { headers: await organizerCookie() }),
    )) as { link: { url: string } };
    const token = issued.link.url.split('/reset/')[1]!;
    const done = await resetAction(
      actionArgs(`/reset/${token}`, { newPassword: 'やりなおしのパスワード', confirmPassword: 'やりなおしのパスワード' }, { params: { token } }),
    );
    expect((done as Response).status).toBe(302);
    expect(await getViewer(request('/', { headers: { Cookie: old } }))).toBeNull();
    expect((await login('forgot@example.jp', 'やりなおしのパスワード')).status).toBe(302);
    expect((await login('forgot@example.jp', password)).status).toBe(400);
  });
});

describe('links that stop working', () => {
  async function organizerCookie() {
    const user = await newUser(`org${Math.random()}@example.jp`);
    await createOrganizer(getDb(), { personId: user.personId });
    return { Cookie: await sessionCookie(user.id) };
  }
  const tokenOf = (reply: unknown, kind: 'invite' | 'reset') => (reply as { link: { url: string } }).link.url.split(`/${kind}/`)[1]!;
  const reset = (token: string, pw: string) =>
    outcome(() => resetAction(actionArgs(`/reset/${token}`, { newPassword: pw, confirmPassword: pw }, { params: { token } })));
  const accept = (token: string, pw: string) =>
    outcome(() => inviteAction(actionArgs(`/invite/${token}`, { newPassword: pw, confirmPassword: pw }, { params: { token } })));

  it('an older reset link ends when a newer one is issued, when the password is reset, and when it is changed', async () => {
    const user = await newUser('links@example.jp');
    const headers = await organizerCookie();
    const issue = async () =>
      tokenOf(await adminAccountsAction(actionArgs('/admin/accounts', { intent: 'reset', userId: String(user.id) }, { headers })), 'reset');
    const first = await issue();
    const second = await issue();
    expect((await reset(first, '古いリンクのパスワード')).status).toBe(400);
    const third = await issue();
    expect((await reset(third, '三本目のパスワード')).status).toBe(302);
    expect((await reset(second, '二本目のパスワード')).status).toBe(400);
    expect((await login('links@example.jp', '三本目のパスワード')).status).toBe(302);

    // A link issued before the person changed the password on /account ends with that change.
    const before = await issue();
    const change = await accountAction(
      actionArgs(
        '/account',
        { currentPassword: '三本目のパスワード', newPassword: '自分で決めたパスワード', confirmPassword: '自分で決めたパスワード' },
        { headers: { Cookie: await sessionCookie(user.id) } },
      ),
    );
    expect((change as Response).status).toBe(302);
    expect((await reset(before, '乗っ取りのパスワード')).status).toBe(400);
    expect((await login('links@example.jp', '自分で決めたパスワード')).status).toBe(302);
  });

  it('a second invitation to the same new email ends the first; an invitation joins an account made meanwhile only with its password', async () => {
    const headers = await organizerCookie();
    const [teamA, teamB] = [await createTeam(getDb()), await createTeam(getDb())];
    const invite = async (teamId: number) =>
      tokenOf(
        await adminAccountsAction(
          actionArgs(
            '/admin/accounts',
            { intent: 'invite', email: 'twice@example.jp', fullName: '二度 招子', scope: 'member', teamId: String(teamId) },
            { headers },
          ),
        ),
        'invite',
      );
    const first = await invite(teamA.id);
    const second = await invite(teamB.id);
    expect((await accept(first, '一通目のパスワード')).status).toBe(400);
    expect((await accept(second, '二通目のパスワード')).status).toBe(302);
    expect((await login('twice@example.jp', '二通目のパスワード')).status).toBe(302);

    // An account made for the email by another way while a link was out (here: directly).
    // (the first account gone, so the organizer's form sends a link rather than adding to it).
    await getDb().update(users).set({ email: 'twice-closed@example.jp' }).where(eq(users.email, 'twice@example.jp'));
    const third = await invite(teamA.id);
    const [person] = await getDb().insert(people).values({ fullName: '二度 招子' }).returning();
    await createUser(getDb(), { email: 'twice@example.jp', personId: person!.id, passwordHash });
    const wrong = await accept(third, '知らないパスワード');
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('アカウントはすでにあります');
    const right = await accept(third, password);
    expect(right.status).toBe(302);
    const seats = await getDb().select().from(teamMembers).where(eq(teamMembers.personId, person!.id));
    expect(seats.map((s) => s.teamId)).toEqual([teamA.id]);
  });
});

describe('one sign-in lookup per request', () => {
  it('shares the lookup between the loaders of one request, and not between requests', async () => {
    const user = await newUser('once@example.jp');
    const cookie = await sessionCookie(user.id);
    const copy = (id: string) => request('/teams', { headers: { Cookie: cookie, 'x-jinmane-request-id': id } });
    const first = await countQueries(() => getViewer(copy('00000000-0000-4000-8000-000000000001')));
    const again = await countQueries(() => getViewer(copy('00000000-0000-4000-8000-000000000001')));
    const other = await countQueries(() => getViewer(copy('00000000-0000-4000-8000-000000000002')));
    expect(first.result?.userId).toBe(user.id);
    // The session and its user as a viewer in one query: every signed-in page waits for it before its own.
    expect(first.count).toBe(1);
    expect(again.result?.userId).toBe(user.id);
    expect(again.count).toBe(0);
    expect(other.count).toBe(first.count);
  });

  it("carries the header's count of unread notifications, read afresh by the next request", async () => {
    const user = await newUser('notified@example.jp');
    const other = await newUser('also-notified@example.jp');
    const cookie = await sessionCookie(user.id);
    const header = async (id: string) => {
      const { result, count } = await countQueries(() =>
        rootLoader(loaderArgs('/', { headers: { Cookie: cookie, 'x-jinmane-request-id': `00000000-0000-4000-8000-00000000010${id}` } })),
      );
      return { unread: result?.viewer?.unread, count };
    };
    expect(await header('1')).toEqual({ unread: 0, count: 1 });
    await notify(getDb(), [user.id, other.id], { kind: 'sheet_comment', body: 'コメントがありました', href: '/' });
    await notify(getDb(), [user.id], { kind: 'handover', body: '引き継ぎがあります', href: '/' });
    expect(await header('2')).toEqual({ unread: 2, count: 1 });
    await markRead(user.id);
    expect(await header('3')).toEqual({ unread: 0, count: 1 });
  });
});
