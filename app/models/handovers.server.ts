import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { getDb, transaction, qualified } from '../../db/client';
import { handovers, interviewHomework, interviews, people, teamGenerations, teams, users } from '../../db/schema';
import { bumpVersion, type Bump } from './record-version.server';
import { recordAudit, type AuditActor } from './audit.server';
import { notify, teamUserIds } from './notifications.server';
import type { Visibility } from '~/domain/codes';

// 引き継ぎ: written by a team at the end of its year, read by the municipality's next teams.

type TeamScope = { id: number; municipalityId: number; fiscalYear: number };

export async function getHandover(teamId: number) {
  const [row] = await getDb().select().from(handovers).where(eq(handovers.teamId, teamId));
  return row;
}

/** Earlier generations of the municipality, newest first, each with its handover and whether it has a sheet. */
export async function previousGenerations(team: TeamScope) {
  return getDb()
    .select({
      teamId: teams.id,
      fiscalYear: teams.fiscalYear,
      generation: teamGenerations.generation,
      hasSheet: sql<boolean>`exists (select 1 from sheets s where s.team_id = ${qualified(teams.id)} and s.current_version > 0)`,
      toContinue: handovers.toContinue,
      peopleToTalkTo: handovers.peopleToTalkTo,
      advice: handovers.advice,
      writtenAt: handovers.updatedAt,
      authorName: people.fullName,
    })
    .from(teams)
    .innerJoin(teamGenerations, eq(teamGenerations.teamId, teams.id))
    .leftJoin(handovers, eq(handovers.teamId, teams.id))
    .leftJoin(users, eq(users.id, handovers.authorUserId))
    .leftJoin(people, eq(people.id, users.personId))
    .where(and(eq(teams.municipalityId, team.municipalityId), lt(teams.fiscalYear, team.fiscalYear), isNull(teams.archivedAt)))
    .orderBy(desc(teams.fiscalYear));
}

/**
 * Open 宿題 a team leaves behind, of the interviews at `visibilities`: what the viewer may read of
 * what is handed over (`handoverVisibilities`, app/utils/permissions.ts).
 */
export async function handedOverHomework(teamId: number, visibilities: readonly Visibility[]) {
  if (visibilities.length === 0) return [];
  return getDb()
    .select({ id: interviewHomework.id, body: interviewHomework.body, interviewee: interviews.interviewee, interviewedOn: interviews.interviewedOn })
    .from(interviewHomework)
    .innerJoin(interviews, and(eq(interviews.id, interviewHomework.interviewId), eq(interviews.teamId, interviewHomework.teamId)))
    .where(
      and(
        eq(interviewHomework.teamId, teamId),
        ne(interviewHomework.status, 'done'),
        inArray(interviews.visibility, [...visibilities]),
        isNull(interviews.archivedAt),
      ),
    )
    .orderBy(asc(interviews.interviewedOn), asc(interviewHomework.position));
}

export type HandoverInput = { toContinue: string; peopleToTalkTo: string; advice: string };

/**
 * Writes the team's handover (`baseVersion` 0: the first one) or rewrites the version the person saw;
 * 'stale' when a teammate saved it since, and then nothing is written. Later teams are notified.
 */
export async function saveHandover(actor: AuditActor & { userId: number }, team: TeamScope, input: HandoverInput, baseVersion: number): Promise<Bump> {
  return transaction(async (tx) => {
    const scope = eq(handovers.teamId, team.id);
    const created = baseVersion === 0;
    // The first save creates the row at version 0 (as the sheet does); a concurrent first save then
    // finds it and fails the version check instead of writing over it.
    if (created) await tx.insert(handovers).values({ teamId: team.id, version: 0 }).onConflictDoNothing();
    const bump = await bumpVersion(tx, handovers, scope, baseVersion);
    if (bump.kind !== 'bumped') return bump;
    const [row] = await tx
      .update(handovers)
      .set({ ...input, authorUserId: actor.userId })
      .where(scope)
      .returning({ id: handovers.id });
    await recordAudit(tx, actor, { action: created ? 'create' : 'update', entityType: 'handover', entityId: row!.id, detail: { teamId: team.id } });
    const next = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.municipalityId, team.municipalityId), gt(teams.fiscalYear, team.fiscalYear), isNull(teams.archivedAt)));
    for (const t of next) {
      await notify(tx, await teamUserIds(tx, t.id, actor.userId), {
        kind: 'handover',
        body: created ? '前の期のチームから引き継ぎが届きました' : '前の期のチームが引き継ぎを更新しました',
        href: `/teams/${t.id}/handover`,
      });
    }
    return bump;
  });
}
