import { sql, type SQL } from 'drizzle-orm';
import { selectRows } from '../../db/client';
import { teamGenerations } from '../../db/schema';

// Teams of a municipality across the years, with their 期生 and their final sheet version,
// for the HR view (past teams) and the alumni overview. One query each. The SQL casts every
// column to the type its row type names (int, bool, text), which both drivers return as is.

export type MunicipalityTeam = {
  teamId: number;
  municipalityId: number;
  municipalityName: string;
  fiscalYear: number;
  generation: number;
  sheetVersion: number;
  activities: number;
  minutes: number;
  mentored: boolean;
};

export async function teamsOfMunicipalities(municipalityIds: number[], mentorTeamIds: number[] = []): Promise<MunicipalityTeam[]> {
  if (municipalityIds.length === 0 && mentorTeamIds.length === 0) return [];
  return selectRows<MunicipalityTeam>(sql`
    select t.id as "teamId", t.municipality_id as "municipalityId", m.name as "municipalityName", t.fiscal_year as "fiscalYear",
      ${teamGenerations.generation} as generation,
      coalesce(sh.current_version, 0) as "sheetVersion",
      a.n as activities, a.minutes,
      ${isIn(sql`t.id`, mentorTeamIds)} as mentored
    from teams t
    join municipalities m on m.id = t.municipality_id
    join ${teamGenerations} on ${teamGenerations.teamId} = t.id
    left join sheets sh on sh.team_id = t.id
    -- Counted per team shown (lateral): a subquery grouping the whole log was aggregated for every team
    -- of every municipality first (11 ms on ten years of data; 0.7 ms so).
    cross join lateral (
      select count(*)::int as n, coalesce(sum(duration_minutes), 0)::int as minutes
      from activities where archived_at is null and team_id = t.id
    ) a
    where t.archived_at is null and (${isIn(sql`t.municipality_id`, municipalityIds)} or ${isIn(sql`t.id`, mentorTeamIds)})
    order by t.fiscal_year desc, m.prefecture, m.name`);
}

/** `column in (…)`, false for an empty list (never null, which `in (null)` would be). */
function isIn(column: SQL, list: number[]): SQL {
  return list.length
    ? sql`${column} in (${sql.join(
        list.map((n) => sql`${n}`),
        sql`, `,
      )})`
    : sql`false`;
}

/** The municipalities the HR view can be opened for (organizers choose among them). */
export async function municipalitiesWithTeams(onlyIds?: number[]) {
  if (onlyIds && onlyIds.length === 0) return [];
  return selectRows<{ id: number; name: string; prefecture: string }>(sql`
    select distinct m.id, m.name, m.prefecture from municipalities m join teams t on t.municipality_id = m.id and t.archived_at is null
    where m.archived_at is null ${onlyIds ? sql`and ${isIn(sql`m.id`, onlyIds)}` : sql``}
    order by m.prefecture, m.name`);
}
