import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { preAssignments, studySessions } from '../../db/schema';
import { sessionKinds, type SessionKind } from '~/domain/codes';
import { recordAudit, type AuditActor } from './audit.server';
import { InputError } from './input-error.server';
import { bumpVersion, type Bump } from './record-version.server';
import { now } from '~/utils/clock';

export type SessionInput = {
  kind: SessionKind;
  number: number;
  startsOn: string;
  endsOn?: string;
  isOnline: boolean;
  venue: string;
  agenda: string;
};

/** The year's sessions by date, each with its (at most one live) pre-assignment. */
export async function listSessionsOfYear(fiscalYear: number) {
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
      preAssignmentId: preAssignments.id,
      preAssignmentTitle: preAssignments.title,
      dueOn: preAssignments.dueOn,
    })
    .from(studySessions)
    .leftJoin(preAssignments, and(eq(preAssignments.sessionId, studySessions.id), isNull(preAssignments.archivedAt)))
    .where(and(eq(studySessions.fiscalYear, fiscalYear), isNull(studySessions.archivedAt)))
    .orderBy(asc(studySessions.startsOn), asc(studySessions.id));
  return rows;
}

/** Scoped: the session only if it belongs to this year. */
export async function getSessionOfYear(fiscalYear: number, sessionId: number) {
  const [session] = await getDb()
    .select()
    .from(studySessions)
    .where(and(eq(studySessions.id, sessionId), eq(studySessions.fiscalYear, fiscalYear)));
  if (!session) return undefined;
  const [preAssignment] = await getDb()
    .select()
    .from(preAssignments)
    .where(and(eq(preAssignments.sessionId, sessionId), isNull(preAssignments.archivedAt)));
  return { session, preAssignment: preAssignment ?? null };
}

async function assertNumberFree(tx: Db, fiscalYear: number, input: SessionInput, exceptId?: number) {
  const [taken] = await tx
    .select({ id: studySessions.id })
    .from(studySessions)
    .where(
      and(
        eq(studySessions.fiscalYear, fiscalYear),
        eq(studySessions.kind, input.kind),
        eq(studySessions.number, input.number),
        exceptId ? ne(studySessions.id, exceptId) : undefined,
      ),
    );
  if (taken) throw new InputError('number', `この年度の${sessionKinds.label[input.kind]} 第${input.number}回はすでにあります`);
}

async function assertDueStillBefore(tx: Db, sessionId: number, startsOn: string) {
  const [late] = await tx
    .select({ dueOn: preAssignments.dueOn })
    .from(preAssignments)
    .where(and(eq(preAssignments.sessionId, sessionId), isNull(preAssignments.archivedAt)));
  if (late && late.dueOn > startsOn) {
    throw new InputError('startsOn', `事前課題の提出期限（${late.dueOn.replaceAll('-', '/')}）より前には動かせません。先に提出期限を変えてください`);
  }
}

export async function createSession(actor: AuditActor, fiscalYear: number, input: SessionInput) {
  return transaction(async (tx) => {
    await assertNumberFree(tx, fiscalYear, input);
    const [row] = await tx
      .insert(studySessions)
      .values({ ...input, endsOn: input.endsOn ?? null, fiscalYear })
      .returning({ id: studySessions.id });
    await recordAudit(tx, actor, { action: 'create', entityType: 'study_session', entityId: row!.id, detail: { fiscalYear } });
    return row!.id;
  });
}

/** Saves a session's date, venue and agenda from `baseVersion` (app/models/record-version.server.ts). */
export async function updateSession(actor: AuditActor, fiscalYear: number, sessionId: number, input: SessionInput, baseVersion: number): Promise<Bump> {
  return transaction(async (tx) => {
    const scope = and(eq(studySessions.id, sessionId), eq(studySessions.fiscalYear, fiscalYear));
    const bump = await bumpVersion(tx, studySessions, scope, baseVersion);
    if (bump.kind !== 'bumped') return bump;
    await assertNumberFree(tx, fiscalYear, input, sessionId);
    await assertDueStillBefore(tx, sessionId, input.startsOn);
    await tx
      .update(studySessions)
      .set({ ...input, endsOn: input.endsOn ?? null })
      .where(scope);
    await recordAudit(tx, actor, { action: 'update', entityType: 'study_session', entityId: sessionId });
    return bump;
  });
}

export async function setSessionArchived(actor: AuditActor, fiscalYear: number, sessionId: number, archived: boolean) {
  await transaction(async (tx) => {
    await tx
      .update(studySessions)
      .set({ archivedAt: archived ? now() : null, updatedAt: now() })
      .where(and(eq(studySessions.id, sessionId), eq(studySessions.fiscalYear, fiscalYear)));
    await recordAudit(tx, actor, { action: archived ? 'archive' : 'restore', entityType: 'study_session', entityId: sessionId });
  });
}

/**
 * Sets the session's pre-assignment from `baseVersion` (0: the form showed none), creating it the first
 * time (app/models/record-version.server.ts). A save over one withdrawn meanwhile keeps its text as a new one.
 */
export async function savePreAssignment(
  actor: AuditActor,
  sessionId: number,
  input: { title: string; description: string; dueOn: string },
  baseVersion: number,
): Promise<Bump> {
  return transaction(async (tx) => {
    // One save per session at a time, so two first saves cannot both create one.
    await tx.execute(sql`select id from study_sessions where id = ${sessionId} for update`);
    const [current] = await tx
      .select({ id: preAssignments.id })
      .from(preAssignments)
      .where(and(eq(preAssignments.sessionId, sessionId), isNull(preAssignments.archivedAt)));
    if (current) {
      const bump = await bumpVersion(tx, preAssignments, eq(preAssignments.id, current.id), baseVersion);
      if (bump.kind !== 'bumped') return bump;
      await tx.update(preAssignments).set(input).where(eq(preAssignments.id, current.id));
      await recordAudit(tx, actor, { action: 'update', entityType: 'pre_assignment', entityId: current.id, detail: { sessionId } });
      return bump;
    }
    // Versions continue across the session's pre-assignments (db/schema/program.ts).
    const { last } = (
      await tx
        .select({ last: sql<number>`coalesce(max(${preAssignments.version}), 0)`.mapWith(Number) })
        .from(preAssignments)
        .where(eq(preAssignments.sessionId, sessionId))
    )[0]!;
    const [row] = await tx
      .insert(preAssignments)
      .values({ ...input, sessionId, version: last + 1 })
      .returning({ id: preAssignments.id, version: preAssignments.version });
    await recordAudit(tx, actor, { action: 'create', entityType: 'pre_assignment', entityId: row!.id, detail: { sessionId } });
    return { kind: 'bumped', version: row!.version };
  });
}

/** Removing a pre-assignment archives it: submissions already made stay. */
export async function archivePreAssignment(actor: AuditActor, sessionId: number) {
  await transaction(async (tx) => {
    const rows = await tx
      .update(preAssignments)
      .set({ archivedAt: now() })
      .where(and(eq(preAssignments.sessionId, sessionId), isNull(preAssignments.archivedAt)))
      .returning({ id: preAssignments.id });
    for (const row of rows) await recordAudit(tx, actor, { action: 'archive', entityType: 'pre_assignment', entityId: row.id });
  });
}
