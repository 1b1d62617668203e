import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '../../db/client';
import {
  activities,
  changeChains,
  facilitatorOffers,
  handovers,
  interviews,
  paperDrafts,
  people,
  preAssignments,
  programYears,
  sheets,
  studySessions,
  surveyAnswers,
  surveyQuestions,
  surveys,
  teamMembers,
  users,
} from '../../db/schema';
import { issueToken } from '../../app/models/account-tokens.server';
import { inviteAccount } from '../../app/models/accounts.server';
import { dissolveGroup } from '../../app/models/dialogue-groups.server';
import { hashPassword } from '../../app/utils/password.server';
import {
  addTeamMember,
  createActivity,
  createChangeChain,
  createDialogueGroup,
  createFacilitatorRequest,
  createHrViewer,
  createInterview,
  createMentorAssignment,
  createMentorOffer,
  createMunicipality,
  createOrganizer,
  createPerson,
  createPreAssignment,
  createProgramYear,
  createSession,
  createSheetComment,
  createTeam,
  createSurvey,
  createUser,
} from '../factories';
import { nextSeq } from '../factories/util';
import type { Role, World } from '../world';

// What the access matrix posts: for each route file and intent, a form that is valid for that
// intent, so an allowed role gets the intent carried out and a denied one is refused for its rights
// alone, never for a missing field. `{new.…}` placeholders make a fresh record for each call.

export type Call = { world: World; role: Role; userId: number | null; teamId: number | null; ids: Record<string, number | string> };
export type Form = Record<string, string | string[]>;

const day = (world: World, monthDay: string) => `${world.year}-${monthDay}`;
const seq = () => nextSeq();
// Years of their own, inside the range a year may have (2000–2200) and far from the world's.
let spareYear = 2120;
const freshYear = () => spareYear++;

async function freshInterview(world: World, visibility: 'team' | 'program') {
  const interview = await createInterview(getDb(), {
    teamId: world.teamA.id,
    interviewee: `総務課長${seq()}`,
    roleCategory: 'manager',
    visibility,
    homework: ['資料を送る'],
  });
  return interview.id;
}

async function freshSurvey(world: World, visibility: 'team' | 'program') {
  return (await createSurvey(getDb(), { teamId: world.teamA.id, title: `職員アンケート${seq()}`, visibility })).id;
}

/** A fresh record for each `{new.…}` placeholder of a row's path. */
export const fresh: Record<string, (world: World) => Promise<number | string>> = {
  'new.activity': async (world) => (await createActivity(getDb(), { teamId: world.teamA.id, title: `定例ミーティング${seq()}` })).id,
  'new.interview': (world) => freshInterview(world, 'team'),
  // Opened to the program, so that only the need (the team's own member), not the visibility, keeps organizers out.
  'new.interview.program': (world) => freshInterview(world, 'program'),
  'new.survey': (world) => freshSurvey(world, 'team'),
  // Opened to the program, so that only the need (the team's own member), not the visibility, keeps organizers out.
  'new.survey.program': (world) => freshSurvey(world, 'program'),
  'new.change': async (world) => (await createChangeChain(getDb(), { teamId: world.teamA.id })).id,
  'new.request': async (world) => (await createFacilitatorRequest(getDb(), { teamId: world.teamA.id, createdByUserId: world.users.member.id })).id,
  'new.team': async (world) => {
    const team = await createTeam(getDb(), { fiscalYear: world.year });
    await addTeamMember(getDb(), { teamId: team.id });
    return team.id;
  },
  'new.session': async (world) => {
    const session = await createSession(getDb(), { fiscalYear: world.year });
    await createPreAssignment(getDb(), { sessionId: session.id });
    return session.id;
  },
  'new.year': async () => (await createProgramYear(getDb(), { fiscalYear: freshYear() })).fiscalYear,
  'new.invite': async (world) => {
    const invited = await inviteAccount(
      { userId: world.users.organizer.id, ip: null },
      {
        email: `invitee${seq()}@example.jp`,
        fullName: '招待 花子',
        scope: 'hr',
        municipalityId: world.cityA.id,
        department: '人事課',
      },
    );
    if (invited.kind !== 'invited') throw new Error('the invitation was not issued');
    return invited.token;
  },
  'new.reset': async () => {
    const user = await createUser(getDb(), { email: `reset${seq()}@example.jp`, passwordHash: await hashPassword('old-password-1') });
    return (await issueToken(getDb(), { purpose: 'reset', email: user.email, personId: user.personId, createdByUserId: null })).token;
  },
};

async function versionOf(
  table: typeof activities | typeof interviews | typeof changeChains | typeof studySessions | typeof teamMembers | typeof people | typeof surveys,
  id: number,
) {
  const [row] = await getDb().select({ version: table.version }).from(table).where(eq(table.id, id));
  return String(row?.version ?? 1);
}

async function sheetVersion(teamId: number) {
  const [row] = await getDb().select({ version: sheets.currentVersion }).from(sheets).where(eq(sheets.teamId, teamId));
  return String(row?.version ?? 0);
}

async function memberRowOf(teamId: number) {
  const [row] = await getDb()
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), isNull(teamMembers.archivedAt)));
  return String(row!.id);
}

/** A fresh member (no account) on the team, archived or not. */
async function extraMember(teamId: number, archived: boolean) {
  const row = await addTeamMember(getDb(), { teamId, archivedAt: archived ? new Date() : null });
  return String(row.id);
}

async function freshPreAssignment(world: World) {
  const session = await createSession(getDb(), { fiscalYear: world.year });
  return String((await createPreAssignment(getDb(), { sessionId: session.id, dueOn: session.startsOn })).id);
}

const teamCsv = () => {
  const n = seq();
  return `自治体名,都道府県,区分,氏名,メールアドレス,部署,課・係,人事担当課枠\n行田${n}市,埼玉県,市,行田 一郎,gyoda${n}@example.jp,総務部,人事課,○\n`;
};
const activityCsv = (world: World) => `日付,種別,時間（分）,タイトル\n${day(world, '05-20')},ミーティング,60,定例ミーティング\n`;

const surveyCsv = () => `受付番号,市役所について満足していますか？\n1,はい\n2,いいえ\n`;
const surveyFields = (world: World): Form => ({ title: `若手職員アンケート${seq()}`, heldOn: day(world, '06-15'), visibility: 'team', audience: '若手職員' });

/** A survey's questions as its edit form posts them: a counted one by its id and text. */
async function surveyQuestionFields(surveyId: number): Promise<Form> {
  const rows = await getDb().select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).orderBy(surveyQuestions.position);
  return Object.fromEntries(
    rows.flatMap((q, i) => [
      [`questions[${i}].id`, String(q.id)],
      [`questions[${i}].text`, q.text],
    ]),
  );
}

const activityFields = (world: World): Form => ({ kind: 'meeting', occurredOn: day(world, '05-10'), title: '定例ミーティング', durationMinutes: '60' });
const interviewFields = (world: World): Form => ({
  interviewedOn: day(world, '06-01'),
  interviewee: '総務部長',
  roleCategory: 'manager',
  visibility: 'program',
  content: '職員の声を聞く場を',
});
const changeFields = (world: World): Form => ({
  title: '朝の対話が続いた',
  'moments[0].stage': 'trigger',
  'moments[0].occurredOn': day(world, '07-01'),
  'moments[0].description': '課長が朝会を始めた',
});

async function sheetIdOf(teamId: number) {
  const [row] = await getDb().select({ id: sheets.id }).from(sheets).where(eq(sheets.teamId, teamId));
  return row!.id;
}

/**
 * A comment on the row's team's sheet, written by the caller (whose own comment they may resolve
 * where they may comment) or by someone else (which only the team may resolve).
 */
async function ownComment(call: Call, resolved: boolean, theirs = false) {
  const other = call.userId === call.world.users.partner.id ? call.world.users.hr.id : call.world.users.partner.id;
  const authorUserId = theirs ? other : (call.userId ?? call.world.users.member.id);
  const comment = await createSheetComment(getDb(), { sheetId: await sheetIdOf(call.teamId!), authorUserId, resolvedAt: resolved ? new Date() : null });
  return String(comment.id);
}

/** The caller's password, set to a known one (the world's users have none). */
async function knownPassword(userId: number | null) {
  if (userId)
    await getDb()
      .update(users)
      .set({ passwordHash: await hashPassword('current-password-1') })
      .where(eq(users.id, userId));
  return 'current-password-1';
}

export const forms: Record<string, (call: Call) => Form | Promise<Form>> = {
  'account.tsx submit': async (c) => ({ currentPassword: await knownPassword(c.userId), newPassword: 'a-new-password-2', confirmPassword: 'a-new-password-2' }),
  'admin.accounts.tsx invite': (c) => ({
    email: `hr${seq()}@example.jp`,
    fullName: '人事 花子',
    scope: 'hr',
    municipalityId: String(c.world.cityB.id),
    department: '人事課',
  }),
  'admin.accounts.tsx reset': (c) => ({ userId: String(c.world.users.partner.id) }),
  // Taking access away: each call its own row to end.
  'admin.accounts.tsx revoke-hr': async () => ({ hrViewerId: String((await createHrViewer(getDb())).id) }),
  'admin.accounts.tsx end-mentor': async (c) => {
    const person = await createPerson(getDb());
    return { assignmentId: String((await createMentorAssignment(getDb(), { teamId: c.world.teamA.id, personId: person.id })).id) };
  },
  'admin.accounts.tsx cancel-link': async () => ({
    tokenId: String((await issueToken(getDb(), { purpose: 'invite', email: `cancel${seq()}@example.jp`, createdByUserId: null })).id),
  }),
  'admin.accounts.tsx stop': async () => ({ userId: String((await createUser(getDb(), { passwordHash: null })).id) }),
  'admin.accounts.tsx restart': async () => ({ userId: String((await createUser(getDb(), { passwordHash: null, archivedAt: new Date() })).id) }),
  'admin.municipalities.tsx create': () => ({ name: `北杜${seq()}市`, prefecture: '山梨県', kind: 'city' }),
  'admin.municipalities.tsx update': async () => ({
    id: String((await createMunicipality(getDb())).id),
    baseVersion: '1',
    name: `笛吹${seq()}市`,
    prefecture: '山梨県',
    kind: 'city',
  }),
  'admin.municipalities.tsx archive': async () => ({ id: String((await createMunicipality(getDb())).id) }),
  'admin.municipalities.tsx restore': async () => ({ id: String((await createMunicipality(getDb(), { archivedAt: new Date() })).id) }),
  'admin.backups.tsx backup': () => ({}),
  'admin.organizers.tsx create': () => ({ fullName: `幹事 ${seq()}`, role: 'kanji', affiliation: '' }),
  'admin.organizers.tsx update': async () => ({
    id: String((await createOrganizer(getDb())).id),
    baseVersion: '1',
    fullName: '幹事 次郎',
    role: 'kanji',
    affiliation: '',
  }),
  'admin.organizers.tsx deactivate': async () => ({ id: String((await createOrganizer(getDb())).id) }),
  'admin.organizers.tsx activate': async () => ({ id: String((await createOrganizer(getDb(), { active: false })).id) }),
  'admin.teams.$teamId.tsx add': () => ({ email: `member${seq()}@example.jp`, fullName: '甲斐 三郎', department: '総務部', section: '' }),
  'admin.teams.$teamId.tsx update-member': async (c) => {
    const memberId = await memberRowOf(Number(c.ids['new.team']));
    return { memberId, baseVersion: await versionOf(teamMembers, Number(memberId)), department: '企画部', section: '企画課' };
  },
  'admin.teams.$teamId.tsx hr-slot': async (c) => ({ memberId: await memberRowOf(Number(c.ids['new.team'])) }),
  'admin.teams.$teamId.tsx archive': async (c) => ({ memberId: await extraMember(Number(c.ids['new.team']), false) }),
  'admin.teams.$teamId.tsx restore': async (c) => ({ memberId: await extraMember(Number(c.ids['new.team']), true) }),
  'admin.years._index.tsx create': () => ({ fiscalYear: String(freshYear()), theme: '対話から始める組織変革' }),
  'admin.years._index.tsx archive': async () => ({ fiscalYear: String((await createProgramYear(getDb(), { fiscalYear: freshYear() })).fiscalYear) }),
  'admin.years._index.tsx restore': async () => ({
    fiscalYear: String((await createProgramYear(getDb(), { fiscalYear: freshYear(), archivedAt: new Date() })).fiscalYear),
  }),
  'admin.years.$fiscalYear._index.tsx theme': async (c) => {
    const [year] = await getDb().select({ version: programYears.version }).from(programYears).where(eq(programYears.fiscalYear, c.world.year));
    return { baseVersion: String(year!.version), theme: '一人称で語る' };
  },
  'admin.years.$fiscalYear._index.tsx session': (c) => ({
    kind: 'other',
    number: String(10 + (seq() % 80)),
    startsOn: day(c.world, '09-10'),
    venue: '早稲田大学',
  }),
  'admin.years.$fiscalYear._index.tsx archive': () => ({}),
  'admin.years.$fiscalYear.sessions.$sessionId.tsx session': async (c) => {
    const [session] = await getDb()
      .select()
      .from(studySessions)
      .where(eq(studySessions.id, Number(c.ids['new.session'])));
    const { kind, number, startsOn, version } = session!;
    return { baseVersion: String(version), kind, number: String(number), startsOn, isOnline: 'on', agenda: '対話の場づくり' };
  },
  'admin.years.$fiscalYear.sessions.$sessionId.tsx preassignment': async (c) => {
    const [shown] = await getDb()
      .select({ version: preAssignments.version })
      .from(preAssignments)
      .where(and(eq(preAssignments.sessionId, Number(c.ids['new.session'])), isNull(preAssignments.archivedAt)));
    return { baseVersion: String(shown?.version ?? 0), title: '職場の現状を書く', dueOn: `${c.world.year}-04-01` };
  },
  'admin.years.$fiscalYear.sessions.$sessionId.tsx remove-preassignment': () => ({}),
  'admin.years.$fiscalYear.sessions.$sessionId.tsx archive': () => ({}),
  'admin.years.$fiscalYear.sessions.$sessionId.tsx restore': () => ({}),
  'admin.years.$fiscalYear.teams.tsx create': async () => ({ municipalityId: String((await createMunicipality(getDb())).id) }),
  'admin.years.$fiscalYear.teams.tsx archive': async (c) => ({ teamId: String((await createTeam(getDb(), { fiscalYear: c.world.year })).id) }),
  'admin.years.$fiscalYear.teams.tsx restore': async (c) => ({
    teamId: String((await createTeam(getDb(), { fiscalYear: c.world.year, archivedAt: new Date() })).id),
  }),
  'admin.years.$fiscalYear.groups.tsx create': async (c) => ({
    name: '',
    teamIds: [String((await createTeam(getDb(), { fiscalYear: c.world.year })).id), String((await createTeam(getDb(), { fiscalYear: c.world.year })).id)],
  }),
  'admin.years.$fiscalYear.groups.tsx dissolve': async (c) => ({
    groupId: String((await createDialogueGroup(getDb(), { teamIds: [(await createTeam(getDb(), { fiscalYear: c.world.year })).id] })).id),
  }),
  'admin.years.$fiscalYear.groups.tsx restore': async (c) => {
    const group = await createDialogueGroup(getDb(), { teamIds: [(await createTeam(getDb(), { fiscalYear: c.world.year })).id] });
    await dissolveGroup({ userId: c.world.users.organizer.id, ip: null }, c.world.year, group.id);
    return { groupId: String(group.id) };
  },
  'admin.years.$fiscalYear.import.tsx preview': () => ({ csv: teamCsv() }),
  'admin.years.$fiscalYear.import.tsx confirm': () => ({ csv: teamCsv() }),
  'alumni.me.tsx submit': async (c) => {
    const [user] = c.userId ? await getDb().select({ personId: users.personId }).from(users).where(eq(users.id, c.userId)) : [];
    return { baseVersion: user ? await versionOf(people, user.personId) : '1', directoryListed: 'on', directoryContact: '' };
  },
  'alumni.groups._index.tsx submit': (c) => ({ name: `ハミダシ${seq()}`, foundedOn: day(c.world, '04-20') }),
  'alumni.groups.$groupId.tsx submit': (c) => ({ heldOn: day(c.world, '08-01'), theme: '10年後の役所を語る' }),
  // The alumnus offers to this year's team of a fresh municipality whose last year's team they were on.
  'alumni._index.tsx offer': async (c) => {
    const city = await createMunicipality(getDb());
    await addTeamMember(getDb(), {
      teamId: (await createTeam(getDb(), { municipalityId: city.id, fiscalYear: c.world.year - 1 })).id,
      personId: c.world.users.alumni.personId,
    });
    return { teamId: String((await createTeam(getDb(), { municipalityId: city.id, fiscalYear: c.world.year })).id), message: '前の期として伴走します' };
  },
  // Team A, which the alumnus already mentors; team B, of another municipality.
  'alumni._index.tsx offer /alumni?team=A': (c) => ({ teamId: String(c.world.teamA.id), message: '' }),
  'alumni._index.tsx offer /alumni?team=B': (c) => ({ teamId: String(c.world.teamB.id), message: '' }),
  // The alumnus's own offer, waiting, to a team of its own (one live offer per person and team).
  'alumni._index.tsx withdraw': async (c) => {
    const team = await createTeam(getDb(), { fiscalYear: c.world.year });
    const { personId, id: offeredByUserId } = c.world.users.alumni;
    return { offerId: String((await createMentorOffer(getDb(), { teamId: team.id, personId, offeredByUserId })).id) };
  },
  'alumni.support._index.tsx submit': async (c) => ({
    owner: await ownerFor(c),
    heldOn: day(c.world, '11-20'),
    place: '市役所 会議室',
    helpNeeded: '対話の進行',
  }),
  'alumni.support.$requestId.tsx offer': () => ({ message: '伺えます' }),
  'alumni.support.$requestId.tsx accept': async (c) => {
    const [offer] = await getDb()
      .insert(facilitatorOffers)
      .values({ requestId: Number(c.ids['new.request']), personId: c.world.users.alumni.personId, message: '伺えます' })
      .returning({ id: facilitatorOffers.id });
    return { offerId: String(offer!.id) };
  },
  'alumni.support.$requestId.tsx done': () => ({}),
  'alumni.support.$requestId.tsx cancel': () => ({}),
  'invite.$token.tsx submit': () => ({ newPassword: 'a-new-password-2', confirmPassword: 'a-new-password-2' }),
  'reset.$token.tsx submit': () => ({ newPassword: 'a-new-password-2', confirmPassword: 'a-new-password-2' }),
  'login.tsx submit': async () => {
    const email = `signin${seq()}@example.jp`;
    await createUser(getDb(), { email, passwordHash: await hashPassword('current-password-1') });
    return { email, password: 'current-password-1' };
  },
  'logout.tsx submit': () => ({}),
  'logout.tsx everywhere': () => ({}),
  'notifications._index.tsx submit': () => ({}),
  'teams.$teamId.sheet._index.tsx comment': () => ({ section: 'currentState', body: '現状の書き方がよく伝わります' }),
  'teams.$teamId.sheet._index.tsx resolve': async (c) => ({ commentId: await ownComment(c, false) }),
  'teams.$teamId.sheet._index.tsx reopen': async (c) => ({ commentId: await ownComment(c, true) }),
  'teams.$teamId.sheet._index.tsx resolve /teams/{teamA}/sheet?comment=theirs': async (c) => ({ commentId: await ownComment(c, false, true) }),
  'teams.$teamId.sheet._index.tsx handover': () => ({}),
  'teams.$teamId.sheet.edit.tsx submit': async (c) => ({
    baseVersion: await sheetVersion(c.teamId!),
    message: '現状を書き足した',
    currentState: `職員の声${seq()}`,
  }),
  'teams.$teamId.sheet.history.tsx tag': () => ({ version: '1', tag: '提出版' }),
  'teams.$teamId.sheet.history.tsx restore': async (c) => ({ version: '1', baseVersion: await sheetVersion(c.teamId!) }),
  'teams.$teamId.interviews.new.tsx submit': (c) => interviewFields(c.world),
  'teams.$teamId.interviews_.$interviewId.edit.tsx submit': async (c) => ({
    ...interviewFields(c.world),
    baseVersion: await versionOf(interviews, Number(c.ids['new.interview.program'] ?? c.ids['new.interview'])),
  }),
  'teams.$teamId.interviews.$interviewId.tsx archive': () => ({}),
  'teams.$teamId.interviews._index.tsx restore': async (c) => ({
    interviewId: String(
      (
        await createInterview(getDb(), {
          teamId: c.world.teamA.id,
          interviewee: '副市長',
          roleCategory: 'deputy_head',
          visibility: 'program',
          archivedAt: new Date(),
        })
      ).id,
    ),
  }),
  'teams.$teamId.surveys.import.tsx preview': () => ({ csv: surveyCsv() }),
  'teams.$teamId.surveys.import.tsx commit': (c) => ({ csv: surveyCsv(), ...surveyFields(c.world) }),
  'teams.$teamId.surveys.new.tsx submit': (c) => ({
    ...surveyFields(c.world),
    'questions[0].text': '職場で対話の時間がありますか？',
    'questions[0].kind': 'yes_no',
    'questions[0].options': 'はい 30\nいいえ 70',
  }),
  'teams.$teamId.surveys_.$surveyId.edit.tsx submit': async (c) => {
    const id = Number(c.ids['new.survey.program'] ?? c.ids['new.survey']);
    return { ...surveyFields(c.world), ...(await surveyQuestionFields(id)), baseVersion: await versionOf(surveys, id) };
  },
  'teams.$teamId.surveys.$surveyId.tsx quote': async (c) => {
    const id = Number(c.ids['new.survey.program'] ?? c.ids['new.survey']);
    const [answer] = await getDb()
      .select({ id: surveyAnswers.id })
      .from(surveyAnswers)
      .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
      .where(eq(surveyQuestions.surveyId, id));
    return { answerId: String(answer!.id), quoted: 'on' };
  },
  'teams.$teamId.surveys.$surveyId.tsx archive': () => ({}),
  'teams.$teamId.surveys._index.tsx restore': async (c) => ({
    surveyId: String((await createSurvey(getDb(), { teamId: c.world.teamA.id, visibility: 'program', archivedAt: new Date() })).id),
  }),
  'teams.$teamId.moyamoya.tsx checkin': () => ({ level: '40', note: '' }),
  'teams.$teamId.moyamoya.tsx team': (c) => ({ sessionId: String(c.world.session.id), level: '55', reflection: '' }),
  'teams.$teamId.moyamoya.tsx visibility': () => ({ moyamoyaVisibility: 'team_figure_only' }),
  'teams.$teamId.changes.new.tsx submit': (c) => changeFields(c.world),
  'teams.$teamId.changes.$changeId.tsx submit': async (c) => ({
    ...changeFields(c.world),
    baseVersion: await versionOf(changeChains, Number(c.ids['new.change'])),
  }),
  'teams.$teamId.changes.$changeId.tsx archive': () => ({}),
  'teams.$teamId.changes._index.tsx restore': async (c) => ({
    changeId: String((await createChangeChain(getDb(), { teamId: c.world.teamA.id, archivedAt: new Date() })).id),
  }),
  'teams.$teamId.activities._index.tsx quick': (c) => ({ kind: 'meeting', occurredOn: day(c.world, '05-12'), durationPick: '60' }),
  'teams.$teamId._index.tsx quick': (c) => ({ kind: 'meeting', occurredOn: day(c.world, '05-13'), durationPick: '30' }),
  'teams.$teamId.activities.new.tsx save': (c) => activityFields(c.world),
  'teams.$teamId.activities.$activityId.tsx save': async (c) => ({
    ...activityFields(c.world),
    baseVersion: await versionOf(activities, Number(c.ids['new.activity'])),
  }),
  'teams.$teamId.activities.$activityId.tsx archive': () => ({}),
  'teams.$teamId.activities.$activityId.tsx restore': () => ({}),
  'teams.$teamId.activities.import.tsx preview': (c) => ({ csv: activityCsv(c.world) }),
  'teams.$teamId.activities.import.tsx commit': (c) => ({ csv: activityCsv(c.world) }),
  'teams.$teamId.preassignments.tsx submit': async (c) => ({
    preAssignmentId: await freshPreAssignment(c.world),
    submittedOn: day(c.world, '04-20'),
    note: '提出しました',
  }),
  'teams.$teamId.handover.tsx submit': async (c) => {
    const [row] = await getDb().select({ version: handovers.version }).from(handovers).where(eq(handovers.teamId, c.teamId!));
    return { baseVersion: String(row?.version ?? 0), toContinue: '朝の対話を続けてほしい' };
  },
  'teams.$teamId.paper.tsx submit': async (c) => {
    const [row] = await getDb().select({ version: paperDrafts.version }).from(paperDrafts).where(eq(paperDrafts.teamId, c.teamId!));
    // Team A's interview kept to the team, ticked: allowed for its members, and never seen by anyone else (canaries).
    const interviewIds = c.teamId === c.world.teamA.id ? [String(c.world.interviews.team.id)] : [];
    return {
      baseVersion: String(row?.version ?? 0),
      aboutMunicipality: '県庁所在地として県の中心を担う。',
      findings: '対話 ＝ 聴く × 話す',
      shownChangeIds: [String(c.world.change.id)],
      changeIds: [String(c.world.change.id)],
      interviewIds,
    };
  },
  'teams.$teamId.mentors.tsx assign': (c) => ({ personId: String(c.world.users.alumni.personId) }),
  'teams.$teamId.mentors.tsx end': async (c) => {
    const person = await createPerson(getDb());
    return { assignmentId: String((await createMentorAssignment(getDb(), { teamId: c.world.teamA.id, personId: person.id })).id) };
  },
  'teams.$teamId.mentors.tsx accept': async (c) => ({ offerId: await freshOffer(c.world) }),
  'teams.$teamId.mentors.tsx decline': async (c) => ({ offerId: await freshOffer(c.world) }),
  'teams.$teamId.mentors.tsx advice': () => ({ section: 'currentState', body: '現状に職員の声を一つ入れてみては' }),
  'teams.$teamId.mentors.tsx talk': (c) => ({ occurredOn: day(c.world, '09-01'), durationMinutes: '60', title: '進め方の相談' }),
};

/** An offer, waiting, to mentor team A from a fresh マネ友 of its city (on last year's team, with an account). */
async function freshOffer(world: World) {
  const person = await createPerson(getDb(), { municipalityId: world.cityA.id });
  await addTeamMember(getDb(), { teamId: world.pastA.id, personId: person.id });
  const user = await createUser(getDb(), { personId: person.id, passwordHash: null });
  return String((await createMentorOffer(getDb(), { teamId: world.teamA.id, personId: person.id, offeredByUserId: user.id })).id);
}

/** The team or group the caller may ask help for (organizers and HR have none: their form is refused with a field error). */
async function ownerFor(c: Call): Promise<string> {
  const teamOf: Partial<Record<Role, number>> = { member: c.world.teamA.id, partner: c.world.teamB.id, outsider: c.world.teamC.id };
  if (c.role === 'alumni') return `group:${c.world.alumniGroup.id}`;
  return `team:${teamOf[c.role] ?? c.world.teamA.id}`;
}
