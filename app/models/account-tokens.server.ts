import crypto from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { getDb, type Db } from '../../db/client';
import { accountTokens } from '../../db/schema';
import type { TokenPurpose } from '~/domain/codes';
import { now } from '~/utils/clock';

// Single-use links that an organizer copies and sends (no mail server is assumed).
// Only the hash of a token is stored, so the table leaks no usable link.
export const tokenLifetimeMs = 7 * 24 * 60 * 60 * 1000;

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');
export const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * A new link for `email`; the email's other open links of the same purpose stop working (an older
 * reset link, or a first invitation, never outlives the newer one).
 */
export async function issueToken(
  db: Db,
  values: { purpose: TokenPurpose; email: string; personId?: number | null; details?: Record<string, unknown>; createdByUserId: number | null },
) {
  await voidOpenTokens(db, values.email, values.purpose);
  const token = crypto.randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(accountTokens)
    .values({ ...values, tokenHash: hashToken(token), details: values.details ?? {}, expiresAt: new Date(now().getTime() + tokenLifetimeMs) })
    .returning({ id: accountTokens.id, expiresAt: accountTokens.expiresAt });
  return { token, ...row! };
}

/** Ends the open links of `purpose` for `email` (they expire now); their ids. */
export async function voidOpenTokens(db: Db, email: string, purpose: TokenPurpose) {
  const rows = await db
    .update(accountTokens)
    .set({ expiresAt: now() })
    .where(and(eq(accountTokens.email, email), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now())))
    .returning({ id: accountTokens.id });
  return rows.map((r) => r.id);
}

/** A token that is unused and not expired, without using it up (to show the form). */
export async function peekToken(token: string, purpose: TokenPurpose) {
  if (!tokenPattern.test(token)) return undefined;
  const [row] = await getDb()
    .select()
    .from(accountTokens)
    .where(
      and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now())),
    );
  return row;
}

/** Uses a token up, atomically: of two concurrent uses exactly one gets the row. */
export async function consumeToken(db: Db, token: string, purpose: TokenPurpose) {
  if (!tokenPattern.test(token)) return undefined;
  const [row] = await db
    .update(accountTokens)
    .set({ usedAt: now() })
    .where(
      and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now())),
    )
    .returning();
  return row;
}
