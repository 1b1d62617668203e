import { and, asc, desc, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { activities, interviewHomework, interviews, municipalities, teams } from '../../db/schema';
import type { MunicipalityKind, Visibility } from '~/domain/codes';
import { interviewActivityTitle } from '~/domain/interviews';
import { recordAudit, type AuditActor } from '~/models/audit.server';
import type { HomeworkRowInput, InterviewInput } from '~/schemas/interview';

// Every query is scoped by team and by the visibilities the viewer may read, so a forgotten
// check in a route still cannot return another team's interview or a confidential one.

const summary = {
  id: interviews.id,
  interviewedOn: interviews.interviewedOn,
  interviewee: interviews.interviewee,
  roleCategory: interviews.roleCategory,
  visibility: interviews.visibility,
};

export async function listInterviews(teamId: number, visibilities: Visibility[]) {
  if (visibilities.length === 0) return [];
  return getDb()
    .select(summary)
    .from(interviews)
    .where(and(eq(interviews.teamId, teamId), inArray(interviews.visibility, visibilities), isNull(interviews.archivedAt)))
    .orderBy(desc(interviews.interviewedOn), desc(interviews.id));
}

/** Archived interviews, for the members who may restore them. */
export async function listArchivedInterviews(teamId: number, visibilities: Visibility[]) {
  if (visibilities.length === 0) return [];
  return getDb()
    .select({ ...summary, archivedAt: interviews.archivedAt })
    .from(interviews)
    .where(and(eq(interviews.teamId, teamId), inArray(interviews.visibility, visibilities), isNotNull(interviews.archivedAt)))
    .orderBy(desc(interviews.archivedAt));
}

export async function getInterview(teamId: number, interviewId: number, visibilities: Visibility[]) {
  if (visibilities.length === 0) return undefined;
  const [interview] = await getDb()
    .select({ interview: interviews, durationMinutes: activities.durationMinutes })
    .from(interviews)
    .leftJoin(activities, and(eq(activities.interviewId, interviews.id), eq(activities.kind, 'interview')))
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
  return { ...interview.interview, durationMinutes: interview.durationMinutes, homework };
}

/** 宿題 not yet done, across the interviews this viewer may read. */
export async function listOpenHomework(teamId: number, visibilities: Visibility[]) {
  if (visibilities.length === 0) return [];
  return getDb()
    .select({
      id: interviewHomework.id,
      body: interviewHomework.body,
      status: interviewHomework.status,
      dueOn: interviewHomework.dueOn,
      interviewId: interviews.id,
      interviewee: interviews.interviewee,
    })
    .from(interviewHomework)
    .innerJoin(interviews, and(eq(interviews.id, interviewHomework.interviewId), eq(interviews.teamId, interviewHomework.teamId)))
    .where(
      and(
        eq(interviewHomework.teamId, teamId),
        ne(interviewHomework.status, 'done'),
        inArray(interviews.visibility, visibilities),
        isNull(interviews.archivedAt),
      ),
    )
    .orderBy(asc(interviewHomework.dueOn), asc(interviews.interviewedOn), asc(interviewHomework.position));
}

export async function teamMunicipalityKind(teamId: number, db: Db = getDb()): Promise<MunicipalityKind | null> {
  const [row] = await db
    .select({ kind: municipalities.kind })
    .from(teams)
    .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
    .where(eq(teams.id, teamId));
  return (row?.kind as MunicipalityKind | undefined) ?? null;
}

function interviewValues(input: InterviewInput) {
  const { homework: _h, durationMinutes: _d, ...values } = input;
  return values;
}

function homeworkValues(rows: HomeworkRowInput[]) {
  return rows
    .filter((row) => !row.remove && row.body.trim())
    .map((row, position) => ({ id: row.id, position, body: row.body.trim(), status: row.status, dueOn: row.dueOn ?? null, followUp: row.followUp }));
}

/**
 * Entered once: the interview, its 宿題 and its own activity in the log (kind 'interview') land
 * together with the audit entry, or not at all.
 */
export async function createInterview(actor: AuditActor, teamId: number, input: InterviewInput) {
  return transaction(async (tx) => {
    const [interview] = await tx
      .insert(interviews)
      .values({ ...interviewValues(input), teamId, createdByUserId: actor.userId })
      .returning({ id: interviews.id });
    const kind = await teamMunicipalityKind(teamId, tx);
    await tx.insert(activities).values({
      teamId,
      kind: 'interview',
      interviewId: interview!.id,
      occurredOn: input.interviewedOn,
      title: interviewActivityTitle(input.roleCategory, kind),
      durationMinutes: input.durationMinutes ?? 0,
      createdByUserId: actor.userId,
    });
    const rows = homeworkValues(input.homework).map(({ id: _, ...row }) => ({ ...row, interviewId: interview!.id, teamId }));
    if (rows.length) await tx.insert(interviewHomework).values(rows);
    // Never the content: organizers read the audit log, and interview notes are confidential.
    await recordAudit(tx, actor, { action: 'create', entityType: 'interview', entityId: interview!.id, detail: { teamId, homework: rows.length } });
    return interview!.id;
  });
}

/** Saves the interview and keeps its activity and 宿題 in step. Undefined when it is not found. */
export async function updateInterview(actor: AuditActor, teamId: number, interviewId: number, input: InterviewInput) {
  return transaction(async (tx) => {
    const [updated] = await tx
      .update(interviews)
      .set({ ...interviewValues(input), updatedAt: new Date() })
      .where(and(eq(interviews.teamId, teamId), eq(interviews.id, interviewId), isNull(interviews.archivedAt)))
      .returning({ id: interviews.id });
    if (!updated) return undefined;
    const kind = await teamMunicipalityKind(teamId, tx);
    const activity = {
      occurredOn: input.interviewedOn,
      title: interviewActivityTitle(input.roleCategory, kind),
      durationMinutes: input.durationMinutes ?? 0,
    };
    const synced = await tx
      .update(activities)
      .set({ ...activity, updatedAt: new Date() })
      .where(and(eq(activities.teamId, teamId), eq(activities.interviewId, interviewId), eq(activities.kind, 'interview')))
      .returning({ id: activities.id });
    if (synced.length === 0) {
      await tx.insert(activities).values({ ...activity, teamId, kind: 'interview', interviewId, createdByUserId: actor.userId });
    }
    const existing = await tx
      .select({ id: interviewHomework.id })
      .from(interviewHomework)
      .where(and(eq(interviewHomework.teamId, teamId), eq(interviewHomework.interviewId, interviewId)));
    const known = new Set(existing.map((h) => h.id));
    const kept = homeworkValues(input.homework);
    const keptIds = new Set(kept.flatMap((h) => (h.id && known.has(h.id) ? [h.id] : [])));
    // 宿題 rows are parts of the interview record: removing one is an edit of the interview.
    const removed = [...known].filter((id) => !keptIds.has(id));
    if (removed.length) {
      await tx.delete(interviewHomework).where(and(eq(interviewHomework.interviewId, interviewId), inArray(interviewHomework.id, removed)));
    }
    for (const { id, ...row } of kept) {
      if (id && keptIds.has(id)) {
        await tx.update(interviewHomework).set({ ...row, updatedAt: new Date() }).where(and(eq(interviewHomework.id, id), eq(interviewHomework.interviewId, interviewId)));
      } else {
        await tx.insert(interviewHomework).values({ ...row, interviewId, teamId });
      }
    }
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'interview',
      entityId: interviewId,
      detail: { teamId, homework: kept.length, homeworkRemoved: removed.length },
    });
    return interviewId;
  });
}

/** Archives or restores the interview together with its own activity. */
export async function setInterviewArchived(actor: AuditActor, teamId: number, interviewId: number, visibilities: Visibility[], archived: boolean) {
  if (visibilities.length === 0) return undefined;
  return transaction(async (tx) => {
    const at = archived ? new Date() : null;
    const [row] = await tx
      .update(interviews)
      .set({ archivedAt: at })
      .where(
        and(
          eq(interviews.teamId, teamId),
          eq(interviews.id, interviewId),
          inArray(interviews.visibility, visibilities),
          archived ? isNull(interviews.archivedAt) : isNotNull(interviews.archivedAt),
        ),
      )
      .returning({ id: interviews.id });
    if (!row) return undefined;
    await tx
      .update(activities)
      .set({ archivedAt: at })
      .where(and(eq(activities.teamId, teamId), eq(activities.interviewId, interviewId), eq(activities.kind, 'interview')));
    await recordAudit(tx, actor, { action: archived ? 'archive' : 'restore', entityType: 'interview', entityId: interviewId, detail: { teamId } });
    return row.id;
  });
}

/** Everything the viewer may read, with its 宿題, for the CSV export. */
export async function exportInterviews(teamId: number, visibilities: Visibility[]) {
  if (visibilities.length === 0) return [];
  const rows = await getDb()
    .select({ interview: interviews, durationMinutes: activities.durationMinutes })
    .from(interviews)
    .leftJoin(activities, and(eq(activities.interviewId, interviews.id), eq(activities.kind, 'interview')))
    .where(and(eq(interviews.teamId, teamId), inArray(interviews.visibility, visibilities), isNull(interviews.archivedAt)))
    .orderBy(asc(interviews.interviewedOn), asc(interviews.id));
  const ids = rows.map((r) => r.interview.id);
  const homework = ids.length
    ? await getDb()
        .select()
        .from(interviewHomework)
        .where(and(eq(interviewHomework.teamId, teamId), inArray(interviewHomework.interviewId, ids)))
        .orderBy(asc(interviewHomework.position), asc(interviewHomework.id))
    : [];
  return rows.map((r) => ({
    ...r.interview,
    durationMinutes: r.durationMinutes,
    homework: homework.filter((h) => h.interviewId === r.interview.id),
  }));
}
