import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb, transaction, type Db, qualified } from '../../db/client';
import { accountTokens, municipalities, people, teamMembers, teams, users } from '../../db/schema';
import { inPlaceOrder, teamPlace } from '~/domain/place-order';
import { maxTeamMembers } from '~/domain/team-size';
import { inviteAccountIn, refuseSelfGrant } from './accounts.server';
import { recordAudit, type AuditActor } from './audit.server';
import { InputError } from './input-error.server';
import { bumpVersion, type Bump } from './record-version.server';
import { now } from '~/utils/clock';

/** How many live teams a year has (a year's pages say what to do next while it has none). */
export async function countTeamsOfYear(fiscalYear: number): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(teams)
    .where(and(eq(teams.fiscalYear, fiscalYear), isNull(teams.archivedAt)));
  return row?.n ?? 0;
}

/** Teams of a year (archived ones too), with members, pending invitations and dialogue group, in the one order of teams. */
export async function listTeamsOfYear(fiscalYear: number) {
  const rows = await getDb()
    .select({
      id: teams.id,
      municipalityId: teams.municipalityId,
      municipalityName: municipalities.name,
      prefecture: municipalities.prefecture,
      archivedAt: teams.archivedAt,
      memberCount: sql<number>`(select count(*) from team_members tm where tm.team_id = ${qualified(teams.id)} and tm.archived_at is null)`.mapWith(Number),
      invitedCount:
        sql<number>`(select count(*) from account_tokens a where a.purpose = 'invite' and a.used_at is null and a.expires_at > ${now().toISOString()}::timestamptz
        and a.details->>'scope' = 'member' and (a.details->>'teamId')::int = ${qualified(teams.id)})`.mapWith(Number),
      groupId: sql<
        number | null
      >`(select g.group_id from dialogue_group_teams g join dialogue_groups dg on dg.id = g.group_id where g.team_id = ${qualified(teams.id)} and dg.archived_at is null)`,
      groupName: sql<
        string | null
      >`(select dg.name from dialogue_group_teams g join dialogue_groups dg on dg.id = g.group_id where g.team_id = ${qualified(teams.id)} and dg.archived_at is null)`,
    })
    .from(teams)
    .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
    .where(eq(teams.fiscalYear, fiscalYear));
  return inPlaceOrder(rows, teamPlace);
}

/** One team per municipality per year: a second one is refused with the municipality's name. */
export async function ensureTeam(tx: Db, actor: AuditActor, fiscalYear: number, municipalityId: number, refuseExisting: boolean) {
  const [municipality] = await tx
    .select()
    .from(municipalities)
    .where(and(eq(municipalities.id, municipalityId), isNull(municipalities.archivedAt)));
  if (!municipality) throw new InputError('municipalityId', '自治体を選んでください');
  const [existing] = await tx
    .select({ id: teams.id, archivedAt: teams.archivedAt })
    .from(teams)
    .where(and(eq(teams.municipalityId, municipalityId), eq(teams.fiscalYear, fiscalYear)));
  if (existing && (refuseExisting || existing.archivedAt)) {
    const archived = existing.archivedAt ? '（アーカイブ済み。元に戻せます）' : '';
    throw new InputError('municipalityId', `${municipality.name}はこの年度にすでにチームがあります${archived}。1つの自治体から1年度に1チームです`);
  }
  if (existing) return { id: existing.id, created: false };
  const [row] = await tx.insert(teams).values({ municipalityId, fiscalYear }).returning({ id: teams.id });
  await recordAudit(tx, actor, { action: 'create', entityType: 'team', entityId: row!.id, detail: { fiscalYear, municipalityId } });
  return { id: row!.id, created: true };
}

export async function createTeam(actor: AuditActor, fiscalYear: number, municipalityId: number) {
  return transaction((tx) => ensureTeam(tx, actor, fiscalYear, municipalityId, true));
}

/** Archiving a team keeps every record; restoring it brings it back as it was. */
export async function setTeamArchived(actor: AuditActor, fiscalYear: number, teamId: number, archived: boolean) {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(teams)
      .set({ archivedAt: archived ? now() : null, updatedAt: now() })
      .where(and(eq(teams.id, teamId), eq(teams.fiscalYear, fiscalYear)))
      .returning({ id: teams.id });
    if (row) await recordAudit(tx, actor, { action: archived ? 'archive' : 'restore', entityType: 'team', entityId: teamId });
    return Boolean(row);
  });
}

const pendingInvitations = (teamId: number) =>
  and(
    eq(accountTokens.purpose, 'invite'),
    isNull(accountTokens.usedAt),
    gt(accountTokens.expiresAt, now()),
    sql`${accountTokens.details}->>'scope' = 'member' and (${accountTokens.details}->>'teamId')::int = ${teamId}`,
  );

export async function getTeamForAdmin(teamId: number) {
  const db = getDb();
  const [team] = await db
    .select({
      id: teams.id,
      fiscalYear: teams.fiscalYear,
      archivedAt: teams.archivedAt,
      municipalityName: municipalities.name,
      prefecture: municipalities.prefecture,
    })
    .from(teams)
    .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
    .where(eq(teams.id, teamId));
  if (!team) return undefined;
  const members = await db
    .select({
      id: teamMembers.id,
      fullName: people.fullName,
      email: users.email,
      department: teamMembers.department,
      section: teamMembers.section,
      isHrSlot: teamMembers.isHrSlot,
      version: teamMembers.version,
      updatedAt: teamMembers.updatedAt,
      archivedAt: teamMembers.archivedAt,
    })
    .from(teamMembers)
    .innerJoin(people, eq(people.id, teamMembers.personId))
    .leftJoin(users, eq(users.personId, people.id))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(desc(teamMembers.isHrSlot), asc(teamMembers.id));
  const invitations = await db
    .select({ id: accountTokens.id, email: accountTokens.email, details: accountTokens.details, expiresAt: accountTokens.expiresAt })
    .from(accountTokens)
    .where(pendingInvitations(teamId))
    .orderBy(asc(accountTokens.id));
  return {
    team,
    members,
    invitations: invitations.map((i) => {
      const details = i.details as { fullName?: string; isHrSlot?: boolean };
      return { id: i.id, email: i.email, fullName: String(details.fullName ?? ''), isHrSlot: details.isHrSlot === true, expiresAt: i.expiresAt };
    }),
  };
}

export type NewMember = { email: string; fullName: string; department: string; section: string; isHrSlot: boolean };

/**
 * Adds a member through the invitation mechanism: an email that already has an account is linked
 * at once (someone from an earlier year is not duplicated); a new one gets an invitation link.
 * Members and pending invitations together may not exceed five, and one of them holds the HR slot.
 */
export async function addMemberIn(tx: Db, actor: AuditActor, teamId: number, member: NewMember) {
  // Locks the team row so two concurrent additions cannot both take the fifth seat.
  await tx.execute(sql`select id from teams where id = ${teamId} for update`);
  const [linked] = await tx
    .select({ id: teamMembers.id, archivedAt: teamMembers.archivedAt, userId: users.id })
    .from(teamMembers)
    .innerJoin(users, eq(users.personId, teamMembers.personId))
    .where(and(eq(teamMembers.teamId, teamId), eq(users.email, member.email)));
  const [invited] = await tx
    .select({ id: accountTokens.id })
    .from(accountTokens)
    .where(and(pendingInvitations(teamId), eq(accountTokens.email, member.email)));
  if ((linked && !linked.archivedAt) || invited) return { kind: 'unchanged' as const };
  const seats = await tx
    .select({ isHrSlot: teamMembers.isHrSlot })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), isNull(teamMembers.archivedAt)));
  const pending = await tx.select({ details: accountTokens.details }).from(accountTokens).where(pendingInvitations(teamId));
  if (seats.length + pending.length >= maxTeamMembers) {
    throw new InputError('email', `1チームのメンバーは${maxTeamMembers}名までです（登録済み・招待中で${seats.length + pending.length}名）`);
  }
  const hrTaken = seats.some((s) => s.isHrSlot) || pending.some((p) => (p.details as { isHrSlot?: boolean }).isHrSlot);
  if (member.isHrSlot && hrTaken) throw new InputError('isHrSlot', '人事担当課枠はこのチームですでに使われています（1チームに1名）');
  if (linked) {
    refuseSelfGrant(actor, linked.userId);
    // Someone removed earlier comes back with their records.
    await tx
      .update(teamMembers)
      .set({ archivedAt: null, department: member.department, section: member.section, isHrSlot: member.isHrSlot, updatedAt: now() })
      .where(eq(teamMembers.id, linked.id));
    await recordAudit(tx, actor, { action: 'restore', entityType: 'team_member', entityId: linked.id });
    return { kind: 'granted' as const };
  }
  return inviteAccountIn(tx, actor, { ...member, scope: 'member', teamId });
}

export async function addMember(actor: AuditActor, teamId: number, member: NewMember) {
  return transaction((tx) => addMemberIn(tx, actor, teamId, member));
}

export async function setMemberArchived(actor: AuditActor, teamId: number, memberId: number, archived: boolean) {
  return transaction(async (tx) => {
    if (!archived) {
      const [{ n }] = (await tx
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, teamId), isNull(teamMembers.archivedAt)))) as [{ n: number }];
      if (n >= maxTeamMembers) throw new InputError('', `1チームのメンバーは${maxTeamMembers}名までです`);
    }
    const [row] = await tx
      .update(teamMembers)
      .set({ archivedAt: archived ? now() : null, updatedAt: now() })
      .where(and(eq(teamMembers.id, memberId), eq(teamMembers.teamId, teamId)))
      .returning({ id: teamMembers.id });
    if (row) await recordAudit(tx, actor, { action: archived ? 'archive' : 'restore', entityType: 'team_member', entityId: memberId, detail: { teamId } });
    return Boolean(row);
  });
}

const removedMemberMessage = (what: string) => `チームから外したメンバーは${what}。先に「元に戻す」でチームに戻してください`;

/**
 * Corrects a current member's department and section. False when no such member is on this team
 * (another team's member id is not found here); a removed member is refused with a message.
 */
export async function updateMemberDetails(
  actor: AuditActor,
  teamId: number,
  memberId: number,
  details: { department: string; section: string },
  baseVersion: number,
): Promise<Bump> {
  return transaction(async (tx) => {
    const scope = and(eq(teamMembers.id, memberId), eq(teamMembers.teamId, teamId));
    const [before] = await tx
      .select({ department: teamMembers.department, section: teamMembers.section, archivedAt: teamMembers.archivedAt })
      .from(teamMembers)
      .where(scope)
      .for('update');
    if (!before) return { kind: 'missing' };
    if (before.archivedAt) throw new InputError('', removedMemberMessage('編集できません'));
    const bump = await bumpVersion(tx, teamMembers, scope, baseVersion);
    if (bump.kind !== 'bumped' || (before.department === details.department && before.section === details.section)) return bump;
    await tx.update(teamMembers).set(details).where(eq(teamMembers.id, memberId));
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'team_member',
      entityId: memberId,
      detail: { teamId, before: { department: before.department, section: before.section }, after: details },
    });
    return bump;
  });
}

/**
 * Moves the 人事担当課枠 to one current member, all in one transaction: whoever held it (a member,
 * a removed member, or a pending invitation, which would otherwise bring a second holder on
 * acceptance) lets go first, so the team never has two holders, and a failure leaves it as it was.
 */
export async function moveHrSlot(actor: AuditActor, teamId: number, memberId: number) {
  return transaction(async (tx) => {
    // The same lock as adding a member, so an addition with the slot cannot slip in between.
    await tx.execute(sql`select id from teams where id = ${teamId} for update`);
    const [target] = await tx
      .select({ isHrSlot: teamMembers.isHrSlot, archivedAt: teamMembers.archivedAt })
      .from(teamMembers)
      .where(and(eq(teamMembers.id, memberId), eq(teamMembers.teamId, teamId)));
    if (!target) return false;
    if (target.archivedAt) throw new InputError('', removedMemberMessage('人事担当課枠を持てません'));
    if (target.isHrSlot) return true;
    const released = await tx
      .update(teamMembers)
      .set({ isHrSlot: false, updatedAt: now() })
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.isHrSlot, true)))
      .returning({ id: teamMembers.id, archivedAt: teamMembers.archivedAt });
    await tx.update(teamMembers).set({ isHrSlot: true, updatedAt: now() }).where(eq(teamMembers.id, memberId));
    const invitations = await tx
      .update(accountTokens)
      .set({ details: sql`${accountTokens.details} || '{"isHrSlot": false}'::jsonb` })
      .where(and(pendingInvitations(teamId), sql`${accountTokens.details}->>'isHrSlot' = 'true'`))
      .returning({ id: accountTokens.id });
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'team',
      entityId: teamId,
      detail: {
        hrSlot: {
          from: released.find((r) => !r.archivedAt)?.id ?? null,
          to: memberId,
          releasedRemovedMembers: released.filter((r) => r.archivedAt).map((r) => r.id),
          releasedInvitations: invitations.map((i) => i.id),
        },
      },
    });
    return true;
  });
}
