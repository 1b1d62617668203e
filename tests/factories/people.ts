import type { Db } from '../../db/client';
import { hrViewers, organizers, people, users } from '../../db/schema';
import { createMunicipality } from './program';
import { nextSeq, one } from './util';
import { now } from '../../app/utils/clock';

type NewPerson = typeof people.$inferInsert;
type NewUser = typeof users.$inferInsert;
type NewOrganizer = typeof organizers.$inferInsert;
type NewHrViewer = typeof hrViewers.$inferInsert;

export async function createPerson(db: Db, overrides: Partial<NewPerson> = {}) {
  const n = nextSeq();
  return one(
    await db
      .insert(people)
      .values({ fullName: `試験 太郎${n}`, fullNameKana: `しけん たろう${n}`, ...overrides })
      .returning(),
  );
}

/**
 * An account. `passwordHash` is required on purpose: pass a hash to sign in with, or null for an
 * invitation not yet accepted. Without `personId` a person is created for it.
 */
export async function createUser(db: Db, overrides: Partial<Omit<NewUser, 'passwordHash'>> & { passwordHash: string | null }) {
  const personId = overrides.personId ?? (await createPerson(db)).id;
  const email = (overrides.email ?? `user${nextSeq()}@example.jp`).toLowerCase();
  return one(
    await db
      .insert(users)
      .values({
        passwordChangedAt: overrides.passwordHash ? now() : null,
        ...overrides,
        personId,
        email,
      })
      .returning(),
  );
}

/** An entry of the organizer roster (幹事 unless told otherwise). */
export async function createOrganizer(db: Db, overrides: Partial<NewOrganizer> = {}) {
  const personId = overrides.personId ?? (await createPerson(db)).id;
  return one(
    await db
      .insert(organizers)
      .values({ role: 'kanji', affiliation: '早稲田大学マニフェスト研究所', ...overrides, personId })
      .returning(),
  );
}

/** An HR viewer; without `userId` an invited account (no password) of that municipality is made. */
export async function createHrViewer(db: Db, overrides: Partial<NewHrViewer> = {}) {
  const municipalityId = overrides.municipalityId ?? (await createMunicipality(db)).id;
  const userId = overrides.userId ?? (await createUser(db, { passwordHash: null, personId: (await createPerson(db, { municipalityId })).id })).id;
  return one(
    await db
      .insert(hrViewers)
      .values({ department: '総務部 人事課', ...overrides, municipalityId, userId })
      .returning(),
  );
}
