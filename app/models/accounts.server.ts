import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { transaction, getDb, type Db, qualified } from '../../db/client';
import { hrViewers, municipalities, organizers, people, teamMembers, teams, users } from '../../db/schema';
import type { InvitationScope } from '~/schemas/invitation';
import { hashPassword, verifyPassword } from '~/utils/password.server';
import { consumeToken, issueToken, peekToken, voidOpenTokens } from './account-tokens.server';
import { isLoginLocked, recordLoginAttempt } from './login-attempts.server';
import { recordAudit, type AuditActor } from './audit.server';
import { deleteUserSessions } from './auth-sessions.server';
import { InputError } from './input-error.server';
import { now } from '~/utils/clock';

/** Adds what an invitation grants to an account's person: roster entry, HR viewer, or team seat. */
async function grantScope(tx: Db, user: { id: number; personId: number }, scope: InvitationScope) {
  if (scope.scope === 'organizer') {
    await tx
      .insert(organizers)
      .values({ personId: user.personId, role: scope.role, affiliation: scope.affiliation })
      .onConflictDoUpdate({ target: organizers.personId, set: { active: true, role: scope.role, affiliation: scope.affiliation } });
  } else if (scope.scope === 'hr') {
    // A scope taken away earlier comes back.
    await tx
      .insert(hrViewers)
      .values({ userId: user.id, municipalityId: scope.municipalityId, department: scope.department })
      .onConflictDoUpdate({ target: [hrViewers.userId, hrViewers.municipalityId], set: { archivedAt: null, department: scope.department } });
  } else {
    // The team first (as moving the 人事担当課枠 does): if the slot went to someone else since the
    // invitation, the person still joins, without it; an organizer can move it later.
    await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, scope.teamId)).for('update');
    const [holder] = scope.isHrSlot
      ? await tx
          .select({ id: teamMembers.id })
          .from(teamMembers)
          .where(and(eq(teamMembers.teamId, scope.teamId), eq(teamMembers.isHrSlot, true), isNull(teamMembers.archivedAt)))
      : [];
    await tx
      .insert(teamMembers)
      .values({ teamId: scope.teamId, personId: user.personId, department: scope.department, section: scope.section, isHrSlot: scope.isHrSlot && !holder })
      .onConflictDoNothing({ target: [teamMembers.teamId, teamMembers.personId] });
  }
}

/**
 * An organizer never grants a scope to their own account (they would read a team's or a
 * municipality's notes by their own decision): another organizer does it, and it is audited.
 */
export const selfGrantMessage = '自分のアカウントには権限を加えられません。ほかの事務局・幹事の方に依頼してください';
export function refuseSelfGrant(actor: AuditActor, userId: number, field = 'email') {
  if (actor.userId === userId) throw new InputError(field, selfGrantMessage);
}

export type InvitationResult = { kind: 'invited'; token: string; expiresAt: Date } | { kind: 'granted'; email: string };

/**
 * Invites a new account, or — when the email already has one — links the existing person and
 * grants the scope at once, rather than creating a duplicate.
 */
export async function inviteAccount(actor: AuditActor, input: { email: string; fullName: string } & InvitationScope): Promise<InvitationResult> {
  return transaction((tx) => inviteAccountIn(tx, actor, input));
}

/** `inviteAccount` inside a caller's transaction (e.g. a bulk import that lands whole or not at all). */
export async function inviteAccountIn(tx: Db, actor: AuditActor, input: { email: string; fullName: string } & InvitationScope): Promise<InvitationResult> {
  const { email, fullName, ...scope } = input;
  await assertScopeTarget(tx, scope);
  const [existing] = await tx.select({ id: users.id, personId: users.personId }).from(users).where(eq(users.email, email));
  if (existing) {
    refuseSelfGrant(actor, existing.id);
    await grantScope(tx, existing, scope);
    await recordAudit(tx, actor, { action: 'grant', entityType: 'user', entityId: existing.id, detail: { ...scope } });
    return { kind: 'granted', email };
  }
  const issued = await issueToken(tx, { purpose: 'invite', email, details: { fullName, ...scope }, createdByUserId: actor.userId });
  await recordAudit(tx, actor, { action: 'create', entityType: 'invitation', entityId: issued.id, detail: { email, ...scope } });
  return { kind: 'invited', token: issued.token, expiresAt: issued.expiresAt };
}

/** The municipality or team a scope names must exist: a tampered id is a field error, not a 500 (now or on acceptance). */
async function assertScopeTarget(tx: Db, scope: InvitationScope) {
  if (scope.scope === 'hr') {
    const [found] = await tx.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.id, scope.municipalityId));
    if (!found) throw new InputError('municipalityId', '自治体を選んでください');
  } else if (scope.scope === 'member') {
    const [found] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, scope.teamId));
    if (!found) throw new InputError('teamId', 'チームを選んでください');
  }
}

export type Acceptance = { kind: 'accepted'; userId: number } | { kind: 'invalid' } | { kind: 'existing'; email: string } | { kind: 'locked' };

/** An account appeared for the invited email while the invitation was being accepted: nothing is kept. */
class AccountAppeared extends Error {}

/**
 * Accepts an invitation: creates the person and account with the chosen password. When the email has
 * an account already (made since the link was sent), the link adds its scope to that account only
 * with that account's password, counted as a sign-in attempt; it never signs anyone in without it.
 */
export async function acceptInvitation(token: string, password: string, ip: string | null): Promise<Acceptance> {
  const shown = await peekToken(token, 'invite');
  if (!shown) return { kind: 'invalid' };
  const [existing] = await getDb().select({ passwordHash: users.passwordHash, archivedAt: users.archivedAt }).from(users).where(eq(users.email, shown.email));
  // A closed account is not opened again by a link.
  if (existing?.archivedAt) return { kind: 'invalid' };
  if (existing) {
    if (await isLoginLocked(shown.email, ip)) return { kind: 'locked' };
    const ok = Boolean(existing.passwordHash) && (await verifyPassword(password, existing.passwordHash!));
    await recordLoginAttempt(getDb(), shown.email, ip, ok);
    if (!ok) return { kind: 'existing', email: shown.email };
  }
  const passwordHash = existing ? null : await hashPassword(password);
  try {
    return await transaction((tx) => acceptIn(tx, token, passwordHash, ip));
  } catch (error) {
    if (error instanceof AccountAppeared) return { kind: 'existing', email: shown.email };
    throw error;
  }
}

/** `passwordHash` null: the account exists and its password was checked. */
async function acceptIn(tx: Db, token: string, passwordHash: string | null, ip: string | null): Promise<Acceptance> {
  const invitation = await consumeToken(tx, token, 'invite');
  if (!invitation) return { kind: 'invalid' };
  const { fullName, ...scope } = invitation.details as { fullName: string } & InvitationScope;
  let [user] = await tx.select({ id: users.id, personId: users.personId }).from(users).where(eq(users.email, invitation.email));
  if (user && passwordHash !== null) throw new AccountAppeared();
  // The account checked a moment ago is gone: nothing to join.
  if (!user && passwordHash === null) return { kind: 'invalid' };
  if (!user) {
    const municipalityId = scope.scope === 'hr' ? scope.municipalityId : scope.scope === 'member' ? await teamMunicipality(tx, scope.teamId) : null;
    const [person] = await tx.insert(people).values({ fullName, municipalityId }).returning({ id: people.id });
    [user] = await tx
      .insert(users)
      .values({ personId: person!.id, email: invitation.email, passwordHash, passwordChangedAt: now() })
      .returning({ id: users.id, personId: users.personId });
  }
  await grantScope(tx, user!, scope);
  await recordAudit(tx, { userId: user!.id, ip }, { action: 'accept', entityType: 'invitation', entityId: invitation.id });
  return { kind: 'accepted', userId: user!.id };
}

async function teamMunicipality(tx: Db, teamId: number) {
  const [team] = await tx.select({ municipalityId: teams.municipalityId }).from(teams).where(eq(teams.id, teamId));
  return team?.municipalityId ?? null;
}

export async function issuePasswordReset(actor: AuditActor, userId: number) {
  return transaction(async (tx) => {
    const [user] = await tx
      .select({ email: users.email, personId: users.personId })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.archivedAt)));
    if (!user) return undefined;
    const issued = await issueToken(tx, { purpose: 'reset', email: user.email, personId: user.personId, createdByUserId: actor.userId });
    await recordAudit(tx, actor, { action: 'create', entityType: 'password_reset', entityId: userId });
    return { token: issued.token, expiresAt: issued.expiresAt, email: user.email };
  });
}

/** Sets the password from a reset link and ends every session of that account. */
export async function resetPassword(token: string, password: string, ip: string | null) {
  const passwordHash = await hashPassword(password);
  return transaction(async (tx) => {
    const reset = await consumeToken(tx, token, 'reset');
    if (!reset) return undefined;
    // Any other link to reset this password ends with this one.
    await voidOpenTokens(tx, reset.email, 'reset');
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now(), updatedAt: now() })
      .where(eq(users.email, reset.email))
      .returning({ id: users.id });
    if (!user) return undefined;
    await deleteUserSessions(user.id, undefined, tx);
    await recordAudit(tx, { userId: user.id, ip }, { action: 'update', entityType: 'user.password', entityId: user.id, detail: { via: 'reset' } });
    return { userId: user.id };
  });
}

/** Accounts for the organizers' list, with a one-line summary of each one's scopes. */
export async function listAccounts() {
  return getDb()
    .select({
      id: users.id,
      email: users.email,
      name: people.fullName,
      activated: sql<boolean>`${users.passwordHash} is not null`,
      organizer: sql<boolean>`exists (select 1 from organizers o where o.person_id = ${qualified(users.personId)} and o.active)`,
      hrOf: sql<
        string | null
      >`(select string_agg(m.name, '・') from hr_viewers h join municipalities m on m.id = h.municipality_id where h.user_id = ${qualified(users.id)} and h.archived_at is null)`,
      teamsOf: sql<
        string | null
      >`(select string_agg(m.name || ' ' || t.fiscal_year, '・' order by t.fiscal_year) from team_members tm join teams t on t.id = tm.team_id join municipalities m on m.id = t.municipality_id where tm.person_id = ${qualified(users.personId)} and tm.archived_at is null)`,
    })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .where(isNull(users.archivedAt))
    .orderBy(asc(users.email));
}

/** Choices for the invitation form. */
export async function invitationChoices(fiscalYear: number) {
  const db = getDb();
  const [municipalityRows, teamRows] = await Promise.all([
    db
      .select({ id: municipalities.id, name: municipalities.name, prefecture: municipalities.prefecture })
      .from(municipalities)
      .where(isNull(municipalities.archivedAt))
      .orderBy(asc(municipalities.prefecture), asc(municipalities.name)),
    db
      .select({ id: teams.id, name: municipalities.name, fiscalYear: teams.fiscalYear })
      .from(teams)
      .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
      .where(and(isNull(teams.archivedAt), sql`${teams.fiscalYear} >= ${fiscalYear}`))
      .orderBy(asc(teams.fiscalYear), asc(municipalities.name)),
  ]);
  return { municipalities: municipalityRows, teams: teamRows };
}
