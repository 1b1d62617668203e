import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { getDb, type Db } from '../../db/client';
import { municipalities, people, teamGenerations, teamMembers, teams } from '../../db/schema';

/** The facts permissions are decided on, plus the names every team page shows. */
export async function getTeamRef(teamId: number) {
  const [team] = await getDb()
    .select({
      id: teams.id,
      municipalityId: teams.municipalityId,
      fiscalYear: teams.fiscalYear,
      moyamoyaVisibility: teams.moyamoyaVisibility,
      municipalityName: municipalities.name,
      prefecture: municipalities.prefecture,
      // 区長 or 市長 in the names of key persons (interviews): read with the team, not asked again.
      municipalityKind: municipalities.kind,
      generation: teamGenerations.generation,
    })
    .from(teams)
    .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
    .innerJoin(teamGenerations, eq(teamGenerations.teamId, teams.id))
    .where(and(eq(teams.id, teamId), isNull(teams.archivedAt)));
  return team;
}
export type TeamSummary = NonNullable<Awaited<ReturnType<typeof getTeamRef>>>;

/** Teams that might be visible to a viewer: the caller filters them with `canSeeTeam`. */
export async function listCandidateTeams(scope: { all: boolean; teamIds: number[]; municipalityIds: number[] }) {
  if (!scope.all && scope.teamIds.length === 0 && scope.municipalityIds.length === 0) return [];
  const where = scope.all
    ? isNull(teams.archivedAt)
    : and(
        isNull(teams.archivedAt),
        or(
          scope.teamIds.length ? inArray(teams.id, scope.teamIds) : undefined,
          scope.municipalityIds.length ? inArray(teams.municipalityId, scope.municipalityIds) : undefined,
        ),
      );
  return getDb()
    .select({
      id: teams.id,
      municipalityId: teams.municipalityId,
      fiscalYear: teams.fiscalYear,
      municipalityName: municipalities.name,
      prefecture: municipalities.prefecture,
    })
    .from(teams)
    .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
    .where(where)
    .orderBy(desc(teams.fiscalYear), asc(municipalities.prefecture), asc(municipalities.name));
}

export async function listTeamMembers(teamId: number, db: Db = getDb()) {
  return db
    .select({
      personId: people.id,
      fullName: people.fullName,
      department: teamMembers.department,
      section: teamMembers.section,
      isHrSlot: teamMembers.isHrSlot,
      directoryListed: people.directoryListed,
    })
    .from(teamMembers)
    .innerJoin(people, eq(people.id, teamMembers.personId))
    .where(and(eq(teamMembers.teamId, teamId), isNull(teamMembers.archivedAt)))
    .orderBy(desc(teamMembers.isHrSlot), asc(teamMembers.id));
}
