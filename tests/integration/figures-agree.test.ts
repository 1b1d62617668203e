import { and, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { studySessions, teams } from '../../db/schema';
import { loader as yearsLoader } from '../../app/routes/admin.years._index';
import { loader as yearLoader } from '../../app/routes/admin.years.$fiscalYear._index';
import { loader as teamsLoader } from '../../app/routes/teams._index';
import { createProgramYear, createSession } from '../factories';
import { loaderArgs, thrownResponse } from '../helpers';
import { buildWorld, cookieFor, type World } from '../world';

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
