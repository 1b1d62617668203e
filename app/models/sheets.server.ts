import { and, eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { people, sheets, sheetVersions, users } from '../../db/schema';

/** The team's sheet at its current version, or undefined when the team has not started one. */
export async function getCurrentSheet(teamId: number) {
  const [row] = await getDb()
    .select({
      sheetId: sheets.id,
      version: sheetVersions.version,
      content: sheetVersions.content,
      tag: sheetVersions.tag,
      savedAt: sheetVersions.createdAt,
      authorName: people.fullName,
    })
    .from(sheets)
    .innerJoin(sheetVersions, and(eq(sheetVersions.sheetId, sheets.id), eq(sheetVersions.version, sheets.currentVersion)))
    .leftJoin(users, eq(users.id, sheetVersions.authorUserId))
    .leftJoin(people, eq(people.id, users.personId))
    .where(eq(sheets.teamId, teamId));
  return row;
}
