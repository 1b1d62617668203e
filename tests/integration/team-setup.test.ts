import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { accountTokens, dialogueGroupTeams, people, teamMembers, teams } from '../../db/schema';
import { action as teamsAction } from '../../app/routes/admin.years.$fiscalYear.teams';
import { action as groupsAction } from '../../app/routes/admin.years.$fiscalYear.groups';
import { action as teamAction, loader as teamLoader } from '../../app/routes/admin.teams.$teamId';
import { action as municipalitiesAction } from '../../app/routes/admin.municipalities';
import { addTeamMember, createMunicipality, createPerson, createProgramYear, createTeam, createUser } from '../factories';
import { actionArgs, loaderArgs } from '../helpers';
import { fieldErrors, organizerCookie, outcome, tableCounts } from './setup-helpers';

describe('municipalities and teams', () => {
  it('adds a municipality once; the same name in the same prefecture is refused', async () => {
    const headers = await organizerCookie();
    const post = () =>
      outcome(() =>
        municipalitiesAction(actionArgs('/admin/municipalities', { intent: 'create', name: '韮崎市', prefecture: '山梨県', kind: 'city' }, { headers })),
      );
    expect((await post()).status).toBe(302);
    const again = await post();
    expect(again.status).toBe(400);
    expect(fieldErrors(again.body).name?.[0]).toBe('山梨県韮崎市はすでに登録されています');
  });

  it('refuses the same municipality twice in a year, with nothing saved', async () => {
    const headers = await organizerCookie();
    await createProgramYear(getDb(), { fiscalYear: 2060 });
    const city = await createMunicipality(getDb(), { name: '富岡市', prefecture: '群馬県' });
    const post = () =>
      outcome(() => teamsAction(actionArgs('/x', { intent: 'create', municipalityId: String(city.id) }, { headers, params: { fiscalYear: '2060' } })));
    expect((await post()).status).toBe(302);
    const before = await tableCounts();
    const twice = await post();
    expect(twice.status).toBe(400);
    expect(fieldErrors(twice.body).municipalityId?.[0]).toBe('富岡市はこの年度にすでにチームがあります。1つの自治体から1年度に1チームです');
    expect(await tableCounts()).toEqual(before);
  });

  it('archives a team with its data and restores it', async () => {
    const headers = await organizerCookie();
    const team = await createTeam(getDb(), { fiscalYear: 2061 });
    await addTeamMember(getDb(), { teamId: team.id });
    const post = (intent: string) =>
      outcome(() => teamsAction(actionArgs('/x', { intent, teamId: String(team.id) }, { headers, params: { fiscalYear: '2061' } })));
    expect((await post('archive')).status).toBe(302);
    expect((await getDb().select().from(teams).where(eq(teams.id, team.id)))[0]?.archivedAt).not.toBeNull();
    expect(await getDb().select().from(teamMembers).where(eq(teamMembers.teamId, team.id))).toHaveLength(1);
    await post('restore');
    expect((await getDb().select().from(teams).where(eq(teams.id, team.id)))[0]?.archivedAt).toBeNull();
  });
});

describe('team members', () => {
  it('links an existing person by email, invites a new one, and refuses a sixth member', async () => {
    const headers = await organizerCookie();
    const db = getDb();
    const team = await createTeam(db, { fiscalYear: 2062 });
    const alumnus = await createPerson(db, { fullName: '前年 参加者' });
    await createUser(db, { email: 'returning@example.jp', personId: alumnus.id, passwordHash: 'x' });
    const params = { teamId: String(team.id) };
    const add = (email: string, extra: Record<string, string> = {}) =>
      outcome(() =>
        teamAction(actionArgs('/x', { intent: 'add', email, fullName: '氏名 あり', department: '総務部', section: '人事課', ...extra }, { headers, params })),
      );
    const peopleBefore = (await db.select().from(people)).length;
    expect((await add('Returning@Example.jp')).status).toBe(302);
    const [linked] = await db
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.personId, alumnus.id)));
    expect(linked).toBeDefined();
    expect((await db.select().from(people)).length).toBe(peopleBefore); // linked, not duplicated
    const invited = await add('new1@example.jp', { isHrSlot: 'on' });
    expect(invited.status).toBe(200);
    expect((invited.body as { link: { url: string } }).link.url).toMatch(/\/invite\/[\w-]{43}$/);
    const hrAgain = await add('new2@example.jp', { isHrSlot: 'on' });
    expect(fieldErrors(hrAgain.body).isHrSlot?.[0]).toContain('人事担当課枠');
    for (const n of [2, 3, 4]) expect((await add(`new${n}@example.jp`)).status).toBe(200);
    const before = await tableCounts();
    const sixth = await add('new5@example.jp');
    expect(sixth.status).toBe(400);
    expect(fieldErrors(sixth.body).email?.[0]).toBe('1チームのメンバーは5名までです（登録済み・招待中で5名）');
    expect(await tableCounts()).toEqual(before);
    const page = (await teamLoader(loaderArgs('/x', { headers, params }))) as { members: unknown[]; invitations: unknown[] };
    expect(page.members).toHaveLength(1);
    expect(page.invitations).toHaveLength(4);
    const tokens = await db.select().from(accountTokens).where(eq(accountTokens.email, 'new1@example.jp'));
    expect(tokens[0]?.details).toMatchObject({ scope: 'member', teamId: team.id, isHrSlot: true });
  });

  it('removing a member archives them; they can be restored', async () => {
    const headers = await organizerCookie();
    const team = await createTeam(getDb(), { fiscalYear: 2063 });
    const member = await addTeamMember(getDb(), { teamId: team.id });
    const post = (intent: string) =>
      outcome(() => teamAction(actionArgs('/x', { intent, memberId: String(member.id) }, { headers, params: { teamId: String(team.id) } })));
    expect((await post('archive')).status).toBe(302);
    expect(
      await getDb()
        .select()
        .from(teamMembers)
        .where(and(eq(teamMembers.id, member.id), isNull(teamMembers.archivedAt))),
    ).toHaveLength(0);
    expect((await post('restore')).status).toBe(302);
    expect(
      await getDb()
        .select()
        .from(teamMembers)
        .where(and(eq(teamMembers.id, member.id), isNull(teamMembers.archivedAt))),
    ).toHaveLength(1);
  });
});

describe('dialogue groups', () => {
  it('groups two to four teams of the year and refuses a team already in a group, saving nothing', async () => {
    const headers = await organizerCookie();
    const db = getDb();
    const named = async (name: string) => createTeam(db, { fiscalYear: 2064, municipalityId: (await createMunicipality(db, { name })).id });
    const [a, b, c] = [await named('甲府市'), await named('熊本市'), await named('鹿児島市')];
    const other = await createTeam(db, { fiscalYear: 2065 });
    const post = (teamIds: number[]) =>
      outcome(() => groupsAction(actionArgs('/x', { intent: 'create', name: '', teamIds: teamIds.map(String) }, { headers, params: { fiscalYear: '2064' } })));
    expect((await post([a.id, b.id])).status).toBe(302);
    const before = await tableCounts();
    const twice = await post([b.id, c.id]);
    expect(twice.status).toBe(400);
    expect(fieldErrors(twice.body).teamIds?.[0]).toBe(
      '熊本市（甲府市・熊本市）はすでにほかのグループに入っています。1つのチームが入れるグループは1年度に1つです',
    );
    expect(fieldErrors((await post([c.id])).body).teamIds?.[0]).toBe('チームを2〜4つ選んでください');
    expect(fieldErrors((await post([c.id, other.id])).body).teamIds?.[0]).toBe('この年度のチームだけを選んでください');
    expect(await tableCounts()).toEqual(before);
    expect(await db.select().from(dialogueGroupTeams).where(eq(dialogueGroupTeams.teamId, c.id))).toHaveLength(0);
  });
});
