import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { interviewHomework, interviews } from '../../db/schema';
import type { Visibility } from '~/domain/codes';

// Every query is scoped by team and by the visibilities the viewer may read, so a forgotten
// check in a route still cannot return another team's interview or a confidential one.

export async function listInterviews(teamId: number, visibilities: Visibility[]) {
  if (visibilities.length === 0) return [];
  return getDb()
    .select({
      id: interviews.id,
      interviewedOn: interviews.interviewedOn,
      interviewee: interviews.interviewee,
      roleCategory: interviews.roleCategory,
      visibility: interviews.visibility,
    })
    .from(interviews)
    .where(and(eq(interviews.teamId, teamId), inArray(interviews.visibility, visibilities), isNull(interviews.archivedAt)))
    .orderBy(desc(interviews.interviewedOn), desc(interviews.id));
}

export async function getInterview(teamId: number, interviewId: number, visibilities: Visibility[]) {
  if (visibilities.length === 0) return undefined;
  const [interview] = await getDb()
    .select()
    .from(interviews)
    .where(
      and(
        eq(interviews.teamId, teamId),
        eq(interviews.id, interviewId),
        inArray(interviews.visibility, visibilities),
        isNull(interviews.archivedAt),
      ),
    );
  if (!interview) return undefined;
  const homework = await getDb()
    .select()
    .from(interviewHomework)
    .where(and(eq(interviewHomework.teamId, teamId), eq(interviewHomework.interviewId, interviewId)))
    .orderBy(asc(interviewHomework.position), asc(interviewHomework.id));
  return { ...interview, homework };
}
