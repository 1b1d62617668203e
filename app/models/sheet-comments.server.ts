import { and, asc, eq, isNull, isNotNull, sql } from 'drizzle-orm';
import { getDb, transaction } from '../../db/client';
import { people, sheetComments, sheets, users } from '../../db/schema';
import type { SheetSectionKey } from '~/domain/sheet';
import { recordAudit, type AuditActor } from './audit.server';
import { notify, teamUserIds } from './notifications.server';
import { now } from '~/utils/clock';

// Comments anchored to a section of the sheet, each recording the version it was made on.

export async function listSheetComments(teamId: number) {
  return getDb()
    .select({
      id: sheetComments.id,
      section: sheetComments.section,
      version: sheetComments.version,
      body: sheetComments.body,
      authorUserId: sheetComments.authorUserId,
      authorName: people.fullName,
      createdAt: sheetComments.createdAt,
      resolvedAt: sheetComments.resolvedAt,
    })
    .from(sheetComments)
    .innerJoin(users, eq(users.id, sheetComments.authorUserId))
    .innerJoin(people, eq(people.id, users.personId))
    .where(eq(sheetComments.teamId, teamId))
    .orderBy(asc(sheetComments.createdAt), asc(sheetComments.id));
}
export type SheetComment = Awaited<ReturnType<typeof listSheetComments>>[number];

/** 未解決のコメント per section, for the team's overview of what still needs an answer. */
export async function unresolvedCounts(teamId: number): Promise<Partial<Record<SheetSectionKey, number>>> {
  const rows = await getDb()
    .select({ section: sheetComments.section, n: sql<number>`count(*)`.mapWith(Number) })
    .from(sheetComments)
    .where(and(eq(sheetComments.teamId, teamId), isNull(sheetComments.resolvedAt)))
    .groupBy(sheetComments.section);
  return Object.fromEntries(rows.map((r) => [r.section, r.n]));
}

export async function addSheetComment(
  actor: AuditActor & { userId: number },
  teamId: number,
  input: { section: SheetSectionKey; body: string },
  kind: 'sheet_comment' | 'mentor_advice' = 'sheet_comment',
) {
  return transaction(async (tx) => {
    const [sheet] = await tx.select({ id: sheets.id, version: sheets.currentVersion }).from(sheets).where(eq(sheets.teamId, teamId));
    if (!sheet || sheet.version === 0) return null;
    const [row] = await tx
      .insert(sheetComments)
      .values({ sheetId: sheet.id, teamId, section: input.section, version: sheet.version, body: input.body, authorUserId: actor.userId })
      .returning({ id: sheetComments.id });
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'sheet_comment',
      entityId: row!.id,
      detail: { teamId, section: input.section, version: sheet.version, kind },
    });
    // The team hears of every comment on its sheet; a mentor's advice is announced as such.
    await notify(tx, await teamUserIds(tx, teamId, actor.userId), {
      kind,
      body:
        kind === 'mentor_advice' ? `マネ友からアドバイスが届きました: ${input.body.slice(0, 60)}` : `シートにコメントがつきました: ${input.body.slice(0, 60)}`,
      href: `/teams/${teamId}/sheet`,
    });
    return row!;
  });
}

export async function getSheetComment(teamId: number, commentId: number) {
  const [row] = await getDb()
    .select({ id: sheetComments.id, authorUserId: sheetComments.authorUserId, resolvedAt: sheetComments.resolvedAt })
    .from(sheetComments)
    .where(and(eq(sheetComments.teamId, teamId), eq(sheetComments.id, commentId)));
  return row;
}

/** Resolve or reopen; only a comment in the state it is leaving changes (a double click is a no-op). */
export async function setCommentResolved(actor: AuditActor & { userId: number }, teamId: number, commentId: number, resolved: boolean) {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(sheetComments)
      .set(resolved ? { resolvedAt: now(), resolvedByUserId: actor.userId, updatedAt: now() } : { resolvedAt: null, resolvedByUserId: null, updatedAt: now() })
      .where(
        and(
          eq(sheetComments.teamId, teamId),
          eq(sheetComments.id, commentId),
          resolved ? isNull(sheetComments.resolvedAt) : isNotNull(sheetComments.resolvedAt),
        ),
      )
      .returning({ id: sheetComments.id });
    if (row) await recordAudit(tx, actor, { action: resolved ? 'resolve' : 'reopen', entityType: 'sheet_comment', entityId: row.id, detail: { teamId } });
    return Boolean(row);
  });
}
