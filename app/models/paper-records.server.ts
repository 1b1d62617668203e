import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { activities, interviewHomework, interviews, organizers, people, studySessions, surveys } from '../../db/schema';
import { organizerRoles, type Visibility } from '~/domain/codes';
import { detailKinds, monthTableKinds, sessionPlace, type PaperSession } from '~/domain/paper';

// The records a 共同論文 draft is written from, read for one viewer. Every query is scoped by the team (or, for
// the program's facts, by its year); an interview's text is read only at the visibilities the viewer may read.

/** The roster by role (顧問, 部会長, 幹事, 参与, 事務局), active entries only, with their affiliations. */
export async function organizerRoster() {
  const rows = await getDb()
    .select({ role: organizers.role, name: people.fullName, affiliation: organizers.affiliation })
    .from(organizers)
    .innerJoin(people, eq(people.id, organizers.personId))
    .where(and(eq(organizers.active, true), isNull(people.archivedAt)))
    .orderBy(asc(organizers.id));
  return organizerRoles.codes
    .map((role) => ({ role: organizerRoles.label[role], people: rows.filter((r) => r.role === role).map(({ name, affiliation }) => ({ name, affiliation })) }))
    .filter((group) => group.people.length > 0);
}

/** The sessions of the year, by date: the 研究会 table and the 詳細版 headings. */
export async function sessionsOfYear(fiscalYear: number): Promise<PaperSession[]> {
  const rows = await getDb()
    .select({
      id: studySessions.id,
      kind: studySessions.kind,
      number: studySessions.number,
      startsOn: studySessions.startsOn,
      endsOn: studySessions.endsOn,
      venue: studySessions.venue,
      isOnline: studySessions.isOnline,
      agenda: studySessions.agenda,
    })
    .from(studySessions)
    .where(and(eq(studySessions.fiscalYear, fiscalYear), isNull(studySessions.archivedAt)))
    .orderBy(asc(studySessions.startsOn), asc(studySessions.id));
  return rows.map(({ venue, isOnline, ...s }) => ({ ...s, place: sessionPlace({ venue, isOnline }) }));
}

/**
 * The activities the month table and 詳細版 are made of, oldest first. An interview's own activity comes with its
 * interview's label, role and visibility; whether its text may be shown is decided by the caller with the
 * viewer's visibilities (the log's rule, activityTitle).
 */
export async function paperActivities(teamId: number) {
  const kinds = [...new Set([...monthTableKinds, ...detailKinds])];
  return getDb()
    .select({
      id: activities.id,
      kind: activities.kind,
      occurredOn: activities.occurredOn,
      title: activities.title,
      notes: activities.notes,
      sessionId: activities.sessionId,
      interviewId: activities.interviewId,
      interviewee: interviews.interviewee,
      roleCategory: interviews.roleCategory,
      interviewVisibility: interviews.visibility,
      surveyId: activities.surveyId,
      surveyVisibility: surveys.visibility,
    })
    .from(activities)
    .leftJoin(interviews, and(eq(interviews.id, activities.interviewId), eq(interviews.teamId, activities.teamId)))
    .leftJoin(surveys, and(eq(surveys.id, activities.surveyId), eq(surveys.teamId, activities.teamId)))
    .where(and(eq(activities.teamId, teamId), inArray(activities.kind, kinds), isNull(activities.archivedAt)))
    .orderBy(asc(activities.occurredOn), asc(activities.startsAt), asc(activities.id));
}
export type PaperActivity = Awaited<ReturnType<typeof paperActivities>>[number];

/** The text of the interviews the team ticked for the paper, as far as the viewer may read them, with their 宿題. */
export async function tickedInterviews(teamId: number, ids: number[], visibilities: Visibility[]) {
  if (ids.length === 0 || visibilities.length === 0) return new Map<number, TickedInterview>();
  const rows = await getDb()
    .select({ id: interviews.id, purpose: interviews.purpose, content: interviews.content, insights: interviews.insights, unease: interviews.unease })
    .from(interviews)
    .where(and(eq(interviews.teamId, teamId), inArray(interviews.id, ids), inArray(interviews.visibility, visibilities), isNull(interviews.archivedAt)));
  const homework = rows.length
    ? await getDb()
        .select({ interviewId: interviewHomework.interviewId, body: interviewHomework.body })
        .from(interviewHomework)
        .where(
          and(
            eq(interviewHomework.teamId, teamId),
            inArray(
              interviewHomework.interviewId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(interviewHomework.position), asc(interviewHomework.id))
    : [];
  return new Map(rows.map((r) => [r.id, { ...r, homework: homework.filter((h) => h.interviewId === r.id).map((h) => h.body) }]));
}
export type TickedInterview = { id: number; purpose: string; content: string; insights: string; unease: string; homework: string[] };
