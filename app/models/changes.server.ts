import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { changeChains, changeMoments } from '../../db/schema';
import { bumpVersion } from './record-version.server';
import { recordAudit, type AuditActor } from '~/models/audit.server';
import type { ChangeInput } from '~/schemas/change';
import { now } from '~/utils/clock';

// 創り出した変化: a chain of dated moments (きっかけ → 転機 → 変化) and a 考察. Every query is
// scoped by team; moments are reached only through their team's chain.

async function momentsOf(chainIds: number[]) {
  if (chainIds.length === 0) return [];
  return getDb()
    .select()
    .from(changeMoments)
    .where(inArray(changeMoments.chainId, chainIds))
    .orderBy(asc(changeMoments.position), asc(changeMoments.occurredOn), asc(changeMoments.id));
}

export async function listChanges(teamId: number, { archived = false } = {}) {
  const chains = await getDb()
    .select()
    .from(changeChains)
    .where(and(eq(changeChains.teamId, teamId), archived ? isNotNull(changeChains.archivedAt) : isNull(changeChains.archivedAt)))
    .orderBy(desc(changeChains.updatedAt), desc(changeChains.id));
  const moments = await momentsOf(chains.map((c) => c.id));
  return chains.map((c) => ({ ...c, moments: moments.filter((m) => m.chainId === c.id) }));
}

export async function getChange(teamId: number, chainId: number) {
  const [chain] = await getDb()
    .select()
    .from(changeChains)
    .where(and(eq(changeChains.teamId, teamId), eq(changeChains.id, chainId), isNull(changeChains.archivedAt)));
  if (!chain) return undefined;
  return { ...chain, moments: await momentsOf([chain.id]) };
}

async function writeMoments(tx: Db, chainId: number, input: ChangeInput) {
  const rows = input.moments
    .filter((m) => m.description.trim() && m.occurredOn)
    .map((m, position) => ({ chainId, stage: m.stage, occurredOn: m.occurredOn!, description: m.description.trim(), position }));
  if (rows.length) await tx.insert(changeMoments).values(rows);
  return rows.length;
}

export async function createChange(actor: AuditActor, teamId: number, input: ChangeInput) {
  return transaction(async (tx) => {
    const [chain] = await tx
      .insert(changeChains)
      .values({ teamId, title: input.title, reflection: input.reflection, coCreationStep: input.coCreationStep ?? null })
      .returning({ id: changeChains.id });
    const moments = await writeMoments(tx, chain!.id, input);
    await recordAudit(tx, actor, { action: 'create', entityType: 'change_chain', entityId: chain!.id, detail: { teamId, moments } });
    return chain!.id;
  });
}

/**
 * Saves a chain edited from `baseVersion`. The moments are parts of the chain, written from the
 * version the person saw, so a save replaces them as a whole; a stale one writes nothing.
 */
export async function updateChange(actor: AuditActor, teamId: number, chainId: number, input: ChangeInput, baseVersion: number) {
  return transaction(async (tx) => {
    const scope = and(eq(changeChains.teamId, teamId), eq(changeChains.id, chainId), isNull(changeChains.archivedAt));
    const bump = await bumpVersion(tx, changeChains, scope, baseVersion);
    if (bump.kind !== 'bumped') return bump;
    await tx
      .update(changeChains)
      .set({ title: input.title, reflection: input.reflection, coCreationStep: input.coCreationStep ?? null })
      .where(scope);
    await tx.delete(changeMoments).where(eq(changeMoments.chainId, chainId));
    const moments = await writeMoments(tx, chainId, input);
    await recordAudit(tx, actor, { action: 'update', entityType: 'change_chain', entityId: chainId, detail: { teamId, moments } });
    return bump;
  });
}

export async function setChangeArchived(actor: AuditActor, teamId: number, chainId: number, archived: boolean) {
  return transaction(async (tx) => {
    const [chain] = await tx
      .update(changeChains)
      .set({ archivedAt: archived ? now() : null })
      .where(
        and(eq(changeChains.teamId, teamId), eq(changeChains.id, chainId), archived ? isNull(changeChains.archivedAt) : isNotNull(changeChains.archivedAt)),
      )
      .returning({ id: changeChains.id });
    if (!chain) return undefined;
    await recordAudit(tx, actor, { action: archived ? 'archive' : 'restore', entityType: 'change_chain', entityId: chain.id, detail: { teamId } });
    return chain.id;
  });
}
