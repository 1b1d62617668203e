import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { teams as teamsTable } from '../../db/schema';
import { groupMembers } from '../../app/models/alumni-groups.server';
import { listAlumni } from '../../app/models/alumni-directory.server';
import { municipalityMetrics, yearMetrics } from '../../app/models/dashboard-cohort.server';
import { teamsOfMunicipalities } from '../../app/models/dashboard-municipality.server';
import { previousGenerations } from '../../app/models/handovers.server';
import { listTeamsOfMunicipality } from '../../app/models/municipalities.server';
import { getTeamRef } from '../../app/models/teams.server';
import { addTeamMember, createAlumniGroup, createMunicipality, createPerson, createTeam } from '../factories';

// 期生 is derived in one view (team_generations, docs/decisions/0012). Every model that shows it
// must give a team the same number, for a municipality that skipped a year and has an archived team.

const today = '2030-05-01';
const laterYear = 2030; // the alumni directory lists teams of the years before this one

type Team = { id: number; municipalityId: number; fiscalYear: number };
let city: { id: number };
let teams: Record<number, Team>; // by fiscal year
let expected: Record<number, number>; // team id → 期生
let archived: Team;
let groupId: number;

beforeAll(async () => {
  const db = getDb();
  city = await createMunicipality(db, { name: '富岡市', prefecture: '群馬県' });
  // 2015, 2016 (archived), 2018 after a gap, 2019 — and a neighbour whose teams interleave.
  teams = {};
  for (const fiscalYear of [2015, 2016, 2018, 2019]) teams[fiscalYear] = await createTeam(db, { municipalityId: city.id, fiscalYear });
  archived = teams[2016]!;
  const neighbour = await createMunicipality(db, { name: '甘楽町', prefecture: '群馬県' });
  for (const fiscalYear of [2014, 2016, 2017]) await createTeam(db, { municipalityId: neighbour.id, fiscalYear });
  expected = { [teams[2015]!.id]: 1, [teams[2018]!.id]: 2, [teams[2019]!.id]: 3 };

  // One listed member per team; one more who was on the archived team and then on 2018's.
  const members: number[] = [];
  for (const team of Object.values(teams)) members.push((await addTeamMember(db, { teamId: team.id })).personId);
  const twice = await createPerson(db, { municipalityId: city.id });
  await addTeamMember(db, { teamId: archived.id, personId: twice.id });
  await addTeamMember(db, { teamId: teams[2018]!.id, personId: twice.id });
  groupId = (await createAlumniGroup(db, { name: 'とみおかマネ友会', municipalityId: city.id, members: [...members, twice.id] })).id;
  await db.update(teamsTable).set({ archivedAt: new Date() }).where(eq(teamsTable.id, archived.id));
});

/** The city's teams as a model shows them: team id → 期生. */
function byTeam(rows: { teamId: number; generation: number | null }[]) {
  const ours = new Set(Object.values(teams).map((t) => t.id));
  return Object.fromEntries(rows.filter((r) => ours.has(r.teamId)).map((r) => [r.teamId, r.generation]));
}

describe('期生', () => {
  it('counts the live teams of the municipality in fiscal-year order, skipping gap years and archived teams', async () => {
    const page = await listTeamsOfMunicipality(city.id);
    expect(page.map((t) => [t.fiscalYear, t.generation])).toEqual([
      [2019, 3],
      [2018, 2],
      [2015, 1],
    ]);
  });

  it('is the same number on every page that shows it', async () => {
    const live = Object.values(teams).filter((t) => t.id !== archived.id);
    const shown: Record<string, Record<number, number | null>> = {
      municipality: byTeam((await listTeamsOfMunicipality(city.id)).map((t) => ({ teamId: t.id, generation: t.generation }))),
      teamHeader: byTeam(await Promise.all(live.map(async (t) => ({ teamId: t.id, generation: (await getTeamRef(t.id))!.generation })))),
      handover: byTeam(await previousGenerations({ id: 0, municipalityId: city.id, fiscalYear: 2020 })),
      hrAndAlumni: byTeam(await teamsOfMunicipalities([city.id])),
      cohort: byTeam((await Promise.all(live.map((t) => yearMetrics(t.fiscalYear, today)))).flat()),
      hrCurrent: byTeam(await Promise.all(live.map(async (t) => (await municipalityMetrics(t.fiscalYear, city.id, today))!))),
      directory: byTeam(await listAlumni({ municipalityId: city.id }, laterYear)),
    };
    for (const [page, generations] of Object.entries(shown)) expect({ page, generations }).toEqual({ page, generations: expected });
  });

  it('gives a member the number of their first live team, and an archived team none', async () => {
    const members = await groupMembers(groupId);
    // Four members of live teams (one of them twice); the archived team's own member has no live team.
    const numbers = members.map((m) => m.generation ?? 0).sort((a, b) => a - b);
    expect(numbers).toEqual([0, 1, 2, 2, 3]);
    expect(members.find((m) => m.fiscalYear === 2018 && m.generation !== 2)).toBeUndefined();
    expect(await getTeamRef(archived.id)).toBeUndefined();
  });

  it('returns numbers, not the driver’s strings', async () => {
    const [row] = await teamsOfMunicipalities([city.id]);
    const metrics = await yearMetrics(2019, today);
    for (const value of [row!.generation, row!.sheetVersion, row!.activities, metrics[0]!.generation, metrics[0]!.minutes]) {
      expect(typeof value).toBe('number');
    }
    expect(typeof row!.mentored).toBe('boolean');
  });
});
