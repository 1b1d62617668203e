import { sql } from 'drizzle-orm';
import { selectRows } from '../../db/client';
import { activityKinds, type ActivityKind, type IntervieweeRole, type MunicipalityKind, type Visibility } from '~/domain/codes';
import type { KindsSpec, LinesSpec, SessionMark, WeeklySpec } from '~/components/charts/types';
import { todayInTokyo } from '~/utils/clock';
import { fiscalYearRange } from '~/utils/dates';
import { summaryOf } from './activities.server';
import { interviewCoverage, roleCoverageLabel } from '~/domain/interviews';
import { openHomework } from './interviews.server';
import { listMemberCheckins, listTeamMoyamoya, listYearSessions } from './moyamoya.server';

// The team dashboard's figures. Every figure is computed in SQL (grouped by week, kind or role);
// what reaches JavaScript is at most one row per week and kind, so the query count and the work
// stay fixed whatever the size of the log.

const weeksByYear = new Map<number, readonly string[]>();

/** The Monday of every week that touches the fiscal year (worked out once per year; a copy each time). */
export function weeksOfYear(fiscalYear: number): string[] {
  let known = weeksByYear.get(fiscalYear);
  if (!known) {
    const { first, last } = fiscalYearRange(fiscalYear);
    const start = new Date(`${first}T00:00:00Z`);
    start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
    const weeks: string[] = [];
    for (const d = start; d.toISOString().slice(0, 10) <= last; d.setUTCDate(d.getUTCDate() + 7)) weeks.push(d.toISOString().slice(0, 10));
    weeksByYear.set(fiscalYear, (known = weeks));
  }
  return [...known];
}

const toHours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/**
 * A team's live activities counted per week and kind, once: the weekly chart's figures (the fiscal year's
 * activities) and activitySummary's (all of them), which 概要 read in two queries over the same rows.
 */
export async function yearActivity(teamId: number, fiscalYear: number, sessions: SessionMark[] = []) {
  const { first, last } = fiscalYearRange(fiscalYear);
  const rows = await selectRows<{ week: string; kind: ActivityKind; n: number; minutes: number; lastOn: string; inYear: boolean }>(sql`
    select to_char(date_trunc('week', occurred_on), 'YYYY-MM-DD') as week, kind, count(*)::int as n,
           coalesce(sum(duration_minutes), 0)::int as minutes, to_char(max(occurred_on), 'YYYY-MM-DD') as "lastOn",
           occurred_on between ${first} and ${last} as "inYear"
    from activities
    where team_id = ${teamId} and archived_at is null
    group by 1, 2, 6`);
  return {
    weekly: weeklySpec(
      fiscalYear,
      rows.filter((r) => r.inYear),
      sessions,
    ),
    summary: summaryOf(rows.map((r) => ({ kind: r.kind, count: Number(r.n), minutes: Number(r.minutes), lastOn: r.lastOn }))),
  };
}

function weeklySpec(
  fiscalYear: number,
  rows: { week: string; kind: ActivityKind; n: number; minutes: number }[],
  sessions: SessionMark[],
): WeeklySpec & { counts: number[]; weekHours: number[] } {
  const weeks = weeksOfYear(fiscalYear);
  const at = new Map(weeks.map((w, i) => [w, i]));
  const minutes = new Map<ActivityKind, number[]>();
  const counts = weeks.map(() => 0);
  for (const r of rows) {
    const i = at.get(r.week);
    if (i === undefined) continue;
    if (!minutes.has(r.kind))
      minutes.set(
        r.kind,
        weeks.map(() => 0),
      );
    const series = minutes.get(r.kind)!;
    series[i] = series[i]! + Number(r.minutes);
    counts[i] = counts[i]! + Number(r.n);
  }
  const weekMinutes = weeks.map((_, i) => [...minutes.values()].reduce((t, m) => t + m[i]!, 0));
  let running = 0;
  const today = todayInTokyo();
  const cumulativeHours = weekMinutes.map((m, i) => (weeks[i]! > today ? null : toHours((running += m))));
  return {
    type: 'weekly',
    weeks,
    series: activityKinds.codes
      .filter((k) => minutes.has(k))
      .map((kind) => ({ kind, label: activityKinds.label[kind], hours: minutes.get(kind)!.map(toHours) })),
    cumulativeHours,
    counts,
    // The week's hours from its minutes (the table's 時間), not the sum of each kind's rounded hours.
    weekHours: weekMinutes.map(toHours),
    sessions,
  };
}

/** Interviews per role category the viewer may read; categories with none are shown as gaps. */
/**
 * Which kinds of key person the team has heard, counting the interviews this viewer may read, and how
 * many more exist that the viewer may not read (their roles are not told): one figure for 概要 and the
 * インタビュー page, so neither says 未実施 for a role that was heard in an interview kept to the team.
 */
export async function keyPersonCoverage(team: { id: number; municipalityKind: MunicipalityKind }, visibilities: Visibility[]) {
  const readable = visibilities.length
    ? sql`visibility in (${sql.join(
        visibilities.map((v) => sql`${v}`),
        sql`, `,
      )})`
    : sql`false`;
  const rows = await selectRows<{ role: IntervieweeRole; n: number; hidden: number; last_on: string | null }>(sql`
    select role_category as role, (count(*) filter (where ${readable}))::int as n, (count(*) filter (where not (${readable})))::int as hidden,
      to_char(max(interviewed_on) filter (where ${readable}), 'YYYY-MM-DD') as last_on
    from interviews
    where team_id = ${team.id} and archived_at is null
    group by role_category`);
  const counts = new Map(rows.map((r) => [r.role, r]));
  const roles = interviewCoverage(rows.flatMap((r) => Array.from({ length: Number(r.n) }, () => r.role))).map(({ role, count }) => ({
    role,
    label: roleCoverageLabel(role, team.municipalityKind),
    count,
    lastOn: counts.get(role)?.last_on ?? null,
  }));
  return { roles, hidden: rows.reduce((sum, r) => sum + Number(r.hidden), 0) };
}

export type KeyPersonCoverageFigures = Awaited<ReturnType<typeof keyPersonCoverage>>;

/** The study sessions of a year as marks on a chart's time axis (第N回 at its first day). */
export function studySessionMarks(yearSessions: Awaited<ReturnType<typeof listYearSessions>>): SessionMark[] {
  return yearSessions.filter((s) => s.kind === 'study').map((s) => ({ date: s.startsOn, label: `第${s.number}回` }));
}

/**
 * The モヤモヤ chart of a team: the team's figure per session first and emphasised, then a line per member
 * among the check-ins given (as listMemberCheckins gives them to this viewer). 概要 and the モヤモヤ page
 * draw it from here.
 */
export function moyamoyaLines(
  fiscalYear: number,
  sessions: SessionMark[],
  checkins: Awaited<ReturnType<typeof listMemberCheckins>>,
  teamFigures: Awaited<ReturnType<typeof listTeamMoyamoya>>,
): LinesSpec {
  const members = new Map<string, LinesSpec['series'][number]>();
  for (const c of [...checkins].reverse()) {
    const key = `${c.personId}`;
    if (!members.has(key)) members.set(key, { label: c.fullName, points: [] });
    members.get(key)!.points.push({ date: c.checkedOn, level: c.level, note: c.note });
  }
  return {
    type: 'lines',
    fiscalYear,
    series: [
      { label: 'チームの数値', emphasis: true, points: teamFigures.map((f) => ({ date: f.startsOn, level: f.level, note: f.reflection })) },
      ...members.values(),
    ],
    sessions,
  };
}

/** Everything the dashboard draws, in a fixed number of queries. */
export async function teamDashboard(
  team: { id: number; fiscalYear: number; municipalityKind: MunicipalityKind },
  viewer: { asMember: boolean; visibilities: Visibility[] },
) {
  const [sessions, { weekly, summary }, checkins, teamFigures, coverage, homework] = await Promise.all([
    listYearSessions(team.fiscalYear).then(studySessionMarks),
    yearActivity(team.id, team.fiscalYear),
    listMemberCheckins(team.id, { asMember: viewer.asMember }),
    listTeamMoyamoya(team.id),
    keyPersonCoverage(team, viewer.visibilities),
    openHomework(team.id, viewer.visibilities, todayInTokyo()),
  ]);
  const moyamoya = moyamoyaLines(team.fiscalYear, sessions, checkins, teamFigures);
  const kinds: KindsSpec = {
    type: 'kinds',
    rows: summary.byKind.map((r) => ({ kind: r.kind, label: activityKinds.label[r.kind], hours: toHours(r.minutes), count: r.count })),
  };
  return { weekly: { ...weekly, sessions }, moyamoya, kinds, summary, coverage, homework, membersShown: checkins.length > 0 || viewer.asMember };
}
export type TeamDashboard = Awaited<ReturnType<typeof teamDashboard>>;
