import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '../../db/client';
import { auditLog, people, users } from '../../db/schema';

export type AuditActor = { userId: number | null; ip: string | null };
export type AuditEntry = {
  action: string; // create, update, archive, restore, login.success, login.failure, access.denied …
  entityType: string;
  entityId?: string | number | null;
  detail?: Record<string, unknown>;
};

/** An entry that goes with no write of its own (a refused request). */
export function recordAuditAlone(actor: AuditActor, entry: AuditEntry) {
  return recordAudit(getDb(), actor, entry);
}

/** Writes one audit entry; pass the transaction of the write so both land or neither does. */
export async function recordAudit(db: Db, actor: AuditActor, entry: AuditEntry) {
  await db.insert(auditLog).values({
    userId: actor.userId,
    ip: actor.ip,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    detail: entry.detail ?? {},
  });
}

export type AuditFilter = { action?: string; entityType?: string; email?: string; before?: number };
export const auditPageSize = 50;

/** Newest first, keyset-paginated by id. */
export async function listAudit(filter: AuditFilter) {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(like(auditLog.action, `${filter.action}%`));
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.email) conditions.push(eq(users.email, filter.email.toLowerCase()));
  if (filter.before) conditions.push(lt(auditLog.id, filter.before));
  return getDb()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      ip: auditLog.ip,
      detail: auditLog.detail,
      email: users.email,
      name: people.fullName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(people, eq(people.id, users.personId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(auditPageSize);
}
