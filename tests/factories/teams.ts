import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { dialogueGroups, dialogueGroupTeams, teamMembers, teams } from '../../db/schema';
import { createPerson } from './people';
import { createMunicipality, createProgramYear } from './program';
import { currentFiscalYear, one } from './util';

type NewTeam = typeof teams.$inferInsert;
type NewTeamMember = typeof teamMembers.$inferInsert;
type NewDialogueGroup = typeof dialogueGroups.$inferInsert;

/** A team of the current fiscal year, for a new municipality unless one is given. */
export async function createTeam(db: Db, overrides: Partial<NewTeam> = {}) {
  const fiscalYear = overrides.fiscalYear ?? currentFiscalYear();
  await createProgramYear(db, { fiscalYear });
  const municipalityId = overrides.municipalityId ?? (await createMunicipality(db)).id;
  return one(
    await db
      .insert(teams)
      .values({ ...overrides, fiscalYear, municipalityId })
      .returning(),
  );
}

/** Puts a person (a new one of the team's municipality unless given) on a team. */
export async function addTeamMember(db: Db, overrides: Partial<NewTeamMember> & Pick<NewTeamMember, 'teamId'>) {
  let personId = overrides.personId;
  if (personId === undefined) {
    const team = one(await db.select().from(teams).where(eq(teams.id, overrides.teamId)));
    personId = (await createPerson(db, { municipalityId: team.municipalityId })).id;
  }
  return one(
    await db
      .insert(teamMembers)
      .values({ department: '総務部', section: '人事課', ...overrides, personId })
      .returning(),
  );
}

/** 対話自治体: a group of teams of one year (the year of the first team unless given). */
export async function createDialogueGroup(db: Db, overrides: Partial<NewDialogueGroup> & { teamIds: number[] }) {
  const { teamIds, ...values } = overrides;
  const members = teamIds.length ? await db.select({ id: teams.id, fiscalYear: teams.fiscalYear }).from(teams).where(inArray(teams.id, teamIds)) : [];
  const fiscalYear = values.fiscalYear ?? members[0]?.fiscalYear ?? currentFiscalYear();
  await createProgramYear(db, { fiscalYear });
  const group = one(
    await db
      .insert(dialogueGroups)
      .values({ ...values, fiscalYear })
      .returning(),
  );
  if (teamIds.length) {
    await db.insert(dialogueGroupTeams).values(teamIds.map((teamId) => ({ groupId: group.id, teamId, fiscalYear })));
  }
  return { ...group, teamIds };
}
