import { and, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { studySessions, teams } from '../../db/schema';
import { loader as yearsLoader } from '../../app/routes/admin.years._index';
import { loader as yearLoader } from '../../app/routes/admin.years.$fiscalYear._index';
import { loader as teamsLoader } from '../../app/routes/teams._index';
import { loader as overviewLoader } from '../../app/routes/teams.$teamId._index';
import { loader as interviewsLoader } from '../../app/routes/teams.$teamId.interviews._index';
import { loader as hrLoader } from '../../app/routes/hr._index';
import { todayInTokyo } from '../../app/utils/clock';
import { selectRows } from '../../db/client';
import { createInterview, createProgramYear, createSession } from '../factories';
import { addDays } from '../factories/util';
import { loaded, loaderArgs, thrownResponse } from '../helpers';
import { buildWorld, cookieFor, type Role, type World } from '../world';

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
