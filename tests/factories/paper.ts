import type { Db } from '../../db/client';
import { paperDrafts } from '../../db/schema';
import { one } from './util';

type NewPaperDraft = typeof paperDrafts.$inferInsert;

/** A team's 共同論文 draft: its two texts and what it chose to put in (db/schema/paper.ts). */
export async function createPaperDraft(db: Db, overrides: Partial<NewPaperDraft> & Pick<NewPaperDraft, 'teamId'>) {
  return one(
    await db
      .insert(paperDrafts)
      .values({ aboutMunicipality: '', findings: '', ...overrides })
      .returning(),
  );
}
