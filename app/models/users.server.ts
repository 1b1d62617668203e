import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb, transaction } from '../../db/client';
import { people, users } from '../../db/schema';
import { hashPassword, verifyPassword } from '~/utils/password.server';
import { recordAudit, type AuditActor } from './audit.server';
import { deleteUserSessions } from './auth-sessions.server';
import { voidOpenTokens } from './account-tokens.server';
import { isLoginLocked, recordLoginAttempt } from './login-attempts.server';
import { now } from '~/utils/clock';

// An unknown email is checked against this hash too, so both answers take the same time.
let decoyHash: Promise<string> | undefined;
const decoy = () =>
  (decoyHash ??= hashPassword(crypto.randomBytes(16).toString('hex')).catch((error: unknown) => {
    decoyHash = undefined; // not kept: a failed decoy would fail every later unknown-email sign-in
    throw error;
  }));

export type SignInResult = { ok: true; userId: number } | { ok: false; reason: 'invalid' | 'locked' };

export async function signIn(email: string, password: string, ip: string | null): Promise<SignInResult> {
  if (await isLoginLocked(email, ip)) {
    await recordAudit(getDb(), { userId: null, ip }, { action: 'login.locked', entityType: 'user', detail: { email } });
    return { ok: false, reason: 'locked' };
  }
  const [user] = await getDb()
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.archivedAt)));
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoy()));
  const ok = Boolean(user?.passwordHash) && matches;
  await transaction(async (tx) => {
    await recordLoginAttempt(tx, email, ip, ok);
    await recordAudit(
      tx,
      { userId: ok ? user!.id : null, ip },
      {
        action: ok ? 'login.success' : 'login.failure',
        entityType: 'user',
        entityId: ok ? user!.id : null,
        detail: { email },
      },
    );
  });
  return ok ? { ok: true, userId: user!.id } : { ok: false, reason: 'invalid' };
}

/**
 * The signed-in person's current password (before a change), counted with sign-in's attempts on the
 * account's email: guessing it from a session left open locks the account as guessing at sign-in does.
 */
export async function checkPassword(userId: number, password: string, ip: string | null): Promise<'ok' | 'wrong' | 'locked'> {
  const [user] = await getDb().select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user?.passwordHash) return 'wrong';
  if (await isLoginLocked(user.email, ip)) return 'locked';
  const ok = await verifyPassword(password, user.passwordHash);
  await transaction(async (tx) => {
    await recordLoginAttempt(tx, user.email, ip, ok);
    if (!ok) await recordAudit(tx, { userId, ip }, { action: 'password.check-failure', entityType: 'user', entityId: userId });
  });
  return ok ? 'ok' : 'wrong';
}

/**
 * Sets a new password and ends every other session of the user and every open link to reset it, in one
 * transaction with its audit entry.
 */
export async function changePassword(userId: number, password: string, actor: AuditActor, keepSessionIdHash?: string) {
  const passwordHash = await hashPassword(password);
  await transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now(), updatedAt: now() })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    if (user) await voidOpenTokens(tx, user.email, 'reset');
    await deleteUserSessions(userId, keepSessionIdHash, tx);
    await recordAudit(tx, actor, { action: 'update', entityType: 'user.password', entityId: userId });
  });
}

export async function getAccount(userId: number) {
  const [row] = await getDb()
    .select({ id: users.id, email: users.email, name: people.fullName, passwordChangedAt: users.passwordChangedAt })
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .where(eq(users.id, userId));
  return row;
}
