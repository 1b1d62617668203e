import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, transaction, qualified } from '../../db/client';
import { alumniGroupMembers, alumniGroups, facilitatorOffers, facilitatorRequests, municipalities, people, teams } from '../../db/schema';
import type { FacilitatorRequestStatus } from '~/domain/codes';
import type { Viewer } from '~/utils/permissions';
import { recordAudit, type AuditActor } from './audit.server';
import { notify, teamUserIds } from './notifications.server';
import { now } from '~/utils/clock';

// 世話人派遣: a team or a マネ友 group asks the network for help with an off-site meeting.
// 募集中 → 決定 (an offer accepted) → 実施済, or 取消 from either of the first two.

const ownerName = sql<string>`coalesce(${alumniGroups.name}, ${municipalities.name} || 'チーム')`;

export async function listRequests() {
  return getDb()
    .select({
      id: facilitatorRequests.id,
      heldOn: facilitatorRequests.heldOn,
      place: facilitatorRequests.place,
      helpNeeded: facilitatorRequests.helpNeeded,
      status: facilitatorRequests.status,
      ownerName,
      offers: sql<number>`(select count(*) from facilitator_offers o where o.request_id = ${qualified(facilitatorRequests.id)})`.mapWith(Number),
    })
    .from(facilitatorRequests)
    .leftJoin(alumniGroups, eq(alumniGroups.id, facilitatorRequests.groupId))
    .leftJoin(teams, eq(teams.id, facilitatorRequests.teamId))
    .leftJoin(municipalities, eq(municipalities.id, teams.municipalityId))
    .orderBy(sql`case ${facilitatorRequests.status} when 'open' then 0 when 'decided' then 1 else 2 end`, desc(facilitatorRequests.heldOn))
    .limit(200);
}

export async function getRequest(requestId: number) {
  const [row] = await getDb()
    .select({
      id: facilitatorRequests.id,
      teamId: facilitatorRequests.teamId,
      groupId: facilitatorRequests.groupId,
      heldOn: facilitatorRequests.heldOn,
      place: facilitatorRequests.place,
      helpNeeded: facilitatorRequests.helpNeeded,
      status: facilitatorRequests.status,
      createdByUserId: facilitatorRequests.createdByUserId,
      ownerName,
    })
    .from(facilitatorRequests)
    .leftJoin(alumniGroups, eq(alumniGroups.id, facilitatorRequests.groupId))
    .leftJoin(teams, eq(teams.id, facilitatorRequests.teamId))
    .leftJoin(municipalities, eq(municipalities.id, teams.municipalityId))
    .where(eq(facilitatorRequests.id, requestId));
  return row;
}
export type FacilitatorRequest = NonNullable<Awaited<ReturnType<typeof getRequest>>>;

export async function listOffers(requestId: number) {
  return getDb()
    .select({
      id: facilitatorOffers.id,
      personId: people.id,
      fullName: people.fullName,
      message: facilitatorOffers.message,
      acceptedAt: facilitatorOffers.acceptedAt,
      createdAt: facilitatorOffers.createdAt,
    })
    .from(facilitatorOffers)
    .innerJoin(people, eq(people.id, facilitatorOffers.personId))
    .where(eq(facilitatorOffers.requestId, requestId))
    .orderBy(asc(facilitatorOffers.createdAt), asc(facilitatorOffers.id));
}

/** The groups a person belongs to (a request or an off-site can be made in their name). */
export async function groupsOf(personId: number) {
  return getDb()
    .select({ id: alumniGroups.id, name: alumniGroups.name })
    .from(alumniGroupMembers)
    .innerJoin(alumniGroups, and(eq(alumniGroups.id, alumniGroupMembers.groupId), isNull(alumniGroups.archivedAt)))
    .where(eq(alumniGroupMembers.personId, personId))
    .orderBy(asc(alumniGroups.name));
}

/** Who may accept offers and move the request on: its writer, the owning team or group, organizers. */
export async function isRequester(viewer: Viewer, request: Pick<FacilitatorRequest, 'teamId' | 'groupId' | 'createdByUserId'>) {
  if (viewer.organizer || request.createdByUserId === viewer.userId) return true;
  if (request.teamId && viewer.memberTeamIds.includes(request.teamId)) return true;
  if (request.groupId) return (await groupsOf(viewer.personId)).some((g) => g.id === request.groupId);
  return false;
}

export type RequestInput = { teamId: number | null; groupId: number | null; heldOn: string; place: string; helpNeeded: string };

export async function createRequest(actor: AuditActor & { userId: number }, input: RequestInput) {
  return transaction(async (tx) => {
    const [row] = await tx
      .insert(facilitatorRequests)
      .values({ ...input, createdByUserId: actor.userId })
      .returning({ id: facilitatorRequests.id });
    await recordAudit(tx, actor, {
      action: 'create',
      entityType: 'facilitator_request',
      entityId: row!.id,
      detail: { teamId: input.teamId, groupId: input.groupId },
    });
    return row!.id;
  });
}

/** false when the person already offered or the request no longer takes offers. */
export async function addOffer(actor: AuditActor, request: FacilitatorRequest, personId: number, message: string) {
  if (request.status === 'done' || request.status === 'cancelled') return false;
  return transaction(async (tx) => {
    const [row] = await tx
      .insert(facilitatorOffers)
      .values({ requestId: request.id, personId, message })
      .onConflictDoNothing()
      .returning({ id: facilitatorOffers.id });
    if (!row) return false;
    await recordAudit(tx, actor, { action: 'create', entityType: 'facilitator_offer', entityId: row.id, detail: { requestId: request.id } });
    const recipients = [request.createdByUserId, ...(request.teamId ? await teamUserIds(tx, request.teamId, null) : [])].filter((id) => id !== actor.userId);
    await notify(tx, recipients, {
      kind: 'facilitator_offer',
      body: `世話人の申し出が届きました（${request.ownerName}・${request.heldOn}）`,
      href: `/alumni/support/${request.id}`,
    });
    return true;
  });
}

/** Accepting an offer decides the request (募集中 → 決定); more offers may be accepted afterwards. */
export async function acceptOffer(actor: AuditActor, request: FacilitatorRequest, offerId: number) {
  if (request.status !== 'open' && request.status !== 'decided') return false;
  return transaction(async (tx) => {
    const [row] = await tx
      .update(facilitatorOffers)
      .set({ acceptedAt: now() })
      .where(and(eq(facilitatorOffers.requestId, request.id), eq(facilitatorOffers.id, offerId), isNull(facilitatorOffers.acceptedAt)))
      .returning({ id: facilitatorOffers.id });
    if (!row) return false;
    await tx.update(facilitatorRequests).set({ status: 'decided', updatedAt: now() }).where(eq(facilitatorRequests.id, request.id));
    await recordAudit(tx, actor, { action: 'accept', entityType: 'facilitator_offer', entityId: row.id, detail: { requestId: request.id } });
    return true;
  });
}

const moves: Record<'done' | 'cancelled', FacilitatorRequestStatus[]> = { done: ['decided'], cancelled: ['open', 'decided'] };

/** 実施済 only after a decision; 取消 before the meeting is done. A repeated click changes nothing. */
export async function moveRequest(actor: AuditActor, requestId: number, to: 'done' | 'cancelled') {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(facilitatorRequests)
      .set({ status: to, updatedAt: now() })
      .where(and(eq(facilitatorRequests.id, requestId), inArray(facilitatorRequests.status, moves[to])))
      .returning({ id: facilitatorRequests.id });
    if (row) await recordAudit(tx, actor, { action: to === 'done' ? 'complete' : 'cancel', entityType: 'facilitator_request', entityId: row.id });
    return Boolean(row);
  });
}
