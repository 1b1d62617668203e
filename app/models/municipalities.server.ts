import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { municipalities, people, teamGenerations, teamMembers, teams } from '../../db/schema';

export async function listMunicipalities() {
  return getDb()
    .select({
      id: municipalities.id,
      name: municipalities.name,
      prefecture: municipalities.prefecture,
      kind: municipalities.kind,
      teamCount: sql<number>`count(${teams.id})`.mapWith(Number),
      firstYear: sql<number | null>`min(${teams.fiscalYear})`,
      lastYear: sql<number | null>`max(${teams.fiscalYear})`,
    })
    .from(municipalities)
    .leftJoin(teams, and(eq(teams.municipalityId, municipalities.id), isNull(teams.archivedAt)))
    .where(isNull(municipalities.archivedAt))
    .groupBy(municipalities.id)
    .orderBy(asc(municipalities.prefecture), asc(municipalities.name));
}

export async function getMunicipality(id: number) {
  const [row] = await getDb()
    .select()
    .from(municipalities)
    .where(and(eq(municipalities.id, id), isNull(municipalities.archivedAt)));
  return row;
}

/** The municipality's teams, newest first, each with its 期生 number and members (two queries). */
export async function listTeamsOfMunicipality(municipalityId: number) {
  const db = getDb();
  const teamRows = await db
    .select({ id: teams.id, fiscalYear: teams.fiscalYear, generation: teamGenerations.generation })
    .from(teams)
    .innerJoin(teamGenerations, eq(teamGenerations.teamId, teams.id))
    .where(and(eq(teams.municipalityId, municipalityId), isNull(teams.archivedAt)))
    .orderBy(desc(teams.fiscalYear));
  const memberRows = await db
    .select({
      teamId: teamMembers.teamId,
      personId: people.id,
      fullName: people.fullName,
      department: teamMembers.department,
      section: teamMembers.section,
      isHrSlot: teamMembers.isHrSlot,
      directoryListed: people.directoryListed,
    })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(people, eq(people.id, teamMembers.personId))
    .where(and(eq(teams.municipalityId, municipalityId), isNull(teamMembers.archivedAt), isNull(teams.archivedAt)))
    .orderBy(desc(teamMembers.isHrSlot), asc(teamMembers.id));
  return teamRows.map((team) => ({ ...team, members: memberRows.filter((m) => m.teamId === team.id) }));
}
