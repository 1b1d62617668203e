import { eq } from 'drizzle-orm';
import { emptySheet } from '../../app/domain/sheet';
import type { Db } from '../../db/client';
import { sheetComments, sheets, sheetVersions } from '../../db/schema';
import { createUser } from './people';
import { one } from './util';

type NewSheet = typeof sheets.$inferInsert;
type NewSheetVersion = typeof sheetVersions.$inferInsert;
type NewSheetComment = typeof sheetComments.$inferInsert;

export type VersionInput = Partial<Omit<NewSheetVersion, 'sheetId' | 'version'>>;

/**
 * A team's 変革ストーリーシート with its saved versions, numbered 1..N; current_version is N.
 * `versions` is either a count (placeholder content) or one input per version, oldest first.
 */
export async function createSheetWithVersions(
  db: Db,
  overrides: Partial<Omit<NewSheet, 'currentVersion'>> & Pick<NewSheet, 'teamId'> & { versions?: number | VersionInput[] },
) {
  const { versions: spec = 1, ...values } = overrides;
  const inputs: VersionInput[] = typeof spec === 'number' ? Array.from({ length: spec }, () => ({})) : spec;
  const sheet = one(
    await db
      .insert(sheets)
      .values({ ...values, currentVersion: inputs.length })
      .returning(),
  );
  const versions = inputs.length
    ? await db
        .insert(sheetVersions)
        .values(
          inputs.map((input, i) => ({
            content: { ...emptySheet(), currentState: `第${i + 1}版の現状` },
            message: `第${i + 1}版`,
            ...input,
            sheetId: sheet.id,
            version: i + 1,
          })),
        )
        .returning()
    : [];
  return { ...sheet, versions: versions.sort((a, b) => a.version - b.version) };
}

/** A comment on one section; without an author an invited account is made for it. */
export async function createSheetComment(db: Db, overrides: Partial<NewSheetComment> & Pick<NewSheetComment, 'sheetId'>) {
  const sheet = one(await db.select().from(sheets).where(eq(sheets.id, overrides.sheetId)));
  const authorUserId = overrides.authorUserId ?? (await createUser(db, { passwordHash: null })).id;
  return one(
    await db
      .insert(sheetComments)
      .values({
        teamId: sheet.teamId,
        section: 'focusInitiatives',
        version: Math.max(sheet.currentVersion, 1),
        body: '重点取組をもう少し絞り込んでみてはどうでしょう。',
        ...overrides,
        authorUserId,
      })
      .returning(),
  );
}
