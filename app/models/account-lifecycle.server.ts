import { and, asc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb, transaction } from '../../db/client';
import { accountTokens, hrViewers, mentorAssignments, municipalities, people, teams, users } from '../../db/schema';
import { now } from '~/utils/clock';
import { voidOpenTokens } from './account-tokens.server';
import { recordAudit, type AuditActor } from './audit.server';
import { deleteUserSessions } from './auth-sessions.server';
import { InputError } from './input-error.server';

// Access that can be taken away (docs/access.md): an HR officer who moves post, a mentor whose year is
// over, a link sent to the wrong address, an account that must close. Records stay; access ends at once.

/** Each live account's HR scopes and mentor assignments, each one removable. */
export async function listRemovableScopes() {
  const [hr, mentors] = await Promise.all([
    getDb()
      .select({ id: hrViewers.id, userId: hrViewers.userId, label: municipalities.name })
      .from(hrViewers)
      .innerJoin(municipalities, eq(municipalities.id, hrViewers.municipalityId))
      .where(isNull(hrViewers.archivedAt))
      .orderBy(asc(hrViewers.id)),
    getDb()
      .select({ id: mentorAssignments.id, userId: users.id, label: sql<string>`${municipalities.name} || ' ' || ${teams.fiscalYear}` })
      .from(mentorAssignments)
      .innerJoin(users, eq(users.personId, mentorAssignments.personId))
      .innerJoin(teams, eq(teams.id, mentorAssignments.teamId))
      .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
      .where(isNull(mentorAssignments.endedAt))
      .orderBy(asc(mentorAssignments.id)),
  ]);
  return { hr, mentors };
}

/** Invitations and reset links not used and not expired, newest first. */
export async function listOpenLinks() {
  return getDb()
    .select({ id: accountTokens.id, purpose: accountTokens.purpose, email: accountTokens.email, expiresAt: accountTokens.expiresAt })
    .from(accountTokens)
    .where(and(isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now())))
    .orderBy(sql`${accountTokens.createdAt} desc`, sql`${accountTokens.id} desc`);
}

/** Accounts that were stopped, to start again. */
export async function listStoppedAccounts() {
  return getDb()
    .select({ id: users.id, email: users.email, name: people.fullName, stoppedAt: users.archivedAt })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .where(isNotNull(users.archivedAt))
    .orderBy(asc(users.email));
}

/** Ends an HR officer's view of their municipality's teams; false when there is no such live scope. */
export async function revokeHrScope(actor: AuditActor, hrViewerId: number) {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(hrViewers)
      .set({ archivedAt: now() })
      .where(and(eq(hrViewers.id, hrViewerId), isNull(hrViewers.archivedAt)))
      .returning({ userId: hrViewers.userId, municipalityId: hrViewers.municipalityId });
    if (!row) return false;
    await recordAudit(tx, actor, { action: 'revoke', entityType: 'hr_viewer', entityId: hrViewerId, detail: row });
    return true;
  });
}

/** Ends a mentor's assignment to a team (the team can end it too, on its mentor page). */
export async function endMentorAssignment(actor: AuditActor, assignmentId: number) {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(mentorAssignments)
      .set({ endedAt: now() })
      .where(and(eq(mentorAssignments.id, assignmentId), isNull(mentorAssignments.endedAt)))
      .returning({ teamId: mentorAssignments.teamId, personId: mentorAssignments.personId });
    if (!row) return false;
    await recordAudit(tx, actor, { action: 'revoke', entityType: 'mentor_assignment', entityId: assignmentId, detail: row });
    return true;
  });
}

/** Ends an open invitation or reset link before anyone uses it. */
export async function cancelLink(actor: AuditActor, tokenId: number) {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(accountTokens)
      .set({ expiresAt: now() })
      .where(and(eq(accountTokens.id, tokenId), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now())))
      .returning({ purpose: accountTokens.purpose });
    if (!row) return false;
    await recordAudit(tx, actor, { action: 'cancel', entityType: 'account_token', entityId: tokenId, detail: row });
    return true;
  });
}

/**
 * Stops an account: its sessions end at once, it cannot sign in, its open reset links end; what it
 * wrote stays, under its name. Not one's own (another organizer does it).
 */
export async function stopAccount(actor: AuditActor, userId: number) {
  if (actor.userId === userId) throw new InputError('', '自分のアカウントは停止できません。ほかの事務局・幹事の方に依頼してください');
  return transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ archivedAt: now(), updatedAt: now() })
      .where(and(eq(users.id, userId), isNull(users.archivedAt)))
      .returning({ email: users.email });
    if (!row) return false;
    await deleteUserSessions(userId, undefined, tx);
    await voidOpenTokens(tx, row.email, 'reset');
    await recordAudit(tx, actor, { action: 'archive', entityType: 'user', entityId: userId });
    return true;
  });
}

/** Lets a stopped account sign in again, with the scopes it still holds. */
export async function restartAccount(actor: AuditActor, userId: number) {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ archivedAt: null, updatedAt: now() })
      .where(and(eq(users.id, userId), isNotNull(users.archivedAt)))
      .returning({ id: users.id });
    if (!row) return false;
    await recordAudit(tx, actor, { action: 'restore', entityType: 'user', entityId: userId });
    return true;
  });
}
