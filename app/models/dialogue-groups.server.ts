import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { dialogueGroups, dialogueGroupTeams, municipalities, teams } from '../../db/schema';
import { recordAudit, type AuditActor } from './audit.server';
import { InputError } from './input-error.server';
import { now } from '~/utils/clock';

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
        .where(
          inArray(
            dialogueGroupTeams.groupId,
            groups.map((g) => g.id),
          ),
        )
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

/** Dissolving frees the teams for another group; the group row is archived with the teams it had. */
export async function dissolveGroup(actor: AuditActor, fiscalYear: number, groupId: number) {
  return transaction(async (tx) => {
    const [group] = await tx
      .update(dialogueGroups)
      .set({ archivedAt: now(), updatedAt: now() })
      .where(and(eq(dialogueGroups.id, groupId), eq(dialogueGroups.fiscalYear, fiscalYear), isNull(dialogueGroups.archivedAt)))
      .returning({ id: dialogueGroups.id });
    if (!group) return false;
    const removed = await tx.delete(dialogueGroupTeams).where(eq(dialogueGroupTeams.groupId, groupId)).returning({ teamId: dialogueGroupTeams.teamId });
    const teamIds = removed.map((r) => r.teamId);
    await tx.update(dialogueGroups).set({ dissolvedTeamIds: teamIds }).where(eq(dialogueGroups.id, groupId));
    await recordAudit(tx, actor, { action: 'archive', entityType: 'dialogue_group', entityId: groupId, detail: { teamIds } });
    return true;
  });
}

/** Each team by name, with the active group it is in now, if any. */
async function teamsWithCurrentGroup(db: Db, teamIds: number[]) {
  if (teamIds.length === 0) return [];
  return db
    .select({ teamId: teams.id, name: municipalities.name, nowInGroupId: dialogueGroups.id, nowInGroup: dialogueGroups.name })
    .from(teams)
    .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
    .leftJoin(dialogueGroupTeams, eq(dialogueGroupTeams.teamId, teams.id))
    .leftJoin(dialogueGroups, eq(dialogueGroups.id, dialogueGroupTeams.groupId))
    .where(inArray(teams.id, teamIds))
    .orderBy(asc(municipalities.name));
}

/** The year's dissolved groups, newest first, with the teams they had and where those teams are now. */
export async function listDissolvedGroupsOfYear(fiscalYear: number) {
  const db = getDb();
  const groups = await db
    .select({ id: dialogueGroups.id, name: dialogueGroups.name, archivedAt: dialogueGroups.archivedAt, teamIds: dialogueGroups.dissolvedTeamIds })
    .from(dialogueGroups)
    .where(and(eq(dialogueGroups.fiscalYear, fiscalYear), isNotNull(dialogueGroups.archivedAt)))
    .orderBy(desc(dialogueGroups.archivedAt), desc(dialogueGroups.id));
  const found = await teamsWithCurrentGroup(db, [...new Set(groups.flatMap((g) => g.teamIds ?? []))]);
  return groups.map(({ teamIds, ...g }) => ({ ...g, teams: found.filter((t) => (teamIds ?? []).includes(t.teamId)) }));
}

/**
 * Brings a dissolved group back with the teams it had. A team is in at most one group a year, so if
 * one of them has joined another group since, nothing changes and the team is named.
 */
export async function restoreGroup(actor: AuditActor, fiscalYear: number, groupId: number) {
  return transaction(async (tx) => {
    const [group] = await tx
      .select({ archivedAt: dialogueGroups.archivedAt, teamIds: dialogueGroups.dissolvedTeamIds })
      .from(dialogueGroups)
      .where(and(eq(dialogueGroups.id, groupId), eq(dialogueGroups.fiscalYear, fiscalYear)))
      .for('update');
    if (!group) return false;
    if (!group.archivedAt) return true; // restored already (a second click)
    const teamIds = group.teamIds ?? [];
    if (teamIds.length === 0)
      throw new InputError('groupId', 'このグループにどのチームが入っていたかの記録がないため、元に戻せません。グループを作り直してください');
    const taken = (await teamsWithCurrentGroup(tx, teamIds)).filter((t) => t.nowInGroupId !== null);
    if (taken.length) {
      const names = taken.map((t) => `${t.name}（${t.nowInGroup || `グループ${t.nowInGroupId}`}）`).join('、');
      throw new InputError('groupId', `${names}はいまほかのグループに入っているため、元に戻せません。1つのチームが入れるグループは1年度に1つです`);
    }
    await tx.update(dialogueGroups).set({ archivedAt: null, dissolvedTeamIds: null, updatedAt: now() }).where(eq(dialogueGroups.id, groupId));
    await tx.insert(dialogueGroupTeams).values(teamIds.map((teamId) => ({ groupId, teamId, fiscalYear })));
    await recordAudit(tx, actor, { action: 'restore', entityType: 'dialogue_group', entityId: groupId, detail: { teamIds } });
    return true;
  });
}
