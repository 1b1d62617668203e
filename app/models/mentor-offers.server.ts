import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { getDb, selectRows, transaction } from '../../db/client';
import { mentorAssignments, mentorOffers, teamMembers } from '../../db/schema';
import type { MentorOfferStatus } from '~/domain/codes';
import { currentFiscalYear, now } from '~/utils/clock';
import { tokyoDateOf } from '~/utils/dates';
import { recordAudit, type AuditActor } from './audit.server';
import { addMentor, isAlumnusBefore } from './mentors.server';
import { notify, teamUserIds } from './notifications.server';
import { getTeamRef, type TeamSummary } from './teams.server';

// A マネ友 offers to mentor this year's team of their own municipality; the team accepts (the alumnus
// becomes its mentor, as when the team chooses them: addMentor) or declines; the alumnus may withdraw
// an offer while it waits (docs/decisions/0020). Every refusal is decided here, not by hiding a button.

type Offerer = { userId: number; personId: number; name: string };

/** Why an offer was not made; the route says each in Japanese. */
export type OfferRefusal = 'team' | 'notAlumnus' | 'member' | 'mentor' | 'duplicate';

export async function makeOffer(
  actor: AuditActor,
  by: Offerer,
  teamId: number,
  message: string,
): Promise<OfferRefusal | { offerId: number; team: TeamSummary }> {
  const team = await getTeamRef(teamId);
  if (!team || team.fiscalYear !== currentFiscalYear()) return 'team';
  if (!(await isAlumnusBefore(getDb(), team, by.personId, { sameMunicipality: true }))) return 'notAlumnus';
  const [member] = await getDb()
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.personId, by.personId), isNull(teamMembers.archivedAt)));
  if (member) return 'member';
  const [mentor] = await getDb()
    .select({ id: mentorAssignments.id })
    .from(mentorAssignments)
    .where(and(eq(mentorAssignments.teamId, team.id), eq(mentorAssignments.personId, by.personId), isNull(mentorAssignments.endedAt)));
  if (mentor) return 'mentor';
  return transaction(async (tx) => {
    // The unique index on live offers (not withdrawn) is the lock: a second tab's offer inserts nothing.
    const [row] = await tx
      .insert(mentorOffers)
      .values({ teamId: team.id, personId: by.personId, message, offeredByUserId: by.userId, createdAt: now(), updatedAt: now() })
      .onConflictDoNothing()
      .returning({ id: mentorOffers.id });
    if (!row) return 'duplicate' as const;
    await recordAudit(tx, actor, { action: 'create', entityType: 'mentor_offer', entityId: row.id, detail: { teamId: team.id } });
    await notify(tx, await teamUserIds(tx, team.id, by.userId), {
      kind: 'mentor_offer',
      body: `${by.name}さん（マネ友）からメンターの申し出が届きました`,
      href: `/teams/${team.id}/mentors`,
    });
    return { offerId: row.id, team };
  });
}

/** The person's live offers (not withdrawn) to these teams, one per team at most. */
export async function offersBy(personId: number, teamIds: number[]) {
  if (teamIds.length === 0) return [];
  const rows = await getDb()
    .select({
      id: mentorOffers.id,
      teamId: mentorOffers.teamId,
      status: mentorOffers.status,
      message: mentorOffers.message,
      createdAt: mentorOffers.createdAt,
      decidedAt: mentorOffers.decidedAt,
    })
    .from(mentorOffers)
    .where(and(eq(mentorOffers.personId, personId), inArray(mentorOffers.teamId, teamIds), ne(mentorOffers.status, 'withdrawn')));
  return rows.map(({ createdAt, decidedAt, ...row }) => ({ ...row, offeredOn: tokyoDateOf(createdAt), decidedOn: decidedAt ? tokyoDateOf(decidedAt) : null }));
}

export type PendingOffer = {
  id: number;
  personId: number;
  fullName: string;
  message: string;
  offeredOn: string;
  lastYear: number | null;
  generation: number | null;
};

/** The offers waiting for the team's answer, oldest first, with the 期 and year of the alumnus's latest team there. */
export async function pendingOffers(teamId: number) {
  return selectRows<PendingOffer>(sql`
    select o.id, o.person_id as "personId", p.full_name as "fullName", o.message,
      to_char(o.created_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD') as "offeredOn",
      e.fiscal_year::int as "lastYear", g.generation::int as "generation"
    from mentor_offers o
    join teams t on t.id = o.team_id
    join people p on p.id = o.person_id
    left join lateral (
      select et.id, et.fiscal_year from team_members tm
      join teams et on et.id = tm.team_id and et.archived_at is null
      where tm.person_id = o.person_id and tm.archived_at is null and et.municipality_id = t.municipality_id and et.fiscal_year < t.fiscal_year
      order by et.fiscal_year desc limit 1
    ) e on true
    left join team_generations g on g.team_id = e.id
    where o.team_id = ${teamId} and o.status = 'pending'
    order by o.created_at, o.id`);
}

class AlreadyAnswered extends Error {}

/**
 * Accepts or declines a pending offer to the team. 'missing': no such offer of this team; 'answered':
 * it was answered or withdrawn before (a double click, another member's click); 'notAlumnus': the
 * alumnus's earlier team is no longer on record.
 */
export async function answerOffer(actor: AuditActor, team: TeamSummary, offerId: number, answer: 'accepted' | 'declined') {
  const [offer] = await getDb()
    .select({ id: mentorOffers.id, personId: mentorOffers.personId, status: mentorOffers.status, offeredByUserId: mentorOffers.offeredByUserId })
    .from(mentorOffers)
    .where(and(eq(mentorOffers.teamId, team.id), eq(mentorOffers.id, offerId)));
  if (!offer) return 'missing' as const;
  if (offer.status !== 'pending') return 'answered' as const;
  if (answer === 'accepted') {
    // Checked when it was made; a membership archived since (a correction) must not make a mentor.
    if (!(await isAlumnusBefore(getDb(), team, offer.personId, { sameMunicipality: true }))) return 'notAlumnus' as const;
    try {
      await transaction(async (tx) => {
        // The same path as the team choosing them; it accepts their pending offer, or another click did.
        const accepted = await addMentor(tx, actor, team, offer.personId);
        if (!accepted.includes(offer.id)) throw new AlreadyAnswered();
      });
    } catch (error) {
      if (error instanceof AlreadyAnswered) return 'answered' as const;
      throw error;
    }
    return 'accepted' as const;
  }
  return transaction(async (tx) => {
    const [row] = await tx
      .update(mentorOffers)
      .set({ status: 'declined', decidedByUserId: actor.userId, decidedAt: now(), updatedAt: now() })
      .where(and(eq(mentorOffers.teamId, team.id), eq(mentorOffers.id, offer.id), eq(mentorOffers.status, 'pending')))
      .returning({ id: mentorOffers.id });
    if (!row) return 'answered' as const;
    await recordAudit(tx, actor, { action: 'decline', entityType: 'mentor_offer', entityId: row.id, detail: { teamId: team.id, personId: offer.personId } });
    await notify(
      tx,
      [offer.offeredByUserId].filter((id) => id !== actor.userId),
      {
        kind: 'mentor_offer',
        body: `${team.municipalityName}チームはメンターの申し出を辞退しました`,
        href: '/alumni',
      },
    );
    return 'declined' as const;
  });
}

/** The alumnus takes back their own offer while it waits. 'missing': not their offer; 'answered': the team answered first. */
export async function withdrawOffer(actor: AuditActor, personId: number, offerId: number): Promise<MentorOfferStatus | 'missing' | 'answered'> {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(mentorOffers)
      .set({ status: 'withdrawn', decidedByUserId: actor.userId, decidedAt: now(), updatedAt: now() })
      .where(and(eq(mentorOffers.personId, personId), eq(mentorOffers.id, offerId), eq(mentorOffers.status, 'pending')))
      .returning({ id: mentorOffers.id, teamId: mentorOffers.teamId });
    if (row) {
      await recordAudit(tx, actor, { action: 'withdraw', entityType: 'mentor_offer', entityId: row.id, detail: { teamId: row.teamId } });
      return 'withdrawn';
    }
    const [offer] = await tx
      .select({ status: mentorOffers.status })
      .from(mentorOffers)
      .where(and(eq(mentorOffers.personId, personId), eq(mentorOffers.id, offerId)));
    if (!offer) return 'missing';
    return offer.status === 'withdrawn' ? 'withdrawn' : 'answered';
  });
}
