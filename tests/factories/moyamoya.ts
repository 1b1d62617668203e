import type { Db } from '../../db/client';
import { moyamoyaCheckins, teamMoyamoya } from '../../db/schema';
import { chunks, currentFiscalYear, one } from './util';

type NewCheckin = typeof moyamoyaCheckins.$inferInsert;
type NewTeamMoyamoya = typeof teamMoyamoya.$inferInsert;

export type CheckinInput = Partial<NewCheckin> & Pick<NewCheckin, 'teamId' | 'personId'>;

const checkinValues = (input: CheckinInput): NewCheckin => ({
  checkedOn: `${currentFiscalYear()}-05-01`,
  level: 80,
  ...input,
});

/** A member's own モヤモヤ figures, in batches. */
export async function createMoyamoyaCheckins(db: Db, inputs: CheckinInput[]) {
  const created: (typeof moyamoyaCheckins.$inferSelect)[] = [];
  for (const batch of chunks(inputs)) {
    created.push(...(await db.insert(moyamoyaCheckins).values(batch.map(checkinValues)).returning()));
  }
  return created;
}

export async function createMoyamoyaCheckin(db: Db, input: CheckinInput) {
  return one(await createMoyamoyaCheckins(db, [input]));
}

/** The team's figure and 「この頃の自分たち」 for one session. */
export async function createTeamMoyamoya(db: Db, overrides: Partial<NewTeamMoyamoya> & Pick<NewTeamMoyamoya, 'teamId' | 'sessionId'>) {
  return one(
    await db
      .insert(teamMoyamoya)
      .values({ level: 70, reflection: '何をすればいいのか、まだ手探り。', ...overrides })
      .returning(),
  );
}
