import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { municipalities } from '../../db/schema';
import type { MunicipalityKind } from '~/domain/codes';
import { recordAudit, type AuditActor } from './audit.server';
import { InputError } from './input-error.server';

export type MunicipalityInput = { name: string; prefecture: string; kind: MunicipalityKind };

export async function listMunicipalitiesForAdmin() {
  return getDb()
    .select({ id: municipalities.id, name: municipalities.name, prefecture: municipalities.prefecture, kind: municipalities.kind, archivedAt: municipalities.archivedAt })
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
  const [row] = await tx.select().from(municipalities).where(and(eq(municipalities.prefecture, prefecture), eq(municipalities.name, name)));
  return row;
}

export async function insertMunicipality(tx: Db, actor: AuditActor, input: MunicipalityInput) {
  const [row] = await tx.insert(municipalities).values(input).returning({ id: municipalities.id });
  await recordAudit(tx, actor, { action: 'create', entityType: 'municipality', entityId: row!.id, detail: { ...input } });
  return row!.id;
}

export async function createMunicipality(actor: AuditActor, input: MunicipalityInput) {
  return transaction(async (tx) => {
    const existing = await findMunicipality(tx, input.prefecture, input.name);
    if (existing) throw new InputError('name', `${input.prefecture}${input.name}はすでに登録されています${existing.archivedAt ? '（アーカイブ済み。元に戻せます）' : ''}`);
    return insertMunicipality(tx, actor, input);
  });
}

export async function setMunicipalityArchived(actor: AuditActor, id: number, archived: boolean) {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(municipalities)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(municipalities.id, id))
      .returning({ id: municipalities.id });
    if (row) await recordAudit(tx, actor, { action: archived ? 'archive' : 'restore', entityType: 'municipality', entityId: id });
    return Boolean(row);
  });
}
