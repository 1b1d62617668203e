import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { auditLog, mentorAssignments, mentorOffers, notifications } from '../../db/schema';
import { loadViewer } from '../../app/models/viewers.server';
import { action as alumniAction, loader as alumniLoader } from '../../app/routes/alumni._index';
import { action as mentorsAction, loader as mentorsLoader } from '../../app/routes/teams.$teamId.mentors';
import { todayInTokyo } from '../../app/utils/clock';
import { addTeamMember, createMentorOffer, createPerson, createTeam, createUser } from '../factories';
import { actionArgs, loaded, loaderArgs, noticeOf } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';

// Issue 17: a マネ友 with no team to mentor offers to mentor this year's team of their municipality;
// the team accepts (they become its mentor, as when it chooses them) or declines; the alumnus sees how
// the offer stands and may withdraw it while it waits.

let world: World;
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
type Refused = { data: { form: string; result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } } };
const formErrorsOf = (r: unknown) => (r as Refused).data.result.error?.[''] ?? [];

const offer = async (userId: number, form: Record<string, string>) =>
  settle(async () => alumniAction(actionArgs('/alumni', { intent: 'offer', ...form }, { headers: await as(userId) })));
const withdraw = async (userId: number, offerId: number) =>
  settle(async () => alumniAction(actionArgs('/alumni', { intent: 'withdraw', offerId: String(offerId) }, { headers: await as(userId) })));
const answer = async (userId: number, teamId: number, intent: 'accept' | 'decline', offerId: number) =>
  settle(async () =>
    mentorsAction(
      actionArgs(`/teams/${teamId}/mentors`, { intent, offerId: String(offerId) }, { params: { teamId: String(teamId) }, headers: await as(userId) }),
    ),
  );
const alumniPage = async (userId: number) => loaded(alumniLoader(loaderArgs('/alumni', { headers: await as(userId) })));
const mentorsPage = async (userId: number, teamId: number) =>
  loaded(mentorsLoader(loaderArgs(`/teams/${teamId}/mentors`, { params: { teamId: String(teamId) }, headers: await as(userId) })));

const offersOf = (personId: number) => getDb().select().from(mentorOffers).where(eq(mentorOffers.personId, personId)).orderBy(mentorOffers.id);
const auditsOf = (entityType: string, entityId: number) =>
  getDb()
    .select({ action: auditLog.action, userId: auditLog.userId })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))))
    .orderBy(auditLog.id);
const notesOf = (userId: number) =>
  getDb()
    .select({ body: notifications.body, href: notifications.href })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'mentor_offer')))
    .orderBy(notifications.id);

/** Another マネ友 of 甲府市 (on last year's team), with an account. */
async function kofuAlumnus(fullName: string) {
  const person = await createPerson(getDb(), { fullName, municipalityId: world.cityA.id });
  await addTeamMember(getDb(), { teamId: world.pastA.id, personId: person.id });
  const user = await createUser(getDb(), { personId: person.id, passwordHash: null });
  return { personId: person.id, userId: user.id };
}

beforeAll(async () => {
  world = await buildWorld();
});

describe('an offer to mentor, accepted', () => {
  it('reaches the team, which accepts it: the alumnus becomes its mentor, audited and told', async () => {
    const { alumni, member, hr } = world.users;
    const before = await alumniPage(alumni.id);
    expect(before.mentored).toEqual([]);
    expect(before.offerable.map((o) => [o.team.teamId, o.offer])).toEqual([[world.teamA.id, null]]);

    const made = await offer(alumni.id, { teamId: String(world.teamA.id), message: '昨年度はインタビューで苦労しました。進め方の相談に乗れます。' });
    expect(statusOf(made)).toBe(302);
    expect(await noticeOf(made as Response)).toBe('甲府市チームにメンターを申し出ました。チームが承諾すると、メンターとして支援できます。');
    const [row] = await offersOf(alumni.personId);
    expect(row).toMatchObject({ teamId: world.teamA.id, status: 'pending', offeredByUserId: alumni.id, decidedAt: null });
    expect(await auditsOf('mentor_offer', row!.id)).toEqual([{ action: 'create', userId: alumni.id }]);
    const name = (await loadViewer(alumni.id))!.name;
    expect(await notesOf(member.id)).toEqual([{ body: `${name}さん（マネ友）からメンターの申し出が届きました`, href: `/teams/${world.teamA.id}/mentors` }]);

    // The alumnus sees it waiting; the team sees it on its マネ友 page, HR does not.
    expect((await alumniPage(alumni.id)).offerable[0]!.offer).toMatchObject({ id: row!.id, status: 'pending', offeredOn: todayInTokyo(), decidedOn: null });
    const teamPage = await mentorsPage(member.id, world.teamA.id);
    expect(teamPage.offers).toEqual([
      expect.objectContaining({
        id: row!.id,
        message: '昨年度はインタビューで苦労しました。進め方の相談に乗れます。',
        lastYear: world.year - 1,
        offeredOn: todayInTokyo(),
      }),
    ]);
    expect(teamPage.offers[0]!.generation).toBeGreaterThan(0);
    expect((await mentorsPage(hr.id, world.teamA.id)).offers).toEqual([]);

    const accepted = await answer(member.id, world.teamA.id, 'accept', row!.id);
    expect(statusOf(accepted)).toBe(302);
    expect(await noticeOf(accepted as Response)).toBe('申し出を承諾しました。メンターに加わりました。');
    const assignments = await getDb()
      .select()
      .from(mentorAssignments)
      .where(and(eq(mentorAssignments.teamId, world.teamA.id), eq(mentorAssignments.personId, alumni.personId)));
    expect(assignments).toHaveLength(1);
    expect(assignments[0]).toMatchObject({ endedAt: null, assignedByUserId: member.id });
    expect((await loadViewer(alumni.id))!.mentorTeamIds).toContain(world.teamA.id);
    const [answered] = await offersOf(alumni.personId);
    expect(answered).toMatchObject({ status: 'accepted', decidedByUserId: member.id });
    expect(await auditsOf('mentor_offer', row!.id)).toEqual([
      { action: 'create', userId: alumni.id },
      { action: 'accept', userId: member.id },
    ]);
    expect(await auditsOf('mentor_assignment', assignments[0]!.id)).toEqual([{ action: 'create', userId: member.id }]);
    expect(await notesOf(alumni.id)).toEqual([{ body: '甲府市チームがメンターの申し出を承諾しました', href: `/teams/${world.teamA.id}/mentors` }]);

    // A second click changes nothing and says nothing.
    const again = await answer(member.id, world.teamA.id, 'accept', row!.id);
    expect(statusOf(again)).toBe(302);
    expect(await noticeOf(again as Response)).toBeNull();
    expect(await auditsOf('mentor_offer', row!.id)).toHaveLength(2);

    // Now a mentor: the team is theirs to support, and no longer one to offer to.
    const after = await alumniPage(alumni.id);
    expect(after.mentored.map((t) => t.teamId)).toEqual([world.teamA.id]);
    expect(after.offerable).toEqual([]);
    const refused = await offer(alumni.id, { teamId: String(world.teamA.id) });
    expect(statusOf(refused)).toBe(400);
    expect(formErrorsOf(refused)).toEqual(['すでにこのチームのメンターです']);
  });

  it('is accepted too when the team chooses the alumnus in its picker meanwhile', async () => {
    const other = await kofuAlumnus('甲斐 選子');
    const made = await offer(other.userId, { teamId: String(world.teamA.id) });
    expect(statusOf(made)).toBe(302);
    const assigned = await settle(async () =>
      mentorsAction(
        actionArgs(
          `/teams/${world.teamA.id}/mentors`,
          { intent: 'assign', personId: String(other.personId) },
          { params: { teamId: String(world.teamA.id) }, headers: await as(world.users.organizer.id) },
        ),
      ),
    );
    expect(statusOf(assigned)).toBe(302);
    expect((await offersOf(other.personId)).map((o) => o.status)).toEqual(['accepted']);
    expect(await notesOf(other.userId)).toEqual([{ body: '甲府市チームがメンターの申し出を承諾しました', href: `/teams/${world.teamA.id}/mentors` }]);
  });
});

describe('an offer declined or withdrawn', () => {
  it('is withdrawn while it waits and may be made again; once declined it stays declined', async () => {
    const alumnus = await kofuAlumnus('甲斐 辞子');
    expect(statusOf(await offer(alumnus.userId, { teamId: String(world.teamA.id) }))).toBe(302);
    const [first] = await offersOf(alumnus.personId);

    const withdrawn = await withdraw(alumnus.userId, first!.id);
    expect(statusOf(withdrawn)).toBe(302);
    expect(await noticeOf(withdrawn as Response)).toBe('申し出を取り下げました。');
    expect((await offersOf(alumnus.personId))[0]).toMatchObject({ status: 'withdrawn', decidedByUserId: alumnus.userId });
    expect((await auditsOf('mentor_offer', first!.id)).map((a) => a.action)).toEqual(['create', 'withdraw']);
    expect((await alumniPage(alumnus.userId)).offerable[0]!.offer).toBeNull();
    // Withdrawn already (a double click): nothing changes.
    expect(statusOf(await withdraw(alumnus.userId, first!.id))).toBe(302);
    expect((await auditsOf('mentor_offer', first!.id)).map((a) => a.action)).toEqual(['create', 'withdraw']);
    // A withdrawn offer is gone from the team's page; the team cannot answer it.
    expect((await mentorsPage(world.users.member.id, world.teamA.id)).offers.map((o) => o.id)).not.toContain(first!.id);
    expect(statusOf(await answer(world.users.member.id, world.teamA.id, 'accept', first!.id))).toBe(302);
    expect((await offersOf(alumnus.personId))[0]!.status).toBe('withdrawn');

    expect(statusOf(await offer(alumnus.userId, { teamId: String(world.teamA.id), message: 'やはりお手伝いしたいです' }))).toBe(302);
    const second = (await offersOf(alumnus.personId))[1]!;
    expect(second).toMatchObject({ status: 'pending', message: 'やはりお手伝いしたいです' });

    const declined = await answer(world.users.member.id, world.teamA.id, 'decline', second.id);
    expect(statusOf(declined)).toBe(302);
    expect(await noticeOf(declined as Response)).toBe('申し出を辞退しました。');
    expect((await offersOf(alumnus.personId))[1]).toMatchObject({ status: 'declined', decidedByUserId: world.users.member.id });
    expect((await auditsOf('mentor_offer', second.id)).map((a) => a.action)).toEqual(['create', 'decline']);
    expect(await notesOf(alumnus.userId)).toEqual([{ body: '甲府市チームはメンターの申し出を辞退しました', href: '/alumni' }]);
    expect(await getDb().select().from(mentorAssignments).where(eq(mentorAssignments.personId, alumnus.personId))).toEqual([]);
    expect((await alumniPage(alumnus.userId)).offerable[0]!.offer).toMatchObject({ status: 'declined', decidedOn: todayInTokyo() });

    // The team has answered: neither withdrawn nor made again.
    const late = await withdraw(alumnus.userId, second.id);
    expect(await noticeOf(late as Response)).toBe('チームがすでに返事をしていたため、申し出は取り下げられませんでした。');
    expect((await offersOf(alumnus.personId))[1]!.status).toBe('declined');
    const again = await offer(alumnus.userId, { teamId: String(world.teamA.id) });
    expect(statusOf(again)).toBe(400);
    expect(formErrorsOf(again)).toEqual(['このチームにはすでに申し出ています']);
  });
});

describe('offers the server refuses', () => {
  it('to another municipality’s team, to a past team, from someone who is no マネ友 of the city, or from its own member', async () => {
    const { alumni, organizer, member, outsider } = world.users;
    const notAlumnus = '申し出られるのは、前の年度までにこの自治体のチームに参加したマネ友だけです';
    const toB = await offer(alumni.id, { teamId: String(world.teamB.id), message: '熊本市にも' });
    expect(statusOf(toB)).toBe(400);
    expect((toB as Refused).data.form).toBe(`offer-${world.teamB.id}`);
    expect(formErrorsOf(toB)).toEqual([notAlumnus]);
    expect(formErrorsOf(await offer(alumni.id, { teamId: String(world.pastA.id) }))).toEqual(['申し出られるのは、自分の自治体の今年度のチームだけです']);
    expect(formErrorsOf(await offer(organizer.id, { teamId: String(world.teamA.id) }))).toEqual([notAlumnus]);
    // マネ友 of another city (熊本市, two years ago) may not offer to 甲府市's team.
    const kumamoto = await createPerson(getDb(), { municipalityId: world.cityB.id });
    await addTeamMember(getDb(), {
      teamId: (await createTeam(getDb(), { municipalityId: world.cityB.id, fiscalYear: world.year - 2 })).id,
      personId: kumamoto.id,
    });
    const kumamotoUser = await createUser(getDb(), { personId: kumamoto.id, passwordHash: null });
    expect(formErrorsOf(await offer(kumamotoUser.id, { teamId: String(world.teamA.id) }))).toEqual([notAlumnus]);
    // This year's members and outsiders are no マネ友 at all: refused before the form is read.
    expect(statusOf(await offer(member.id, { teamId: String(world.teamA.id) }))).toBe(403);
    expect(statusOf(await offer(outsider.id, { teamId: String(world.teamA.id) }))).toBe(403);
    // An alumnus who sits on this year's team again does not offer to mentor it.
    const back = await kofuAlumnus('甲斐 再子');
    await addTeamMember(getDb(), { teamId: world.teamA.id, personId: back.personId });
    expect(formErrorsOf(await offer(back.userId, { teamId: String(world.teamA.id) }))).toEqual(['自分が参加しているチームには申し出られません']);
    expect(await getDb().select().from(mentorOffers).where(eq(mentorOffers.teamId, world.teamB.id))).toEqual([]);
  });

  it('answers bad input with Japanese field errors and keeps the typed text', async () => {
    const alumnus = await kofuAlumnus('甲斐 長子');
    const long = 'あ'.repeat(501);
    const tooLong = await offer(alumnus.userId, { teamId: String(world.teamA.id), message: long });
    expect(statusOf(tooLong)).toBe(400);
    expect((tooLong as Refused).data.result.error?.message).toEqual(['ひとことは500文字以内で入力してください']);
    expect((tooLong as Refused).data.result.initialValue?.message).toBe(long);
    for (const teamId of ['abc', '2147483648', '-1', '']) {
      const bad = await offer(alumnus.userId, { teamId, message: '伴走します' });
      expect(statusOf(bad), teamId).toBe(400);
      expect((bad as Refused).data.result.error?.teamId).toEqual(['チームを選んでください']);
    }
    expect(formErrorsOf(await offer(alumnus.userId, { teamId: '99999' }))).toEqual(['申し出られるのは、自分の自治体の今年度のチームだけです']);
    expect(await offersOf(alumnus.personId)).toEqual([]);
  });

  it('makes one offer of a double click and one of two tabs', async () => {
    const alumnus = await kofuAlumnus('甲斐 重子');
    const token = 'mentor-offer-double-click-1';
    const clicks = await Promise.all([0, 1].map(() => offer(alumnus.userId, { teamId: String(world.teamA.id), _once: token })));
    expect(clicks.map(statusOf)).toEqual([302, 302]);
    expect(clicks.map((r) => (r as Response).headers.get('Location'))).toEqual(['/alumni', '/alumni']);
    expect(await offersOf(alumnus.personId)).toHaveLength(1);

    const other = await kofuAlumnus('甲斐 双子');
    const tabs = await Promise.all([0, 1].map(() => offer(other.userId, { teamId: String(world.teamA.id) })));
    expect(tabs.map(statusOf).sort()).toEqual([302, 400]);
    expect(formErrorsOf(tabs.find((r) => statusOf(r) === 400))).toEqual(['このチームにはすでに申し出ています']);
    expect(await offersOf(other.personId)).toHaveLength(1);
  });

  it('withdraws only one’s own offer, and answers only the team’s own', async () => {
    const alumnus = await kofuAlumnus('甲斐 守子');
    const made = await createMentorOffer(getDb(), { teamId: world.teamA.id, personId: alumnus.personId, offeredByUserId: alumnus.userId });
    expect(statusOf(await withdraw(world.users.alumni.id, made.id))).toBe(404);
    expect(statusOf(await withdraw(world.users.organizer.id, made.id))).toBe(404);
    expect(statusOf(await withdraw(alumnus.userId, 2147483647))).toBe(404);
    // An offer to team B is not found from team A's page, by its member or an organizer.
    const elsewhere = await createMentorOffer(getDb(), { teamId: world.teamB.id, personId: alumnus.personId, offeredByUserId: alumnus.userId });
    expect(statusOf(await answer(world.users.member.id, world.teamA.id, 'accept', elsewhere.id))).toBe(404);
    expect(statusOf(await answer(world.users.organizer.id, world.teamA.id, 'decline', elsewhere.id))).toBe(404);
    // HR and the alumnus themself read the team's page but do not answer.
    expect(statusOf(await answer(world.users.hr.id, world.teamA.id, 'accept', made.id))).toBe(403);
    expect(statusOf(await answer(alumnus.userId, world.teamA.id, 'accept', made.id))).toBe(403);
    expect((await offersOf(alumnus.personId)).map((o) => o.status)).toEqual(['pending', 'pending']);
  });
});
