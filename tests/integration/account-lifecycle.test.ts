import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { auditLog, interviews } from '../../db/schema';
import { action as accountsAction, loader as accountsLoader } from '../../app/routes/admin.accounts';
import { loader as inviteLoader } from '../../app/routes/invite.$token';
import { action as loginAction } from '../../app/routes/login';
import { issueToken } from '../../app/models/account-tokens.server';
import { getViewer } from '../../app/utils/auth.server';
import { hashPassword } from '../../app/utils/password.server';
import { addTeamMember, createHrViewer, createInterview, createMentorAssignment, createOrganizer, createPerson, createTeam, createUser } from '../factories';
import { actionArgs, loaded, loaderArgs, request } from '../helpers';
import { sessionCookie } from '../world';
import { outcome } from './setup-helpers';

// Access that can be taken away, from the organizers' account page: an HR officer who moves post, a
// mentor whose year is over, a link sent to the wrong address, an account that must close. It ends at
// once (sessions included); what the people wrote stays.

async function organizerHeaders() {
  const person = await createPerson(getDb());
  const user = await createUser(getDb(), { personId: person.id, passwordHash: null });
  await createOrganizer(getDb(), { personId: person.id });
  return { user, headers: { Cookie: await sessionCookie(user.id) } };
}
const post = (headers: Record<string, string>, form: Record<string, string>) => outcome(() => accountsAction(actionArgs('/admin/accounts', form, { headers })));
const viewerOf = (cookie: string) => getViewer(request('/', { headers: { Cookie: cookie } }));

describe('taking access away', () => {
  it('ends an HR scope and a mentor assignment the same day, each audited, and lists what can still be taken away', async () => {
    const { headers } = await organizerHeaders();
    const team = await createTeam(getDb());
    const hr = await createHrViewer(getDb(), { municipalityId: team.municipalityId });
    const hrCookie = await sessionCookie(hr.userId);
    expect((await viewerOf(hrCookie))?.hrMunicipalityIds).toEqual([team.municipalityId]);
    const mentorPerson = await createPerson(getDb());
    const mentor = await createUser(getDb(), { personId: mentorPerson.id, passwordHash: null });
    const assignment = await createMentorAssignment(getDb(), { teamId: team.id, personId: mentorPerson.id });
    const page = await loaded(await accountsLoader(loaderArgs('/admin/accounts', { headers })));
    expect(page.scopes.hr.map((h) => h.id)).toContain(hr.id);
    expect(page.scopes.mentors.map((m) => m.id)).toContain(assignment.id);

    const revoked = await post(headers, { intent: 'revoke-hr', hrViewerId: String(hr.id) });
    expect(revoked).toMatchObject({ status: 302, notice: '人事課としての閲覧を取り消しました。' });
    expect((await viewerOf(hrCookie))?.hrMunicipalityIds).toEqual([]);
    expect((await post(headers, { intent: 'revoke-hr', hrViewerId: String(hr.id) })).status).toBe(404);

    expect((await post(headers, { intent: 'end-mentor', assignmentId: String(assignment.id) })).status).toBe(302);
    expect((await viewerOf(await sessionCookie(mentor.id)))?.mentorTeamIds).toEqual([]);
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.action, 'revoke'));
    expect(audits.map((a) => a.entityType).sort()).toEqual(['hr_viewer', 'mentor_assignment']);
  });

  it('cancels a link nobody has used yet', async () => {
    const { headers } = await organizerHeaders();
    const link = await issueToken(getDb(), { purpose: 'invite', email: 'wrong-address@example.jp', details: { fullName: '宛先 違子' }, createdByUserId: null });
    const invite = () => inviteLoader({ request: request(`/invite/${link.token}`), params: { token: link.token }, context: { cspNonce: '' } });
    expect(await invite()).toMatchObject({ valid: true });
    expect((await post(headers, { intent: 'cancel-link', tokenId: String(link.id) })).status).toBe(302);
    expect(await invite()).toEqual({ valid: false });
  });

  it('stops an account: its sessions end at once, it cannot sign in, its records stay; it can be started again', async () => {
    const { user: me, headers } = await organizerHeaders();
    const team = await createTeam(getDb());
    const person = await createPerson(getDb());
    const member = await createUser(getDb(), { email: 'leaving@example.jp', personId: person.id, passwordHash: await hashPassword('もう使わないパスワード') });
    await addTeamMember(getDb(), { teamId: team.id, personId: person.id });
    const written = await createInterview(getDb(), { teamId: team.id, createdByUserId: member.id });
    const cookie = await sessionCookie(member.id);
    expect(await viewerOf(cookie)).not.toBeNull();

    const stopped = await post(headers, { intent: 'stop', userId: String(member.id) });
    expect(stopped.status).toBe(302);
    expect(await viewerOf(cookie)).toBeNull();
    const signIn = () => outcome(() => loginAction(actionArgs('/login', { email: 'leaving@example.jp', password: 'もう使わないパスワード' })));
    expect((await signIn()).status).toBe(400);
    expect(await getDb().select().from(interviews).where(eq(interviews.id, written.id))).toHaveLength(1);
    const page = await loaded(await accountsLoader(loaderArgs('/admin/accounts', { headers })));
    expect(page.stopped.map((s) => s.id)).toContain(member.id);
    expect(page.accounts.map((a) => a.id)).not.toContain(member.id);

    // Not one's own account.
    const self = await post(headers, { intent: 'stop', userId: String(me.id) });
    expect(self.status).toBe(400);
    expect(JSON.stringify(self.body)).toContain('自分のアカウントは停止できません');
    expect(await viewerOf(headers.Cookie)).not.toBeNull();

    expect((await post(headers, { intent: 'restart', userId: String(member.id) })).status).toBe(302);
    expect((await signIn()).status).toBe(302);
  });
});
