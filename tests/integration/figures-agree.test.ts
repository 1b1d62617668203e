import { and, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { studySessions, teams } from '../../db/schema';
import { loader as yearsLoader } from '../../app/routes/admin.years._index';
import { loader as yearLoader } from '../../app/routes/admin.years.$fiscalYear._index';
import { loader as teamsLoader } from '../../app/routes/teams._index';
import { loader as overviewLoader } from '../../app/routes/teams.$teamId._index';
import { loader as summaryLoader } from '../../app/routes/teams.$teamId.activities.summary';
import { loader as interviewsLoader } from '../../app/routes/teams.$teamId.interviews._index';
import { loader as paperLoader } from '../../app/routes/teams.$teamId.paper';
import { loader as hrLoader } from '../../app/routes/hr._index';
import { loader as alumniLoader } from '../../app/routes/alumni._index';
import { loader as adminLoader } from '../../app/routes/admin._index';
import { todayInTokyo } from '../../app/utils/clock';
import { selectRows } from '../../db/client';
import { createActivities, createInterview, createProgramYear, createSession } from '../factories';
import { addDays } from '../factories/util';
import { loaderArgs, loaded, thrownResponse } from '../helpers';
import { buildWorld, cookieFor, roles, type Role, type World } from '../world';

// Issue 17: a figure shown on more than one page says the same on each, and what the database holds.

let world: World;
let organizer: Record<string, string>;
const emptyYear = 2140;

beforeAll(async () => {
  world = await buildWorld();
  const db = getDb();
  // Last year has a session of its own; the new year has nothing yet.
  await createSession(db, { fiscalYear: world.year - 1 });
  await createProgramYear(db, { fiscalYear: emptyYear, theme: 'まだ何もない年度' });
  organizer = await cookieFor(world, 'organizer');
  // This year's team and last year's have logs of their own (the minutes differ, so a swap would show).
  await createActivities(db, [
    { teamId: world.teamA.id, occurredOn: `${world.year}-06-03`, durationMinutes: 90 },
    { teamId: world.teamA.id, occurredOn: `${world.year}-07-08`, durationMinutes: 45 },
    { teamId: world.pastA.id, occurredOn: `${world.year - 1}-06-03`, durationMinutes: 120 },
    { teamId: world.pastA.id, occurredOn: `${world.year - 1}-09-10`, durationMinutes: 30 },
    { teamId: world.pastA.id, occurredOn: `${world.year - 1}-11-11`, durationMinutes: 15 },
  ]);
});

const count = async (table: typeof teams | typeof studySessions, fiscalYear: number) =>
  (
    await getDb()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(table)
      .where(and(eq(table.fiscalYear, fiscalYear), isNull(table.archivedAt)))
  )[0]!.n;

describe('年度の一覧 and each year', () => {
  it('counts each year its own sessions and teams, as the year page and the database do', async () => {
    const { years } = (await yearsLoader(loaderArgs('/admin/years', { headers: organizer }))) as {
      years: { fiscalYear: number; sessionCount: number; teamCount: number }[];
    };
    expect(years.length).toBeGreaterThanOrEqual(3);
    for (const y of years) {
      expect([y.fiscalYear, y.sessionCount, y.teamCount]).toEqual([y.fiscalYear, await count(studySessions, y.fiscalYear), await count(teams, y.fiscalYear)]);
    }
    expect(years.find((y) => y.fiscalYear === emptyYear)).toMatchObject({ sessionCount: 0, teamCount: 0 });
    const current = years.find((y) => y.fiscalYear === world.year)!;
    const page = (await yearLoader(
      loaderArgs(`/admin/years/${world.year}`, { headers: organizer, params: { fiscalYear: String(world.year) } }),
    )) as unknown as {
      data: { sessions: unknown[] };
    };
    expect(page.data.sessions).toHaveLength(current.sessionCount);
  });
});

describe('where people land after signing in', () => {
  it("takes a member of this year's team to it; the list stays the list, and others land on it", async () => {
    const member = await cookieFor(world, 'member');
    const landed = await thrownResponse(() => teamsLoader(loaderArgs('/teams?landing', { headers: member })));
    expect([landed.status, landed.headers.get('Location')]).toEqual([302, `/teams/${world.teamA.id}`]);
    expect(await teamsLoader(loaderArgs('/teams', { headers: member }))).toHaveProperty('teams');
    expect(await teamsLoader(loaderArgs('/teams?landing', { headers: organizer }))).toHaveProperty('teams');
  });
});

// Each figure as each page that shows it says it, for whoever may open that page; a page the role may not
// open is left out (the access matrix proves who may). Every page must agree with the database.
type Figures = { activities?: number; minutes?: number; interviews?: number };
type Coverage = { roles: { count: number }[]; hidden: number };
const interviewsIn = (coverage: Coverage) => coverage.roles.reduce((sum, r) => sum + r.count, 0) + coverage.hidden;

async function figuresShown(role: Role, teamId: number): Promise<Record<string, Figures>> {
  const headers = await cookieFor(world, role);
  const params = { teamId: String(teamId) };
  const shown: Record<string, Figures> = {};
  const attempt = async <T>(page: string, load: () => Promise<T>, read: (data: T) => Figures | undefined) => {
    try {
      const figures = read(await load());
      if (figures) shown[page] = figures;
    } catch (thrown) {
      if (!(thrown instanceof Response) || thrown.status >= 500) throw thrown;
    }
  };
  type Overview = { totals: { count: number; minutes: number } | null; dashboard: { coverage: Coverage } | null };
  await attempt(
    '概要',
    async () => (await loaded(overviewLoader(loaderArgs(`/teams/${teamId}`, { headers, params })))) as unknown as Overview,
    (d) =>
      d.totals
        ? { activities: d.totals.count, minutes: d.totals.minutes, interviews: d.dashboard ? interviewsIn(d.dashboard.coverage) : undefined }
        : undefined,
  );
  await attempt(
    '活動の集計',
    async () =>
      (await loaded(summaryLoader(loaderArgs(`/teams/${teamId}/activities/summary`, { headers, params })))) as unknown as {
        summary: { total: { count: number; minutes: number } };
      },
    (d) => ({ activities: d.summary.total.count, minutes: d.summary.total.minutes }),
  );
  await attempt(
    'インタビュー',
    async () => (await loaded(interviewsLoader(loaderArgs(`/teams/${teamId}/interviews`, { headers, params })))) as unknown as { coverage: Coverage },
    (d) => ({ interviews: interviewsIn(d.coverage) }),
  );
  // Issue 18: the 共同論文 draft's 1年間の活動回数・時間, read by whoever reads the sheet.
  await attempt(
    '共同論文',
    async () =>
      (await loaded(paperLoader(loaderArgs(`/teams/${teamId}/paper`, { headers, params })))) as unknown as {
        draft: { totals: { total: { count: number; minutes: number } } };
      },
    (d) => ({ activities: d.draft.totals.total.count, minutes: d.draft.totals.total.minutes }),
  );
  type Row = { teamId: number; activities: number | null; minutes: number | null; interviews?: number | null };
  const fromRow = (row: Row | undefined | null) =>
    row
      ? {
          activities: Number(row.activities ?? 0),
          minutes: Number(row.minutes ?? 0),
          ...(row.interviews === undefined ? {} : { interviews: Number(row.interviews ?? 0) }),
        }
      : undefined;
  await attempt(
    '人事課',
    async () => (await loaded(hrLoader(loaderArgs(`/hr?municipality=${world.cityA.id}`, { headers })))) as unknown as { current: Row | null; past: Row[] },
    (d) => fromRow(d.current?.teamId === teamId ? d.current : d.past.find((t) => t.teamId === teamId)),
  );
  await attempt(
    'マネ友',
    async () => (await loaded(alumniLoader(loaderArgs('/alumni', { headers })))) as unknown as { municipalities: { current: Row[]; past: Row[] }[] },
    (d) => fromRow(d.municipalities.flatMap((m) => [...m.current, ...m.past]).find((t) => t.teamId === teamId)),
  );
  const year = teamId === world.pastA.id ? world.year - 1 : world.year;
  await attempt(
    '事務局',
    async () => (await loaded(adminLoader(loaderArgs(`/admin?year=${year}`, { headers })))) as unknown as { rows: Row[] },
    (d) => fromRow(d.rows.find((r) => r.teamId === teamId)),
  );
  return shown;
}

async function figuresInDatabase(teamId: number) {
  const [row] = await selectRows<{ activities: number; minutes: number; interviews: number }>(sql`
    select (select count(*) from activities where team_id = ${teamId} and archived_at is null)::int as activities,
      (select coalesce(sum(duration_minutes), 0) from activities where team_id = ${teamId} and archived_at is null)::int as minutes,
      (select count(*) from interviews where team_id = ${teamId} and archived_at is null)::int as interviews`);
  return row!;
}

describe("a team's activities and interviews, on every page that counts them", () => {
  for (const role of roles.filter((r) => r !== 'anonymous')) {
    it(`as ${role}: 概要, 活動の集計, インタビュー, 人事課, マネ友, 事務局 and 共同論文 agree with the database, this year and last`, async () => {
      for (const teamId of [world.teamA.id, world.pastA.id]) {
        const truth = await figuresInDatabase(teamId);
        expect(truth.activities, 'the team has logs').toBeGreaterThan(1);
        for (const [page, figures] of Object.entries(await figuresShown(role, teamId))) {
          const expected = Object.fromEntries(Object.keys(figures).map((k) => [k, truth[k as keyof typeof truth]]));
          expect({ page, ...figures }).toEqual({ page, ...expected });
        }
      }
    });
  }

  it('is shown to each role on the pages it uses', async () => {
    const pages = async (role: Role, teamId = world.teamA.id) => Object.keys(await figuresShown(role, teamId));
    expect(await pages('member')).toEqual(expect.arrayContaining(['概要', '活動の集計', 'インタビュー', '共同論文']));
    expect(await pages('organizer')).toEqual(expect.arrayContaining(['概要', '活動の集計', 'インタビュー', '人事課', '事務局']));
    expect(await pages('hr')).toEqual(expect.arrayContaining(['概要', '人事課']));
    expect(await pages('hr', world.pastA.id)).toEqual(expect.arrayContaining(['概要', '人事課']));
    expect(await pages('alumni', world.pastA.id)).toEqual(expect.arrayContaining(['概要', 'マネ友', '共同論文']));
  });
});

describe('期限を過ぎた宿題', () => {
  it('is one figure on 概要, インタビュー and /hr for every viewer, and what the database holds', async () => {
    const today = todayInTokyo();
    const db = getDb();
    // Overdue in every visibility, and the ones that are not: done, due today, later, undated, archived.
    for (const [visibility, dueOn, status] of [
      ['team', addDays(today, -2), 'todo'],
      ['team', addDays(today, -40), 'doing'],
      ['municipality', addDays(today, -1), 'doing'],
      ['program', addDays(today, -7), 'todo'],
      ['program', addDays(today, -7), 'done'],
      ['municipality', today, 'todo'],
      ['team', addDays(today, 1), 'todo'],
      ['team', null, 'todo'],
    ] as const) {
      await createInterview(db, { teamId: world.teamA.id, visibility, homework: [{ body: `${visibility}の宿題`, status, dueOn }] });
    }
    await createInterview(db, { teamId: world.teamA.id, archivedAt: new Date(), homework: [{ body: '片付けた面談の宿題', dueOn: addDays(today, -3) }] });

    const [held] = await selectRows<{ n: number }>(sql`
      select count(*)::int as n from interview_homework h join interviews i on i.id = h.interview_id and i.team_id = h.team_id
      where h.team_id = ${world.teamA.id} and h.status <> 'done' and h.due_on < ${today}::date and i.archived_at is null`);
    expect(Number(held!.n)).toBe(4);

    const teamId = String(world.teamA.id);
    const shown = async (role: Role) => {
      const headers = await cookieFor(world, role);
      const figures = [
        (await loaded(overviewLoader(loaderArgs(`/teams/${teamId}`, { params: { teamId }, headers })))).dashboard!.homework.overdue.total,
        (await loaded(interviewsLoader(loaderArgs(`/teams/${teamId}/interviews`, { params: { teamId }, headers })))).homework.overdue.total,
      ];
      if (role !== 'member') {
        const hr = (await hrLoader(loaderArgs(`/hr?municipality=${world.cityA.id}`, { headers }))) as Exclude<Awaited<ReturnType<typeof hrLoader>>, Response>;
        figures.push(hr.homework!.overdue.total);
      }
      return figures;
    };
    expect(await shown('member')).toEqual([4, 4]);
    expect(await shown('hr')).toEqual([4, 4, 4]);
    expect(await shown('organizer')).toEqual([4, 4, 4]);
  });
});
