import { and, desc, eq, gt } from 'drizzle-orm';
import { getDb, type Db } from '../../db/client';
import { loginAttempts } from '../../db/schema';
import { now } from '~/utils/clock';

// Brute-force limits. The counters live in the database so they hold across app instances.
// Many staff of one city hall share an office IP, so nothing ever locks by IP alone.
export const lockWindowMs = 15 * 60 * 1000;
export const lockDurationMs = 15 * 60 * 1000;
export const accountLimit = 10; // failures on one account, from anywhere
export const accountIpLimit = 5; // failures on one account from one IP: that pair waits first

export async function recordLoginAttempt(db: Db, email: string, ip: string | null, succeeded: boolean) {
  await db.insert(loginAttempts).values({ email, ip, succeeded, at: now() });
}

/**
 * Whether sign-in to `email` is locked now. The lock starts at the failure that reached the limit
 * within the window and lasts 15 minutes; attempts during a lock are not counted, so it ends.
 * A success clears the count. Unknown emails are counted the same way, so a lock reveals nothing.
 */
export async function isLoginLocked(email: string, ip: string | null, at = now()): Promise<boolean> {
  const recent = await getDb()
    .select({ at: loginAttempts.at, ip: loginAttempts.ip, succeeded: loginAttempts.succeeded })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), gt(loginAttempts.at, new Date(at.getTime() - lockWindowMs - lockDurationMs))))
    .orderBy(desc(loginAttempts.at))
    .limit(50);
  const lastSuccess = recent.findIndex((a) => a.succeeded);
  const failures = (lastSuccess === -1 ? recent : recent.slice(0, lastSuccess)).map((a) => ({ at: a.at.getTime(), ip: a.ip }));
  return (
    lockedBy(failures, accountLimit, at) ||
    lockedBy(
      failures.filter((f) => ip !== null && f.ip === ip),
      accountIpLimit,
      at,
    )
  );
}

/** Failures newest first: locked while some run of `limit` failures within the window ended < 15 min ago. */
function lockedBy(failures: { at: number }[], limit: number, now: Date): boolean {
  for (let newest = 0; newest + limit - 1 < failures.length; newest++) {
    const first = failures[newest + limit - 1]!;
    const last = failures[newest]!;
    if (last.at - first.at <= lockWindowMs && now.getTime() - last.at < lockDurationMs) return true;
  }
  return false;
}
