import { asc, desc, isNull, and, eq, inArray } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { preAssignments, programYears, studySessions } from '../../db/schema';

export type YearWithSessions = Awaited<ReturnType<typeof listYearsWithSessions>>[number];

/** Program years, newest first, each with its sessions and their pre-assignments (three queries). */
export async function listYearsWithSessions() {
  const db = getDb();
  const years = await db
    .select({ fiscalYear: programYears.fiscalYear, theme: programYears.theme })
    .from(programYears)
    .where(isNull(programYears.archivedAt))
    .orderBy(desc(programYears.fiscalYear));
  if (years.length === 0) return [];
  const sessions = await db
    .select({
      id: studySessions.id,
      fiscalYear: studySessions.fiscalYear,
      kind: studySessions.kind,
      number: studySessions.number,
      startsOn: studySessions.startsOn,
      endsOn: studySessions.endsOn,
      venue: studySessions.venue,
      isOnline: studySessions.isOnline,
      agenda: studySessions.agenda,
    })
    .from(studySessions)
    .where(
      and(
        inArray(
          studySessions.fiscalYear,
          years.map((y) => y.fiscalYear),
        ),
        isNull(studySessions.archivedAt),
      ),
    )
    .orderBy(asc(studySessions.startsOn), asc(studySessions.id));
  const assignments = sessions.length
    ? await db
        .select({ id: preAssignments.id, sessionId: preAssignments.sessionId, title: preAssignments.title, dueOn: preAssignments.dueOn })
        .from(preAssignments)
        .where(
          and(
            inArray(
              preAssignments.sessionId,
              sessions.map((s) => s.id),
            ),
            isNull(preAssignments.archivedAt),
          ),
        )
        .orderBy(asc(preAssignments.dueOn))
    : [];
  return years.map((year) => ({
    ...year,
    sessions: sessions.filter((s) => s.fiscalYear === year.fiscalYear).map((s) => ({ ...s, preAssignments: assignments.filter((a) => a.sessionId === s.id) })),
  }));
}

export async function getYear(fiscalYear: number) {
  const [year] = await getDb().select().from(programYears).where(eq(programYears.fiscalYear, fiscalYear));
  return year;
}
