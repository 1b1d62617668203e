import { sql, type SQL } from 'drizzle-orm';
import { selectRows } from '../../db/client';
import { teamGenerations } from '../../db/schema';
import { inPlaceOrder, teamPlace } from '~/domain/place-order';

// Figures per team of one year, for the HR view (one team beside the cohort median) and the
// organizers' table. One SQL statement computes every team's figures; medians are computed over it
// in SQL too (percentile_cont), so the HR view never receives another municipality's row.
// Each column is cast to the type its row type names (int, float8, bool, text): both drivers
// return those as numbers, booleans and strings, so the rows need no conversion.

export type TeamMetrics = {
  teamId: number;
  municipalityId: number;
  municipalityName: string;
  prefecture: string;
  generation: number;
  activities: number;
  minutes: number;
  interviews: number;
  lastActivityOn: string | null;
  daysSinceActivity: number | null;
  sheetVersion: number;
  sheetUpdatedAt: string | null;
  preassignmentsTotal: number;
  preassignmentsSubmitted: number;
  preassignmentsOverdue: number;
  latestMoyamoya: number | null;
  moyamoyaRising: boolean;
  openComments: number;
};

/** Every live team of the year with its figures, as of `today` (Asia/Tokyo date). */
function metricsQuery(fiscalYear: number, today: string, only?: SQL): SQL {
  return sql`
    with yr as (
      select t.id, t.municipality_id, m.name, m.prefecture, ${teamGenerations.generation} as generation
      from teams t join municipalities m on m.id = t.municipality_id
      join ${teamGenerations} on ${teamGenerations.teamId} = t.id
      where t.fiscal_year = ${fiscalYear} and t.archived_at is null ${only ?? sql``}
    ),
    act as (
      select team_id, count(*)::int as n, coalesce(sum(duration_minutes), 0)::int as minutes, max(occurred_on) as last_on
      from activities where archived_at is null and team_id in (select id from yr) group by team_id
    ),
    pa as (
      select p.id, p.due_on from pre_assignments p join study_sessions s on s.id = p.session_id
      where s.fiscal_year = ${fiscalYear} and s.archived_at is null and p.archived_at is null
    ),
    pas as (
      select yr.id as team_id, count(pa.id)::int as total, count(sub.id)::int as submitted,
        count(pa.id) filter (where sub.id is null and pa.due_on < ${today}::date)::int as overdue
      from yr cross join pa
      left join pre_assignment_submissions sub on sub.pre_assignment_id = pa.id and sub.team_id = yr.id
      group by yr.id
    ),
    mm as (
      select tm.team_id, tm.level, row_number() over (partition by tm.team_id order by ss.starts_on desc, ss.id desc) as rn
      from team_moyamoya tm join study_sessions ss on ss.id = tm.session_id
      where tm.team_id in (select id from yr) and ss.archived_at is null
    ),
    mmx as (
      select team_id, max(level) filter (where rn = 1) as latest,
        -- rising: the last three figures, each higher than the one before
        (count(*) filter (where rn <= 3) = 3
          and max(level) filter (where rn = 1) > max(level) filter (where rn = 2)
          and max(level) filter (where rn = 2) > max(level) filter (where rn = 3)) as rising
      from mm group by team_id
    ),
    cm as (select team_id, count(*)::int as n from sheet_comments where resolved_at is null and team_id in (select id from yr) group by team_id)
    select yr.id as "teamId", yr.municipality_id as "municipalityId", yr.name as "municipalityName", yr.prefecture, yr.generation,
      coalesce(act.n, 0) as activities, coalesce(act.minutes, 0) as minutes, coalesce(iv.n, 0) as interviews,
      to_char(act.last_on, 'YYYY-MM-DD') as "lastActivityOn",
      (${today}::date - act.last_on)::int as "daysSinceActivity",
      coalesce(sh.current_version, 0) as "sheetVersion",
      to_char(sv.created_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD') as "sheetUpdatedAt",
      coalesce(pas.total, 0) as "preassignmentsTotal", coalesce(pas.submitted, 0) as "preassignmentsSubmitted",
      coalesce(pas.overdue, 0) as "preassignmentsOverdue",
      mmx.latest as "latestMoyamoya", coalesce(mmx.rising, false) as "moyamoyaRising",
      coalesce(cm.n, 0) as "openComments"
    from yr
    left join act on act.team_id = yr.id
    -- Per team through its index: grouped over \`team_id in (select id from yr)\`, the planner read every
    -- interview of every year (8 ms of the 15 on ten years of data).
    cross join lateral (select count(*)::int as n from interviews where archived_at is null and team_id = yr.id) iv
    left join pas on pas.team_id = yr.id
    left join mmx on mmx.team_id = yr.id
    left join cm on cm.team_id = yr.id
    left join sheets sh on sh.team_id = yr.id
    left join sheet_versions sv on sv.sheet_id = sh.id and sv.version = sh.current_version`;
}

/** Every team of the year, in the one order of teams (app/domain/place-order.ts). */
export async function yearMetrics(fiscalYear: number, today: string): Promise<TeamMetrics[]> {
  return inPlaceOrder(await selectRows<TeamMetrics>(metricsQuery(fiscalYear, today)), teamPlace);
}

/** The one team of a municipality in that year, or undefined. */
export async function municipalityMetrics(fiscalYear: number, municipalityId: number, today: string): Promise<TeamMetrics | undefined> {
  const [row] = await selectRows<TeamMetrics>(metricsQuery(fiscalYear, today, sql`and t.municipality_id = ${municipalityId}`));
  return row;
}

export type CohortMedians = {
  teams: number;
  activities: number | null;
  minutes: number | null;
  interviews: number | null;
  daysSinceActivity: number | null;
  sheetVersion: number | null;
  preassignmentsSubmitted: number | null;
  latestMoyamoya: number | null;
};

/** The median of each figure over every team of the year: only numbers leave the database. */
export async function cohortMedians(fiscalYear: number, today: string): Promise<CohortMedians> {
  const median = (column: string) => sql.raw(`percentile_cont(0.5) within group (order by "${column}")`);
  // An aggregate without group by gives one row, its medians null when the year has no team.
  const [row] = await selectRows<CohortMedians>(sql`
    select count(*)::int as teams,
      ${median('activities')} as activities, ${median('minutes')} as minutes, ${median('interviews')} as interviews,
      ${median('daysSinceActivity')} as "daysSinceActivity", ${median('sheetVersion')} as "sheetVersion",
      ${median('preassignmentsSubmitted')} as "preassignmentsSubmitted", ${median('latestMoyamoya')} as "latestMoyamoya"
    from (${metricsQuery(fiscalYear, today)}) metrics`);
  return row!;
}

/** The team figure per study session beside the median of every team's figure for that session. */
export async function moyamoyaTrend(fiscalYear: number, teamId: number) {
  const rows = await selectRows<{
    session_id: number;
    number: number;
    starts_on: string;
    median: number | null;
    own: number | null;
    reflection: string | null;
  }>(sql`
    select ss.id as session_id, ss.number, to_char(ss.starts_on, 'YYYY-MM-DD') as starts_on,
      percentile_cont(0.5) within group (order by tm.level) as median,
      max(tm.level) filter (where tm.team_id = ${teamId}) as own,
      max(tm.reflection) filter (where tm.team_id = ${teamId}) as reflection
    from study_sessions ss
    join team_moyamoya tm on tm.session_id = ss.id
    join teams t on t.id = tm.team_id and t.archived_at is null
    where ss.fiscal_year = ${fiscalYear} and ss.archived_at is null and ss.kind = 'study'
    group by ss.id order by ss.starts_on, ss.id`);
  return rows.map((r) => ({
    sessionId: Number(r.session_id),
    label: `第${r.number}回`,
    date: r.starts_on,
    median: r.median === null ? null : Math.round(Number(r.median) * 10) / 10,
    own: r.own === null ? null : Number(r.own),
    reflection: r.reflection ?? '',
  }));
}
