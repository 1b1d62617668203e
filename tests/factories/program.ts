import { and, eq, max } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { municipalities, preAssignments, preAssignmentSubmissions, programYears, studySessions } from '../../db/schema';
import { addDays, currentFiscalYear, nextSeq, one } from './util';

type NewProgramYear = typeof programYears.$inferInsert;
type NewSession = typeof studySessions.$inferInsert;
type NewPreAssignment = typeof preAssignments.$inferInsert;
type NewSubmission = typeof preAssignmentSubmissions.$inferInsert;
type NewMunicipality = typeof municipalities.$inferInsert;

/** A program year; asking for a year that already exists returns the existing row. */
export async function createProgramYear(db: Db, overrides: Partial<NewProgramYear> = {}) {
  const fiscalYear = overrides.fiscalYear ?? 2100 + nextSeq();
  const [created] = await db
    .insert(programYears)
    .values({ theme: `${fiscalYear}年度の統一テーマ`, ...overrides, fiscalYear })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  return one(await db.select().from(programYears).where(eq(programYears.fiscalYear, fiscalYear)));
}

/** A 研究会 of the current fiscal year by default, numbered after the ones already there. */
export async function createSession(db: Db, overrides: Partial<NewSession> = {}) {
  const fiscalYear = overrides.fiscalYear ?? currentFiscalYear();
  await createProgramYear(db, { fiscalYear });
  const kind = overrides.kind ?? 'study';
  let number = overrides.number;
  if (number === undefined) {
    const [row] = await db
      .select({ last: max(studySessions.number) })
      .from(studySessions)
      .where(and(eq(studySessions.fiscalYear, fiscalYear), eq(studySessions.kind, kind)));
    number = (row?.last ?? 0) + 1;
  }
  return one(
    await db
      .insert(studySessions)
      .values({
        startsOn: addDays(`${fiscalYear}-04-20`, ((number - 1) * 45) % 330),
        venue: 'オンライン（Zoom）',
        isOnline: true,
        agenda: `第${number}回の議題`,
        ...overrides,
        fiscalYear,
        kind,
        number,
      })
      .returning(),
  );
}

/** 事前課題, due five days before its session unless told otherwise. */
export async function createPreAssignment(db: Db, overrides: Partial<NewPreAssignment> = {}) {
  const session = overrides.sessionId ? one(await db.select().from(studySessions).where(eq(studySessions.id, overrides.sessionId))) : await createSession(db);
  return one(
    await db
      .insert(preAssignments)
      .values({
        title: `第${session.number}回事前課題`,
        description: '変革ストーリーシートを更新して提出してください。',
        dueOn: addDays(session.startsOn, -5),
        ...overrides,
        sessionId: session.id,
      })
      .returning(),
  );
}

export async function createPreAssignmentSubmission(db: Db, overrides: Partial<NewSubmission> & Pick<NewSubmission, 'preAssignmentId' | 'teamId'>) {
  const submittedOn = overrides.submittedOn ?? one(await db.select().from(preAssignments).where(eq(preAssignments.id, overrides.preAssignmentId))).dueOn;
  return one(
    await db
      .insert(preAssignmentSubmissions)
      .values({ ...overrides, submittedOn })
      .returning(),
  );
}

export async function createMunicipality(db: Db, overrides: Partial<NewMunicipality> = {}) {
  const n = nextSeq();
  return one(
    await db
      .insert(municipalities)
      .values({ name: `テスト市${n}`, prefecture: '東京都', kind: 'city', ...overrides })
      .returning(),
  );
}
