import crypto from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import {
  activities,
  alumniGroups,
  changeChains,
  dialogueGroups,
  facilitatorRequests,
  interviews,
  municipalities,
  offsiteMeetings,
  people,
  programYears,
  sheetComments,
  studySessions,
  teams,
} from '../../db/schema';
import { action as municipalitiesAction } from '../../app/routes/admin.municipalities';
import { action as organizersAction } from '../../app/routes/admin.organizers';
import { action as yearsAction } from '../../app/routes/admin.years._index';
import { action as yearAction } from '../../app/routes/admin.years.$fiscalYear._index';
import { action as yearTeamsAction } from '../../app/routes/admin.years.$fiscalYear.teams';
import { action as groupsAction } from '../../app/routes/admin.years.$fiscalYear.groups';
import { action as newGroupAction } from '../../app/routes/alumni.groups._index';
import { action as newMeetingAction } from '../../app/routes/alumni.groups.$groupId';
import { action as newRequestAction } from '../../app/routes/alumni.support._index';
import { action as mentorsAction } from '../../app/routes/teams.$teamId.mentors';
import { action as sheetAction } from '../../app/routes/teams.$teamId.sheet._index';
import { createMentorAssignment, createMunicipality, createTeam } from '../factories';
import { action as quickAction } from '../../app/routes/teams.$teamId.activities._index';
import { action as newActivityAction } from '../../app/routes/teams.$teamId.activities.new';
import { action as newChangeAction } from '../../app/routes/teams.$teamId.changes.new';
import { action as newInterviewAction } from '../../app/routes/teams.$teamId.interviews.new';
import { actionArgs } from '../helpers';
import { buildWorld, cookieFor, type Role, type World } from '../world';

// A create form sent twice (a double click, a resend) makes one record: both answers are the same
// redirect (app/models/submissions.server.ts). A form error gives the token back.

let world: World;
let doubleCity: number;
let groupTeams: number[];
beforeAll(async () => {
  world = await buildWorld();
  doubleCity = (await createMunicipality(getDb(), { name: '二度押町', prefecture: '山梨県' })).id;
  groupTeams = [(await createTeam(getDb(), { fiscalYear: world.year })).id, (await createTeam(getDb(), { fiscalYear: world.year })).id];
  await createMentorAssignment(getDb(), { teamId: world.teamA.id, personId: world.users.alumni.personId });
});

type Action = (args: ReturnType<typeof actionArgs>) => Promise<unknown>;
const teamId = () => String(world.teamA.id);

type Create = {
  name: string;
  action: Action;
  path: () => string;
  form: () => Record<string, string | string[]>;
  rows: () => Promise<number>;
  role?: Role;
  params?: () => Record<string, string>;
};

const creates: Create[] = [
  {
    name: 'quick activity',
    action: quickAction as Action,
    path: () => `/teams/${teamId()}/activities`,
    form: () => ({ intent: 'quick', kind: 'meeting', occurredOn: `${world.year}-07-01`, title: '二度押しした定例ミーティング', durationPick: '60' }),
    rows: async () => (await getDb().select({ n: count() }).from(activities).where(eq(activities.title, '二度押しした定例ミーティング')))[0]!.n,
  },
  {
    name: 'activity',
    action: newActivityAction as Action,
    path: () => `/teams/${teamId()}/activities/new`,
    form: () => ({
      intent: 'save',
      kind: 'survey',
      occurredOn: `${world.year}-07-02`,
      durationPick: '90',
      title: '二度押しした全庁アンケート',
      notes: '設問を確定',
      guests: '',
    }),
    rows: async () => (await getDb().select({ n: count() }).from(activities).where(eq(activities.title, '二度押しした全庁アンケート')))[0]!.n,
  },
  {
    name: 'interview',
    action: newInterviewAction as Action,
    path: () => `/teams/${teamId()}/interviews/new`,
    form: () => ({
      interviewedOn: `${world.year}-07-03`,
      interviewee: '二度押し課長',
      roleCategory: 'manager',
      visibility: 'team',
      content: '内容',
      'homework[0].body': '宿題',
    }),
    rows: async () => (await getDb().select({ n: count() }).from(interviews).where(eq(interviews.interviewee, '二度押し課長')))[0]!.n,
  },
  {
    name: 'change',
    action: newChangeAction as Action,
    path: () => `/teams/${teamId()}/changes/new`,
    form: () => ({
      title: '二度押しした変化',
      'moments[0].stage': 'trigger',
      'moments[0].occurredOn': `${world.year}-07-04`,
      'moments[0].description': '提案した',
    }),
    rows: async () => (await getDb().select({ n: count() }).from(changeChains).where(eq(changeChains.title, '二度押しした変化')))[0]!.n,
  },
  {
    name: 'sheet comment',
    action: sheetAction as Action,
    path: () => `/teams/${teamId()}/sheet`,
    form: () => ({ intent: 'comment', section: 'currentState', body: '二度押ししたコメント' }),
    rows: async () => (await getDb().select({ n: count() }).from(sheetComments).where(eq(sheetComments.body, '二度押ししたコメント')))[0]!.n,
  },
  {
    name: 'mentor advice',
    role: 'alumni',
    action: mentorsAction as Action,
    path: () => `/teams/${teamId()}/mentors`,
    form: () => ({ intent: 'advice', section: 'currentState', body: '二度押ししたアドバイス' }),
    rows: async () => (await getDb().select({ n: count() }).from(sheetComments).where(eq(sheetComments.body, '二度押ししたアドバイス')))[0]!.n,
  },
  {
    name: 'mentor talk',
    role: 'alumni',
    action: mentorsAction as Action,
    path: () => `/teams/${teamId()}/mentors`,
    form: () => ({ intent: 'talk', occurredOn: `${world.year}-07-05`, durationMinutes: '60', title: '二度押しした対話' }),
    rows: async () => (await getDb().select({ n: count() }).from(activities).where(eq(activities.title, '二度押しした対話')))[0]!.n,
  },
  {
    name: 'alumni group',
    role: 'alumni',
    action: newGroupAction as Action,
    path: () => '/alumni/groups',
    form: () => ({ name: '二度押しの会', foundedOn: `${world.year}-07-06` }),
    rows: async () => (await getDb().select({ n: count() }).from(alumniGroups).where(eq(alumniGroups.name, '二度押しの会')))[0]!.n,
  },
  {
    name: 'off-site meeting',
    role: 'alumni',
    action: newMeetingAction as Action,
    path: () => `/alumni/groups/${world.alumniGroup.id}`,
    params: () => ({ groupId: String(world.alumniGroup.id) }),
    form: () => ({ heldOn: `${world.year}-07-07`, theme: '二度押ししたオフサイト' }),
    rows: async () => (await getDb().select({ n: count() }).from(offsiteMeetings).where(eq(offsiteMeetings.theme, '二度押ししたオフサイト')))[0]!.n,
  },
  {
    name: '世話人派遣 request',
    action: newRequestAction as Action,
    path: () => '/alumni/support',
    form: () => ({ owner: `team:${teamId()}`, heldOn: `${world.year}-07-08`, place: '二度押し会議室', helpNeeded: '進行' }),
    rows: async () => (await getDb().select({ n: count() }).from(facilitatorRequests).where(eq(facilitatorRequests.place, '二度押し会議室')))[0]!.n,
  },
  // The organizers' set-up forms.
  {
    name: 'municipality',
    role: 'organizer',
    action: municipalitiesAction as Action,
    path: () => '/admin/municipalities',
    form: () => ({ intent: 'create', name: '二度押市', prefecture: '山梨県', kind: 'city' }),
    rows: async () => (await getDb().select({ n: count() }).from(municipalities).where(eq(municipalities.name, '二度押市')))[0]!.n,
  },
  {
    name: 'roster entry',
    role: 'organizer',
    action: organizersAction as Action,
    path: () => '/admin/organizers',
    form: () => ({ intent: 'create', fullName: '二度 押子', role: 'kanji', affiliation: '' }),
    rows: async () => (await getDb().select({ n: count() }).from(people).where(eq(people.fullName, '二度 押子')))[0]!.n,
  },
  {
    name: 'program year',
    role: 'organizer',
    action: yearsAction as Action,
    path: () => '/admin/years',
    form: () => ({ intent: 'create', fiscalYear: '2180', theme: '二度押しの年度' }),
    rows: async () => (await getDb().select({ n: count() }).from(programYears).where(eq(programYears.theme, '二度押しの年度')))[0]!.n,
  },
  {
    name: '研究会',
    role: 'organizer',
    action: yearAction as Action,
    path: () => `/admin/years/${world.year}`,
    params: () => ({ fiscalYear: String(world.year) }),
    form: () => ({ intent: 'session', kind: 'other', number: '77', startsOn: `${world.year}-10-01`, venue: '二度押し会場', agenda: '' }),
    rows: async () => (await getDb().select({ n: count() }).from(studySessions).where(eq(studySessions.venue, '二度押し会場')))[0]!.n,
  },
  {
    name: 'team',
    role: 'organizer',
    action: yearTeamsAction as Action,
    path: () => `/admin/years/${world.year}/teams`,
    params: () => ({ fiscalYear: String(world.year) }),
    form: () => ({ intent: 'create', municipalityId: String(doubleCity) }),
    rows: async () => (await getDb().select({ n: count() }).from(teams).where(eq(teams.municipalityId, doubleCity)))[0]!.n,
  },
  {
    name: 'dialogue group',
    role: 'organizer',
    action: groupsAction as Action,
    path: () => `/admin/years/${world.year}/groups`,
    params: () => ({ fiscalYear: String(world.year) }),
    form: () => ({ intent: 'create', name: '二度押しグループ', teamIds: groupTeams.map(String) }),
    rows: async () => (await getDb().select({ n: count() }).from(dialogueGroups).where(eq(dialogueGroups.name, '二度押しグループ')))[0]!.n,
  },
];

async function send(action: Action, path: string, form: Record<string, string | string[]>, create?: Create) {
  const params = create?.params?.() ?? { teamId: teamId() };
  const result = await action(actionArgs(path, form, { params, headers: await cookieFor(world, create?.role ?? 'member') }));
  return result instanceof Response
    ? { status: result.status, location: result.headers.get('Location') }
    : { status: (result as { init?: { status?: number } }).init?.status ?? 200, location: null };
}

describe('a create form sent twice', () => {
  for (const create of creates) {
    it(`${create.name}: two sends of one form at once make one record and the same redirect`, async () => {
      const token = crypto.randomUUID();
      const answers = await Promise.all([0, 1].map(() => send(create.action, create.path(), { ...create.form(), _once: token }, create)));
      expect(answers.map((a) => a.status)).toEqual([302, 302]);
      expect(answers[0]!.location).toBe(answers[1]!.location);
      expect(await create.rows()).toBe(1);
      // Sent again later (a reload that resends), still the same answer and still one record.
      expect(await send(create.action, create.path(), { ...create.form(), _once: token }, create)).toEqual(answers[0]);
      expect(await create.rows()).toBe(1);
    });
  }

  it('gives the token back after a form error, so the corrected form is saved with it', async () => {
    const token = crypto.randomUUID();
    const form = { ...creates[1]!.form(), title: '訂正して送った全庁アンケート', _once: token };
    expect((await send(newActivityAction as Action, creates[1]!.path(), { ...form, occurredOn: '2026-02-30' })).status).toBe(400);
    expect((await send(newActivityAction as Action, creates[1]!.path(), form)).status).toBe(302);
    expect((await getDb().select({ n: count() }).from(activities).where(eq(activities.title, '訂正して送った全庁アンケート')))[0]!.n).toBe(1);
  });
});
