import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, transaction, qualified } from '../../db/client';
import { preAssignments, programYears, studySessions } from '../../db/schema';
import { shiftDate, yearShiftDays } from '~/domain/year-shift';
import { formatFiscalYear } from '~/utils/dates';
import { recordAudit, type AuditActor } from './audit.server';
import { InputError } from './input-error.server';
import { bumpVersion, type Bump } from './record-version.server';
import { now } from '~/utils/clock';

/** Every year, archived ones too (they can be restored), with what each holds. */
export async function listYearsForAdmin() {
  return getDb()
    .select({
      fiscalYear: programYears.fiscalYear,
      theme: programYears.theme,
      archivedAt: programYears.archivedAt,
      sessionCount:
        sql<number>`(select count(*) from study_sessions s where s.fiscal_year = ${qualified(programYears.fiscalYear)} and s.archived_at is null)`.mapWith(
          Number,
        ),
      teamCount: sql<number>`(select count(*) from teams t where t.fiscal_year = ${qualified(programYears.fiscalYear)} and t.archived_at is null)`.mapWith(
        Number,
      ),
    })
    .from(programYears)
    .orderBy(desc(programYears.fiscalYear));
}

export async function getActiveYear(fiscalYear: number) {
  const [year] = await getDb()
    .select()
    .from(programYears)
    .where(and(eq(programYears.fiscalYear, fiscalYear), isNull(programYears.archivedAt)));
  return year;
}

/**
 * Creates a year; with `copyFrom`, its sessions and pre-assignments come along, each moved to the
 * same weekday in the new year (teams and groups are not copied: they change every year).
 */
export async function createYear(actor: AuditActor, input: { fiscalYear: number; theme: string; copyFrom?: number }) {
  return transaction(async (tx) => {
    const [existing] = await tx.select({ fy: programYears.fiscalYear }).from(programYears).where(eq(programYears.fiscalYear, input.fiscalYear));
    if (existing) throw new InputError('fiscalYear', `${formatFiscalYear(input.fiscalYear)}はすでに登録されています（アーカイブ済みなら一覧から元に戻せます）`);
    await tx.insert(programYears).values({ fiscalYear: input.fiscalYear, theme: input.theme });
    let copied = 0;
    if (input.copyFrom !== undefined) {
      const [from] = await tx.select({ fy: programYears.fiscalYear }).from(programYears).where(eq(programYears.fiscalYear, input.copyFrom));
      if (!from) throw new InputError('copyPrevious', `${formatFiscalYear(input.copyFrom)}が登録されていないため、構成をコピーできません`);
      const sessions = await tx
        .select()
        .from(studySessions)
        .where(and(eq(studySessions.fiscalYear, input.copyFrom), isNull(studySessions.archivedAt)))
        .orderBy(asc(studySessions.startsOn));
      for (const s of sessions) {
        const days = yearShiftDays(s.startsOn, s.endsOn, input.fiscalYear);
        const [created] = await tx
          .insert(studySessions)
          .values({
            fiscalYear: input.fiscalYear,
            kind: s.kind,
            number: s.number,
            venue: s.venue,
            isOnline: s.isOnline,
            agenda: s.agenda,
            startsOn: shiftDate(s.startsOn, days),
            endsOn: s.endsOn ? shiftDate(s.endsOn, days) : null,
          })
          .returning({ id: studySessions.id });
        const assignments = await tx
          .select()
          .from(preAssignments)
          .where(and(eq(preAssignments.sessionId, s.id), isNull(preAssignments.archivedAt)));
        for (const a of assignments) {
          await tx.insert(preAssignments).values({ sessionId: created!.id, title: a.title, description: a.description, dueOn: shiftDate(a.dueOn, days) });
        }
        copied++;
      }
    }
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'program_year',
      entityId: input.fiscalYear,
      detail: { copyFrom: input.copyFrom ?? null, sessions: copied },
    });
    return { copied };
  });
}

/** Saves the year's 統一テーマ from `baseVersion` (app/models/record-version.server.ts). */
export async function updateTheme(actor: AuditActor, fiscalYear: number, theme: string, baseVersion: number): Promise<Bump> {
  return transaction(async (tx) => {
    const scope = and(eq(programYears.fiscalYear, fiscalYear), isNull(programYears.archivedAt));
    const bump = await bumpVersion(tx, programYears, scope, baseVersion);
    if (bump.kind !== 'bumped') return bump;
    await tx.update(programYears).set({ theme }).where(scope);
    await recordAudit(tx, actor, { action: 'update', entityType: 'program_year', entityId: fiscalYear, detail: { theme } });
    return bump;
  });
}

/** Archiving hides a year from every list; its sessions, teams and records stay untouched. */
export async function setYearArchived(actor: AuditActor, fiscalYear: number, archived: boolean) {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(programYears)
      .set({ archivedAt: archived ? now() : null, updatedAt: now() })
      .where(eq(programYears.fiscalYear, fiscalYear))
      .returning({ fiscalYear: programYears.fiscalYear });
    if (row) await recordAudit(tx, actor, { action: archived ? 'archive' : 'restore', entityType: 'program_year', entityId: fiscalYear });
    return Boolean(row);
  });
}
