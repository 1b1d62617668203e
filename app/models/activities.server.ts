import { and, asc, desc, eq, inArray, isNotNull, isNull, not, or, sql, type SQL } from 'drizzle-orm';
import { getDb, qualified } from '../../db/client';
import { activities, activityAttendees, interviews, people, studySessions, surveys } from '../../db/schema';
import { activityKinds, type ActivityKind, type Visibility } from '~/domain/codes';

// Every query is scoped by team. An interview's (or a survey's) own activity shows its text only to viewers
// who may read that interview (or survey), so the log never leaks what a team kept to itself.

/** The latest activities, an interview's title masked as in the log when the viewer may not read it. */
export async function recentActivities(teamId: number, visibilities: Visibility[], limit = 5) {
  const rows = await getDb()
    .select({
      id: activities.id,
      kind: activities.kind,
      occurredOn: activities.occurredOn,
      title: activities.title,
      durationMinutes: activities.durationMinutes,
      interviewId: activities.interviewId,
      interviewVisibility: interviews.visibility,
      surveyId: activities.surveyId,
      surveyVisibility: surveys.visibility,
    })
    .from(activities)
    .leftJoin(interviews, eq(interviews.id, activities.interviewId))
    .leftJoin(surveys, eq(surveys.id, activities.surveyId))
    .where(and(eq(activities.teamId, teamId), isNull(activities.archivedAt)))
    .orderBy(desc(activities.occurredOn), desc(activities.id))
    .limit(limit);
  return rows.map(({ interviewId, interviewVisibility, surveyId, surveyVisibility, ...row }) => ({
    ...row,
    title: activityTitle({ ...row, interviewId, interviewVisibility, surveyId, surveyVisibility }, visibilities),
  }));
}

/** The number of activities and minutes per kind (in the order of the kind list), and in total with the last day. */
export async function activitySummary(teamId: number) {
  const rows = await getDb()
    .select({
      kind: activities.kind,
      count: sql<number>`count(*)`.mapWith(Number),
      minutes: sql<number>`coalesce(sum(${activities.durationMinutes}), 0)`.mapWith(Number),
      lastOn: sql<string>`max(${activities.occurredOn})`,
    })
    .from(activities)
    .where(and(eq(activities.teamId, teamId), isNull(activities.archivedAt)))
    .groupBy(activities.kind);
  return summaryOf(rows);
}

export type KindFigures = { kind: ActivityKind; count: number; minutes: number; lastOn: string };

/**
 * activitySummary's figures from a team's live activities counted per kind (a kind may come in several rows, as
 * when counted per week too: 概要 reads its weekly chart and these from one query).
 */
export function summaryOf(rows: KindFigures[]) {
  const known = rows.filter((r) => activityKinds.codes.includes(r.kind));
  const byKind = activityKinds.codes.flatMap((kind) => {
    const ofKind = known.filter((r) => r.kind === kind);
    if (ofKind.length === 0) return [];
    return [{ kind, count: ofKind.reduce((n, r) => n + r.count, 0), minutes: ofKind.reduce((n, r) => n + r.minutes, 0) }];
  });
  // 1年間の活動回数・時間 and the last day with an activity (概要), from the same rows.
  const total = known.reduce<{ count: number; minutes: number; lastOn: string | null }>(
    (t, r) => ({ count: t.count + r.count, minutes: t.minutes + r.minutes, lastOn: t.lastOn !== null && t.lastOn > r.lastOn ? t.lastOn : r.lastOn }),
    { count: 0, minutes: 0, lastOn: null },
  );
  return { byKind, total };
}

/** `%text%` for ILIKE with the user's own % _ \ taken literally. */
export function containsPattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// The same expression as the activities_text_trgm index, so patterns of 3+ characters can use it;
// shorter ones (対話) still match correctly, and the team scope keeps the scan small.
const searchable = sql`(${activities.title} || ' ' || ${activities.notes} || ' ' || ${activities.guests})`;

export type ActivityFilter = { kind?: ActivityKind; personId?: number; q?: string; archived?: boolean; fullNotes?: boolean; from?: string; to?: string };

function readable(visibilities: Visibility[]): SQL {
  const ownInterview = and(eq(activities.kind, 'interview'), isNotNull(activities.interviewId))!;
  const ownSurvey = isNotNull(activities.surveyId);
  if (!visibilities.length) return and(not(ownInterview), not(ownSurvey))!;
  return and(or(not(ownInterview), inArray(interviews.visibility, visibilities)), or(not(ownSurvey), inArray(surveys.visibility, visibilities)))!;
}

type Row = {
  id: number;
  kind: ActivityKind;
  title: string;
  notes: string;
  guests: string;
  interviewId: number | null;
  interviewVisibility: Visibility | null;
  interviewee: string | null;
  surveyId: number | null;
  surveyVisibility: Visibility | null;
};

export const hiddenInterviewTitle = '（公開範囲外のインタビュー）';
export const hiddenSurveyTitle = '（公開範囲外のアンケート）';

type Titled = Pick<Row, 'kind' | 'title' | 'interviewId' | 'interviewVisibility'> & Partial<Pick<Row, 'surveyId' | 'surveyVisibility'>>;

/** An interview's own activity the viewer may not read: its text is the interview's, so it is hidden. */
function hidesInterview(row: Titled, visibilities: Visibility[]) {
  const ownInterview = row.kind === 'interview' && row.interviewId !== null;
  return ownInterview && !(row.interviewVisibility !== null && visibilities.includes(row.interviewVisibility));
}

/** A survey's own activity the viewer may not read: hidden as an interview's is. */
function hidesSurvey(row: Titled, visibilities: Visibility[]) {
  return row.surveyId != null && !(row.surveyVisibility != null && visibilities.includes(row.surveyVisibility));
}

/**
 * An activity's title as this viewer may see it, wherever an activity is shown (the log, the team's
 * first page, the sheet's evidence): the one place an interview's (and a survey's) title is masked.
 */
export function activityTitle(row: Titled, visibilities: Visibility[]) {
  if (hidesInterview(row, visibilities)) return hiddenInterviewTitle;
  return hidesSurvey(row, visibilities) ? hiddenSurveyTitle : row.title;
}

/**
 * Hides the text of an interview or survey the viewer may not read, and the name of a linked interview; adds
 * the attendees. The row is the query's own and is completed in place: copied by a spread, a timeline's
 * thousand rows twice over were 6 % of its CPU (decision 0027).
 */
function masked<T extends Row>(row: T, visibilities: Visibility[], attendees: { personId: number; fullName: string }[]) {
  const visible = row.interviewVisibility !== null && visibilities.includes(row.interviewVisibility);
  const ownInterview = row.kind === 'interview' && row.interviewId !== null;
  const ownSurvey = row.surveyId !== null;
  const hideText = hidesInterview(row, visibilities) || hidesSurvey(row, visibilities);
  return Object.assign(row, {
    title: activityTitle(row, visibilities),
    notes: hideText ? '' : row.notes,
    guests: hideText ? '' : row.guests,
    interviewee: visible ? row.interviewee : null,
    ownInterview,
    ownSurvey,
    /** The survey this entry is the record of, when the viewer may open it. */
    surveyId: ownSurvey && !hidesSurvey(row, visibilities) ? row.surveyId : null,
    attendees,
  });
}

const columns = {
  id: activities.id,
  kind: activities.kind,
  occurredOn: activities.occurredOn,
  startsAt: sql<string | null>`to_char(${activities.startsAt}, 'HH24:MI')`,
  durationMinutes: activities.durationMinutes,
  title: activities.title,
  guests: activities.guests,
  sessionId: activities.sessionId,
  interviewId: activities.interviewId,
  archivedAt: activities.archivedAt,
  interviewVisibility: interviews.visibility,
  interviewee: interviews.interviewee,
  surveyId: activities.surveyId,
  surveyVisibility: surveys.visibility,
  sessionKind: studySessions.kind,
  sessionNumber: studySessions.number,
};

export async function listActivities(teamId: number, visibilities: Visibility[], filter: ActivityFilter = {}) {
  const conditions: (SQL | undefined)[] = [
    eq(activities.teamId, teamId),
    filter.archived ? isNotNull(activities.archivedAt) : isNull(activities.archivedAt),
    filter.kind ? eq(activities.kind, filter.kind) : undefined,
    filter.personId
      ? sql`exists (select 1 from ${activityAttendees} where ${qualified(activityAttendees.activityId)} = ${qualified(activities.id)} and ${qualified(activityAttendees.personId)} = ${filter.personId})`
      : undefined,
    filter.q ? and(sql`${searchable} ilike ${containsPattern(filter.q)} escape '\\'`, readable(visibilities)) : undefined,
    filter.from ? sql`${activities.occurredOn} >= ${filter.from}` : undefined,
    filter.to ? sql`${activities.occurredOn} <= ${filter.to}` : undefined,
  ];
  const rows = await getDb()
    .select({ ...columns, notes: filter.fullNotes ? activities.notes : sql<string>`left(${activities.notes}, 200)` })
    .from(activities)
    .leftJoin(interviews, and(eq(interviews.id, activities.interviewId), eq(interviews.teamId, activities.teamId)))
    .leftJoin(surveys, and(eq(surveys.id, activities.surveyId), eq(surveys.teamId, activities.teamId)))
    .leftJoin(studySessions, eq(studySessions.id, activities.sessionId))
    .where(and(...conditions))
    .orderBy(desc(activities.occurredOn), sql`${activities.startsAt} desc nulls last`, desc(activities.id))
    .limit(1000);
  const names = await attendeeNames(rows.map((r) => r.id));
  return rows.map((r) => masked(r, visibilities, names.get(r.id) ?? []));
}

/** One activity of the team (archived ones too, for restoring), or undefined. */
export async function getActivity(teamId: number, activityId: number, visibilities: Visibility[]) {
  const [row] = await getDb()
    .select({ ...columns, notes: activities.notes, version: activities.version, updatedAt: activities.updatedAt })
    .from(activities)
    .leftJoin(interviews, and(eq(interviews.id, activities.interviewId), eq(interviews.teamId, activities.teamId)))
    .leftJoin(surveys, and(eq(surveys.id, activities.surveyId), eq(surveys.teamId, activities.teamId)))
    .leftJoin(studySessions, eq(studySessions.id, activities.sessionId))
    .where(and(eq(activities.teamId, teamId), eq(activities.id, activityId)));
  if (!row) return undefined;
  const names = await attendeeNames([row.id]);
  return masked(row, visibilities, names.get(row.id) ?? []);
}

async function attendeeNames(activityIds: number[]) {
  const map = new Map<number, { personId: number; fullName: string }[]>();
  if (activityIds.length === 0) return map;
  const rows = await getDb()
    .select({ activityId: activityAttendees.activityId, personId: people.id, fullName: people.fullName })
    .from(activityAttendees)
    .innerJoin(people, eq(people.id, activityAttendees.personId))
    .where(inArray(activityAttendees.activityId, activityIds))
    .orderBy(asc(people.id));
  for (const r of rows) map.set(r.activityId, [...(map.get(r.activityId) ?? []), { personId: r.personId, fullName: r.fullName }]);
  return map;
}

/** Sessions of the team's year an entry may link to. */
export async function sessionsOfYear(fiscalYear: number) {
  return getDb()
    .select({ id: studySessions.id, kind: studySessions.kind, number: studySessions.number, startsOn: studySessions.startsOn })
    .from(studySessions)
    .where(and(eq(studySessions.fiscalYear, fiscalYear), isNull(studySessions.archivedAt)))
    .orderBy(asc(studySessions.startsOn), asc(studySessions.id));
}
