import crypto from 'node:crypto';
import { and, eq, lt, ne, or } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { authSessions } from '../../db/schema';
import { recordAudit, type AuditActor } from './audit.server';
import { now } from '~/utils/clock';

// A session ends 12 hours after sign-in, or after 30 minutes without a request.
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;
export const sessionIdleMs = 30 * 60 * 1000;
// Writing last_seen_at on every request would make every page view a write; once a minute is enough.
const touchEveryMs = 60 * 1000;

export function hashSessionId(id: string) {
  return crypto.createHash('sha256').update(id).digest('base64url');
}

export async function createAuthSession(userId: number, meta: { ip: string | null; userAgent: string }) {
  const id = crypto.randomBytes(32).toString('base64url');
  const at = now();
  await getDb()
    .insert(authSessions)
    .values({
      idHash: hashSessionId(id),
      userId,
      ip: meta.ip,
      userAgent: meta.userAgent.slice(0, 300),
      lastSeenAt: at,
      expiresAt: new Date(at.getTime() + sessionLifetimeMs),
    });
  return id;
}

/**
 * Whether a session found is live at `at`: an expired one, or one idle too long, is deleted; a live one is touched
 * (at most once a minute).
 */
export async function keepSessionAlive(session: typeof authSessions.$inferSelect, at = now()): Promise<boolean> {
  if (session.expiresAt <= at || at.getTime() - session.lastSeenAt.getTime() > sessionIdleMs) {
    await getDb().delete(authSessions).where(eq(authSessions.idHash, session.idHash));
    return false;
  }
  if (at.getTime() - session.lastSeenAt.getTime() > touchEveryMs) {
    await getDb().update(authSessions).set({ lastSeenAt: at }).where(eq(authSessions.idHash, session.idHash));
  }
  return true;
}

export async function deleteAuthSession(idHash: string, db: Db = getDb()) {
  await db.delete(authSessions).where(eq(authSessions.idHash, idHash));
}

/** Signs a user out everywhere, or everywhere but the session given. */
export async function deleteUserSessions(userId: number, exceptIdHash?: string, db: Db = getDb()) {
  await db.delete(authSessions).where(and(eq(authSessions.userId, userId), exceptIdHash ? ne(authSessions.idHash, exceptIdHash) : undefined));
}

/** Signs out of this session (or of all the user's sessions), with its audit entry, in one transaction. */
export async function endSessions(actor: AuditActor & { userId: number }, sessionIdHash: string, everywhere: boolean) {
  await transaction(async (tx) => {
    if (everywhere) await deleteUserSessions(actor.userId, undefined, tx);
    else await deleteAuthSession(sessionIdHash, tx);
    await recordAudit(tx, actor, { action: everywhere ? 'logout.everywhere' : 'logout', entityType: 'session' });
  });
}

export async function purgeExpiredSessions(at = now()) {
  await getDb()
    .delete(authSessions)
    .where(or(lt(authSessions.expiresAt, at), lt(authSessions.lastSeenAt, new Date(at.getTime() - sessionIdleMs))));
}
