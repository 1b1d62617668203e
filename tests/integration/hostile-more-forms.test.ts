import { and, desc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import {
  activities,
  alumniGroups,
  changeChains,
  changeMoments,
  facilitatorOffers,
  facilitatorRequests,
  handovers,
  interviewHomework,
  interviews,
  mentorOffers,
  offsiteMeetingPeople,
  offsiteMeetings,
  people,
  sheetComments,
  sheetVersions,
  teamMoyamoya,
  users,
} from '../../db/schema';
import { action as alumniAction } from '../../app/routes/alumni._index';
import { action as groupsAction } from '../../app/routes/alumni.groups._index';
import { action as groupAction } from '../../app/routes/alumni.groups.$groupId';
import { action as directoryAction } from '../../app/routes/alumni.me';
import { action as requestsAction } from '../../app/routes/alumni.support._index';
import { action as requestAction } from '../../app/routes/alumni.support.$requestId';
import { action as activityAction } from '../../app/routes/teams.$teamId.activities.$activityId';
import { action as changeAction } from '../../app/routes/teams.$teamId.changes.$changeId';
import { action as changesAction } from '../../app/routes/teams.$teamId.changes._index';
import { action as handoverAction } from '../../app/routes/teams.$teamId.handover';
import { action as interviewsAction } from '../../app/routes/teams.$teamId.interviews._index';
import { action as interviewEditAction } from '../../app/routes/teams.$teamId.interviews_.$interviewId.edit';
import { action as mentorsAction } from '../../app/routes/teams.$teamId.mentors';
import { action as moyamoyaAction } from '../../app/routes/teams.$teamId.moyamoya';
import { action as sheetAction } from '../../app/routes/teams.$teamId.sheet._index';
import { action as historyAction } from '../../app/routes/teams.$teamId.sheet.history';
import { action as municipalitiesAction } from '../../app/routes/admin.municipalities';
import { action as organizersAction } from '../../app/routes/admin.organizers';
import { action as adminTeamAction } from '../../app/routes/admin.teams.$teamId';
import { action as yearsAction } from '../../app/routes/admin.years._index';
import { action as yearTeamsAction } from '../../app/routes/admin.years.$fiscalYear.teams';
import { action as dialogueGroupsAction } from '../../app/routes/admin.years.$fiscalYear.groups';
import { action as accountsAction } from '../../app/routes/admin.accounts';
import { action as inviteAction } from '../../app/routes/invite.$token';
import { action as resetAction } from '../../app/routes/reset.$token';
import { activityKinds, changeStages, coCreationSteps, homeworkStatuses, intervieweeRoles, visibilities } from '../../app/domain/codes';
import { sheetSectionKeys } from '../../app/domain/sheet';
import { inviteAccount, issuePasswordReset } from '../../app/models/accounts.server';
import { verifyPassword } from '../../app/utils/password.server';
import { addTeamMember, createMentorAssignment, createPerson, createUser } from '../factories';
import { actionArgs } from '../helpers';
import { outcome as statusOf } from './setup-helpers';
import { buildWorld, sessionCookie, type World } from '../world';
import { asRequired, hostileDate, hostileNumber, hostileText, outcomeOf, runs, runsOf } from './hostile-helpers';

// Hostile values in the remaining forms: マネ友 (groups, off-sites, directory, 世話人派遣), editing an
// activity, a change, an interview, the handover, mentoring, the team's モヤモヤ, sheet tags, and
// setting a password from a link. Plus tampered ids in every small form that names a row.

let world: World;
const as: Record<'member' | 'alumni' | 'organizer', Record<string, string>> = { member: {}, alumni: {}, organizer: {} };
let teamId: string;
beforeAll(async () => {
  world = await buildWorld();
  // The alumnus mentors team A this year (advice and talks need it).
  await createMentorAssignment(getDb(), { teamId: world.teamA.id, personId: world.users.alumni.personId });
  for (const role of ['member', 'alumni', 'organizer'] as const) as[role] = { Cookie: await sessionCookie(world.users[role].id) };
  teamId = String(world.teamA.id);
});

const post = (role: keyof typeof as, path: string, form: Record<string, string | string[]>, params: Record<string, string> = {}) =>
  actionArgs(path, form, { headers: as[role], params: { teamId, ...params } });
const mostly = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: hostile, weight: 1 });
const filledText = (max: number) => hostileText.filter((v) => v.trim().length > 0 && v.trim().length <= max && !v.includes('\u0000'));
const someText = (max: number) => mostly(fc.oneof(fc.constant(''), filledText(max)), hostileText);
const dateInYear = (year: number) => fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(year, 3, 1 + d)).toISOString().slice(0, 10));
const anyDate = () => mostly(dateInYear(world.year), hostileDate);
const anyNumber = (min: number, max: number) => mostly(fc.integer({ min, max }).map(String), hostileNumber);
const code = <T extends string>(codes: readonly T[]) => mostly(fc.constantFrom(...codes), hostileText);
const checkbox = fc.oneof(fc.constantFrom('on', 'true', '', 'off'), hostileText);
const ticked = (v: string) => v === 'on' || v === 'true';
const idIn = (location: string) => Number(/(\d+)(?:\?.*)?$/.exec(location)![1]);
const tamperedId = fc.oneof(hostileNumber, hostileText, fc.constantFrom('2147483648', '9007199254740991', '99999', '1', '-1'));

describe('hostile input in the マネ友 forms', () => {
  it('founding a group', async () => {
    await fc.assert(
      fc.asyncProperty(mostly(filledText(100), hostileText), anyDate(), someText(2000), async (name, foundedOn, description) => {
        const outcome = await outcomeOf(() => groupsAction(post('alumni', '/alumni/groups', { name, foundedOn, description })));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const [row] = await getDb()
          .select()
          .from(alumniGroups)
          .where(eq(alumniGroups.id, idIn(outcome.location)));
        expect(row).toMatchObject({ name: asRequired(name), foundedOn, description: description });
      }),
      runs,
    );
  });

  it('an off-site meeting of a group', async () => {
    const groupId = String(world.alumniGroup.id);
    const person = mostly(fc.constant(String(world.users.alumni.personId)), tamperedId);
    const form = fc.record({
      heldOn: anyDate(),
      theme: mostly(filledText(200), hostileText),
      place: someText(200),
      guests: someText(500),
      notes: someText(20_000),
      facilitatorIds: fc.array(person, { maxLength: 2 }),
      attendeeIds: fc.array(person, { maxLength: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(form, async (form) => {
        const outcome = await outcomeOf(() => groupAction(post('alumni', `/alumni/groups/${groupId}`, form, { groupId })));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const [row] = await getDb()
          .select()
          .from(offsiteMeetings)
          .where(eq(offsiteMeetings.groupId, world.alumniGroup.id))
          .orderBy(desc(offsiteMeetings.id))
          .limit(1);
        expect(row).toMatchObject({
          heldOn: form.heldOn,
          theme: asRequired(form.theme),
          place: form.place,
          guests: form.guests,
          notes: form.notes,
        });
        const chosen = await getDb().select().from(offsiteMeetingPeople).where(eq(offsiteMeetingPeople.meetingId, row!.id));
        expect(chosen.map((p) => p.personId)).toEqual([...new Set([...form.facilitatorIds, ...form.attendeeIds])].map(Number));
      }),
      runs,
    );
  });

  it('the directory entry', async () => {
    await fc.assert(
      fc.asyncProperty(checkbox, checkbox, someText(200), async (directoryListed, directoryShowContact, directoryContact) => {
        const [before] = await getDb().select().from(people).where(eq(people.id, world.users.alumni.personId));
        const form = { baseVersion: String(before!.version), directoryListed, directoryShowContact, directoryContact };
        const outcome = await outcomeOf(() => directoryAction(post('alumni', '/alumni/me', form)));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const [row] = await getDb().select().from(people).where(eq(people.id, world.users.alumni.personId));
        expect(row).toMatchObject({
          directoryListed: ticked(directoryListed),
          directoryShowContact: ticked(directoryShowContact),
          directoryContact: directoryContact,
        });
      }),
      runs,
    );
  });

  it('a 世話人派遣 request and an offer', async () => {
    const owner = mostly(
      fc.constant(`team:${world.teamA.id}`),
      fc.oneof(hostileText, fc.constantFrom('team:99999', `team:${world.teamB.id}`, 'group:2147483648', 'team:9007199254740993')),
    );
    await fc.assert(
      fc.asyncProperty(
        owner,
        anyDate(),
        mostly(filledText(200), hostileText),
        mostly(filledText(2000), hostileText),
        someText(1000),
        async (owner, heldOn, place, helpNeeded, message) => {
          const outcome = await outcomeOf(() => requestsAction(post('member', '/alumni/support', { owner, heldOn, place, helpNeeded })));
          if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
          const requestId = idIn(outcome.location);
          const [row] = await getDb().select().from(facilitatorRequests).where(eq(facilitatorRequests.id, requestId));
          expect(row).toMatchObject({ teamId: world.teamA.id, heldOn, place: asRequired(place), helpNeeded: asRequired(helpNeeded), status: 'open' });
          const offered = await outcomeOf(() =>
            requestAction(post('alumni', `/alumni/support/${requestId}`, { intent: 'offer', message }, { requestId: String(requestId) })),
          );
          if (offered.kind !== 'saved') return void expect(offered.kind).toBe('invalid');
          const [offer] = await getDb().select().from(facilitatorOffers).where(eq(facilitatorOffers.requestId, requestId));
          expect(offer).toMatchObject({ personId: world.users.alumni.personId, message: message });
        },
      ),
      runs,
    );
  });
});

describe('hostile input in a マネ友’s offer to mentor', () => {
  it('an offer, its withdrawal and the team’s answer', async () => {
    // A マネ友 of 甲府市 who does not mentor team A yet (the file's alumnus does).
    const person = await createPerson(getDb(), { municipalityId: world.cityA.id });
    await addTeamMember(getDb(), { teamId: world.pastA.id, personId: person.id });
    const headers = { Cookie: await sessionCookie((await createUser(getDb(), { personId: person.id, passwordHash: null })).id) };
    const onAlumni = (form: Record<string, string>) => alumniAction(actionArgs('/alumni', form, { headers }));
    await fc.assert(
      fc.asyncProperty(mostly(fc.constant(teamId), tamperedId), someText(500), tamperedId, async (target, message, offerId) => {
        const offered = await outcomeOf(() => onAlumni({ intent: 'offer', teamId: target, message }));
        if (offered.kind === 'saved') {
          const [row] = await getDb()
            .select()
            .from(mentorOffers)
            .where(and(eq(mentorOffers.personId, person.id), eq(mentorOffers.status, 'pending')));
          expect(row).toMatchObject({ teamId: world.teamA.id, message: message });
          // Taken back, so the next run may offer again.
          expect((await outcomeOf(() => onAlumni({ intent: 'withdraw', offerId: String(row!.id) }))).kind).toBe('saved');
        } else expect(offered.kind).toBe('invalid');
        // A tampered offer id is not found or already answered: never a 500.
        expect(['saved', 'refused']).toContain((await outcomeOf(() => onAlumni({ intent: 'withdraw', offerId }))).kind);
        for (const intent of ['accept', 'decline']) {
          expect(['saved', 'refused']).toContain((await outcomeOf(() => mentorsAction(post('member', `/teams/${teamId}/mentors`, { intent, offerId })))).kind);
        }
      }),
      runs,
    );
  });
});

describe("hostile input when editing a team's records", () => {
  it('editing an activity', async () => {
    const activityId = String(world.activity.id);
    const form = fc.record({
      kind: code(activityKinds.codes.filter((k) => k !== 'interview')),
      occurredOn: anyDate(),
      title: mostly(filledText(200), hostileText),
      durationMinutes: anyNumber(0, 1440),
      notes: someText(50_000),
      guests: someText(1000),
      attendeeIds: fc.array(mostly(fc.constant(String(world.users.member.personId)), tamperedId), { maxLength: 2 }),
      sessionId: fc.oneof(fc.constant(''), mostly(fc.constant(String(world.session.id)), tamperedId)),
    });
    await fc.assert(
      fc.asyncProperty(form, async (form) => {
        const [{ version }] = (await getDb().select({ version: activities.version }).from(activities).where(eq(activities.id, world.activity.id))) as [
          { version: number },
        ];
        const outcome = await outcomeOf(() =>
          activityAction(
            post('member', `/teams/${teamId}/activities/${activityId}`, { intent: 'save', ...form, baseVersion: String(version) }, { activityId }),
          ),
        );
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const [row] = await getDb().select().from(activities).where(eq(activities.id, world.activity.id));
        expect(row).toMatchObject({
          kind: form.kind,
          occurredOn: form.occurredOn,
          title: asRequired(form.title),
          durationMinutes: Number(form.durationMinutes) + 0,
          notes: form.notes,
          guests: form.guests.trim(),
          sessionId: form.sessionId ? Number(form.sessionId) : null,
        });
      }),
      runs,
    );
  });

  it('editing a 変化', async () => {
    const changeId = String(world.change.id);
    const form = fc.record({
      title: mostly(filledText(200), hostileText),
      reflection: someText(20_000),
      coCreationStep: fc.oneof(fc.constant(''), code(coCreationSteps.codes)),
      'moments[0].stage': code(changeStages.codes),
      'moments[0].occurredOn': anyDate(),
      'moments[0].description': mostly(filledText(2000), hostileText),
    });
    await fc.assert(
      fc.asyncProperty(form, async (form) => {
        const [{ version }] = (await getDb().select({ version: changeChains.version }).from(changeChains).where(eq(changeChains.id, world.change.id))) as [
          { version: number },
        ];
        const outcome = await outcomeOf(() =>
          changeAction(post('member', `/teams/${teamId}/changes/${changeId}`, { ...form, baseVersion: String(version) }, { changeId })),
        );
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const [chain] = await getDb().select().from(changeChains).where(eq(changeChains.id, world.change.id));
        expect(chain).toMatchObject({ title: asRequired(form.title), reflection: form.reflection, coCreationStep: form.coCreationStep || null });
        const moments = await getDb().select().from(changeMoments).where(eq(changeMoments.chainId, world.change.id));
        expect(moments.map((m) => [m.stage, m.occurredOn, m.description])).toEqual([
          [form['moments[0].stage'], form['moments[0].occurredOn'], expect.stringContaining(form['moments[0].description'].trim())],
        ]);
      }),
      runs,
    );
  });

  it('editing an interview and its homework (with tampered homework ids)', async () => {
    const interviewId = String(world.interviews.team.id);
    const form = fc.record({
      interviewedOn: anyDate(),
      interviewee: mostly(filledText(200), hostileText),
      roleCategory: code(intervieweeRoles.codes),
      visibility: code(visibilities.codes),
      durationMinutes: fc.oneof(fc.constant(''), anyNumber(0, 1440)),
      content: someText(50_000),
      insights: someText(20_000),
      'homework[0].id': fc.oneof(fc.constant(''), tamperedId),
      'homework[0].body': someText(2000),
      'homework[0].status': code(homeworkStatuses.codes),
      'homework[0].dueOn': fc.oneof(fc.constant(''), anyDate()),
    });
    await fc.assert(
      fc.asyncProperty(form, async (form) => {
        const [{ version }] = (await getDb().select({ version: interviews.version }).from(interviews).where(eq(interviews.id, world.interviews.team.id))) as [
          { version: number },
        ];
        const sent = { ...form, baseVersion: String(version) };
        const outcome = await outcomeOf(() => interviewEditAction(post('member', `/teams/${teamId}/interviews/${interviewId}/edit`, sent, { interviewId })));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const [row] = await getDb().select().from(interviews).where(eq(interviews.id, world.interviews.team.id));
        expect(row).toMatchObject({
          // An empty 公開範囲 means the schema's default: the team only.
          interviewedOn: form.interviewedOn,
          interviewee: asRequired(form.interviewee),
          roleCategory: form.roleCategory,
          visibility: form.visibility || 'team',
          content: form.content,
          insights: form.insights,
        });
        if (!form['homework[0].body'].trim()) return;
        const items = await getDb().select().from(interviewHomework).where(eq(interviewHomework.interviewId, world.interviews.team.id));
        expect(items.map((h) => h.body)).toContain(form['homework[0].body'].trim());
      }),
      runs,
    );
  });

  it('the handover to the next team', async () => {
    await fc.assert(
      fc.asyncProperty(someText(20_000), someText(20_000), someText(20_000), async (toContinue, peopleToTalkTo, advice) => {
        const [current] = await getDb().select({ version: handovers.version }).from(handovers).where(eq(handovers.teamId, world.teamA.id));
        const baseVersion = String(current?.version ?? 0);
        const outcome = await outcomeOf(() => handoverAction(post('member', `/teams/${teamId}/handover`, { baseVersion, toContinue, peopleToTalkTo, advice })));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const [row] = await getDb().select().from(handovers).where(eq(handovers.teamId, world.teamA.id));
        expect(row).toMatchObject({ toContinue: toContinue, peopleToTalkTo: peopleToTalkTo, advice: advice });
      }),
      runs,
    );
  });

  it("a mentor's advice and talk", async () => {
    const path = `/teams/${teamId}/mentors`;
    await fc.assert(
      fc.asyncProperty(
        code(sheetSectionKeys),
        mostly(filledText(4000), hostileText),
        anyDate(),
        anyNumber(0, 1440),
        mostly(filledText(200), hostileText),
        async (section, body, occurredOn, minutes, title) => {
          const advice = await outcomeOf(() => mentorsAction(post('alumni', path, { intent: 'advice', section, body })));
          if (advice.kind === 'saved') {
            const [row] = await getDb().select().from(sheetComments).orderBy(desc(sheetComments.id)).limit(1);
            expect(row).toMatchObject({ section, body: asRequired(body) });
          } else expect(advice.kind).toBe('invalid');
          const talk = await outcomeOf(() => mentorsAction(post('alumni', path, { intent: 'talk', occurredOn, durationMinutes: minutes, title, notes: body })));
          if (talk.kind !== 'saved') return void expect(talk.kind).toBe('invalid');
          const [row] = await getDb()
            .select()
            .from(activities)
            .where(and(eq(activities.teamId, world.teamA.id), eq(activities.kind, 'alumni_dialogue')))
            .orderBy(desc(activities.id))
            .limit(1);
          expect(row).toMatchObject({ occurredOn, durationMinutes: Number(minutes) + 0, title: asRequired(title), notes: body });
        },
      ),
      runs,
    );
  });

  it("the team's モヤモヤ for a session", async () => {
    const sessionId = mostly(fc.constant(String(world.session.id)), tamperedId);
    await fc.assert(
      fc.asyncProperty(sessionId, anyNumber(0, 100), someText(20_000), async (sessionId, level, reflection) => {
        const outcome = await outcomeOf(() => moyamoyaAction(post('member', `/teams/${teamId}/moyamoya`, { intent: 'team', sessionId, level, reflection })));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const [row] = await getDb()
          .select()
          .from(teamMoyamoya)
          .where(and(eq(teamMoyamoya.teamId, world.teamA.id), eq(teamMoyamoya.sessionId, Number(sessionId))));
        expect(row).toMatchObject({ level: Number(level) + 0, reflection: reflection });
      }),
      runs,
    );
  });

  it('a tag on a sheet version', async () => {
    const version = mostly(fc.constantFrom('1', '2'), tamperedId);
    await fc.assert(
      fc.asyncProperty(
        version,
        someText(40),
        fc.oneof(fc.constant(''), mostly(fc.constant(String(world.session.id)), tamperedId)),
        async (version, tag, sessionId) => {
          const outcome = await outcomeOf(() => historyAction(post('member', `/teams/${teamId}/sheet/history`, { intent: 'tag', version, tag, sessionId })));
          if (outcome.kind !== 'saved') return void expect(['invalid', 'refused']).toContain(outcome.kind);
          const [row] = await getDb()
            .select()
            .from(sheetVersions)
            .where(and(eq(sheetVersions.sheetId, world.sheet.id), eq(sheetVersions.version, Number(version))));
          if (tag.trim()) expect(row!.tag).toBe(tag.trim());
          expect(row!.sessionId).toBe(sessionId ? Number(sessionId) : null);
        },
      ),
      runs,
    );
  });
});

describe('hostile input in the password links', () => {
  it('accepting an invitation and resetting a password', async () => {
    const password = mostly(fc.string({ unit: 'grapheme', minLength: 8, maxLength: 60 }), hostileText);
    await fc.assert(
      fc.asyncProperty(
        password,
        fc.oneof(fc.constant('same'), hostileText),
        fc.oneof(fc.constant('real'), hostileText),
        async (newPassword, confirm, token) => {
          const confirmPassword = confirm === 'same' ? newPassword : confirm;
          const email = `invited${Date.now()}${Math.random().toString(36).slice(2)}@example.jp`;
          const invited = await inviteAccount(
            { userId: world.users.organizer.id, ip: null },
            { email, fullName: '招待 花子', scope: 'member', teamId: world.teamB.id, department: '', section: '', isHrSlot: false },
          );
          const link = token === 'real' && invited.kind === 'invited' ? invited.token : token;
          const accepted = await outcomeOf(() => inviteAction(actionArgs(`/invite/${link}`, { newPassword, confirmPassword }, { params: { token: link } })));
          if (accepted.kind !== 'saved') return void expect(accepted.kind).toBe('invalid');
          const [user] = await getDb().select().from(users).where(eq(users.email, email));
          expect(await verifyPassword(newPassword, user!.passwordHash!)).toBe(true);
          const reset = await issuePasswordReset({ userId: world.users.organizer.id, ip: null }, user!.id);
          const again = await outcomeOf(() =>
            resetAction(actionArgs(`/reset/${reset!.token}`, { newPassword: confirmPassword, confirmPassword }, { params: { token: reset!.token } })),
          );
          if (again.kind !== 'saved') return void expect(again.kind).toBe('invalid');
          const [after] = await getDb().select().from(users).where(eq(users.id, user!.id));
          expect(await verifyPassword(confirmPassword, after!.passwordHash!)).toBe(true);
        },
      ),
      runsOf(10), // each run signs in and sets a password
    );
  });
});

describe('tampered ids in the small forms that name a row', () => {
  // Each posts one id the page would have put in a hidden field or a select; a tampered one is a 4xx, never a 500.
  const cases: [string, (id: string) => Promise<unknown>][] = [
    ['mentor end', (id) => mentorsAction(post('member', '/x', { intent: 'end', assignmentId: id }))],
    ['mentor assign', (id) => mentorsAction(post('member', '/x', { intent: 'assign', personId: id }))],
    ['offer accept', (id) => requestAction(post('member', '/x', { intent: 'accept', offerId: id }, { requestId: String(world.facilitatorRequest.id) }))],
    ['sheet restore', (id) => historyAction(post('member', '/x', { intent: 'restore', version: id, baseVersion: id }))],
    ['sheet restore base', (id) => historyAction(post('member', '/x', { intent: 'restore', version: '1', baseVersion: id }))],
    ['comment resolve', (id) => sheetAction(post('member', '/x', { intent: 'resolve', commentId: id }))],
    ['change restore', (id) => changesAction(post('member', '/x', { intent: 'restore', changeId: id }))],
    ['interview restore', (id) => interviewsAction(post('member', '/x', { intent: 'restore', interviewId: id }))],
    ['activity in the URL', (id) => activityAction(post('member', '/x', { intent: 'archive' }, { activityId: id }))],
    ['change in the URL', (id) => changeAction(post('member', '/x', { intent: 'archive' }, { changeId: id }))],
    ['municipality archive', (id) => municipalitiesAction(post('organizer', '/x', { intent: 'archive', id }))],
    ['roster deactivate', (id) => organizersAction(post('organizer', '/x', { intent: 'deactivate', id }))],
    ['member archive', (id) => adminTeamAction(post('organizer', '/x', { intent: 'archive', memberId: id }))],
    ['year restore', (id) => yearsAction(post('organizer', '/x', { intent: 'restore', fiscalYear: id }))],
    ['team archive', (id) => yearTeamsAction(post('organizer', '/x', { intent: 'archive', teamId: id }, { fiscalYear: String(world.year) }))],
    ['group dissolve', (id) => dialogueGroupsAction(post('organizer', '/x', { intent: 'dissolve', groupId: id }, { fiscalYear: String(world.year) }))],
    ['password reset link', (id) => accountsAction(post('organizer', '/x', { intent: 'reset', userId: id }))],
    ['a team in the URL', (id) => handoverAction(post('member', '/x', { advice: 'x' }, { teamId: id }))],
  ];
  it.each(cases)('%s', async (_name, run) => {
    await fc.assert(
      fc.asyncProperty(tamperedId, async (id) => {
        // Some answer 200 (a link shown once) for an id that happens to exist.
        const { status } = await statusOf(() => run(id));
        expect(status, `id ${JSON.stringify(id).slice(0, 40)}`).toBeLessThan(500);
      }),
      runsOf(12),
    );
  });
});
