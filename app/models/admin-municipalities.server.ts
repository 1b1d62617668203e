import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { municipalities } from '../../db/schema';
import type { MunicipalityKind } from '~/domain/codes';
import { recordAudit, type AuditActor } from './audit.server';
import { InputError } from './input-error.server';
import { bumpVersion, type Bump } from './record-version.server';
import { now } from '~/utils/clock';

export type MunicipalityInput = { name: string; prefecture: string; kind: MunicipalityKind };

export async function listMunicipalitiesForAdmin() {
  return getDb()
    .select({
      id: municipalities.id,
      name: municipalities.name,
      prefecture: municipalities.prefecture,
      kind: municipalities.kind,
      version: municipalities.version,
      archivedAt: municipalities.archivedAt,
    })
    .from(municipalities)
    .orderBy(asc(municipalities.prefecture), asc(municipalities.name));
}

export async function listActiveMunicipalities() {
  return getDb()
    .select({ id: municipalities.id, name: municipalities.name, prefecture: municipalities.prefecture })
    .from(municipalities)
    .where(isNull(municipalities.archivedAt))
    .orderBy(asc(municipalities.prefecture), asc(municipalities.name));
}

export async function findMunicipality(tx: Db, prefecture: string, name: string) {
  const [row] = await tx
    .select()
    .from(municipalities)
    .where(and(eq(municipalities.prefecture, prefecture), eq(municipalities.name, name)));
  return row;
}

export async function insertMunicipality(tx: Db, actor: AuditActor, input: MunicipalityInput) {
  const [row] = await tx.insert(municipalities).values(input).returning({ id: municipalities.id });
  await recordAudit(tx, actor, { action: 'create', entityType: 'municipality', entityId: row!.id, detail: { ...input } });
  return row!.id;
}

/** One municipality per prefecture and name, on create and on edit alike. */
async function refuseDuplicate(tx: Db, input: MunicipalityInput, exceptId?: number) {
  const existing = await findMunicipality(tx, input.prefecture, input.name);
  if (existing && existing.id !== exceptId) {
    throw new InputError('name', `${input.prefecture}${input.name}はすでに登録されています${existing.archivedAt ? '（アーカイブ済み。元に戻せます）' : ''}`);
  }
}

export async function createMunicipality(actor: AuditActor, input: MunicipalityInput) {
  return transaction(async (tx) => {
    await refuseDuplicate(tx, input);
    return insertMunicipality(tx, actor, input);
  });
}

/** One municipality as its edit form shows it, with the version the form rests on. */
export async function getMunicipality(id: number) {
  const [row] = await getDb().select().from(municipalities).where(eq(municipalities.id, id));
  return row;
}

/** Corrects name, prefecture or kind from `baseVersion` (app/models/record-version.server.ts). */
export async function updateMunicipality(actor: AuditActor, id: number, input: MunicipalityInput, baseVersion: number): Promise<Bump> {
  return transaction(async (tx) => {
    const bump = await bumpVersion(tx, municipalities, eq(municipalities.id, id), baseVersion);
    if (bump.kind !== 'bumped') return bump;
    // The row exists: its version just moved.
    const current = (await tx.select().from(municipalities).where(eq(municipalities.id, id)))[0]!;
    const changed = (['name', 'prefecture', 'kind'] as const).filter((key) => current[key] !== input[key]);
    if (changed.length === 0) return bump;
    await refuseDuplicate(tx, input, id);
    await tx.update(municipalities).set(input).where(eq(municipalities.id, id));
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'municipality',
      entityId: id,
      detail: { before: Object.fromEntries(changed.map((k) => [k, current[k]])), after: Object.fromEntries(changed.map((k) => [k, input[k]])) },
    });
    return bump;
  });
}

export async function setMunicipalityArchived(actor: AuditActor, id: number, archived: boolean) {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(municipalities)
      .set({ archivedAt: archived ? now() : null, updatedAt: now() })
      .where(eq(municipalities.id, id))
      .returning({ id: municipalities.id });
    if (row) await recordAudit(tx, actor, { action: archived ? 'archive' : 'restore', entityType: 'municipality', entityId: id });
    return Boolean(row);
  });
}
