import { and, desc, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import { getDb, type Db } from '../../db/client';
import { notifications, teamMembers, users } from '../../db/schema';

// In-app notifications. They are written in the same transaction as what they announce.

export { notificationKinds, type NotificationKind } from '~/domain/notifications';
import type { NotificationKind } from '~/domain/notifications';
import { now } from '~/utils/clock';

/** The accounts of a team's members, except the one who caused the notification. */
export async function teamUserIds(db: Db, teamId: number, exceptUserId: number | null) {
  const rows = await db
    .select({ id: users.id })
    .from(teamMembers)
    .innerJoin(users, and(eq(users.personId, teamMembers.personId), isNull(users.archivedAt)))
    .where(and(eq(teamMembers.teamId, teamId), isNull(teamMembers.archivedAt), exceptUserId ? ne(users.id, exceptUserId) : undefined));
  return rows.map((r) => r.id);
}

export async function notify(db: Db, userIds: number[], entry: { kind: NotificationKind; body: string; href: string }) {
  const unique = [...new Set(userIds)];
  if (unique.length) await db.insert(notifications).values(unique.map((userId) => ({ userId, ...entry, createdAt: now() })));
}

export async function unreadCount(userId: number) {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listNotifications(userId: number, since?: Date) {
  return getDb()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      body: notifications.body,
      href: notifications.href,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), since ? gte(notifications.createdAt, since) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(200);
}

export async function markRead(userId: number, ids?: number[]) {
  await getDb()
    .update(notifications)
    .set({ readAt: now() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids.length ? ids : [0]) : undefined));
}

/** Accounts with something new in the last week, for the mailed digest. */
export async function digestRecipients(since: Date) {
  return getDb()
    .selectDistinct({ userId: users.id, email: users.email })
    .from(notifications)
    .innerJoin(users, and(eq(users.id, notifications.userId), isNull(users.archivedAt)))
    .where(gte(notifications.createdAt, since));
}
