import { sql } from 'drizzle-orm';
import { selectRows } from '../../db/client';
import { fiscalYearRange } from '~/utils/dates';
import { weeksOfYear } from './dashboard-team.server';

// The organizers' views across teams: activity per team and week, and the team モヤモヤ figures
// of every dialogue group. Each is one grouped query, whatever the number of teams.

/** Activities per team and week: each team's counts in the order of the year's weeks (weeksOfYear), every week. */
export async function activityHeatmap(fiscalYear: number): Promise<Map<number, number[]>> {
  const { first, last } = fiscalYearRange(fiscalYear);
  const weeks = weeksOfYear(fiscalYear);
  // A row per team, its weeks as two JSON arrays (parsed natively): each week as its number in the year
  // (days since the first Monday, over 7: integer arithmetic), and its count. A row per team and week with
  // the Monday as text was 2,800 rows for 60 teams, their parsing a tenth of the page's CPU, and the date
  // arithmetic and formatting most of the query's (PostgreSQL's CPU per page 20 → 14 ms). The numbers stay
  // numbers: placed by index, not turned into Mondays and looked up again (decision 0027).
  const rows = await selectRows<{ team_id: number; weeks: number[]; counts: number[] }>(sql`
    select team_id, to_json(array_agg(week order by week)) as weeks, to_json(array_agg(n order by week)) as counts from (
      select a.team_id, (a.occurred_on - ${weeks[0]}::date) / 7 as week, count(*)::int as n
      from activities a join teams t on t.id = a.team_id
      where t.fiscal_year = ${fiscalYear} and t.archived_at is null and a.archived_at is null
        and a.occurred_on between ${first} and ${last}
      group by 1, 2
    ) by_week
    group by team_id`);
  const teams = new Map<number, number[]>();
  for (const r of rows) {
    const counts = new Array<number>(weeks.length).fill(0);
    r.weeks.forEach((week, i) => (counts[Number(week)] = Number(r.counts[i])));
    teams.set(Number(r.team_id), counts);
  }
  return teams;
}

/**
 * The heat map's columns: the year's weeks up to the one holding `today`, or to the last week with an
 * activity when one is logged ahead. Weeks still to come are left off, so the map ends on the latest
 * week (the page shows that end first). `teams` as activityHeatmap gives them.
 */
export function heatmapWeeks(fiscalYear: number, today: string, teams: Map<number, number[]>): string[] {
  const weeks = weeksOfYear(fiscalYear);
  let shown = weeks.filter((w) => w <= today).length;
  for (const counts of teams.values()) for (let i = counts.length - 1; i >= shown; i--) if (counts[i]! > 0) shown = i + 1;
  return weeks.slice(0, shown);
}

/** Every team's figure per session, with its dialogue group, for comparing curves within a group. */
export async function groupMoyamoya(fiscalYear: number) {
  const rows = await selectRows<{ group_id: number; group_name: string; team_id: number; name: string; date: string; level: number; label: string }>(sql`
    select g.id as group_id, g.name as group_name, t.id as team_id, m.name, to_char(ss.starts_on, 'YYYY-MM-DD') as date, tm.level,
      '第' || ss.number || '回' as label
    from dialogue_groups g
    join dialogue_group_teams gt on gt.group_id = g.id
    join teams t on t.id = gt.team_id and t.archived_at is null
    join municipalities m on m.id = t.municipality_id
    left join team_moyamoya tm on tm.team_id = t.id
    left join study_sessions ss on ss.id = tm.session_id and ss.archived_at is null
    where g.fiscal_year = ${fiscalYear} and g.archived_at is null
    order by g.id, m.prefecture, m.name, ss.starts_on`);
  const groups = new Map<number, { id: number; name: string; teams: Map<number, { name: string; points: { date: string; level: number; note: string }[] }> }>();
  for (const r of rows) {
    const gid = Number(r.group_id);
    if (!groups.has(gid)) groups.set(gid, { id: gid, name: r.group_name, teams: new Map() });
    const teams = groups.get(gid)!.teams;
    const tid = Number(r.team_id);
    if (!teams.has(tid)) teams.set(tid, { name: r.name, points: [] });
    if (r.date !== null && r.level !== null) teams.get(tid)!.points.push({ date: r.date, level: Number(r.level), note: r.label });
  }
  return [...groups.values()].map((g) => ({
    id: g.id,
    name: g.name || [...g.teams.values()].map((t) => t.name).join('・'),
    series: [...g.teams.values()].map((t) => ({ label: `${t.name}チーム`, points: t.points })),
  }));
}

/** Study sessions of the year as chart markers. */
export async function sessionMarks(fiscalYear: number) {
  const rows = await selectRows<{ date: string; number: number }>(sql`
    select to_char(starts_on, 'YYYY-MM-DD') as date, number from study_sessions
    where fiscal_year = ${fiscalYear} and kind = 'study' and archived_at is null order by starts_on`);
  return rows.map((r) => ({ date: r.date, label: `第${r.number}回` }));
}

export async function programYearsList() {
  const rows = await selectRows<{ fiscal_year: number }>(sql`select fiscal_year from program_years where archived_at is null order by fiscal_year desc`);
  return rows.map((r) => Number(r.fiscal_year));
}
