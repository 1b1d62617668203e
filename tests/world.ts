import { getDb } from '../db/client';
import { startSession } from '../app/utils/auth.server';
import {
  addTeamMember,
  createActivity,
  createAlumniGroup,
  createChangeChain,
  createFacilitatorRequest,
  createDialogueGroup,
  createHrViewer,
  createInterview,
  createMunicipality,
  createOrganizer,
  createPerson,
  createPreAssignment,
  createSession,
  createSheetWithVersions,
  createTeam,
  createUser,
} from './factories';
import { currentFiscalYear } from './factories/util';
import { request } from './helpers';

export const roles = ['anonymous', 'organizer', 'member', 'hr', 'alumni', 'partner', 'outsider'] as const;
export type Role = (typeof roles)[number];

/**
 * One user per role around team A (the current team of 甲府市), as the access rules describe:
 * B is A's dialogue partner, C is in another group, and A's city had a team last year.
 */
export async function buildWorld() {
  const db = getDb();
  const year = currentFiscalYear();
  const cityA = await createMunicipality(db, { name: '甲府市', prefecture: '山梨県' });
  const cityB = await createMunicipality(db, { name: '熊本市', prefecture: '熊本県' });
  const cityC = await createMunicipality(db, { name: '三条市', prefecture: '新潟県' });
  const teamA = await createTeam(db, { municipalityId: cityA.id, fiscalYear: year });
  const teamB = await createTeam(db, { municipalityId: cityB.id, fiscalYear: year });
  const teamC = await createTeam(db, { municipalityId: cityC.id, fiscalYear: year });
  const teamD = await createTeam(db, { municipalityId: (await createMunicipality(db)).id, fiscalYear: year });
  const pastA = await createTeam(db, { municipalityId: cityA.id, fiscalYear: year - 1 });
  await createDialogueGroup(db, { teamIds: [teamA.id, teamB.id] });
  await createDialogueGroup(db, { teamIds: [teamC.id, teamD.id] });

  const account = async (email: string, municipalityId: number | null) => {
    const person = await createPerson(db, { municipalityId });
    return createUser(db, { email, personId: person.id, passwordHash: 'unused-in-these-tests' });
  };
  const organizer = await account('organizer@example.jp', null);
  await createOrganizer(db, { personId: organizer.personId, role: 'secretariat' });
  const member = await account('member@example.jp', cityA.id);
  await addTeamMember(db, { teamId: teamA.id, personId: member.personId, isHrSlot: true });
  const hr = await account('hr@example.jp', cityA.id);
  await createHrViewer(db, { userId: hr.id, municipalityId: cityA.id });
  const alumni = await account('alumni@example.jp', cityA.id);
  await addTeamMember(db, { teamId: pastA.id, personId: alumni.personId });
  const partner = await account('partner@example.jp', cityB.id);
  await addTeamMember(db, { teamId: teamB.id, personId: partner.personId });
  const outsider = await account('outsider@example.jp', cityC.id);
  await addTeamMember(db, { teamId: teamC.id, personId: outsider.personId });

  const interviewAt = (visibility: 'team' | 'municipality' | 'program') =>
    createInterview(db, { teamId: teamA.id, interviewee: `${visibility}の相手`, roleCategory: 'head', visibility, homework: ['市長からの宿題'] });
  const interviews = { team: await interviewAt('team'), municipality: await interviewAt('municipality'), program: await interviewAt('program') };
  const change = await createChangeChain(db, { teamId: teamA.id });
  const sheet = await createSheetWithVersions(db, { teamId: teamA.id, versions: 2 });
  const activity = await createActivity(db, { teamId: teamA.id, title: '定例ミーティング', attendeeIds: [member.personId] });
  // マネ友: the alumnus's group, and a 世話人派遣 request of team A.
  const alumniGroup = await createAlumniGroup(db, { name: 'ハミダシ隊', municipalityId: cityA.id, members: [alumni.personId] });
  const facilitatorRequest = await createFacilitatorRequest(db, { teamId: teamA.id, createdByUserId: member.id });

  const session = await createSession(db, { fiscalYear: year });
  await createPreAssignment(db, { sessionId: session.id });

  const users = { organizer, member, hr, alumni, partner, outsider };
  return { year, cityA, cityB, cityC, teamA, teamB, teamC, pastA, interviews, change, sheet, activity, session, users, alumniGroup, facilitatorRequest };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;

/** The Cookie header of a fresh session for this user. */
export async function sessionCookie(userId: number): Promise<string> {
  const setCookie = await startSession(request('/login', { method: 'POST' }), userId);
  return setCookie.split(';')[0]!;
}

export async function cookieFor(world: World, role: Role): Promise<Record<string, string>> {
  if (role === 'anonymous') return {};
  return { Cookie: await sessionCookie(world.users[role].id) };
}
