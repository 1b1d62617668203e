import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, ne, notInArray, sql } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { activities, interviewHomework, interviews, municipalities, teams } from '../../db/schema';
import type { MunicipalityKind, Visibility } from '~/domain/codes';
import { homeworkDeadline } from '~/domain/homework';
import { interviewActivityTitle } from '~/domain/interviews';
import { recordAudit, type AuditActor } from '~/models/audit.server';
import { bumpVersion } from '~/models/record-version.server';
import { interviewSchema, type HomeworkRowInput, type InterviewInput } from '~/schemas/interview';
import { now } from '~/utils/clock';

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
    .where(and(eq(interviews.teamId, teamId), eq(interviews.id, interviewId), inArray(interviews.visibility, visibilities), isNull(interviews.archivedAt)));
  if (!interview) return undefined;
  const homework = await getDb()
    .select()
    .from(interviewHomework)
    .where(and(eq(interviewHomework.teamId, teamId), eq(interviewHomework.interviewId, interviewId)))
    .orderBy(asc(interviewHomework.position), asc(interviewHomework.id));
  return { ...interview.interview, durationMinutes: interview.durationMinutes, homework };
}

/** 宿題 not yet done, across the interviews this viewer may read. */
async function listOpenHomework(teamId: number, visibilities: Visibility[]) {
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

/**
 * The team's open 宿題 the viewer may read, each with where it stands against its due date, and the
 * figure of those past it: the ones listed, and the ones in interviews the viewer may not read, which
 * are only counted (their text never leaves the database). 概要, the インタビュー page and /hr all ask
 * this, so they give one figure.
 */
export async function openHomework(teamId: number, visibilities: Visibility[], today: string) {
  const [open, [unread]] = await Promise.all([
    listOpenHomework(teamId, visibilities),
    getDb()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(interviewHomework)
      .innerJoin(interviews, and(eq(interviews.id, interviewHomework.interviewId), eq(interviews.teamId, interviewHomework.teamId)))
      .where(
        and(
          eq(interviewHomework.teamId, teamId),
          ne(interviewHomework.status, 'done'),
          lt(interviewHomework.dueOn, today),
          isNull(interviews.archivedAt),
          visibilities.length ? notInArray(interviews.visibility, visibilities) : undefined,
        ),
      ),
  ]);
  const items = open.map((h) => ({ ...h, deadline: homeworkDeadline(h, today) }));
  const hidden = unread?.n ?? 0;
  return { items, overdue: { total: items.filter((h) => h.deadline?.kind === 'overdue').length + hidden, hidden } };
}
export type OpenHomework = Awaited<ReturnType<typeof openHomework>>;

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

function homeworkRow(row: HomeworkRowInput) {
  return { body: row.body.trim(), status: row.status, dueOn: row.dueOn ?? null, followUp: row.followUp };
}

function homeworkValues(rows: HomeworkRowInput[]) {
  return rows.filter((row) => !row.remove && row.body.trim()).map((row, position) => ({ ...homeworkRow(row), position }));
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
    const rows = homeworkValues(input.homework).map((row) => ({ ...row, interviewId: interview!.id, teamId }));
    if (rows.length) await tx.insert(interviewHomework).values(rows);
    // Never the content: organizers read the audit log, and interview notes are confidential.
    await recordAudit(tx, actor, { action: 'create', entityType: 'interview', entityId: interview!.id, detail: { teamId, homework: rows.length } });
    return interview!.id;
  });
}

/** The inputs of the interview's own fields (the rest of the form are its 宿題 rows). */
const interviewInputs = Object.keys(interviewSchema.shape).filter((key) => key !== 'homework');

export type InterviewSave = {
  /** The interview's version the form showed. */
  baseVersion: number;
  /** The inputs the person changed (`_edited`), or null when the form could not tell: then all of them. */
  edited: ReadonlySet<string> | null;
};
export type InterviewSaved = { kind: 'saved' } | { kind: 'stale'; version: number } | { kind: 'missing' };

/**
 * Saves what the person changed. The interview's own fields go through the version check (a stale
 * form changes nothing and gets 'stale'); its activity follows them. 宿題 are rows: a changed row is
 * updated by its id, a row ticked 削除 is removed by its id, a new row is added, and a row the form
 * did not touch (or never showed, because a teammate added it since) is left as it is.
 */
export async function updateInterview(
  actor: AuditActor,
  teamId: number,
  interviewId: number,
  input: InterviewInput,
  save: InterviewSave,
): Promise<InterviewSaved> {
  const changed = (name: string) => save.edited === null || [...save.edited].some((n) => n === name || n.startsWith(`${name}.`));
  return transaction(async (tx) => {
    const scope = and(eq(interviews.teamId, teamId), eq(interviews.id, interviewId), isNull(interviews.archivedAt));
    const ownFields = interviewInputs.some(changed);
    if (ownFields) {
      const bump = await bumpVersion(tx, interviews, scope, save.baseVersion);
      if (bump.kind !== 'bumped') return bump;
      await tx.update(interviews).set(interviewValues(input)).where(scope);
      await syncInterviewActivity(tx, actor, teamId, interviewId, input);
    } else {
      const [exists] = await tx.select({ id: interviews.id }).from(interviews).where(scope);
      if (!exists) return { kind: 'missing' } as const;
    }

    let added = 0,
      changedRows = 0,
      removed = 0;
    for (const [i, row] of input.homework.entries()) {
      const mine = and(eq(interviewHomework.interviewId, interviewId), eq(interviewHomework.teamId, teamId), eq(interviewHomework.id, row.id ?? 0));
      if (row.id && row.remove) {
        removed += (await tx.delete(interviewHomework).where(mine).returning({ id: interviewHomework.id })).length;
        continue;
      }
      if (!row.body.trim() || (row.id && !changed(`homework[${i}]`))) continue;
      // Only the columns the person changed: a teammate's change to another column of the row stays.
      if (row.id) {
        const columns = Object.entries(homeworkRow(row)).filter(([column]) => changed(`homework[${i}].${column}`));
        if (!columns.length) continue;
        const updated = await tx
          .update(interviewHomework)
          .set({ ...Object.fromEntries(columns), updatedAt: now() })
          .where(mine)
          .returning({ id: interviewHomework.id });
        if (updated.length) {
          changedRows++;
          continue;
        }
      }
      // A new row, or one a teammate removed while this form was open: the typed text is kept as a new row.
      const [last] = await tx
        .select({ position: sql<number>`coalesce(max(${interviewHomework.position}), -1)`.mapWith(Number) })
        .from(interviewHomework)
        .where(eq(interviewHomework.interviewId, interviewId));
      await tx.insert(interviewHomework).values({ ...homeworkRow(row), position: (last?.position ?? -1) + 1, interviewId, teamId });
      added++;
    }
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'interview',
      entityId: interviewId,
      detail: { teamId, fields: ownFields, homeworkAdded: added, homeworkChanged: changedRows, homeworkRemoved: removed },
    });
    return { kind: 'saved' } as const;
  });
}

async function syncInterviewActivity(tx: Db, actor: AuditActor, teamId: number, interviewId: number, input: InterviewInput) {
  const kind = await teamMunicipalityKind(teamId, tx);
  const activity = { occurredOn: input.interviewedOn, title: interviewActivityTitle(input.roleCategory, kind), durationMinutes: input.durationMinutes ?? 0 };
  const synced = await tx
    .update(activities)
    .set({ ...activity, updatedAt: now() })
    .where(and(eq(activities.teamId, teamId), eq(activities.interviewId, interviewId), eq(activities.kind, 'interview')))
    .returning({ id: activities.id });
  if (synced.length === 0) await tx.insert(activities).values({ ...activity, teamId, kind: 'interview', interviewId, createdByUserId: actor.userId });
}

/** Archives or restores the interview together with its own activity. */
export async function setInterviewArchived(actor: AuditActor, teamId: number, interviewId: number, visibilities: Visibility[], archived: boolean) {
  if (visibilities.length === 0) return undefined;
  return transaction(async (tx) => {
    const at = archived ? now() : null;
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
