import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { accountTokens } from '../../db/schema';
import { action as accountsAction } from '../../app/routes/admin.accounts';
import { createMunicipality, createOrganizer, createTeam, createUser } from '../factories';
import { actionArgs } from '../helpers';
import { sessionCookie } from '../world';

// 招待リンクを作成 on /admin/accounts. Without JavaScript the form sends every scope's fields (all are
// shown, each saying whom it is for): the server reads the chosen scope's fields only, and a refusal
// names only that scope's fields and sends back every value typed.

async function organizerHeaders() {
  const user = await createUser(getDb(), { passwordHash: null });
  await createOrganizer(getDb(), { personId: user.personId });
  return { Cookie: await sessionCookie(user.id) };
}

async function invite(form: Record<string, string>) {
  return accountsAction(actionArgs('/admin/accounts', { intent: 'invite', ...form }, { headers: await organizerHeaders() }));
}

async function invitationDetails(email: string) {
  const [token] = await getDb()
    .select({ details: accountTokens.details })
    .from(accountTokens)
    .where(and(eq(accountTokens.email, email), eq(accountTokens.purpose, 'invite')))
    .orderBy(desc(accountTokens.id))
    .limit(1);
  return token?.details;
}

type Refusal = { data: { form: string; result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }; init: { status: number } };

/** Every field of the form as it is sent without JavaScript; the other scopes' values are nonsense for them. */
const everyField = {
  teamId: 'abc',
  municipalityId: '2147483648',
  department: '総務部',
  section: '人事課',
  isHrSlot: 'on',
  role: 'bogus',
  affiliation: '〇〇大学',
};

describe('the invitation form sent with every scope’s fields', () => {
  it('invites an HR viewer with the HR fields only, ignoring the member’s and the organizer’s', async () => {
    const city = await createMunicipality(getDb());
    const result = await invite({ ...everyField, email: 'hr-only@example.jp', fullName: '人事 一子', scope: 'hr', municipalityId: String(city.id) });
    expect(result).toMatchObject({ form: 'invite', link: { email: 'hr-only@example.jp' } });
    expect(await invitationDetails('hr-only@example.jp')).toEqual({ fullName: '人事 一子', scope: 'hr', municipalityId: city.id, department: '総務部' });
  });

  it('invites a member with the member fields only', async () => {
    const team = await createTeam(getDb());
    const result = await invite({ ...everyField, email: 'member-only@example.jp', fullName: '研究 二郎', scope: 'member', teamId: String(team.id) });
    expect(result).toMatchObject({ form: 'invite', link: { email: 'member-only@example.jp' } });
    expect(await invitationDetails('member-only@example.jp')).toEqual({
      fullName: '研究 二郎',
      scope: 'member',
      teamId: team.id,
      department: '総務部',
      section: '人事課',
      isHrSlot: true,
    });
  });

  it('invites an organizer with the organizer fields only', async () => {
    const result = await invite({ ...everyField, email: 'organizer-only@example.jp', fullName: '幹事 三子', scope: 'organizer', role: 'kanji' });
    expect(result).toMatchObject({ form: 'invite', link: { email: 'organizer-only@example.jp' } });
    expect(await invitationDetails('organizer-only@example.jp')).toEqual({ fullName: '幹事 三子', scope: 'organizer', role: 'kanji', affiliation: '〇〇大学' });
  });
});

describe('a refused invitation', () => {
  it('names the chosen scope’s missing field only and sends back every value typed', async () => {
    const typed = { ...everyField, teamId: '', municipalityId: '', email: 'kept@example.jp', fullName: '保持 花子', scope: 'hr' };
    const result = (await invite(typed)) as Refusal;
    expect(result.init.status).toBe(400);
    expect(result.data.form).toBe('invite');
    expect(result.data.result.error).toEqual({ municipalityId: ['自治体を選んでください'] });
    const { teamId: _team, municipalityId: _city, ...filled } = typed;
    expect(result.data.result.initialValue).toMatchObject({ intent: 'invite', ...filled });
    expect(await invitationDetails('kept@example.jp')).toBeUndefined();
  });

  it('asks in Japanese for a scope when none was chosen, keeping what was typed', async () => {
    const result = (await invite({ email: 'noscope@example.jp', fullName: '立場 未定', section: '企画課' })) as Refusal;
    expect(result.init.status).toBe(400);
    expect(result.data.result.error).toEqual({ scope: ['立場を選んでください'] });
    expect(result.data.result.initialValue).toMatchObject({ email: 'noscope@example.jp', fullName: '立場 未定', section: '企画課' });
  });

  it('refuses a member’s too long section in place, with the member’s values', async () => {
    const team = await createTeam(getDb());
    const typed = {
      email: 'long@example.jp',
      fullName: '長井 係',
      scope: 'member',
      teamId: String(team.id),
      department: '総務部',
      section: '係'.repeat(201),
      isHrSlot: 'on',
    };
    const result = (await invite(typed)) as Refusal;
    expect(result.init.status).toBe(400);
    expect(result.data.result.error).toEqual({ section: ['課・係は200文字以内で入力してください'] });
    expect(result.data.result.initialValue).toMatchObject(typed);
  });
});
