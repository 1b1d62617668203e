import { asc, desc, eq, sql } from 'drizzle-orm';
import { getDb, transaction, qualified } from '../../db/client';
import { organizers, people } from '../../db/schema';
import type { OrganizerRole } from '~/domain/codes';
import { recordAudit, type AuditActor } from './audit.server';
import { bumpVersion, type Bump } from './record-version.server';
import { now } from '~/utils/clock';

const entry = {
  id: organizers.id,
  fullName: people.fullName,
  role: organizers.role,
  affiliation: organizers.affiliation,
  active: organizers.active,
  version: organizers.version,
  updatedAt: organizers.updatedAt,
};

/** 顧問・部会長・幹事・参与・事務局, active first; an entry without an account is still named on feedback. */
export async function listRoster() {
  return getDb()
    .select({ ...entry, hasAccount: sql<boolean>`exists (select 1 from users u where u.person_id = ${qualified(people.id)} and u.archived_at is null)` })
    .from(organizers)
    .innerJoin(people, eq(people.id, organizers.personId))
    .orderBy(desc(organizers.active), asc(organizers.role), asc(people.fullName));
}

/** One entry as its edit form shows it, with the version the form rests on. */
export async function getRosterEntry(id: number) {
  const [row] = await getDb().select(entry).from(organizers).innerJoin(people, eq(people.id, organizers.personId)).where(eq(organizers.id, id));
  return row;
}

export async function addRosterEntry(actor: AuditActor, input: { fullName: string; role: OrganizerRole; affiliation: string }) {
  return transaction(async (tx) => {
    const [person] = await tx.insert(people).values({ fullName: input.fullName }).returning({ id: people.id });
    const [row] = await tx
      .insert(organizers)
      .values({ personId: person!.id, role: input.role, affiliation: input.affiliation })
      .returning({ id: organizers.id });
    await recordAudit(tx, actor, { action: 'create', entityType: 'organizer', entityId: row!.id, detail: { role: input.role } });
    return row!.id;
  });
}

/** Leaving the roster keeps the entry (feedback they gave still names them); an inactive entry grants nothing. */
export async function setRosterActive(actor: AuditActor, id: number, active: boolean) {
  return transaction(async (tx) => {
    const [row] = await tx.update(organizers).set({ active, updatedAt: now() }).where(eq(organizers.id, id)).returning({ id: organizers.id });
    if (row) await recordAudit(tx, actor, { action: active ? 'restore' : 'archive', entityType: 'organizer', entityId: id });
    return Boolean(row);
  });
}

/** Corrects the name, role or affiliation; the name is the person's, so it changes wherever they are named. */
export async function updateRosterEntry(
  actor: AuditActor,
  id: number,
  input: { fullName: string; role: OrganizerRole; affiliation: string },
  baseVersion: number,
): Promise<Bump> {
  return transaction(async (tx) => {
    const bump = await bumpVersion(tx, organizers, eq(organizers.id, id), baseVersion);
    if (bump.kind !== 'bumped') return bump;
    // The row exists: its version just moved.
    const current = (
      await tx
        .select({ personId: organizers.personId, fullName: people.fullName, role: organizers.role, affiliation: organizers.affiliation })
        .from(organizers)
        .innerJoin(people, eq(people.id, organizers.personId))
        .where(eq(organizers.id, id))
    )[0]!;
    const changed = (['fullName', 'role', 'affiliation'] as const).filter((key) => current[key] !== input[key]);
    if (changed.length === 0) return bump;
    if (changed.includes('fullName')) await tx.update(people).set({ fullName: input.fullName, updatedAt: now() }).where(eq(people.id, current.personId));
    await tx.update(organizers).set({ role: input.role, affiliation: input.affiliation }).where(eq(organizers.id, id));
    // Like the entry's creation, the audit keeps the role, not the person's name.
    const role = changed.includes('role') ? { role: { before: current.role, after: input.role } } : {};
    await recordAudit(tx, actor, { action: 'update', entityType: 'organizer', entityId: id, detail: { changed, ...role } });
    return bump;
  });
}
