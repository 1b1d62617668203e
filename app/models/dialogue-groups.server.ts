import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb, transaction } from '../../db/client';
import { dialogueGroups, dialogueGroupTeams, municipalities, teams } from '../../db/schema';
import { recordAudit, type AuditActor } from './audit.server';
import { InputError } from './input-error.server';

/** The year's 対話自治体 groups, each with its teams' names. */
export async function listGroupsOfYear(fiscalYear: number) {
  const db = getDb();
  const groups = await db
    .select({ id: dialogueGroups.id, name: dialogueGroups.name })
    .from(dialogueGroups)
    .where(and(eq(dialogueGroups.fiscalYear, fiscalYear), isNull(dialogueGroups.archivedAt)))
    .orderBy(asc(dialogueGroups.id));
  const members = groups.length
    ? await db
        .select({ groupId: dialogueGroupTeams.groupId, teamId: teams.id, name: municipalities.name })
        .from(dialogueGroupTeams)
        .innerJoin(teams, eq(teams.id, dialogueGroupTeams.teamId))
        .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
        .where(inArray(dialogueGroupTeams.groupId, groups.map((g) => g.id)))
        .orderBy(asc(municipalities.name))
    : [];
  return groups.map((g) => ({ ...g, teams: members.filter((m) => m.groupId === g.id) }));
}

/** Two to four teams of the same year; a team already in a group is refused by name. */
export async function createGroup(actor: AuditActor, fiscalYear: number, input: { name: string; teamIds: number[] }) {
  const teamIds = [...new Set(input.teamIds)];
  if (teamIds.length < 2) throw new InputError('teamIds', 'チームを2〜4つ選んでください');
  return transaction(async (tx) => {
    const found = await tx
      .select({ id: teams.id, name: municipalities.name })
      .from(teams)
      .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
      .where(and(inArray(teams.id, teamIds), eq(teams.fiscalYear, fiscalYear), isNull(teams.archivedAt)));
    if (found.length !== teamIds.length) throw new InputError('teamIds', 'この年度のチームだけを選んでください');
    const taken = await tx
      .select({ teamId: dialogueGroupTeams.teamId, group: dialogueGroups.name, groupId: dialogueGroups.id })
      .from(dialogueGroupTeams)
      .innerJoin(dialogueGroups, eq(dialogueGroups.id, dialogueGroupTeams.groupId))
      .where(inArray(dialogueGroupTeams.teamId, teamIds));
    if (taken.length) {
      const names = taken.map((t) => `${found.find((f) => f.id === t.teamId)?.name}（${t.group || `グループ${t.groupId}`}）`).join('、');
      throw new InputError('teamIds', `${names}はすでにほかのグループに入っています。1つのチームが入れるグループは1年度に1つです`);
    }
    const name = input.name || found.map((f) => f.name).join('・');
    const [group] = await tx.insert(dialogueGroups).values({ fiscalYear, name }).returning({ id: dialogueGroups.id });
    await tx.insert(dialogueGroupTeams).values(teamIds.map((teamId) => ({ groupId: group!.id, teamId, fiscalYear })));
    await recordAudit(tx, actor, { action: 'create', entityType: 'dialogue_group', entityId: group!.id, detail: { fiscalYear, teamIds } });
    return group!.id;
  });
}

/** Dissolving frees the teams for another group; the group row is archived, its make-up kept in the audit log. */
export async function dissolveGroup(actor: AuditActor, fiscalYear: number, groupId: number) {
  return transaction(async (tx) => {
    const [group] = await tx
      .update(dialogueGroups)
      .set({ archivedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(dialogueGroups.id, groupId), eq(dialogueGroups.fiscalYear, fiscalYear), isNull(dialogueGroups.archivedAt)))
      .returning({ id: dialogueGroups.id });
    if (!group) return false;
    const removed = await tx.delete(dialogueGroupTeams).where(eq(dialogueGroupTeams.groupId, groupId)).returning({ teamId: dialogueGroupTeams.teamId });
    await recordAudit(tx, actor, { action: 'archive', entityType: 'dialogue_group', entityId: groupId, detail: { teamIds: removed.map((r) => r.teamId) } });
    return true;
  });
}
