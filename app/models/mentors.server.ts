import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, selectRows, transaction, type Db } from '../../db/client';
import { activities, mentorAssignments, mentorOffers, municipalities, people, users } from '../../db/schema';
import { recordAudit, type AuditActor } from './audit.server';
import { createActivity } from './activity-writes.server';
import { notify } from './notifications.server';
import { now } from '~/utils/clock';

// マネ友 mentoring a current team. Being assigned is what gives a mentor the team's progress and
// sheet (Viewer.mentorTeamIds); advice is a sheet comment, a conversation is one activity row.

type TeamScope = { id: number; municipalityId: number; fiscalYear: number };
type NamedTeam = TeamScope & { municipalityName: string };

export async function listMentors(teamId: number) {
  return getDb()
    .select({
      id: mentorAssignments.id,
      personId: people.id,
      fullName: people.fullName,
      municipalityName: municipalities.name,
      hasAccount: sql<boolean>`${users.id} is not null`,
      since: mentorAssignments.createdAt,
    })
    .from(mentorAssignments)
    .innerJoin(people, eq(people.id, mentorAssignments.personId))
    .leftJoin(municipalities, eq(municipalities.id, people.municipalityId))
    .leftJoin(users, and(eq(users.personId, people.id), isNull(users.archivedAt)))
    .where(and(eq(mentorAssignments.teamId, teamId), isNull(mentorAssignments.endedAt)))
    .orderBy(asc(mentorAssignments.createdAt));
}

export type MentorCandidate = {
  personId: number;
  fullName: string;
  fullNameKana: string;
  municipalityName: string;
  /** The 期 of their latest earlier team (in the team's municipality when they were on one there). */
  generation: number;
  lastYear: number;
  sameMunicipality: boolean;
};

/**
 * Everyone who was on a team before this team's year and does not mentor it yet, once each: the
 * team's own municipality's alumni first (latest 期 first), then the others by municipality; names
 * by reading. Text is ordered byte-wise ("C") so both databases give the same order.
 */
export async function mentorCandidates(team: TeamScope) {
  return selectRows<MentorCandidate>(sql`
    select * from (
      select distinct on (p.id) p.id as "personId", p.full_name as "fullName", p.full_name_kana as "fullNameKana",
        m.name as "municipalityName", g.generation::int as "generation", t.fiscal_year::int as "lastYear",
        (t.municipality_id = ${team.municipalityId}) as "sameMunicipality"
      from team_members tm
      join teams t on t.id = tm.team_id and t.archived_at is null and t.fiscal_year < ${team.fiscalYear}
      join team_generations g on g.team_id = t.id
      join people p on p.id = tm.person_id and p.archived_at is null
      join municipalities m on m.id = t.municipality_id
      where tm.archived_at is null
        and not exists (select 1 from mentor_assignments a where a.team_id = ${team.id} and a.person_id = p.id and a.ended_at is null)
      order by p.id, (t.municipality_id = ${team.municipalityId}) desc, t.fiscal_year desc
    ) c
    order by c."sameMunicipality" desc,
      case when c."sameMunicipality" then c."lastYear" end desc nulls last,
      c."municipalityName" collate "C",
      coalesce(nullif(c."fullNameKana", ''), c."fullName") collate "C",
      c."personId"`);
}

/** Was the person on a team before this team's year (of its municipality, when `sameMunicipality`)? */
export async function isAlumnusBefore(db: Db, team: TeamScope, personId: number, { sameMunicipality = false } = {}) {
  const [alumnus] = await selectRows<{ ok: number }>(
    sql`select 1 as ok from team_members tm
      join teams t on t.id = tm.team_id and t.archived_at is null
      where tm.person_id = ${personId} and tm.archived_at is null and t.fiscal_year < ${team.fiscalYear}
        ${sameMunicipality ? sql`and t.municipality_id = ${team.municipalityId}` : sql``}
      limit 1`,
    db,
  );
  return Boolean(alumnus);
}

/**
 * Makes the person the team's mentor (again), in the caller's transaction: the one way a mentor is
 * assigned, whether the team chose them or accepted their offer. A pending offer of theirs to the team
 * is thereby accepted.
 */
export async function addMentor(tx: Db, actor: AuditActor, team: NamedTeam, personId: number) {
  const [row] = await tx
    .insert(mentorAssignments)
    .values({ teamId: team.id, personId, assignedByUserId: actor.userId })
    .onConflictDoUpdate({ target: [mentorAssignments.teamId, mentorAssignments.personId], set: { endedAt: null, assignedByUserId: actor.userId } })
    .returning({ id: mentorAssignments.id });
  await recordAudit(tx, actor, { action: 'create', entityType: 'mentor_assignment', entityId: row!.id, detail: { teamId: team.id, personId } });
  const accepted = await tx
    .update(mentorOffers)
    .set({ status: 'accepted', decidedByUserId: actor.userId, decidedAt: now(), updatedAt: now() })
    .where(and(eq(mentorOffers.teamId, team.id), eq(mentorOffers.personId, personId), eq(mentorOffers.status, 'pending')))
    .returning({ id: mentorOffers.id, offeredByUserId: mentorOffers.offeredByUserId });
  for (const offer of accepted) {
    await recordAudit(tx, actor, { action: 'accept', entityType: 'mentor_offer', entityId: offer.id, detail: { teamId: team.id, personId } });
  }
  await notify(
    tx,
    accepted.map((o) => o.offeredByUserId).filter((id) => id !== actor.userId),
    { kind: 'mentor_offer', body: `${team.municipalityName}チームがメンターの申し出を承諾しました`, href: `/teams/${team.id}/mentors` },
  );
  return accepted.map((o) => o.id);
}

/** false when the person is not an alumnus of an earlier year. */
export async function assignMentor(actor: AuditActor, team: NamedTeam, personId: number) {
  if (!(await isAlumnusBefore(getDb(), team, personId))) return false;
  await transaction((tx) => addMentor(tx, actor, team, personId));
  return true;
}

export async function endMentor(actor: AuditActor, teamId: number, assignmentId: number) {
  return transaction(async (tx) => {
    const [row] = await tx
      .update(mentorAssignments)
      .set({ endedAt: now() })
      .where(and(eq(mentorAssignments.teamId, teamId), eq(mentorAssignments.id, assignmentId), isNull(mentorAssignments.endedAt)))
      .returning({ id: mentorAssignments.id });
    if (row) await recordAudit(tx, actor, { action: 'archive', entityType: 'mentor_assignment', entityId: row.id, detail: { teamId } });
    return Boolean(row);
  });
}

export type MentorTalk = { occurredOn: string; durationMinutes: number; title: string; notes: string };

/** A mentoring conversation, entered once: it is the team's マネ友との対話 activity, logged by the mentor. */
export async function logMentorTalk(actor: AuditActor, team: TeamScope, mentorName: string, talk: MentorTalk) {
  return createActivity(actor, team, {
    kind: 'alumni_dialogue',
    ...talk,
    startsAt: null,
    guests: mentorName,
    sessionId: null,
    interviewId: null,
    attendeeIds: [],
  });
}

/** The team's マネ友との対話 entries, with who logged each. */
export async function listMentorTalks(teamId: number) {
  return getDb()
    .select({
      id: activities.id,
      occurredOn: activities.occurredOn,
      title: activities.title,
      guests: activities.guests,
      durationMinutes: activities.durationMinutes,
      loggedBy: people.fullName,
    })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.createdByUserId))
    .leftJoin(people, eq(people.id, users.personId))
    .where(and(eq(activities.teamId, teamId), eq(activities.kind, 'alumni_dialogue'), isNull(activities.archivedAt)))
    .orderBy(desc(activities.occurredOn), desc(activities.id))
    .limit(50);
}
