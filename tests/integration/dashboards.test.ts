import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, selectRows } from '../../db/client';
import { countQueries } from '../../db/query-counter';
import { teams } from '../../db/schema';
import { loader as adminLoader } from '../../app/routes/admin._index';
import { loader as csvLoader } from '../../app/routes/admin.dashboard[.csv]';
import { loader as alumniLoader } from '../../app/routes/alumni._index';
import { loader as hrLoader } from '../../app/routes/hr._index';
import { loader as activityLoader } from '../../app/routes/teams.$teamId.activities._index';
import { loader as teamLoader } from '../../app/routes/teams.$teamId._index';
import { eq } from 'drizzle-orm';
import { flagsOf } from '../../app/domain/team-table';
import { activitySummary } from '../../app/models/activities.server';
import { yearActivity } from '../../app/models/dashboard-team.server';
import { listPreAssignmentsOfYear } from '../../app/models/preassignment-tracking.server';
import { todayInTokyo } from '../../app/utils/clock';
import { fiscalYearRange } from '../../app/utils/dates';
import {
  addTeamMember,
  createActivities,
  createInterview,
  createMoyamoyaCheckins,
  createMunicipality,
  createPerson,
  createPreAssignment,
  createSession,
  createSheetComment,
  createSheetWithVersions,
  createTeam,
  createTeamMoyamoya,
} from '../factories';
import { addDays } from '../factories/util';
import { loaderArgs, pinClock, loaded } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';

// The dashboards compute their figures in SQL with a fixed number of queries: the count must not
// grow with the data (no N+1), and the figures must be the database's.

type Loader = (args: ReturnType<typeof loaderArgs>) => Promise<unknown>;

// A Thursday in November, mid-year: the cumulative line stops partway through the year.
pinClock('2026-11-26T03:00:00Z');

let world: World;
const cookies: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  world = await buildWorld();
  for (const role of ['member', 'hr', 'organizer', 'alumni'] as const) cookies[role] = { Cookie: await sessionCookie(world.users[role].id) };
});

const pages = (): { name: string; loader: Loader; path: string; params: Record<string, string>; role: string }[] => [
  { name: 'team', loader: teamLoader as Loader, path: `/teams/${world.teamA.id}`, params: { teamId: String(world.teamA.id) }, role: 'member' },
  { name: 'hr', loader: hrLoader as Loader, path: '/hr', params: {}, role: 'hr' },
  { name: 'admin', loader: adminLoader as Loader, path: '/admin', params: {}, role: 'organizer' },
  { name: 'alumni', loader: alumniLoader as Loader, path: '/alumni', params: {}, role: 'alumni' },
];

async function queriesOf(page: ReturnType<typeof pages>[number]) {
  const args = () => loaderArgs(page.path, { params: page.params, headers: cookies[page.role] });
  await page.loader(args()); // the first call may touch the session; measure the steady state
  return (await countQueries(() => page.loader(args()))).count;
}

/** A year's worth of data for team A and a dozen more teams with their own figures. */
async function addLotsOfData() {
  const db = getDb();
  const year = world.year;
  const sessions = [];
  for (let i = 0; i < 4; i++) sessions.push(await createSession(db, { fiscalYear: year }));
  const kinds = ['meeting', 'survey', 'report', 'interview_prep'] as const;
  await createActivities(
    db,
    Array.from({ length: 400 }, (_, i) => ({
      teamId: world.teamA.id,
      kind: kinds[i % kinds.length],
      occurredOn: addDays(`${year}-04-01`, i % 300),
      durationMinutes: 30 + (i % 4) * 15,
    })),
  );
  const people = [world.users.member.personId];
  for (let i = 0; i < 2; i++) {
    const person = await createPerson(db, { municipalityId: world.cityA.id });
    await addTeamMember(db, { teamId: world.teamA.id, personId: person.id });
    people.push(person.id);
  }
  await createMoyamoyaCheckins(
    db,
    people.flatMap((personId, p) =>
      Array.from({ length: 120 }, (_, i) => ({
        teamId: world.teamA.id,
        personId,
        checkedOn: addDays(`${year}-04-02`, i * 2),
        level: (i * 7 + p * 13) % 101,
        note: `メモ${i}`,
      })),
    ),
  );
  for (const [i, s] of sessions.entries()) await createTeamMoyamoya(db, { teamId: world.teamA.id, sessionId: s.id, level: 40 + i * 10 });
  for (let i = 0; i < 6; i++) {
    await createInterview(db, {
      teamId: world.teamA.id,
      roleCategory: i % 2 ? 'manager' : 'council',
      visibility: 'municipality',
      homework: ['宿題A', '宿題B'],
    });
  }
  for (const s of sessions) await createPreAssignment(db, { sessionId: s.id, dueOn: addDays(s.startsOn, -5) });
  for (let t = 0; t < 12; t++) {
    const city = await createMunicipality(db);
    const team = await createTeam(db, { municipalityId: city.id, fiscalYear: year });
    await createActivities(
      db,
      Array.from({ length: 20 + t }, (_, i) => ({ teamId: team.id, occurredOn: addDays(`${year}-04-03`, i * 5) })),
    );
    const sheet = await createSheetWithVersions(db, { teamId: team.id, versions: 1 + (t % 3) });
    await createSheetComment(db, { sheetId: sheet.id });
    for (const s of sessions.slice(0, 3)) await createTeamMoyamoya(db, { teamId: team.id, sessionId: s.id, level: 30 + t * 3 });
  }
}

describe('dashboards issue a fixed number of queries', () => {
  it('the same count with a few rows and with thousands', async () => {
    const before: Record<string, number> = {};
    for (const page of pages()) before[page.name] = await queriesOf(page);
    await addLotsOfData();
    for (const page of pages()) {
      expect(await queriesOf(page), `${page.name} issued more queries with more data`).toBe(before[page.name]);
      expect(before[page.name]).toBeLessThan(25);
    }
  });
});

describe("the figures are the database's", () => {
  it('team dashboard: weekly bars add up to the log, sessions are marked at their dates', async () => {
    const data = (await teamLoader(loaderArgs(`/teams/${world.teamA.id}`, { params: { teamId: String(world.teamA.id) }, headers: cookies.member }))) as Awaited<
      ReturnType<typeof teamLoader>
    >;
    const weekly = data.dashboard!.weekly;
    const [db] = await selectRows<{ n: number; minutes: number }>(sql`select count(*)::int as n, coalesce(sum(duration_minutes), 0)::int as minutes
      from activities where team_id = ${world.teamA.id} and archived_at is null and occurred_on between ${`${world.year}-04-01`} and ${`${world.year + 1}-03-31`}`);
    expect(weekly.counts.reduce((a, b) => a + b, 0)).toBe(Number(db!.n));
    // The cumulative line runs up to this week and stops there.
    const [soFar] = await selectRows<{ minutes: number }>(sql`select coalesce(sum(duration_minutes), 0)::int as minutes from activities
      where team_id = ${world.teamA.id} and archived_at is null and occurred_on >= ${`${world.year}-04-01`}
        and date_trunc('week', occurred_on) <= ${todayInTokyo()}::date`);
    // Shown in hours to one decimal, as the chart labels it.
    expect(Math.max(...weekly.cumulativeHours.map((h) => h ?? 0))).toBe(Math.round((Number(soFar!.minutes) / 60) * 10) / 10);
    const sessions = await selectRows<{
      starts_on: string;
      number: number;
    }>(sql`select to_char(starts_on, 'YYYY-MM-DD') as starts_on, number from study_sessions
      where fiscal_year = ${world.year} and kind = 'study' and archived_at is null order by starts_on`);
    expect(weekly.sessions).toEqual(sessions.map((s) => ({ date: s.starts_on, label: `第${s.number}回` })));
    // The member sees every member's line; the team figure comes first.
    expect(data.dashboard!.moyamoya.series[0]!.label).toBe('チームの数値');
    expect(data.dashboard!.moyamoya.series.length).toBe(4);
    expect(data.dashboard!.coverage.roles.find((c) => c.role === 'council')!.count).toBe(3);
  });

  it("team dashboard: a week's hours are its minutes in hours, not the sum of each kind's rounded hours", async () => {
    const db = getDb();
    const team = await createTeam(db, { municipalityId: (await createMunicipality(db)).id, fiscalYear: world.year - 1 });
    const june = new Date(Date.UTC(world.year - 1, 5, 1));
    june.setUTCDate(1 + ((8 - june.getUTCDay()) % 7));
    const monday = june.toISOString().slice(0, 10); // the first Monday of June of last year
    // Three kinds of 20 minutes (0.3 h each when rounded alone), and a week with a 0-minute entry only.
    await createActivities(db, [
      ...(['meeting', 'report', 'survey'] as const).map((kind) => ({ teamId: team.id, kind, occurredOn: monday, durationMinutes: 20 })),
      { teamId: team.id, kind: 'other' as const, occurredOn: addDays(monday, 14), durationMinutes: 0 },
    ]);
    const spec = (await yearActivity(team.id, world.year - 1, [])).weekly;
    const week = spec.weeks.indexOf(monday);
    expect(spec.series.map((s) => s.hours[week])).toEqual([0.3, 0.3, 0.3, 0]);
    expect(spec.weekHours[week]).toBe(1);
    expect(spec.cumulativeHours[week]).toBe(1);
    expect(spec.counts[spec.weeks.indexOf(addDays(monday, 14))]).toBe(1);
  });

  it("team dashboard: its totals and kinds are the activity summary's, its weeks the year's only, all from one query", async () => {
    const db = getDb();
    const fiscalYear = world.year - 1;
    const team = await createTeam(db, { municipalityId: (await createMunicipality(db)).id, fiscalYear });
    const { first, last } = fiscalYearRange(fiscalYear);
    // The day before the year starts lies in the year's first week (its Monday is a week of the chart), and the
    // day after it ends in its last: counted in the totals, not in the weeks.
    await createActivities(db, [
      { teamId: team.id, kind: 'meeting', occurredOn: addDays(first, -1), durationMinutes: 30 },
      { teamId: team.id, kind: 'meeting', occurredOn: first, durationMinutes: 45 },
      { teamId: team.id, kind: 'report', occurredOn: addDays(first, 1), durationMinutes: 60 },
      { teamId: team.id, kind: 'report', occurredOn: last, durationMinutes: 15 },
      { teamId: team.id, kind: 'survey', occurredOn: addDays(last, 1), durationMinutes: 90 },
    ]);
    const { result, count } = await countQueries(() => yearActivity(team.id, fiscalYear));
    expect(count).toBe(1);
    const { weekly, summary } = result!;
    expect(summary).toEqual(await activitySummary(team.id));
    expect(summary.total).toEqual({ count: 5, minutes: 240, lastOn: addDays(last, 1) });
    const byKind = Object.fromEntries(summary.byKind.map((k) => [k.kind, [k.count, k.minutes]]));
    expect(byKind).toEqual({ meeting: [2, 75], report: [2, 75], survey: [1, 90] });
    // The weeks: only the year's three, the first week's hours from its 45 and 60 minutes inside the year.
    expect(weekly.counts.reduce((n, c) => n + c, 0)).toBe(3);
    expect(weekly.counts[0]).toBe(2);
    expect(weekly.series.map((s) => [s.kind, s.hours[0]])).toEqual([
      ['meeting', 0.8],
      ['report', 1],
    ]);
    expect(weekly.weekHours[0]).toBe(1.8);
    expect(weekly.series.flatMap((s) => s.hours).reduce((h, x) => h + x, 0)).toBeCloseTo(0.8 + 1 + 0.3);
  });

  it('team dashboard: HR sees only the team figure while the team keeps members to itself', async () => {
    const args = () => loaderArgs(`/teams/${world.teamA.id}`, { params: { teamId: String(world.teamA.id) }, headers: cookies.hr });
    let data = (await teamLoader(args())) as Awaited<ReturnType<typeof teamLoader>>;
    expect(data.dashboard!.moyamoya.series.map((s) => s.label)).toEqual(['チームの数値']);
    // HR may not read the team-only interview: it is not counted in the coverage.
    expect(data.dashboard!.coverage.roles.find((c) => c.role === 'head')!.count).toBe(2);
    await getDb().update(teams).set({ moyamoyaVisibility: 'members_visible' }).where(eq(teams.id, world.teamA.id));
    data = (await teamLoader(args())) as Awaited<ReturnType<typeof teamLoader>>;
    expect(data.dashboard!.moyamoya.series.length).toBe(4);
    await getDb().update(teams).set({ moyamoyaVisibility: 'team_figure_only' }).where(eq(teams.id, world.teamA.id));
  });

  it("the week link of the chart opens that week's entries", async () => {
    const from = `${world.year}-04-06`;
    const to = `${world.year}-04-12`;
    const data = await loaded(
      activityLoader(
        loaderArgs(`/teams/${world.teamA.id}/activities?from=${from}&to=${to}`, { params: { teamId: String(world.teamA.id) }, headers: cookies.member }),
      ),
    );
    expect(data.entries.length).toBeGreaterThan(0);
    expect(data.entries.every((e) => e.occurredOn >= from && e.occurredOn <= to)).toBe(true);
  });

  it("HR: medians are the cohort's, and no other municipality is named", async () => {
    const data = (await hrLoader(loaderArgs('/hr', { headers: cookies.hr }))) as Awaited<ReturnType<typeof hrLoader>>;
    const all = (await adminLoader(loaderArgs('/admin', { headers: cookies.organizer }))) as Awaited<ReturnType<typeof adminLoader>>;
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const mid = (s.length - 1) / 2;
      return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
    };
    expect(data.medians!.teams).toBe(all.rows.length);
    expect(data.medians!.activities).toBeCloseTo(median(all.rows.map((r) => r.activities)));
    expect(data.medians!.minutes).toBeCloseTo(median(all.rows.map((r) => r.minutes)));
    expect(data.current!.activities).toBe(all.rows.find((r) => r.teamId === world.teamA.id)!.activities);
    const text = JSON.stringify(data);
    for (const other of all.rows.filter((r) => r.teamId !== world.teamA.id)) expect(text).not.toContain(other.municipalityName);
    expect(data.past.map((t) => t.teamId)).toEqual([world.pastA.id]);
  });

  it('admin: sorts by query parameters, flags rising モヤモヤ and overdue pre-assignments; CSV for Excel', async () => {
    const data = (await adminLoader(loaderArgs(`/admin?year=${world.year}&sort=activities&dir=desc`, { headers: cookies.organizer }))) as Awaited<
      ReturnType<typeof adminLoader>
    >;
    const counts = data.rows.map((r) => r.activities);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const teamA = data.rows.find((r) => r.teamId === world.teamA.id)!;
    expect(teamA.moyamoyaRising).toBe(true); // 40 → 50 → 60 → 70
    expect(flagsOf(teamA)).toContain('rising');
    // Team A submitted nothing: every pre-assignment of the year past its due date is overdue.
    const due = (await listPreAssignmentsOfYear(world.year)).filter((p) => p.dueOn < todayInTokyo()).length;
    expect(teamA.preassignmentsOverdue).toBe(due);
    expect(flagsOf(teamA).includes('overdue')).toBe(due > 0);
    // The heat map's counts follow its weeks, and a team's add up to its activities of the year.
    const heatA = data.heat.find((h) => h.teamId === world.teamA.id)!;
    expect(heatA.counts).toHaveLength(data.weeks.length);
    expect(heatA.counts.reduce((a, b) => a + b, 0)).toBe(teamA.activities);
    const response = (await csvLoader(loaderArgs(`/admin/dashboard.csv?year=${world.year}`, { headers: cookies.organizer }))) as Response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    const body = new TextDecoder().decode(bytes);
    expect(body.split('\r\n')[0]).toContain('都道府県,自治体,期,活動回数');
    expect(body).toContain('甲府市');
  });

  it("alumni: their municipality's teams, current and past", async () => {
    const data = await loaded(alumniLoader(loaderArgs('/alumni', { headers: cookies.alumni })));
    const city = data.municipalities.find((m) => m.id === world.cityA.id)!;
    expect(city.current.map((t) => t.teamId)).toEqual([world.teamA.id]);
    expect(city.past.map((t) => t.teamId)).toEqual([world.pastA.id]);
  });
});
