import { and, asc, desc, eq, isNull, lt } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { people, sheets, sheetVersions, studySessions, teams, users } from '../../db/schema';

// Reading the sheet and its versions. Every query is scoped by team: a version is found through
// the team's own sheet, so another team's version number or id finds nothing.

const versionColumns = {
  id: sheetVersions.id,
  version: sheetVersions.version,
  message: sheetVersions.message,
  tag: sheetVersions.tag,
  sessionId: sheetVersions.sessionId,
  restoredFromVersion: sheetVersions.restoredFromVersion,
  savedAt: sheetVersions.createdAt,
  authorName: people.fullName,
};

/** The team's sheet at its current version, or undefined when the team has not started one. */
export async function getCurrentSheet(teamId: number) {
  const [row] = await getDb()
    .select({ sheetId: sheets.id, copiedFromVersionId: sheets.copiedFromVersionId, content: sheetVersions.content, ...versionColumns })
    .from(sheets)
    .innerJoin(sheetVersions, and(eq(sheetVersions.sheetId, sheets.id), eq(sheetVersions.version, sheets.currentVersion)))
    .leftJoin(users, eq(users.id, sheetVersions.authorUserId))
    .leftJoin(people, eq(people.id, users.personId))
    .where(eq(sheets.teamId, teamId));
  return row;
}
export type CurrentSheet = NonNullable<Awaited<ReturnType<typeof getCurrentSheet>>>;

/** One version of the team's sheet, with its content. */
export async function getSheetVersion(teamId: number, version: number) {
  const [row] = await getDb()
    .select({ content: sheetVersions.content, ...versionColumns })
    .from(sheetVersions)
    .innerJoin(sheets, eq(sheets.id, sheetVersions.sheetId))
    .leftJoin(users, eq(users.id, sheetVersions.authorUserId))
    .leftJoin(people, eq(people.id, users.personId))
    .where(and(eq(sheets.teamId, teamId), eq(sheetVersions.version, version)));
  return row;
}
export type SheetVersion = NonNullable<Awaited<ReturnType<typeof getSheetVersion>>>;

/** Newest first, without content. */
export async function listSheetVersions(teamId: number) {
  return getDb()
    .select(versionColumns)
    .from(sheetVersions)
    .innerJoin(sheets, eq(sheets.id, sheetVersions.sheetId))
    .leftJoin(users, eq(users.id, sheetVersions.authorUserId))
    .leftJoin(people, eq(people.id, users.personId))
    .where(eq(sheets.teamId, teamId))
    .orderBy(desc(sheetVersions.version));
}

/** The sessions of the team's year, for tagging a version as a submission (第4回提出版). */
export async function sessionChoices(fiscalYear: number) {
  return getDb()
    .select({ id: studySessions.id, kind: studySessions.kind, number: studySessions.number, startsOn: studySessions.startsOn })
    .from(studySessions)
    .where(and(eq(studySessions.fiscalYear, fiscalYear), isNull(studySessions.archivedAt)))
    .orderBy(asc(studySessions.startsOn), asc(studySessions.id));
}

/**
 * The previous generation's final version: the current version of the sheet of the latest
 * earlier team of the same municipality that has one.
 */
export async function previousGenerationFinal(team: { municipalityId: number; fiscalYear: number }) {
  const [row] = await getDb()
    .select({ teamId: teams.id, fiscalYear: teams.fiscalYear, versionId: sheetVersions.id, version: sheetVersions.version, tag: sheetVersions.tag })
    .from(teams)
    .innerJoin(sheets, eq(sheets.teamId, teams.id))
    .innerJoin(sheetVersions, and(eq(sheetVersions.sheetId, sheets.id), eq(sheetVersions.version, sheets.currentVersion)))
    .where(and(eq(teams.municipalityId, team.municipalityId), lt(teams.fiscalYear, team.fiscalYear), isNull(teams.archivedAt)))
    .orderBy(desc(teams.fiscalYear))
    .limit(1);
  return row;
}

/** Where a handed-over sheet came from: the version and the team that wrote it. */
export async function copiedFrom(versionId: number) {
  const [row] = await getDb()
    .select({ teamId: teams.id, municipalityId: teams.municipalityId, fiscalYear: teams.fiscalYear, version: sheetVersions.version, tag: sheetVersions.tag })
    .from(sheetVersions)
    .innerJoin(sheets, eq(sheets.id, sheetVersions.sheetId))
    .innerJoin(teams, eq(teams.id, sheets.teamId))
    .where(eq(sheetVersions.id, versionId));
  return row;
}

/** Every version with its content, oldest first: the team's 「記録一式」 writes one document per version. */
export async function listSheetVersionsWithContent(teamId: number) {
  return getDb()
    .select({ content: sheetVersions.content, ...versionColumns })
    .from(sheetVersions)
    .innerJoin(sheets, eq(sheets.id, sheetVersions.sheetId))
    .leftJoin(users, eq(users.id, sheetVersions.authorUserId))
    .leftJoin(people, eq(people.id, users.personId))
    .where(eq(sheets.teamId, teamId))
    .orderBy(asc(sheetVersions.version));
}
