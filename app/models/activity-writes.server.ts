import { and, eq, inArray, isNotNull, isNull, not, or } from 'drizzle-orm';
import { getDb, transaction } from '../../db/client';
import { activities, activityAttendees, interviews, studySessions, teamMembers } from '../../db/schema';
import type { ActivityKind, Visibility } from '~/domain/codes';
import { now } from '~/utils/clock';
import { bumpVersion } from './record-version.server';
import { recordAudit, type AuditActor } from './audit.server';

// Writes to the activity log. An interview's (a survey's) own activity is kept in step by the interview
// (survey) form (entered once, edited once), so these functions never touch it.

export type ActivityValues = {
  kind: ActivityKind;
  occurredOn: string;
  startsAt: string | null;
  durationMinutes: number;
  title: string;
  guests: string;
  notes: string;
  sessionId: number | null;
  interviewId: number | null;
  attendeeIds: number[];
};

type TeamScope = { id: number; fiscalYear: number };

const notOwnInterview = and(or(not(eq(activities.kind, 'interview')), isNull(activities.interviewId)), isNull(activities.surveyId))!;

/** Field errors for links outside the team: attendees, a session of another year, an unseen interview. */
export async function checkLinks(team: TeamScope, values: Pick<ActivityValues, 'attendeeIds' | 'sessionId' | 'interviewId'>, visibilities: Visibility[]) {
  const errors: Record<string, string[]> = {};
  const db = getDb();
  if (values.attendeeIds.length) {
    const found = await db
      .select({ personId: teamMembers.personId })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), inArray(teamMembers.personId, values.attendeeIds), isNull(teamMembers.archivedAt)));
    if (found.length !== new Set(values.attendeeIds).size) errors.attendeeIds = ['参加者はチームのメンバーから選んでください'];
  }
  if (values.sessionId) {
    const [session] = await db
      .select({ id: studySessions.id })
      .from(studySessions)
      .where(and(eq(studySessions.id, values.sessionId), eq(studySessions.fiscalYear, team.fiscalYear), isNull(studySessions.archivedAt)));
    if (!session) errors.sessionId = ['この年度の研究会から選んでください'];
  }
  if (values.interviewId) {
    const [interview] = visibilities.length
      ? await db
          .select({ id: interviews.id })
          .from(interviews)
          .where(
            and(
              eq(interviews.teamId, team.id),
              eq(interviews.id, values.interviewId),
              inArray(interviews.visibility, visibilities),
              isNull(interviews.archivedAt),
            ),
          )
      : [];
    if (!interview) errors.interviewId = ['このチームのインタビューから選んでください'];
  }
  return Object.keys(errors).length ? errors : null;
}

function columnsOf({ attendeeIds: _, ...values }: ActivityValues) {
  return values;
}

export async function createActivity(actor: AuditActor, team: TeamScope, values: ActivityValues) {
  return transaction(async (tx) => {
    const [row] = await tx
      .insert(activities)
      .values({ ...columnsOf(values), teamId: team.id, createdByUserId: actor.userId })
      .returning({ id: activities.id });
    if (values.attendeeIds.length) {
      await tx.insert(activityAttendees).values([...new Set(values.attendeeIds)].map((personId) => ({ activityId: row!.id, personId })));
    }
    await recordAudit(tx, actor, { action: 'create', entityType: 'activity', entityId: row!.id, detail: { teamId: team.id, kind: values.kind } });
    return row!.id;
  });
}

/**
 * Saves an entry edited from `baseVersion`: 'stale' when someone saved it since (nothing written),
 * 'missing' when there is no such editable entry of the team.
 */
export async function updateActivity(actor: AuditActor, teamId: number, activityId: number, values: ActivityValues, baseVersion: number) {
  return transaction(async (tx) => {
    const scope = and(eq(activities.teamId, teamId), eq(activities.id, activityId), isNull(activities.archivedAt), notOwnInterview);
    const bump = await bumpVersion(tx, activities, scope, baseVersion);
    if (bump.kind !== 'bumped') return bump;
    await tx.update(activities).set(columnsOf(values)).where(scope);
    // The attendees are part of the entry, written from the version the person saw: replaced as a set.
    await tx.delete(activityAttendees).where(eq(activityAttendees.activityId, activityId));
    if (values.attendeeIds.length) {
      await tx.insert(activityAttendees).values([...new Set(values.attendeeIds)].map((personId) => ({ activityId, personId })));
    }
    await recordAudit(tx, actor, { action: 'update', entityType: 'activity', entityId: activityId, detail: { teamId } });
    return bump;
  });
}

/** Archives (deletes, restorably) or restores an entry; false when there is nothing to change. */
export async function setActivityArchived(actor: AuditActor, teamId: number, activityId: number, archive: boolean) {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(activities)
      .set({ archivedAt: archive ? now() : null, updatedAt: now() })
      .where(
        and(
          eq(activities.teamId, teamId),
          eq(activities.id, activityId),
          archive ? isNull(activities.archivedAt) : isNotNull(activities.archivedAt),
          notOwnInterview,
        ),
      )
      .returning({ id: activities.id });
    if (!row) return false;
    await recordAudit(tx, actor, { action: archive ? 'archive' : 'restore', entityType: 'activity', entityId: row.id, detail: { teamId } });
    return true;
  });
}
