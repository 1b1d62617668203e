import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { municipalities, organizers, people, preAssignments, programYears, studySessions, teamMembers } from '../../db/schema';
import { action as municipalitiesAction } from '../../app/routes/admin.municipalities';
import { action as organizersAction } from '../../app/routes/admin.organizers';
import { action as teamAction } from '../../app/routes/admin.teams.$teamId';
import { action as yearAction } from '../../app/routes/admin.years.$fiscalYear._index';
import { action as sessionAction } from '../../app/routes/admin.years.$fiscalYear.sessions.$sessionId';
import { action as directoryAction } from '../../app/routes/alumni.me';
import {
  addTeamMember,
  createMunicipality,
  createOrganizer,
  createPerson,
  createPreAssignment,
  createProgramYear,
  createSession,
  createTeam,
  createUser,
} from '../factories';
import { actionArgs } from '../helpers';
import { sessionCookie } from '../world';
import { organizerCookie, outcome, tableCounts } from './setup-helpers';

// The organizers' edit forms and the directory entry have the sheet's treatment (docs/decisions/0010):
// two people who opened one record's form both save; the later save is refused (409) with nothing
// written, comes back resting on the newer version with what it changed kept and the other person's
// change taken in, and saves when sent again. Each form, the same story.

type Form = Record<string, string>;
type Case = {
  name: string;
  /** A record at version 1, the form as its page shows it, who may post it, and the record's fields now. */
  open: () => Promise<{ form: Form; post: (form: Form) => ReturnType<typeof outcome>; row: () => Promise<Record<string, unknown>> }>;
  /** What the first person changes, and what the second. */
  first: [string, string];
  second: [string, string];
  /** The `form` of the 409's answer (the page's form it answers), and the label of the second person's field. */
  replyForm?: string;
  label: string;
  /** The form may write the first record (baseVersion 0: the page showed none). */
  createsFirst?: boolean;
};

// Each test opens its own record: names, years and 研究会 numbers are unique.
let opened = 0;

const cases: Case[] = [
  {
    name: 'a municipality',
    async open() {
      const headers = await organizerCookie();
      const name = `都留${++opened}市`;
      const city = await createMunicipality(getDb(), { name, prefecture: '山梨県', kind: 'city' });
      return {
        form: { intent: 'update', id: String(city.id), name, prefecture: '山梨県', kind: 'city' },
        post: (form) => outcome(() => municipalitiesAction(actionArgs('/admin/municipalities', form, { headers }))),
        row: async () => (await getDb().select().from(municipalities).where(eq(municipalities.id, city.id)))[0]!,
      };
    },
    first: ['name', '都留市（つるし）'],
    second: ['kind', 'town'],
    label: '区分',
  },
  {
    name: 'a roster entry',
    async open() {
      const headers = await organizerCookie();
      const entry = await createOrganizer(getDb(), { role: 'kanji', affiliation: '' });
      const [person] = await getDb().select().from(people).where(eq(people.id, entry.personId));
      return {
        form: { intent: 'update', id: String(entry.id), fullName: person!.fullName, role: 'kanji', affiliation: '' },
        post: (form) => outcome(() => organizersAction(actionArgs('/admin/organizers', form, { headers }))),
        row: async () => (await getDb().select().from(organizers).where(eq(organizers.id, entry.id)))[0]!,
      };
    },
    first: ['role', 'chair'],
    second: ['affiliation', '元甲府市職員'],
    label: '所属',
  },
  {
    name: "a member's details",
    async open() {
      const headers = await organizerCookie();
      const team = await createTeam(getDb(), { fiscalYear: 2091 });
      const member = await addTeamMember(getDb(), { teamId: team.id, department: '総務部', section: '人事課' });
      const params = { teamId: String(team.id) };
      return {
        form: { intent: 'update-member', memberId: String(member.id), department: '総務部', section: '人事課' },
        post: (form) => outcome(() => teamAction(actionArgs(`/admin/teams/${team.id}`, form, { headers, params }))),
        row: async () => (await getDb().select().from(teamMembers).where(eq(teamMembers.id, member.id)))[0]!,
      };
    },
    first: ['department', '企画部'],
    second: ['section', '職員課'],
    replyForm: 'update-member',
    label: '課・係',
  },
  {
    name: "a year's 統一テーマ",
    async open() {
      const headers = await organizerCookie();
      const year = await createProgramYear(getDb(), { fiscalYear: 2150 + ++opened, theme: '対話から始める' });
      const params = { fiscalYear: String(year.fiscalYear) };
      return {
        form: { intent: 'theme', theme: '対話から始める' },
        post: (form) => outcome(() => yearAction(actionArgs(`/admin/years/${year.fiscalYear}`, form, { headers, params }))),
        row: async () => (await getDb().select().from(programYears).where(eq(programYears.fiscalYear, year.fiscalYear)))[0]!,
      };
    },
    // One field: both people changed it, so the second sees the two texts side by side.
    first: ['theme', '一人称で語る組織変革'],
    second: ['theme', 'ダイアローグから始める'],
    replyForm: 'theme',
    label: '統一テーマ',
  },
  {
    name: 'a 研究会',
    async open() {
      const headers = await organizerCookie();
      const number = ++opened;
      const session = await createSession(getDb(), { fiscalYear: 2093, number, startsOn: '2093-07-10', venue: '早稲田大学', agenda: '' });
      const params = { fiscalYear: '2093', sessionId: String(session.id) };
      return {
        form: { intent: 'session', kind: 'study', number: String(number), startsOn: '2093-07-10', endsOn: '', venue: '早稲田大学', agenda: '' },
        post: (form) => outcome(() => sessionAction(actionArgs('/x', form, { headers, params }))),
        row: async () => (await getDb().select().from(studySessions).where(eq(studySessions.id, session.id)))[0]!,
      };
    },
    first: ['venue', '早稲田大学 大隈記念講堂'],
    second: ['agenda', '対話の場づくりと、キーパーソンへのインタビュー'],
    replyForm: 'session',
    label: 'テーマ・議題',
  },
  {
    name: "a 研究会's 事前課題",
    async open() {
      const headers = await organizerCookie();
      const session = await createSession(getDb(), { fiscalYear: 2094, number: ++opened, startsOn: '2094-07-10' });
      await createPreAssignment(getDb(), { sessionId: session.id, title: '職場の現状', description: '', dueOn: '2094-07-01' });
      const params = { fiscalYear: '2094', sessionId: String(session.id) };
      return {
        form: { intent: 'preassignment', title: '職場の現状', description: '', dueOn: '2094-07-01' },
        post: (form) => outcome(() => sessionAction(actionArgs('/x', form, { headers, params }))),
        row: async () => (await getDb().select().from(preAssignments).where(livePreAssignment(session.id)))[0]!,
      };
    },
    first: ['dueOn', '2094-07-03'],
    second: ['description', '変革ストーリーシートの「現状」を書いてきてください。'],
    replyForm: 'preassignment',
    label: '説明',
    createsFirst: true,
  },
  {
    name: 'the directory entry (one person, two tabs)',
    async open() {
      const person = await createPerson(getDb(), { directoryListed: true, directoryContact: '' });
      const user = await createUser(getDb(), { personId: person.id, passwordHash: 'unused' });
      const headers = { Cookie: await sessionCookie(user.id) };
      return {
        form: { directoryListed: 'on', directoryContact: '' },
        post: (form) => outcome(() => directoryAction(actionArgs('/alumni/me', form, { headers }))),
        row: async () => (await getDb().select().from(people).where(eq(people.id, person.id)))[0]!,
      };
    },
    first: ['directoryShowContact', 'on'],
    second: ['directoryContact', '総務部 人事課（内線2345）'],
    label: '連絡先',
  },
];

const livePreAssignment = (sessionId: number) => and(eq(preAssignments.sessionId, sessionId), isNull(preAssignments.archivedAt));

describe.each(cases)('two people editing $name', ({ open, first, second, replyForm, label, createsFirst }) => {
  it('refuses the later save with nothing written, keeps its change, takes in the other’s, and saves when sent again', async () => {
    const { form, post, row } = await open();
    const edited = (name: string) => ({ _edited: JSON.stringify([name]) });
    expect(await row()).toMatchObject({ version: 1 });

    const saved = await post({ ...form, baseVersion: '1', [first[0]]: first[1], ...edited(first[0]) });
    expect(saved.status).toBe(302);
    const afterFirst = await row();
    expect(afterFirst).toMatchObject({ version: 2 });

    const counts = await tableCounts();
    const mine = { ...form, baseVersion: '1', [second[0]]: second[1], ...edited(second[0]) };
    const refused = await post(mine);
    expect(refused.status).toBe(409);
    expect(await row()).toEqual(afterFirst);
    expect(await tableCounts()).toEqual(counts);

    const body = refused.body as {
      form?: string;
      version: number;
      result: { initialValue: Form };
      stale: { fields: { label: string; latest: string; mine: string }[]; takenIn: [string, string][] };
    };
    if (replyForm) expect(body.form).toBe(replyForm);
    expect(body.version).toBe(2);
    // What the second person changed stays in the form; the first person's change is taken in where
    // the second did not touch it, and listed side by side where both changed the same field.
    expect(body.result.initialValue[second[0]]).toBe(second[1]);
    if (first[0] !== second[0]) {
      expect(body.result.initialValue[first[0]]).toBe(first[1]);
      expect(body.stale.takenIn).toContainEqual([first[0], first[1]]);
    }
    expect(body.stale.fields.map((f) => f.label)).toEqual([label]);

    // Sent again from the newer version, as the form now is: both changes are kept.
    const merged = { ...form, ...body.result.initialValue, baseVersion: String(body.version), ...edited(second[0]) };
    expect((await post(merged)).status).toBe(302);
    const last = await row();
    expect(last).toMatchObject({ version: 3 });
    expect(JSON.stringify(last)).toContain(JSON.stringify(second[1]).slice(1, -1));
  });

  it('refuses a form that names no version, or a version not yet saved, without writing', async () => {
    const { form, post, row } = await open();
    const before = await row();
    for (const baseVersion of [undefined, '', '0', 'x', '9']) {
      const sent = baseVersion === undefined ? { ...form, [second[0]]: second[1] } : { ...form, baseVersion, [second[0]]: second[1] };
      const answer = await post(sent);
      // 0 says the page showed no record: refused as stale where there is one, if the form may write the first.
      const stale = baseVersion === '9' || (baseVersion === '0' && createsFirst);
      expect(answer.status, `baseVersion ${baseVersion}`).toBe(stale ? 409 : 400);
    }
    expect(await row()).toEqual(before);
  });
});

describe("a 研究会's 事前課題 withdrawn or written for the first time meanwhile", () => {
  const open = async (withOne: boolean) => {
    const headers = await organizerCookie();
    const session = await createSession(getDb(), { fiscalYear: 2095, number: ++opened, startsOn: '2095-07-10' });
    if (withOne) await createPreAssignment(getDb(), { sessionId: session.id, title: '職場の現状', dueOn: '2095-07-01' });
    const params = { fiscalYear: '2095', sessionId: String(session.id) };
    const post = (baseVersion: string, title: string) =>
      outcome(() =>
        sessionAction(actionArgs('/x', { intent: 'preassignment', baseVersion, title, description: '', dueOn: '2095-07-01' }, { headers, params })),
      );
    const live = () => getDb().select().from(preAssignments).where(livePreAssignment(session.id));
    const withdraw = () => outcome(() => sessionAction(actionArgs('/x', { intent: 'remove-preassignment' }, { headers, params })));
    return { post, live, withdraw };
  };

  it('two first saves at once make one 事前課題; the other is refused with its text kept', async () => {
    const { post, live } = await open(false);
    const answers = await Promise.all([post('0', '職場の現状を書く'), post('0', '上司にインタビューする')]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 409]);
    const [saved] = await live();
    expect(await live()).toHaveLength(1);
    const refused = answers.find((a) => a.status === 409)!.body as { result: { initialValue: { title: string } }; version: number };
    expect(refused.result.initialValue.title).not.toBe(saved!.title);
    expect(refused.version).toBe(saved!.version);
  });

  it('a form resting on a withdrawn 事前課題 never saves over the one that replaced it; with none, its text becomes a new one', async () => {
    const { post, live, withdraw } = await open(true);
    const [shown] = await live();
    expect(shown!.version).toBe(1);
    expect((await withdraw()).status).toBe(302);
    expect((await post('0', '新しい事前課題')).status).toBe(302);
    const [replacement] = await live();
    // The next number of the session's 事前課題, so the form still resting on the withdrawn one does not match it.
    expect(replacement!.version).toBe(2);
    const stale = await post('1', '古いフォームからの題名');
    expect(stale.status).toBe(409);
    expect(await live()).toEqual([replacement]);

    expect((await withdraw()).status).toBe(302);
    expect((await post('2', '取り下げ後に保存した題名')).status).toBe(302);
    const [kept] = await live();
    expect(kept).toMatchObject({ title: '取り下げ後に保存した題名', version: 3 });
  });
});
