import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, qualified, transaction } from '../../db/client';
import { moyamoyaCheckins, people, studySessions, teamMembers, teamMoyamoya, teams } from '../../db/schema';
import type { MoyamoyaVisibility } from '~/domain/codes';
import { recordAudit, type AuditActor } from '~/models/audit.server';
import { now } from '~/utils/clock';

// モヤモヤ指数. Members' own figures reach HR viewers, alumni and organizers only when the team chose
// members_visible: the condition is part of the query, so no page can show them by mistake.

/** Who is reading: the team's own members always see their figures; everyone else as the team decided. */
export type MoyamoyaReader = { asMember: boolean };

export async function listMemberCheckins(teamId: number, reader: MoyamoyaReader) {
  // Each name looked up by its key: joined, the plan hashed every person of every year for a team's few
  // dozen check-ins (1.6 ms on ten years' data, growing with them; 0.4 ms so). The person always exists.
  const fullName = sql<string>`(select ${qualified(people.fullName)} from ${people} where ${qualified(people.id)} = ${qualified(moyamoyaCheckins.personId)})`;
  return getDb()
    .select({
      id: moyamoyaCheckins.id,
      personId: moyamoyaCheckins.personId,
      fullName,
      checkedOn: moyamoyaCheckins.checkedOn,
      level: moyamoyaCheckins.level,
      note: moyamoyaCheckins.note,
    })
    .from(moyamoyaCheckins)
    .innerJoin(teams, eq(teams.id, moyamoyaCheckins.teamId))
    .where(and(eq(moyamoyaCheckins.teamId, teamId), reader.asMember ? undefined : eq(teams.moyamoyaVisibility, 'members_visible')))
    .orderBy(desc(moyamoyaCheckins.checkedOn), asc(fullName));
}

/** The team's figure per session, in session order. */
export async function listTeamMoyamoya(teamId: number) {
  return getDb()
    .select({
      id: teamMoyamoya.id,
      sessionId: teamMoyamoya.sessionId,
      sessionNumber: studySessions.number,
      sessionKind: studySessions.kind,
      startsOn: studySessions.startsOn,
      level: teamMoyamoya.level,
      reflection: teamMoyamoya.reflection,
    })
    .from(teamMoyamoya)
    .innerJoin(studySessions, eq(studySessions.id, teamMoyamoya.sessionId))
    .where(eq(teamMoyamoya.teamId, teamId))
    .orderBy(asc(studySessions.startsOn), asc(studySessions.id));
}

/** The sessions of the team's year a team figure can be given for. */
export async function listYearSessions(fiscalYear: number) {
  return getDb()
    .select({ id: studySessions.id, kind: studySessions.kind, number: studySessions.number, startsOn: studySessions.startsOn })
    .from(studySessions)
    .where(and(eq(studySessions.fiscalYear, fiscalYear), isNull(studySessions.archivedAt)))
    .orderBy(asc(studySessions.startsOn), asc(studySessions.id));
}

/** Today's figure for this member; a second entry on the same day replaces the first. */
export async function saveCheckin(actor: AuditActor, input: { teamId: number; personId: number; checkedOn: string; level: number; note: string }) {
  return transaction(async (tx) => {
    const [member] = await tx
      .select({ id: teamMembers.id })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, input.teamId), eq(teamMembers.personId, input.personId), isNull(teamMembers.archivedAt)));
    if (!member) return undefined;
    const [row] = await tx
      .insert(moyamoyaCheckins)
      .values(input)
      .onConflictDoUpdate({
        target: [moyamoyaCheckins.teamId, moyamoyaCheckins.personId, moyamoyaCheckins.checkedOn],
        set: { level: input.level, note: input.note, updatedAt: now() },
      })
      .returning({ id: moyamoyaCheckins.id, inserted: sql<boolean>`(xmax = 0)` });
    await recordAudit(tx, actor, {
      action: row!.inserted ? 'create' : 'update',
      entityType: 'moyamoya_checkin',
      entityId: row!.id,
      detail: { teamId: input.teamId, checkedOn: input.checkedOn },
    });
    return row!.id;
  });
}

/** The team's figure for a session of its own year; undefined when the session is not one. */
export async function saveTeamMoyamoya(
  actor: AuditActor,
  team: { id: number; fiscalYear: number },
  input: { sessionId: number; level: number; reflection: string },
) {
  return transaction(async (tx) => {
    const [session] = await tx
      .select({ id: studySessions.id })
      .from(studySessions)
      .where(and(eq(studySessions.id, input.sessionId), eq(studySessions.fiscalYear, team.fiscalYear), isNull(studySessions.archivedAt)));
    if (!session) return undefined;
    const [row] = await tx
      .insert(teamMoyamoya)
      .values({ teamId: team.id, ...input })
      .onConflictDoUpdate({
        target: [teamMoyamoya.teamId, teamMoyamoya.sessionId],
        set: { level: input.level, reflection: input.reflection, updatedAt: now() },
      })
      .returning({ id: teamMoyamoya.id, inserted: sql<boolean>`(xmax = 0)` });
    await recordAudit(tx, actor, {
      action: row!.inserted ? 'create' : 'update',
      entityType: 'team_moyamoya',
      entityId: row!.id,
      detail: { teamId: team.id, sessionId: input.sessionId },
    });
    return row!.id;
  });
}

export async function setMoyamoyaVisibility(actor: AuditActor, teamId: number, visibility: MoyamoyaVisibility) {
  await transaction(async (tx) => {
    await tx.update(teams).set({ moyamoyaVisibility: visibility, updatedAt: now() }).where(eq(teams.id, teamId));
    await recordAudit(tx, actor, { action: 'update', entityType: 'team', entityId: teamId, detail: { moyamoyaVisibility: visibility } });
  });
}
