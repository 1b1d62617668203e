import { and, eq } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { sheets, sheetVersions, studySessions } from '../../db/schema';
import type { SheetContent } from '~/domain/sheet';
import { withoutEvidence } from '~/domain/sheet-fields';
import { recordAudit, type AuditActor } from './audit.server';
import { previousGenerationFinal } from './sheets.server';
import { now } from '~/utils/clock';

// Writing the sheet. A save names the version it was based on and moves the counter with a
// conditional UPDATE: on a stale base it changes no row, so nothing is overwritten (409). This
// behaves the same on PGlite (one connection) and on Postgres (row lock, then re-check).

export type SaveInput = { baseVersion: number; content: SheetContent; message: string; restoredFromVersion?: number | null };
export type SaveOutcome = { kind: 'saved'; version: number } | { kind: 'stale' };

async function bump(tx: Db, teamId: number, baseVersion: number) {
  if (baseVersion === 0) {
    // The first save creates the sheet; a concurrent first save finds it and then fails the update.
    await tx.insert(sheets).values({ teamId, currentVersion: 0 }).onConflictDoNothing();
  }
  const [row] = await tx
    .update(sheets)
    .set({ currentVersion: baseVersion + 1, updatedAt: now() })
    .where(and(eq(sheets.teamId, teamId), eq(sheets.currentVersion, baseVersion)))
    .returning({ id: sheets.id });
  return row;
}

export async function saveSheetVersion(actor: AuditActor, teamId: number, input: SaveInput): Promise<SaveOutcome> {
  return transaction(async (tx) => {
    const sheet = await bump(tx, teamId, input.baseVersion);
    if (!sheet) return { kind: 'stale' } as const;
    const version = input.baseVersion + 1;
    const [row] = await tx
      .insert(sheetVersions)
      .values({
        sheetId: sheet.id,
        version,
        content: input.content,
        message: input.message,
        restoredFromVersion: input.restoredFromVersion ?? null,
        authorUserId: actor.userId,
      })
      .returning({ id: sheetVersions.id });
    await recordAudit(tx, actor, {
      action: input.restoredFromVersion ? 'restore' : 'create',
      entityType: 'sheet_version',
      entityId: row!.id,
      detail: { teamId, version, baseVersion: input.baseVersion, restoredFromVersion: input.restoredFromVersion ?? undefined },
    });
    return { kind: 'saved', version } as const;
  });
}

/** Marks a version as a session submission (第4回提出版); the content stays untouched. */
export async function tagSheetVersion(
  actor: AuditActor,
  team: { id: number; fiscalYear: number },
  input: { version: number; tag: string; sessionId?: number },
) {
  return transaction(async (tx) => {
    if (input.sessionId) {
      const [session] = await tx
        .select({ id: studySessions.id })
        .from(studySessions)
        .where(and(eq(studySessions.id, input.sessionId), eq(studySessions.fiscalYear, team.fiscalYear)));
      if (!session) return 'bad-session' as const;
    }
    const [sheet] = await tx.select({ id: sheets.id }).from(sheets).where(eq(sheets.teamId, team.id));
    if (!sheet) return 'not-found' as const;
    const [row] = await tx
      .update(sheetVersions)
      .set({ tag: input.tag, sessionId: input.sessionId ?? null })
      .where(and(eq(sheetVersions.sheetId, sheet.id), eq(sheetVersions.version, input.version)))
      .returning({ id: sheetVersions.id });
    if (!row) return 'not-found' as const;
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'sheet_version',
      entityId: row.id,
      detail: { teamId: team.id, tag: input.tag, sessionId: input.sessionId },
    });
    return 'tagged' as const;
  });
}

/**
 * Starts a team's sheet from the previous generation's final version (handover). The text is
 * copied; citations are dropped because they point at the earlier team's own records.
 */
export async function startFromPreviousGeneration(actor: AuditActor, team: { id: number; municipalityId: number; fiscalYear: number }) {
  const previous = await previousGenerationFinal(team);
  if (!previous) return 'none' as const;
  const [version] = await getDb().select({ content: sheetVersions.content }).from(sheetVersions).where(eq(sheetVersions.id, previous.versionId));
  return transaction(async (tx) => {
    const [sheet] = await tx
      .insert(sheets)
      .values({ teamId: team.id, currentVersion: 1, copiedFromVersionId: previous.versionId })
      .onConflictDoNothing()
      .returning({ id: sheets.id });
    if (!sheet) return 'exists' as const;
    const [row] = await tx
      .insert(sheetVersions)
      .values({
        sheetId: sheet.id,
        version: 1,
        content: withoutEvidence(version!.content),
        message: `前の期のチームの最終版（第${previous.version}版）から引き継ぎ`,
        authorUserId: actor.userId,
      })
      .returning({ id: sheetVersions.id });
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'sheet_version',
      entityId: row!.id,
      detail: { teamId: team.id, version: 1, copiedFromVersionId: previous.versionId },
    });
    return 'started' as const;
  });
}
