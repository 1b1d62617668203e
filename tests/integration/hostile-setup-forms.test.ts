import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import {
  accountTokens,
  dialogueGroups,
  dialogueGroupTeams,
  hrViewers,
  organizers,
  people,
  preAssignments,
  preAssignmentSubmissions,
  municipalities,
  programYears,
  studySessions,
  teamMembers,
  teams,
  users,
} from '../../db/schema';
import { action as yearsAction } from '../../app/routes/admin.years._index';
import { action as yearAction } from '../../app/routes/admin.years.$fiscalYear._index';
import { action as sessionAction } from '../../app/routes/admin.years.$fiscalYear.sessions.$sessionId';
import { action as yearTeamsAction } from '../../app/routes/admin.years.$fiscalYear.teams';
import { action as groupsAction } from '../../app/routes/admin.years.$fiscalYear.groups';
import { action as importAction } from '../../app/routes/admin.years.$fiscalYear.import';
import { action as adminTeamAction } from '../../app/routes/admin.teams.$teamId';
import { action as organizersAction } from '../../app/routes/admin.organizers';
import { action as accountsAction } from '../../app/routes/admin.accounts';
import { action as preassignmentsAction } from '../../app/routes/teams.$teamId.preassignments';
import { organizerRoles, sessionKinds } from '../../app/domain/codes';
import { createMunicipality, createProgramYear, createTeam } from '../factories';
import { actionArgs, request } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';
import { asRequired, hasErrors, hostileDate, hostileNumber, hostileText, outcomeOf, runs, runsOf } from './hostile-helpers';
import { outcome, tableCounts } from './setup-helpers';

// Hostile values in the organizers' set-up forms, the team's pre-assignment submission and the
// team CSV import: each ends in a stored, correct value or a 400 that says what is wrong.

let world: World;
let organizer: Record<string, string>;
let member: Record<string, string>;
let fy: string;
beforeAll(async () => {
  world = await buildWorld();
  organizer = { Cookie: await sessionCookie(world.users.organizer.id) };
  member = { Cookie: await sessionCookie(world.users.member.id) };
  fy = String(world.year);
});

const asOrganizer = (path: string, form: Record<string, string | string[]>, params: Record<string, string> = {}) =>
  actionArgs(path, form, { headers: organizer, params });

/** Mostly a value the form accepts, so that the other fields' hostile values reach the database too. */
const mostly = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: hostile, weight: 1 });
/** Hostile text a required field still accepts (not blank, no NUL, not too long). */
const filledText = (max: number) => hostileText.filter((v) => v.trim().length > 0 && v.trim().length <= max && !v.includes('\u0000'));
const dateInYear = (year: number) => fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(year, 3, 1 + d)).toISOString().slice(0, 10));
/** Dates that exist in no calendar PostgreSQL keeps (year 0) next to the usual hostile ones. */
const anyDate = (year: number) => mostly(dateInYear(year), fc.oneof(hostileDate, fc.constantFrom('0000-01-01', '0000-12-31', '0001-01-01')));
const checkbox = fc.oneof(fc.constantFrom('on', 'true', '', 'off', 'false', 'ON', '1'), hostileText);
const ticked = (v: string) => v === 'on' || v === 'true';
/** One of the ids a form offers (read when the run starts), or a tampered one. */
const idOr = (ids: () => number[]) =>
  mostly(
    fc.nat().map((i) => String(ids()[i % ids().length])),
    fc.oneof(hostileNumber, fc.constantFrom('2147483648', '9007199254740991', '99999')),
  );
/** Addresses the schema accepts, typed the ways people type them (capitals, full-width, spaces), some of existing accounts. */
const validEmail = fc.oneof(
  fc
    .tuple(
      fc.stringMatching(/^[a-z0-9][a-z0-9_+-]{0,12}$/),
      fc.constantFrom('example.jp', 'City.Example.LG.JP'),
      fc.constantFrom('plain', 'upper', 'wide', 'padded'),
    )
    .map(([local, domain, style]) => {
      const address = `${local}@${domain}`;
      if (style === 'upper') return address.toUpperCase();
      if (style === 'wide') return address.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      return style === 'padded' ? ` ${address}\t` : address;
    }),
  fc.constantFrom('member@example.jp', 'ORGANIZER@example.jp', 'hr@example.jp', 'alumni@example.jp'),
);
const hostileEmail = mostly(
  validEmail,
  fc.oneof(
    hostileText,
    fc.emailAddress(),
    fc.constantFrom('a@b', '<script>@x.jp', "o'reilly@example.jp", 'a@example.jp\u0000', 'x@例え.jp', '"a b"@example.jp', `${'a'.repeat(250)}@example.jp`),
  ),
);
const normalizedEmail = (v: string) => v.trim().normalize('NFKC').toLowerCase();
type Answer = { kind: 'saved'; location: string } | { kind: 'invalid'; body: unknown } | { kind: 'shown'; body: unknown };
/** Like outcomeOf, for actions that also answer 200 with a page (links shown once, an import's result). */
async function answerOf(run: () => Promise<unknown>): Promise<Answer> {
  const { status, location, body } = await outcome(run);
  expect(status, 'never a 500').toBeLessThan(500);
  if (status >= 300 && status < 400) return { kind: 'saved', location: location ?? '' };
  if (status === 200) return { kind: 'shown', body };
  expect(status).toBe(400);
  expect(hasErrors(body) || Boolean((body as { message?: string })?.message), `a 400 names what is wrong: ${JSON.stringify(body).slice(0, 300)}`).toBe(true);
  return { kind: 'invalid', body };
}

const sessionForm = (year: number) =>
  fc.record({
    kind: mostly(fc.constantFrom(...sessionKinds.codes), hostileText),
    number: mostly(fc.integer({ min: 1, max: 99 }).map(String), hostileNumber),
    startsOn: anyDate(year),
    endsOn: mostly(fc.constant(''), anyDate(year)),
    isOnline: checkbox,
    venue: mostly(filledText(200), hostileText),
    agenda: mostly(fc.oneof(fc.constant(''), filledText(5000)), hostileText),
  });

async function expectSession(
  id: number,
  form: { kind: string; number: string; startsOn: string; endsOn: string; isOnline: string; venue: string; agenda: string },
) {
  const [row] = await getDb().select().from(studySessions).where(eq(studySessions.id, id));
  expect(row).toMatchObject({
    fiscalYear: world.year,
    kind: form.kind,
    number: Number(form.number),
    startsOn: form.startsOn,
    endsOn: form.endsOn || null,
    isOnline: ticked(form.isOnline),
    venue: form.venue,
    agenda: form.agenda,
  });
}

describe('hostile input in the program-year pages', () => {
  it('統一テーマ', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (theme) => {
        const [year] = await getDb().select().from(programYears).where(eq(programYears.fiscalYear, world.year));
        const form = { intent: 'theme', baseVersion: String(year!.version), theme };
        const outcome = await outcomeOf(() => yearAction(asOrganizer(`/admin/years/${fy}`, form, { fiscalYear: fy })));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const [row] = await getDb().select().from(programYears).where(eq(programYears.fiscalYear, world.year));
        expect(row!.theme).toBe(asRequired(theme));
      }),
      runs,
    );
  });

  it('a new 研究会', async () => {
    await fc.assert(
      fc.asyncProperty(sessionForm(world.year), async (form) => {
        const outcome = await outcomeOf(() => yearAction(asOrganizer(`/admin/years/${fy}`, { intent: 'session', ...form }, { fiscalYear: fy })));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        await expectSession(Number(/sessions\/(\d+)$/.exec(outcome.location)![1]), form);
      }),
      { ...runs, examples: [[{ kind: 'study', number: '７', startsOn: `${fy}-05-01`, endsOn: '', isOnline: 'on', venue: '', agenda: '' }]] },
    );
  });

  it('editing a 研究会', async () => {
    const sessionId = String(world.session.id);
    await fc.assert(
      fc.asyncProperty(sessionForm(world.year), async (form) => {
        const path = `/admin/years/${fy}/sessions/${sessionId}`;
        const [session] = await getDb().select().from(studySessions).where(eq(studySessions.id, world.session.id));
        const sent = { intent: 'session', baseVersion: String(session!.version), ...form };
        const outcome = await outcomeOf(() => sessionAction(asOrganizer(path, sent, { fiscalYear: fy, sessionId })));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        await expectSession(world.session.id, form);
      }),
      runs,
    );
  });

  it('a 研究会 of another year, or no 研究会, is a 404', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileNumber, hostileText), async (sessionId) => {
        const outcome = await outcomeOf(() => sessionAction(asOrganizer('/x', { intent: 'session' }, { fiscalYear: fy, sessionId })));
        // Only the ids of this year's 研究会 open the page (the other years' do not).
        const ofThisYear = await getDb().select({ id: studySessions.id }).from(studySessions).where(eq(studySessions.fiscalYear, world.year));
        if (!ofThisYear.some((s) => String(s.id) === sessionId)) expect(outcome).toEqual({ kind: 'refused', status: 404 });
      }),
      runs,
    );
  });

  it('事前課題 of a 研究会', async () => {
    const sessionId = String(world.session.id);
    await fc.assert(
      fc.asyncProperty(mostly(filledText(200), hostileText), hostileText, anyDate(world.year), async (title, description, dueOn) => {
        const path = `/admin/years/${fy}/sessions/${sessionId}`;
        const [shown] = await getDb()
          .select()
          .from(preAssignments)
          .where(and(eq(preAssignments.sessionId, world.session.id), isNull(preAssignments.archivedAt)));
        const form = { intent: 'preassignment', baseVersion: String(shown?.version ?? 0), title, description, dueOn };
        const outcome = await outcomeOf(() => sessionAction(asOrganizer(path, form, { fiscalYear: fy, sessionId })));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const live = await getDb()
          .select()
          .from(preAssignments)
          .where(and(eq(preAssignments.sessionId, world.session.id), isNull(preAssignments.archivedAt)));
        expect(live).toHaveLength(1);
        expect(live[0]).toMatchObject({ title: asRequired(title), description: description, dueOn });
      }),
      {
        ...runs,
        examples: [
          ['事前課題', '', '2019-04-30'],
          ['<b>課題</b>', '説明\u0007', '0000-01-01'],
        ],
      },
    );
  });

  it('a new year, copied from the year before', async () => {
    const years = mostly(
      fc.constantFrom(world.year + 1, world.year + 2, world.year + 3).map(String),
      fc.oneof(hostileNumber, fc.integer({ min: 1999, max: 2201 }).map(String)),
    );
    await fc.assert(
      fc.asyncProperty(years, mostly(filledText(500), hostileText), checkbox, async (fiscalYear, theme, copyPrevious) => {
        const outcome = await outcomeOf(() => yearsAction(asOrganizer('/admin/years', { intent: 'create', fiscalYear, theme, copyPrevious })));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const year = Number(fiscalYear);
        const [row] = await getDb().select().from(programYears).where(eq(programYears.fiscalYear, year));
        expect(row!.theme).toBe(asRequired(theme));
        const copied = await getDb()
          .select()
          .from(studySessions)
          .where(eq(studySessions.fiscalYear, year))
          .orderBy(asc(studySessions.startsOn), asc(studySessions.id));
        if (!ticked(copyPrevious)) return void expect(copied).toEqual([]);
        const source = await getDb()
          .select()
          .from(studySessions)
          .where(and(eq(studySessions.fiscalYear, year - 1), isNull(studySessions.archivedAt)))
          .orderBy(asc(studySessions.startsOn), asc(studySessions.id));
        // Compared by kind and number: a session on April 1st moves a week further than the rest, so the order may change.
        const shape = (rows: typeof copied) =>
          rows.map((s) => [s.kind, s.number, s.venue, s.agenda, s.isOnline]).sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
        expect(shape(copied)).toEqual(shape(source));
        for (const s of copied) expect(s.startsOn >= `${year}-04-01` && s.startsOn <= `${year + 1}-03-31`).toBe(true);
      }),
      { ...runs, examples: [[String(world.year + 1), '翌年度<script>', 'on']] },
    );
  });
});

describe('hostile input in teams, groups and people', () => {
  let freeMunicipalities: number[] = [];
  const freeTeams: number[] = [];
  beforeAll(async () => {
    const db = getDb();
    for (let i = 0; i < 3; i++) freeMunicipalities.push((await createMunicipality(db)).id);
    for (let i = 0; i < 4; i++) freeTeams.push((await createTeam(db, { fiscalYear: world.year })).id);
  });

  it('a team of the year', async () => {
    await fc.assert(
      fc.asyncProperty(
        idOr(() => [...freeMunicipalities, world.cityA.id]),
        async (municipalityId) => {
          const outcome = await outcomeOf(() =>
            yearTeamsAction(asOrganizer(`/admin/years/${fy}/teams`, { intent: 'create', municipalityId }, { fiscalYear: fy })),
          );
          if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
          const [row] = await getDb()
            .select()
            .from(teams)
            .where(eq(teams.id, Number(/teams\/(\d+)$/.exec(outcome.location)![1])));
          expect(row).toMatchObject({ municipalityId: Number(municipalityId), fiscalYear: world.year });
          freeMunicipalities = freeMunicipalities.filter((id) => id !== row!.municipalityId);
          if (!freeMunicipalities.length) freeMunicipalities.push((await createMunicipality(getDb())).id);
        },
      ),
      runs,
    );
  });

  it('対話自治体 groups', async () => {
    const teamIds = mostly(
      fc.shuffledSubarray(freeTeams, { minLength: 2, maxLength: 4 }).map((ids) => ids.map(String)),
      fc.array(
        idOr(() => [...freeTeams, world.teamA.id, world.pastA.id]),
        { maxLength: 5 },
      ),
    );
    await fc.assert(
      fc.asyncProperty(hostileText, teamIds, async (name, ids) => {
        const path = `/admin/years/${fy}/groups`;
        const outcome = await outcomeOf(() => groupsAction(asOrganizer(path, { intent: 'create', name, teamIds: ids }, { fiscalYear: fy })));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const [group] = await getDb().select().from(dialogueGroups).where(isNull(dialogueGroups.archivedAt)).orderBy(desc(dialogueGroups.id)).limit(1);
        if (name.trim()) expect(group!.name).toBe(name.trim());
        else expect(group!.name).not.toBe('');
        const members = await getDb().select().from(dialogueGroupTeams).where(eq(dialogueGroupTeams.groupId, group!.id));
        expect(members.map((m) => m.teamId).sort()).toEqual([...new Set(ids.map(Number))].sort());
        // Free the teams again for the next run.
        const dissolved = await outcomeOf(() => groupsAction(asOrganizer(path, { intent: 'dissolve', groupId: String(group!.id) }, { fiscalYear: fy })));
        expect(dissolved.kind).toBe('saved');
      }),
      { ...runs, examples: [['<i>甲府・熊本</i>', freeTeams.slice(0, 2).map(String)]] },
    );
  });

  it('adding a member on the team page', async () => {
    const form = fc.record({
      email: hostileEmail,
      fullName: mostly(filledText(100), hostileText),
      department: hostileText,
      section: hostileText,
      isHrSlot: checkbox,
    });
    await fc.assert(
      fc.asyncProperty(form, async (form) => {
        const team = await createTeam(getDb(), { fiscalYear: world.year });
        const teamId = String(team.id);
        const answer = await answerOf(() => adminTeamAction(asOrganizer(`/admin/teams/${teamId}`, { intent: 'add', ...form }, { teamId })));
        if (answer.kind === 'invalid') return;
        const email = normalizedEmail(form.email);
        const seat = { department: form.department.trim(), section: form.section.trim(), isHrSlot: ticked(form.isHrSlot) };
        if (answer.kind === 'shown') {
          const [token] = await getDb()
            .select()
            .from(accountTokens)
            .where(and(eq(accountTokens.email, email), eq(accountTokens.purpose, 'invite')))
            .orderBy(desc(accountTokens.id))
            .limit(1);
          expect(token!.details).toEqual({ fullName: asRequired(form.fullName), scope: 'member', teamId: team.id, ...seat });
          return;
        }
        const [seated] = await getDb()
          .select({ m: teamMembers })
          .from(teamMembers)
          .innerJoin(users, eq(users.personId, teamMembers.personId))
          .where(and(eq(teamMembers.teamId, team.id), eq(users.email, email)));
        expect(seated?.m).toMatchObject({ ...seat, archivedAt: null });
      }),
      runs,
    );
  });

  it('the organizer roster', async () => {
    const role = mostly(fc.constantFrom(...organizerRoles.codes), hostileText);
    await fc.assert(
      fc.asyncProperty(mostly(filledText(100), hostileText), role, hostileText, async (fullName, role, affiliation) => {
        const outcome = await outcomeOf(() => organizersAction(asOrganizer('/admin/organizers', { intent: 'create', fullName, role, affiliation })));
        if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
        const [row] = await getDb()
          .select({ o: organizers, name: people.fullName })
          .from(organizers)
          .innerJoin(people, eq(people.id, organizers.personId))
          .orderBy(desc(organizers.id))
          .limit(1);
        expect(row).toMatchObject({ name: asRequired(fullName), o: { role, affiliation: affiliation.trim(), active: true } });
      }),
      runs,
    );
  });

  it('inviting an account', async () => {
    const form = fc.record({
      scope: mostly(fc.constantFrom('organizer', 'hr', 'member'), hostileText),
      email: hostileEmail,
      fullName: mostly(filledText(100), hostileText),
      role: mostly(fc.constantFrom(...organizerRoles.codes), hostileText),
      affiliation: hostileText,
      municipalityId: idOr(() => [world.cityA.id, world.cityB.id]),
      teamId: idOr(() => [world.teamA.id, ...freeTeams]),
      department: hostileText,
      section: hostileText,
      isHrSlot: checkbox,
    });
    await fc.assert(
      fc.asyncProperty(form, async (form) => {
        const answer = await answerOf(() => accountsAction(asOrganizer('/admin/accounts', { intent: 'invite', ...form })));
        if (answer.kind === 'invalid') return;
        expect(answer.kind).toBe('shown');
        const email = normalizedEmail(form.email);
        const scope =
          form.scope === 'organizer'
            ? { scope: 'organizer', role: form.role, affiliation: form.affiliation.trim() }
            : form.scope === 'hr'
              ? { scope: 'hr', municipalityId: Number(form.municipalityId), department: form.department.trim() }
              : {
                  scope: 'member',
                  teamId: Number(form.teamId),
                  department: form.department.trim(),
                  section: form.section.trim(),
                  isHrSlot: ticked(form.isHrSlot),
                };
        const [user] = await getDb().select().from(users).where(eq(users.email, email));
        if (!user) {
          const [token] = await getDb()
            .select()
            .from(accountTokens)
            .where(and(eq(accountTokens.email, email), eq(accountTokens.purpose, 'invite')))
            .orderBy(desc(accountTokens.id))
            .limit(1);
          expect(token!.details).toEqual({ fullName: asRequired(form.fullName), ...scope });
          return;
        }
        // An address that has an account: the scope is granted to that person at once.
        if (scope.scope === 'organizer') {
          const [row] = await getDb().select().from(organizers).where(eq(organizers.personId, user.personId));
          expect(row).toMatchObject({ role: scope.role, affiliation: scope.affiliation, active: true });
        } else if (scope.scope === 'hr') {
          const rows = await getDb()
            .select()
            .from(hrViewers)
            .where(and(eq(hrViewers.userId, user.id), eq(hrViewers.municipalityId, scope.municipalityId!)));
          expect(rows).toHaveLength(1);
        } else {
          const [row] = await getDb()
            .select()
            .from(teamMembers)
            .where(and(eq(teamMembers.teamId, scope.teamId!), eq(teamMembers.personId, user.personId)));
          expect(row).toMatchObject({ archivedAt: null });
        }
      }),
      runsOf(40),
    );
  });
});

describe("hostile input in a team's pre-assignment submission", () => {
  it('date and note or link', async () => {
    const [assignment] = await getDb()
      .select()
      .from(preAssignments)
      .where(and(eq(preAssignments.sessionId, world.session.id), isNull(preAssignments.archivedAt)));
    const teamId = String(world.teamA.id);
    const url = mostly(
      fc.oneof(fc.constant(''), fc.webUrl(), fc.constantFrom('https://example.jp/<script>', ' https://example.jp/a ')),
      fc.oneof(hostileText, fc.constantFrom('javascript:alert(1)', 'http://', 'https://a b', 'ｈｔｔｐｓ://example.jp')),
    );
    await fc.assert(
      fc.asyncProperty(
        idOr(() => [assignment!.id]),
        anyDate(world.year),
        hostileText,
        url,
        async (preAssignmentId, submittedOn, note, url) => {
          const form = { intent: 'submit', preAssignmentId, submittedOn, note, url };
          const outcome = await outcomeOf(() =>
            preassignmentsAction(actionArgs(`/teams/${teamId}/preassignments`, form, { headers: member, params: { teamId } })),
          );
          if (outcome.kind !== 'saved') return void expect(outcome.kind).toBe('invalid');
          const [row] = await getDb()
            .select()
            .from(preAssignmentSubmissions)
            .where(and(eq(preAssignmentSubmissions.preAssignmentId, Number(preAssignmentId)), eq(preAssignmentSubmissions.teamId, world.teamA.id)));
          expect(row).toMatchObject({ submittedOn, note: note, url: url.trim(), submittedByPersonId: world.users.member.personId });
        },
      ),
      { ...runs, examples: [[String(assignment!.id), '2019-05-01', '提出しました<script>', '']] },
    );
  });
});

const header = ['自治体名', '都道府県', '区分', '氏名', 'メールアドレス', '部署', '課・係', '人事担当課枠'] as const;
type Column = (typeof header)[number];
const yes = new Set(['○', '〇', '◯', '1', 'はい', 'true', 'TRUE', 'yes', '✓', 'Y', 'y']);
const quoted = (v: string) => `"${v.replace(/"/g, '""')}"`;
/** Quotes a cell only when CSV needs it, as Excel does. */
const minimal = (v: string) => (/[",\r\n]/.test(v) || v !== v.trim() ? quoted(v) : v);

const csvRow = fc
  .record({
    自治体名: mostly(fc.oneof(fc.constantFrom('甲府市', '小布施町', '三条市'), filledText(100)), hostileText),
    都道府県: mostly(fc.oneof(fc.constantFrom('山梨県', '長野県'), filledText(10)), hostileText),
    区分: mostly(fc.constantFrom('市', '町', '村', '県', '区'), hostileText),
    // A row with neither name nor address registers only the team.
    member: fc.oneof({ arbitrary: fc.constant(['', '']), weight: 1 }, { arbitrary: fc.tuple(mostly(filledText(100), hostileText), hostileEmail), weight: 4 }),
    部署: mostly(fc.oneof(fc.constant(''), filledText(200)), hostileText),
    '課・係': mostly(fc.oneof(fc.constant(''), filledText(200)), hostileText),
    人事担当課枠: mostly(fc.constantFrom('', '', '', '○', '1', 'はい'), hostileText),
  })
  .map(({ member: [氏名, メールアドレス], ...rest }): CsvRow => ({ ...rest, 氏名: 氏名!, メールアドレス: メールアドレス! }));
type CsvRow = Record<Column, string>;
const csvFile = fc.record({
  bom: fc.boolean(),
  eol: fc.constantFrom('\r\n', '\n'),
  quoting: mostly(fc.constantFrom('always', 'minimal'), fc.constant('never')),
  // Any order of the columns; a missing required one is a line-1 error.
  columns: mostly(fc.constant<Column[]>([...header]), fc.shuffledSubarray<Column>([...header], { minLength: 4 })),
  headerVariant: mostly(fc.constantFrom('as-is', 'half-width'), fc.constant('hostile')),
  rows: fc.array(csvRow, { minLength: 0, maxLength: 4 }),
});

function writeCsv(file: { bom: boolean; eol: string; quoting: string; columns: Column[]; headerVariant: string; rows: CsvRow[] }) {
  const cell = file.quoting === 'always' ? quoted : file.quoting === 'minimal' ? minimal : (v: string) => v;
  const names = file.columns.map((c) =>
    file.headerVariant === 'half-width' ? c.replace('・', '･') : file.headerVariant === 'hostile' && c === '氏名' ? '<script>氏名' : c,
  );
  const lines = [names.map(cell).join(','), ...file.rows.map((r) => file.columns.map((c) => cell(r[c])).join(','))];
  return (file.bom ? '\uFEFF' : '') + lines.join(file.eol) + file.eol;
}

async function postImport(fiscalYear: number, intent: 'preview' | 'confirm', content: { csv: string } | { bytes: Uint8Array }) {
  const form = new FormData();
  form.append('intent', intent);
  if ('csv' in content) form.append('csv', content.csv);
  else form.append('file', new File([content.bytes as Uint8Array<ArrayBuffer>], 'teams.csv', { type: 'text/csv' }));
  const req = request('/admin/years/x/import', { method: 'POST', body: form, headers: { Origin: 'http://localhost', ...organizer } });
  return answerOf(() => importAction({ request: req, params: { fiscalYear: String(fiscalYear) }, context: { cspNonce: 'test' } }));
}

type ImportBody = { stage: string; message?: string; errors?: { line: number; message: string }[]; created?: Record<string, number> };

/** The import's rule: line-numbered errors and nothing written, or everything written. */
async function importOnce(fiscalYear: number, content: { csv: string } | { bytes: Uint8Array }) {
  const before = await tableCounts();
  const preview = await postImport(fiscalYear, 'preview', content);
  expect(await tableCounts(), 'a preview writes nothing').toEqual(before);
  const done = await postImport(fiscalYear, 'confirm', content);
  const body = (done.kind === 'saved' ? null : done.body) as ImportBody;
  expect(done.kind).not.toBe('saved');
  expect(preview.kind === 'shown', 'the preview says what the import does').toBe(done.kind === 'shown');
  if (done.kind === 'invalid') {
    expect(await tableCounts(), 'a refused import writes nothing').toEqual(before);
    if (body.stage === 'input') expect(body.message).toBeTruthy();
    else {
      expect(body.errors!.length).toBeGreaterThan(0);
      for (const e of body.errors!) expect(Number.isInteger(e.line) && e.line >= 0 && e.message.length > 0).toBe(true);
    }
  } else expect(body.stage).toBe('done');
  return { body, plan: preview.kind === 'shown' ? (preview.body as Plan) : null };
}

type Plan = { teams: { members: { email: string; action: string }[] }[] };

/** Every row of a well-quoted file is in the database as the file says (trimmed, the e-mail normalized). */
async function expectImported(fiscalYear: number, file: { columns: Column[]; rows: CsvRow[] }, plan: Plan) {
  const db = getDb();
  const actions = new Map(plan.teams.flatMap((t) => t.members.map((m) => [m.email, m.action] as const)));
  for (const row of file.rows) {
    // The file is posted as a form's text (as pasted into the page): a form's text reaches the server with every
    // line break as CRLF (the HTML standard's multipart encoding), a line break inside a cell too.
    const col = (c: Column) => (file.columns.includes(c) ? row[c].replace(/\r\n|\r|\n/g, '\r\n').trim() : '');
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
      .where(and(eq(teams.fiscalYear, fiscalYear), eq(municipalities.name, col('自治体名')), eq(municipalities.prefecture, col('都道府県'))));
    expect(team, `${col('都道府県')}${col('自治体名')} has a team`).toBeDefined();
    if (!col('氏名') && !col('メールアドレス')) continue;
    const email = normalizedEmail(col('メールアドレス'));
    const seat = { department: col('部署'), section: col('課・係'), isHrSlot: yes.has(col('人事担当課枠')) };
    const action = actions.get(email);
    if (action === 'invite') {
      const [token] = await db
        .select()
        .from(accountTokens)
        .where(and(eq(accountTokens.email, email), eq(accountTokens.purpose, 'invite')))
        .orderBy(desc(accountTokens.id))
        .limit(1);
      expect(token!.details).toEqual({ fullName: col('氏名'), scope: 'member', teamId: team!.id, ...seat });
    } else if (action === 'link') {
      const [seated] = await db
        .select({ m: teamMembers })
        .from(teamMembers)
        .innerJoin(users, eq(users.personId, teamMembers.personId))
        .where(and(eq(teamMembers.teamId, team!.id), eq(users.email, email)));
      expect(seated?.m).toMatchObject({ ...seat, archivedAt: null });
    } else expect(action).toBe('unchanged');
  }
}

describe('hostile CSV files in the team import', () => {
  let fiscalYear: number;
  beforeAll(async () => {
    fiscalYear = (await createProgramYear(getDb(), { fiscalYear: 2150 })).fiscalYear;
  });

  it('a file of hostile cells is refused with line numbers or imported exactly', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (file) => {
        const { body, plan } = await importOnce(fiscalYear, { csv: writeCsv(file) });
        if (body.stage === 'done' && file.quoting !== 'never') await expectImported(fiscalYear, file, plan!);
      }),
      runsOf(40),
    );
  });

  it('files that are not CSV at all (binary, UTF-16, Shift_JIS) never fail the page', async () => {
    const utf16 = (text: string) => new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le'));
    const shiftJis = new Uint8Array([0x8e, 0xa9, 0x8e, 0xa1, 0x91, 0xcc, 0x96, 0xbc, 0x2c, 0x93, 0x73, 0x93, 0xb9, 0x95, 0x7b, 0x8c, 0xa7, 0x0d, 0x0a]); // 自治体名,都道府県 in Shift_JIS
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 4000 }), fc.constant(utf16(`${header.join(',')}\r\n甲府市,山梨県,市,,,,,\r\n`)), fc.constant(shiftJis)),
        async (bytes) => {
          const { body } = await importOnce(fiscalYear, { bytes });
          expect(body.stage).not.toBe('done');
        },
      ),
      runsOf(15),
    );
  });

  it('broken structure: quotes, line ends, BOMs, headers only, extra and missing cells', async () => {
    const h = header.join(',');
    const files: [string, 'done' | 'refused'][] = [
      ['', 'refused'],
      ['\uFEFF', 'refused'],
      [`${h}\r\n`, 'refused'],
      [`\uFEFF${h}\r\n\r\n\r\n`, 'refused'],
      [`${h}\n"甲府市,山梨県,市,,,,,\n`, 'refused'], // a quote never closed
      [`${h}\n甲"府市,山梨県,市,,,,,\n`, 'refused'], // a quote inside an unquoted cell
      [`${h}\r甲府市,山梨県,市,,,,,\r`, 'done'], // old Mac line ends
      [`${h}\n甲府市,山梨県,市,,,,,,,,extra,cells\n`, 'done'],
      [`${h}\n甲府市,山梨県\n`, 'refused'],
      [
        `${h}\n"甲府
市",山梨県,市,,,,,\n`,
        'done',
      ], // a line break inside a quoted name is part of the name
      [`${h.replace('都道府県', '都道府県\u200B')}\n甲府市,山梨県,市,,,,,\n`, 'refused'],
      [`${h}\n${'長'.repeat(101)},山梨県,市,,,,,\n`, 'refused'],
      [`${h}\n甲府市,山梨県山梨県山梨県山梨県,市,,,,,\n`, 'refused'],
      [`${h}\n甲府市,山梨県,市,${'名'.repeat(101)},a@example.jp,,,\n`, 'refused'],
      [`${h}\n甲府市,山梨県,市,山梨 花子,a@example.jp,${'部'.repeat(201)},,\n`, 'refused'],
      [`${h}\n=cmd|' /C calc'!A0,山梨県,市,,,,,\n`, 'done'], // a formula is text here
    ];
    for (const [csv, expected] of files) {
      const { body } = await importOnce(fiscalYear, { csv });
      expect(body.stage === 'done' ? 'done' : 'refused', JSON.stringify(csv.slice(0, 80))).toBe(expected);
    }
  });

  it('large files: over 1 MB is refused whole; a big file of too many members lists every line and imports nothing', async () => {
    const h = header.join(',');
    const over = await importOnce(fiscalYear, { csv: `${h}\n甲府市,山梨県,市,,,,,\n${'x'.repeat(1024 * 1024)}` });
    expect(over.body).toMatchObject({ stage: 'input' });
    const rows = Array.from({ length: 3000 }, (_, i) => `大人数町,長野県,町,研究生 ${i},m${i}@example.jp,総務課,人事係,`);
    const started = Date.now();
    const big = await importOnce(fiscalYear, { bytes: new TextEncoder().encode(`\uFEFF${h}\r\n${rows.join('\r\n')}\r\n`) });
    expect(big.body.errors!.map((e) => e.line)).toEqual(Array.from({ length: 3000 - 5 }, (_, i) => i + 7));
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
