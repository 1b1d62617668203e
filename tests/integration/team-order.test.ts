import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { loader as adminLoader } from '../../app/routes/admin._index';
import { loader as csvLoader } from '../../app/routes/admin.dashboard[.csv]';
import { loader as teamsLoader } from '../../app/routes/admin.years.$fiscalYear.teams';
import { loader as matrixLoader } from '../../app/routes/admin.years.$fiscalYear.preassignments';
import { activityHeatmap, heatmapWeeks } from '../../app/models/dashboard-admin.server';
import { weeksOfYear, yearActivity } from '../../app/models/dashboard-team.server';
import { todayInTokyo } from '../../app/utils/clock';
import { createActivities, createMunicipality, createTeam } from '../factories';
import { addDays, currentFiscalYear } from '../factories/util';
import { loaded, loaderArgs } from '../helpers';
import { organizerCookie } from './setup-helpers';

// The organizers' dashboard lists the teams of a year in one order (app/domain/place-order.ts) in its
// table, its heat map and its CSV: prefectures north to south by JIS code, then names. The data set is
// chosen so that this order is neither the order of the prefectures' names nor of the "prefecture name"
// strings the table sorted by before, nor the order the teams were created in.

const year = currentFiscalYear();
const places = [
  // created in this order; the comment is the order expected
  { prefecture: '沖縄県', name: '那覇市', activities: 2 }, // 6
  { prefecture: '山梨県', name: '韮崎市', activities: 4 }, // 4
  { prefecture: '北海道', name: '札幌市', activities: 1 }, // 1
  { prefecture: '鹿児島県', name: '鹿児島市', activities: 4 }, // 5
  { prefecture: '青森県', name: '青森市', activities: 0 }, // 2
  { prefecture: '山梨県', name: '甲府市', activities: 6 }, // 3
];
const expected = ['札幌市', '青森市', '甲府市', '韮崎市', '鹿児島市', '那覇市'];

let headers: Record<string, string>;
beforeAll(async () => {
  const db = getDb();
  headers = await organizerCookie();
  for (const p of places) {
    const municipality = await createMunicipality(db, { name: p.name, prefecture: p.prefecture });
    const team = await createTeam(db, { municipalityId: municipality.id, fiscalYear: year });
    await createActivities(
      db,
      Array.from({ length: p.activities }, (_, i) => ({ teamId: team.id, occurredOn: addDays(`${year}-05-01`, i * 9) })),
    );
  }
});

type Dashboard = Awaited<ReturnType<typeof adminLoader>>;
const dashboard = async (query = '') => (await adminLoader(loaderArgs(`/admin?year=${year}${query}`, { headers }))) as Dashboard;
const namesOf = (rows: { municipalityName: string }[]) => rows.map((r) => r.municipalityName);

/** The 自治体 column of the CSV the page links to (UTF-8 with BOM; no name here holds a comma). */
async function csvNames(query = '') {
  const response = (await csvLoader(loaderArgs(`/admin/dashboard.csv?year=${year}${query}`, { headers }))) as Response;
  const lines = new TextDecoder()
    .decode(await response.arrayBuffer())
    .split('\r\n')
    .filter(Boolean);
  return lines.slice(1).map((line) => line.split(',')[1]);
}

describe('one order of teams on the organizer dashboard', () => {
  it('the table, the heat map and the CSV list the teams north to south, then by name', async () => {
    const page = await dashboard();
    expect([page.sort, page.dir]).toEqual(['name', 'asc']);
    expect(namesOf(page.rows)).toEqual(expected);
    expect(namesOf(page.heat)).toEqual(expected);
    expect(await csvNames()).toEqual(expected);
  });

  it('the other sorts reorder the table (and its CSV), never the heat map; equal figures stay in the one order', async () => {
    const page = await dashboard('&sort=activities&dir=desc');
    expect(namesOf(page.rows)).toEqual(['甲府市', '韮崎市', '鹿児島市', '那覇市', '札幌市', '青森市']);
    expect(namesOf(page.heat)).toEqual(expected);
    expect(await csvNames('&sort=activities&dir=desc')).toEqual(namesOf(page.rows));
    const fewest = await dashboard('&sort=activities&dir=asc');
    expect(namesOf(fewest.rows)).toEqual(['青森市', '札幌市', '那覇市', '韮崎市', '鹿児島市', '甲府市']);
    const south = await dashboard('&sort=name&dir=desc');
    expect(namesOf(south.rows)).toEqual([...expected].reverse());
    // Never-logged teams last whichever the direction.
    const last = await dashboard('&sort=last&dir=asc');
    expect(namesOf(last.rows).at(-1)).toBe('青森市');
  });

  it("the year's team and pre-assignment pages list them in the same order", async () => {
    const params = { fiscalYear: String(year) };
    const teams = await loaded(teamsLoader(loaderArgs(`/admin/years/${year}/teams`, { headers, params })));
    expect(namesOf(teams.teams)).toEqual(expected);
    const matrix = await loaded(matrixLoader(loaderArgs(`/admin/years/${year}/preassignments`, { headers, params })));
    expect(matrix.rows.map((r) => r.name)).toEqual(expected);
  });
});

describe('the heat map ends on the latest week', () => {
  const monday = (iso: string) => addDays(iso, -((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7));

  it("runs from the year's first week to this week, with no week still to come", async () => {
    const page = await dashboard();
    const today = todayInTokyo();
    expect(page.weeks[0]).toBe(weeksOfYear(year)[0]);
    expect(page.weeks.at(-1)).toBe(monday(today));
    expect(page.weeks.length).toBeLessThan(weeksOfYear(year).length);
  });

  it('reaches a later week when an activity is logged ahead, and shows a past year whole', () => {
    const today = todayInTokyo();
    const ahead = monday(addDays(today, 21));
    const counts = weeksOfYear(year).map((w) => (w === ahead ? 1 : 0));
    expect(heatmapWeeks(year, today, new Map([[1, counts]])).at(-1)).toBe(ahead);
    expect(heatmapWeeks(year - 1, today, new Map())).toEqual(weeksOfYear(year - 1));
    expect(heatmapWeeks(year + 1, today, new Map())).toEqual([]);
  });

  it("puts each activity in its week as the team's own weekly chart does, at the year's ends and on Sundays and Mondays", async () => {
    const db = getDb();
    // Last year's team: a whole year, nothing else of its year in the way.
    const team = await createTeam(db, { municipalityId: (await createMunicipality(db)).id, fiscalYear: year - 1 });
    const weeks = weeksOfYear(year - 1);
    const days = [
      `${year - 1}-04-01`, // the year's first day, in the week of the Monday before it
      addDays(weeks[1]!, -1), // a Sunday: the first week still
      weeks[1]!, // a Monday: the second week
      weeks[1]!,
      addDays(weeks[20]!, 3),
      `${year}-03-31`, // the year's last day
    ];
    await createActivities(
      db,
      days.map((occurredOn) => ({ teamId: team.id, occurredOn })),
    );
    const heat = (await activityHeatmap(year - 1)).get(team.id)!;
    const weekly = (await yearActivity(team.id, year - 1, [])).weekly;
    expect(weekly.weeks).toEqual(weeks);
    expect(heat).toEqual(weekly.counts);
    expect(heat.reduce((a, b) => a + b, 0)).toBe(days.length);
    expect([heat[0], heat[1], heat.at(-1)]).toEqual([2, 2, 1]);
  });
});
