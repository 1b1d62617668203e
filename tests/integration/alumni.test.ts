import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { activities, facilitatorRequests, notifications, offsiteMeetingPeople, people, sheetComments } from '../../db/schema';
import { emptySheet } from '../../app/domain/sheet';
import { loader as directoryLoader } from '../../app/routes/alumni.directory';
import { action as groupAction, loader as groupLoader } from '../../app/routes/alumni.groups.$groupId';
import { action as meAction } from '../../app/routes/alumni.me';
import { action as requestAction, loader as requestLoader } from '../../app/routes/alumni.support.$requestId';
import { action as handoverAction, loader as handoverLoader } from '../../app/routes/teams.$teamId.handover';
import { action as mentorsAction } from '../../app/routes/teams.$teamId.mentors';
import { loader as sheetLoader } from '../../app/routes/teams.$teamId.sheet._index';
import { loader as interviewsLoader } from '../../app/routes/teams.$teamId.interviews._index';
import { unreadCount } from '../../app/models/notifications.server';
import { addTeamMember, createInterview, createMunicipality, createPerson, createSheetWithVersions, createTeam, createUser } from '../factories';
import { actionArgs, loaderArgs, loaded } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';

let world: World;
let elsewhere: { teamId: number; listed: number; hidden: number; userId: number };
const as = async (userId: number) => ({ Cookie: await sessionCookie(userId) });
async function settle(run: () => Promise<unknown>) {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const statusOf = (r: unknown) => (r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200));
const focusSheet = (texts: string[]) => ({ content: { ...emptySheet(), focusInitiatives: texts.map((text) => ({ text, evidence: [] })) } });

beforeAll(async () => {
  world = await buildWorld();
  const db = getDb();
  // A past team elsewhere whose final sheet names 人材育成基本方針; one member opted out.
  const city = await createMunicipality(db, { name: '韮崎市', prefecture: '山梨県' });
  const team = await createTeam(db, { municipalityId: city.id, fiscalYear: world.year - 2 });
  const listed = await createPerson(db, { fullName: '山梨 花子', municipalityId: city.id, directoryShowContact: true, directoryContact: '総務課（内線2345）' });
  const hidden = await createPerson(db, { fullName: '非公開 太郎', municipalityId: city.id, directoryListed: false });
  await addTeamMember(db, { teamId: team.id, personId: listed.id });
  await addTeamMember(db, { teamId: team.id, personId: hidden.id });
  await createSheetWithVersions(db, { teamId: team.id, versions: [{}, focusSheet(['人材育成基本方針の見直しに向けて職員対話を重ねる', '100%_本音の対話'])] });
  const user = await createUser(db, { personId: listed.id, email: 'nirasaki@example.jp', passwordHash: null });
  elsewhere = { teamId: team.id, listed: listed.id, hidden: hidden.id, userId: user.id };
  await createSheetWithVersions(db, { teamId: world.pastA.id, versions: [focusSheet(['ランチ対話会を定例化する'])] });
});

describe('マネ友名簿', () => {
  const search = async (query: string, userId = world.users.member.id) =>
    directoryLoader(loaderArgs(`/alumni/directory?${query}`, { headers: await as(userId) }));

  it('finds alumni elsewhere by the theme of their final sheet, and links that sheet', async () => {
    const page = await search(`q=${encodeURIComponent('人材育成基本方針')}`);
    expect(page.teams.map((t) => t.teamId)).toEqual([elsewhere.teamId]);
    const card = page.teams[0]!;
    expect(card.people.map((p) => p.fullName)).toEqual(['山梨 花子']);
    expect(card.people[0]!.contact).toBe('総務課（内線2345）');
    expect(card.sheetReadable).toBe(true);
    // The current team member reads that past sheet of another municipality …
    const sheet = await loaded(
      sheetLoader(loaderArgs(`/teams/${elsewhere.teamId}/sheet`, { params: { teamId: String(elsewhere.teamId) }, headers: await as(world.users.member.id) })),
    );
    expect(sheet.sheet?.content.focusInitiatives[0]?.text).toContain('人材育成基本方針');
    // … but not its interviews.
    await createInterview(getDb(), { teamId: elsewhere.teamId, interviewee: '市長', roleCategory: 'head', visibility: 'program' });
    const interviews = await loaded(
      interviewsLoader(
        loaderArgs(`/teams/${elsewhere.teamId}/interviews`, { params: { teamId: String(elsewhere.teamId) }, headers: await as(world.users.member.id) }),
      ),
    );
    expect(interviews.interviews).toHaveLength(0);
    expect(interviews.homework.items).toHaveLength(0);
  });

  it('takes % and _ literally, and lists only earlier years', async () => {
    expect((await search(`q=${encodeURIComponent('100%_')}`)).teams).toHaveLength(1);
    expect((await search(`q=${encodeURIComponent('%')}`)).teams).toHaveLength(1);
    expect((await search(`q=${encodeURIComponent('本_の')}`)).teams).toHaveLength(0);
    const all = await search('');
    expect(all.teams.every((t) => t.fiscalYear < world.year)).toBe(true);
    expect(all.teams.map((t) => t.teamId)).toContain(world.pastA.id);
    expect(all.teams.flatMap((t) => t.people).some((p) => p.personId === elsewhere.hidden)).toBe(false);
    expect((await search(`year=${world.year - 1}`)).teams.map((t) => t.teamId)).toEqual([world.pastA.id]);
    expect((await search(`municipality=${world.cityA.id}`)).teams.map((t) => t.teamId)).toEqual([world.pastA.id]);
  });

  it('lets each person hide themselves or their contact', async () => {
    const res = await settle(() => meAction(actionArgs('/alumni/me', { directoryContact: '総務課' }, { headers: { Cookie: '' } })));
    expect(statusOf(res)).toBe(302);
    const headers = await as(elsewhere.userId);
    const saved = await settle(() =>
      meAction(actionArgs('/alumni/me', { baseVersion: '1', directoryListed: 'on', directoryContact: '別の連絡先' }, { headers })),
    );
    expect(statusOf(saved)).toBe(302);
    const [row] = await getDb().select().from(people).where(eq(people.id, elsewhere.listed));
    expect(row).toMatchObject({ directoryListed: true, directoryShowContact: false, directoryContact: '別の連絡先' });
    const card = (await search(`q=${encodeURIComponent('人材育成')}`)).teams[0]!;
    expect(card.people[0]!.contact).toBe('');
  });
});

describe('mentoring', () => {
  const post = async (userId: number, form: Record<string, string>) =>
    settle(async () =>
      mentorsAction(actionArgs(`/teams/${world.teamA.id}/mentors`, form, { params: { teamId: String(world.teamA.id) }, headers: await as(userId) })),
    );

  it('the team assigns an alumnus from elsewhere; advice reaches the team as a comment and a notification', async () => {
    expect(statusOf(await post(elsewhere.userId, { intent: 'advice', section: 'focusInitiatives', body: 'まだメンターではない' }))).toBe(404);
    expect(statusOf(await post(world.users.member.id, { intent: 'assign', personId: String(world.users.partner.personId) }))).toBe(400);
    expect(statusOf(await post(world.users.hr.id, { intent: 'assign', personId: String(elsewhere.listed) }))).toBe(403);
    expect(statusOf(await post(world.users.member.id, { intent: 'assign', personId: String(elsewhere.listed) }))).toBe(302);
    const before = await unreadCount(world.users.member.id);
    expect(statusOf(await post(elsewhere.userId, { intent: 'advice', section: 'focusInitiatives', body: '人事課長と早めに話してみて。' }))).toBe(302);
    const [comment] = await getDb()
      .select()
      .from(sheetComments)
      .where(and(eq(sheetComments.teamId, world.teamA.id), eq(sheetComments.authorUserId, elsewhere.userId)));
    expect(comment?.body).toBe('人事課長と早めに話してみて。');
    expect(await unreadCount(world.users.member.id)).toBe(before + 1);
    const [note] = await getDb()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, world.users.member.id), eq(notifications.kind, 'mentor_advice')));
    expect(note?.href).toBe(`/teams/${world.teamA.id}/sheet`);
  });

  it('a logged conversation is one マネ友との対話 activity, recorded as the mentor’s', async () => {
    expect(statusOf(await post(world.users.alumni.id, { intent: 'talk', occurredOn: `${world.year}-06-01`, durationMinutes: '30', title: 'x' }))).toBe(403);
    expect(statusOf(await post(elsewhere.userId, { intent: 'talk', occurredOn: `${world.year - 3}-06-01`, durationMinutes: '30', title: '年度外' }))).toBe(400);
    expect(
      statusOf(await post(elsewhere.userId, { intent: 'talk', occurredOn: `${world.year}-06-01`, durationMinutes: '45', title: '重点取組の絞り込みについて' })),
    ).toBe(302);
    const rows = await getDb()
      .select()
      .from(activities)
      .where(and(eq(activities.teamId, world.teamA.id), eq(activities.kind, 'alumni_dialogue')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: '重点取組の絞り込みについて', durationMinutes: 45, createdByUserId: elsewhere.userId, guests: '山梨 花子' });
  });
});

describe('引き継ぎ', () => {
  it('is written by the team and read by the next team with open homework opened to the municipality', async () => {
    const db = getDb();
    const pastMember = await createPerson(db, { municipalityId: world.cityA.id });
    const pastUser = await createUser(db, { personId: pastMember.id, email: 'past-kofu@example.jp', passwordHash: null });
    await addTeamMember(db, { teamId: world.pastA.id, personId: pastMember.id });
    await createInterview(db, {
      teamId: world.pastA.id,
      interviewee: '人事課長',
      roleCategory: 'hr',
      visibility: 'municipality',
      homework: ['研修計画に対話を入れる'],
    });
    await createInterview(db, { teamId: world.pastA.id, interviewee: '市長', roleCategory: 'head', visibility: 'team', homework: ['内密の宿題'] });
    // Alumni of the past team do not write on its behalf; its own members do (it is their voice).
    const write = (userId: number, form: Record<string, string>) =>
      settle(async () =>
        handoverAction(actionArgs(`/teams/${world.pastA.id}/handover`, form, { params: { teamId: String(world.pastA.id) }, headers: await as(userId) })),
      );
    expect(statusOf(await write(world.users.organizer.id, { toContinue: 'x' }))).toBe(403);
    expect(statusOf(await write(pastUser.id, { baseVersion: '0', toContinue: '', peopleToTalkTo: '', advice: '' }))).toBe(400);
    expect(
      statusOf(await write(pastUser.id, { baseVersion: '0', toContinue: 'ランチ対話会を続けて', peopleToTalkTo: '人事課長', advice: '3人で話す時間を' })),
    ).toBe(302);
    // A teammate's form opened before that first save is refused, not written over it, and comes back
    // with the saved text in the fields that teammate did not touch.
    const refused = await write(pastUser.id, {
      baseVersion: '0',
      toContinue: '別の人が同時に書いた引き継ぎ',
      peopleToTalkTo: '',
      advice: '',
      _edited: '["toContinue"]',
    });
    expect(statusOf(refused)).toBe(409);
    const reply = (refused as { data: { result: { initialValue: Record<string, string> }; version: number } }).data;
    expect(reply.result.initialValue).toMatchObject({ toContinue: '別の人が同時に書いた引き継ぎ', peopleToTalkTo: '人事課長', advice: '3人で話す時間を' });
    expect(reply.version).toBe(1);
    expect(
      statusOf(await write(pastUser.id, { baseVersion: '1', toContinue: 'ランチ対話会を続けて', peopleToTalkTo: '人事課長', advice: '3人で話す時間を' })),
    ).toBe(302);

    const page = await loaded(
      handoverLoader(loaderArgs(`/teams/${world.teamA.id}/handover`, { params: { teamId: String(world.teamA.id) }, headers: await as(world.users.member.id) })),
    );
    expect(page.generations[0]).toMatchObject({ teamId: world.pastA.id, toContinue: 'ランチ対話会を続けて', hasSheet: true });
    expect(page.previousHomework.map((h) => h.body)).toEqual(['研修計画に対話を入れる']);
    expect(page.canWrite).toBe(true);
    const [note] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, world.users.member.id), eq(notifications.kind, 'handover')));
    expect(note?.href).toBe(`/teams/${world.teamA.id}/handover`);
  });
});

describe('世話人派遣', () => {
  const url = () => `/alumni/support/${world.facilitatorRequest.id}`;
  const post = async (userId: number, form: Record<string, string>) =>
    settle(async () => requestAction(actionArgs(url(), form, { params: { requestId: String(world.facilitatorRequest.id) }, headers: await as(userId) })));
  const status = async () => (await getDb().select().from(facilitatorRequests).where(eq(facilitatorRequests.id, world.facilitatorRequest.id)))[0]!.status;

  it('goes from 募集中 through 決定 to 実施済', async () => {
    expect(statusOf(await post(world.users.outsider.id, { intent: 'offer' }))).toBe(403);
    expect(statusOf(await post(world.users.alumni.id, { intent: 'offer', message: '進行を手伝えます' }))).toBe(302);
    expect(statusOf(await post(world.users.alumni.id, { intent: 'offer', message: '二度目' }))).toBe(400);
    expect(await unreadCount(world.users.member.id)).toBeGreaterThan(0);
    const page = await requestLoader(
      loaderArgs(url(), { params: { requestId: String(world.facilitatorRequest.id) }, headers: await as(world.users.member.id) }),
    );
    expect(page.requester).toBe(true);
    const offerId = String(page.offers[0]!.id);
    expect(statusOf(await post(world.users.alumni.id, { intent: 'accept', offerId }))).toBe(403);
    expect(statusOf(await post(world.users.member.id, { intent: 'done' }))).toBe(302);
    expect(await status()).toBe('open'); // 実施済 needs a decision first
    expect(statusOf(await post(world.users.member.id, { intent: 'accept', offerId }))).toBe(302);
    expect(await status()).toBe('decided');
    expect(statusOf(await post(world.users.member.id, { intent: 'done' }))).toBe(302);
    expect(await status()).toBe('done');
    expect(statusOf(await post(world.users.member.id, { intent: 'cancel' }))).toBe(302);
    expect(await status()).toBe('done');
  });
});

describe('マネ友の会', () => {
  it('members record off-sites with 世話人; others may read but not write', async () => {
    const params = { groupId: String(world.alumniGroup.id) };
    const form = { heldOn: `${world.year}-09-12`, theme: '部署を越えた対話会', place: '本庁舎', facilitatorIds: String(world.users.alumni.personId) };
    const denied = await settle(async () =>
      groupAction(actionArgs(`/alumni/groups/${world.alumniGroup.id}`, form, { params, headers: await as(world.users.member.id) })),
    );
    expect(statusOf(denied)).toBe(403);
    const stranger = await settle(async () =>
      groupAction(
        actionArgs(
          `/alumni/groups/${world.alumniGroup.id}`,
          { ...form, attendeeIds: String(elsewhere.listed) },
          { params, headers: await as(world.users.alumni.id) },
        ),
      ),
    );
    expect(statusOf(stranger)).toBe(400);
    const ok = await settle(async () =>
      groupAction(actionArgs(`/alumni/groups/${world.alumniGroup.id}`, form, { params, headers: await as(world.users.alumni.id) })),
    );
    expect(statusOf(ok)).toBe(302);
    const page = await loaded(groupLoader(loaderArgs(`/alumni/groups/${world.alumniGroup.id}`, { params, headers: await as(world.users.member.id) })));
    expect(page.meetings[0]).toMatchObject({ theme: '部署を越えた対話会', facilitators: [expect.any(String)] });
    expect(page.members[0]).toMatchObject({ fiscalYear: world.year - 1, generation: 1 });
    expect(await getDb().select().from(offsiteMeetingPeople)).toHaveLength(1);
  });
});
