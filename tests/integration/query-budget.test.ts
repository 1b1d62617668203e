import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { countQueries } from '../../db/query-counter';
import { sheets, sheetVersions } from '../../db/schema';
import { emptySheet } from '../../app/domain/sheet';
import {
  addTeamMember,
  createActivities,
  createInterview,
  createMoyamoyaCheckins,
  createMunicipality,
  createPaperDraft,
  createPerson,
  createSheetComment,
  createTeam,
  createUser,
  createHrViewer,
} from '../factories';
import { addDays } from '../factories/util';
import { loaderArgs } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';

// The pages of the benchmark must issue a fixed number of queries however much data there is:
// a query per row (N+1) would make ten years of data slow. Counted before and after adding a lot.

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
type Budgeted = {
  name: string;
  file: string | string[];
  path: (w: World) => string;
  role: 'member' | 'hr' | 'organizer';
  params: (w: World) => Record<string, string>;
};

const routes: Budgeted[] = [
  {
    name: 'team dashboard',
    file: 'teams.$teamId._index',
    path: (w) => `/teams/${w.teamA.id}`,
    role: 'member',
    params: (w) => ({ teamId: String(w.teamA.id) }),
  },
  {
    name: 'activity timeline',
    file: 'teams.$teamId.activities._index',
    path: (w) => `/teams/${w.teamA.id}/activities`,
    role: 'member',
    params: (w) => ({ teamId: String(w.teamA.id) }),
  },
  {
    name: 'sheet history',
    file: 'teams.$teamId.sheet.history',
    path: (w) => `/teams/${w.teamA.id}/sheet/history`,
    role: 'member',
    params: (w) => ({ teamId: String(w.teamA.id) }),
  },
  // Issue 18: the 共同論文 draft reads every record of the team's year (npm run bench:paper times its .docx).
  {
    name: 'paper draft',
    file: 'teams.$teamId.paper',
    path: (w) => `/teams/${w.teamA.id}/paper`,
    role: 'member',
    params: (w) => ({ teamId: String(w.teamA.id) }),
  },
  { name: 'HR dashboard', file: ['hr._index', 'hr'], path: () => '/hr', role: 'hr', params: () => ({}) },
  { name: 'organizer dashboard', file: ['admin._index', 'admin'], path: (w) => `/admin?year=${w.year}`, role: 'organizer', params: () => ({}) },
];
// /hr and /admin are being built (issue 7); they join the budget as soon as their files exist.
const routeFile = (r: Budgeted) => [r.file].flat().find((f) => fs.existsSync(path.resolve(__dirname, `../../app/routes/${f}.tsx`)));
const present = routes.filter((r) => routeFile(r) !== undefined);

let world: World;
const before = new Map<string, number>();

async function count(route: Budgeted) {
  const mod = (await import(`../../app/routes/${routeFile(route)}.tsx`)) as { loader: Loader };
  const headers = { Cookie: await sessionCookie(world.users[route.role].id) };
  const call = () => mod.loader(loaderArgs(route.path(world), { params: route.params(world), headers }));
  await call(); // the first call may touch the session; count a steady-state request
  const { count: n, queries } = await countQueries(call);
  return { n, queries };
}

async function addTenYearsWorthOfRows(w: World) {
  const db = getDb();
  const members = await Promise.all(
    [1, 2].map(async () => {
      const person = await createPerson(db, { municipalityId: w.cityA.id });
      await addTeamMember(db, { teamId: w.teamA.id, personId: person.id });
      return person.id;
    }),
  );
  const attendeeIds = [w.users.member.personId, ...members];
  await createActivities(
    db,
    Array.from({ length: 120 }, (_, i) => ({ teamId: w.teamA.id, title: `打合せ${i}`, occurredOn: addDays(`${w.year}-04-01`, i * 2), attendeeIds })),
  );
  for (let i = 0; i < 8; i++)
    await createInterview(db, {
      teamId: w.teamA.id,
      interviewee: `課長${i}`,
      roleCategory: 'manager',
      visibility: 'municipality',
      homework: ['宿題1', '宿題2'],
      attendeeIds,
    });
  await createMoyamoyaCheckins(
    db,
    attendeeIds.flatMap((personId) =>
      Array.from({ length: 30 }, (_, i) => ({ teamId: w.teamA.id, personId, checkedOn: addDays(`${w.year}-04-02`, i * 7), level: (i * 13) % 101 })),
    ),
  );
  const [sheet] = await db.select().from(sheets).where(eq(sheets.id, w.sheet.id));
  const from = sheet!.currentVersion;
  await db.insert(sheetVersions).values(
    Array.from({ length: 10 }, (_, i) => ({
      sheetId: sheet!.id,
      version: from + i + 1,
      content: { ...emptySheet(), currentState: `第${from + i + 1}版` },
      message: `版${from + i + 1}`,
    })),
  );
  await db
    .update(sheets)
    .set({ currentVersion: from + 10 })
    .where(eq(sheets.id, sheet!.id));
  for (let i = 0; i < 6; i++) await createSheetComment(db, { sheetId: sheet!.id, authorUserId: w.users.organizer.id, body: `コメント${i}` });
  // Other municipalities and years: the dashboards listing teams must not query per team.
  for (let m = 0; m < 6; m++) {
    const city = await createMunicipality(db);
    const hrUser = await createUser(db, { passwordHash: null, personId: (await createPerson(db, { municipalityId: city.id })).id });
    await createHrViewer(db, { userId: hrUser.id, municipalityId: city.id });
    for (const year of [w.year, w.year - 1, w.year - 2]) {
      const team = await createTeam(db, { municipalityId: city.id, fiscalYear: year });
      const person = await createPerson(db, { municipalityId: city.id });
      await addTeamMember(db, { teamId: team.id, personId: person.id });
      await createActivities(
        db,
        Array.from({ length: 10 }, (_, i) => ({ teamId: team.id, occurredOn: addDays(`${year}-05-01`, i), attendeeIds: [person.id] })),
      );
      await createInterview(db, { teamId: team.id, homework: ['宿題'] });
    }
  }
  // And more of the HR viewer's own city's past teams.
  for (const year of [w.year - 2, w.year - 3]) await createTeam(db, { municipalityId: w.cityA.id, fiscalYear: year });
}

describe('query budget of the benchmarked pages', () => {
  beforeAll(async () => {
    world = await buildWorld();
    // The draft quotes an interview, so its text is read too (once, however many there are).
    await createPaperDraft(getDb(), { teamId: world.teamA.id, interviewIds: [world.interviews.program.id, world.interviews.team.id] });
    for (const route of present) before.set(route.name, (await count(route)).n);
    await addTenYearsWorthOfRows(world);
  });

  it('covers the three team pages at least (the dashboards join when they exist)', () => {
    expect(present.map((r) => r.name)).toEqual(expect.arrayContaining(['team dashboard', 'activity timeline', 'sheet history']));
  });

  it.each(present.map((r) => [r.name, r] as const))('%s issues the same number of queries with many more rows', async (_name, route) => {
    const { n, queries } = await count(route);
    expect(n, `queries after adding data:\n${queries.join('\n')}`).toBe(before.get(route.name));
    expect(n).toBeGreaterThan(0); // the counter sees this route's queries at all
    expect(n).toBeLessThanOrEqual(25);
  });
});
