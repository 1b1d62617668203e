import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb, transaction } from '../../db/client';
import { municipalities, preAssignments, preAssignmentSubmissions, studySessions, teams } from '../../db/schema';
import { sessionKinds } from '~/domain/codes';
import { inPlaceOrder } from '~/domain/place-order';
import { statusOf, type SubmissionStatus } from '~/domain/submission-status';
import { recordAudit, type AuditActor } from './audit.server';
import { InputError } from './input-error.server';
import { now } from '~/utils/clock';

/** The year's live pre-assignments, in session order. */
export async function listPreAssignmentsOfYear(fiscalYear: number) {
  const rows = await getDb()
    .select({
      id: preAssignments.id,
      title: preAssignments.title,
      description: preAssignments.description,
      dueOn: preAssignments.dueOn,
      sessionKind: studySessions.kind,
      sessionNumber: studySessions.number,
      sessionStartsOn: studySessions.startsOn,
    })
    .from(preAssignments)
    .innerJoin(studySessions, eq(studySessions.id, preAssignments.sessionId))
    .where(and(eq(studySessions.fiscalYear, fiscalYear), isNull(studySessions.archivedAt), isNull(preAssignments.archivedAt)))
    .orderBy(asc(preAssignments.dueOn), asc(preAssignments.id));
  return rows.map((r) => ({ ...r, sessionLabel: `${sessionKinds.label[r.sessionKind]} 第${r.sessionNumber}回` }));
}

/** A team's pre-assignments with its own submission of each (scoped by team). */
export async function listTeamPreAssignments(teamId: number, fiscalYear: number) {
  const assignments = await listPreAssignmentsOfYear(fiscalYear);
  const submissions = assignments.length
    ? await getDb()
        .select()
        .from(preAssignmentSubmissions)
        .where(
          and(
            eq(preAssignmentSubmissions.teamId, teamId),
            inArray(
              preAssignmentSubmissions.preAssignmentId,
              assignments.map((a) => a.id),
            ),
          ),
        )
    : [];
  return assignments.map((a) => {
    const s = submissions.find((x) => x.preAssignmentId === a.id) ?? null;
    return {
      ...a,
      submission: s ? { submittedOn: s.submittedOn, note: s.note, url: s.url } : null,
      status: statusOf(a.dueOn, s?.submittedOn ?? null),
    };
  });
}

/** Marks (or corrects) the team's submission of one of its year's pre-assignments. */
export async function markSubmitted(
  actor: AuditActor,
  team: { id: number; fiscalYear: number },
  personId: number,
  input: { preAssignmentId: number; submittedOn: string; note: string; url: string },
) {
  await transaction(async (tx) => {
    const [assignment] = await tx
      .select({ id: preAssignments.id })
      .from(preAssignments)
      .innerJoin(studySessions, eq(studySessions.id, preAssignments.sessionId))
      .where(and(eq(preAssignments.id, input.preAssignmentId), eq(studySessions.fiscalYear, team.fiscalYear), isNull(preAssignments.archivedAt)));
    if (!assignment) throw new InputError('preAssignmentId', 'この年度の事前課題を選んでください');
    const values = { submittedOn: input.submittedOn, note: input.note, url: input.url, submittedByPersonId: personId, updatedAt: now() };
    const [row] = await tx
      .insert(preAssignmentSubmissions)
      .values({ ...values, preAssignmentId: assignment.id, teamId: team.id })
      .onConflictDoUpdate({ target: [preAssignmentSubmissions.preAssignmentId, preAssignmentSubmissions.teamId], set: values })
      .returning({ id: preAssignmentSubmissions.id });
    await recordAudit(tx, actor, {
      action: 'submit',
      entityType: 'pre_assignment_submission',
      entityId: row!.id,
      detail: { teamId: team.id, preAssignmentId: assignment.id },
    });
  });
}

/** Teams × pre-assignments of a year, each cell with its status. */
export async function submissionMatrix(fiscalYear: number) {
  const db = getDb();
  const assignments = await listPreAssignmentsOfYear(fiscalYear);
  // In the one order of teams (app/domain/place-order.ts), as on the organizers' dashboard.
  const teamRows = inPlaceOrder(
    await db
      .select({ id: teams.id, name: municipalities.name, prefecture: municipalities.prefecture })
      .from(teams)
      .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
      .where(and(eq(teams.fiscalYear, fiscalYear), isNull(teams.archivedAt))),
    (t) => t,
  );
  const submissions = assignments.length
    ? await db
        .select({
          teamId: preAssignmentSubmissions.teamId,
          preAssignmentId: preAssignmentSubmissions.preAssignmentId,
          submittedOn: preAssignmentSubmissions.submittedOn,
        })
        .from(preAssignmentSubmissions)
        .where(
          inArray(
            preAssignmentSubmissions.preAssignmentId,
            assignments.map((a) => a.id),
          ),
        )
    : [];
  const rows = teamRows.map((t) => ({
    ...t,
    cells: assignments.map((a) => {
      const submittedOn = submissions.find((s) => s.teamId === t.id && s.preAssignmentId === a.id)?.submittedOn ?? null;
      return { preAssignmentId: a.id, submittedOn, status: statusOf(a.dueOn, submittedOn) };
    }),
  }));
  return { assignments, rows };
}
export type SubmissionMatrix = Awaited<ReturnType<typeof submissionMatrix>>;

/** The matrix narrowed by the page's filters: a name, a pre-assignment, a status. */
export function filterMatrix(matrix: SubmissionMatrix, filter: { q: string; preAssignmentId: number | null; status: SubmissionStatus | null }) {
  const q = filter.q.trim();
  const rows = matrix.rows.filter((row) => {
    if (q && !`${row.prefecture}${row.name}`.includes(q)) return false;
    if (!filter.status) return true;
    const cells = filter.preAssignmentId ? row.cells.filter((c) => c.preAssignmentId === filter.preAssignmentId) : row.cells;
    return cells.some((c) => c.status === filter.status);
  });
  const assignments = filter.preAssignmentId ? matrix.assignments.filter((a) => a.id === filter.preAssignmentId) : matrix.assignments;
  const ids = new Set(assignments.map((a) => a.id));
  return { assignments, rows: rows.map((r) => ({ ...r, cells: r.cells.filter((c) => ids.has(c.preAssignmentId)) })) };
}

export function readMatrixFilter(url: URL) {
  const status = url.searchParams.get('status');
  const pa = Number(url.searchParams.get('pa'));
  return {
    q: (url.searchParams.get('q') ?? '').slice(0, 50),
    preAssignmentId: Number.isInteger(pa) && pa > 0 ? pa : null,
    status: status === 'submitted' || status === 'late' || status === 'missing' ? status : null,
  } as const;
}
