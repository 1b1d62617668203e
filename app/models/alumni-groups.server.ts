import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, selectRows, transaction, qualified } from '../../db/client';
import { alumniGroupMembers, alumniGroups, municipalities, offsiteMeetingPeople, offsiteMeetings, people, teamGenerations } from '../../db/schema';
import { recordAudit, type AuditActor } from './audit.server';

// マネ友の会 (ハミダシ隊, とみおかマネ友会 …) and their オフサイトミーティング.

export async function listGroups() {
  return getDb()
    .select({
      id: alumniGroups.id,
      name: alumniGroups.name,
      foundedOn: alumniGroups.foundedOn,
      municipalityName: municipalities.name,
      members: sql<number>`(select count(*) from alumni_group_members m where m.group_id = ${qualified(alumniGroups.id)})`.mapWith(Number),
      meetings: sql<number>`(select count(*) from offsite_meetings o where o.group_id = ${qualified(alumniGroups.id)} and o.archived_at is null)`.mapWith(
        Number,
      ),
    })
    .from(alumniGroups)
    .leftJoin(municipalities, eq(municipalities.id, alumniGroups.municipalityId))
    .where(isNull(alumniGroups.archivedAt))
    .orderBy(asc(alumniGroups.name));
}

export async function getGroup(groupId: number) {
  const [row] = await getDb()
    .select({
      id: alumniGroups.id,
      name: alumniGroups.name,
      foundedOn: alumniGroups.foundedOn,
      description: alumniGroups.description,
      municipalityName: municipalities.name,
    })
    .from(alumniGroups)
    .leftJoin(municipalities, eq(municipalities.id, alumniGroups.municipalityId))
    .where(and(eq(alumniGroups.id, groupId), isNull(alumniGroups.archivedAt)));
  return row;
}

export type GroupMember = {
  personId: number;
  fullName: string;
  joinedOn: string | null;
  municipalityName: string | null;
  fiscalYear: number | null;
  generation: number | null;
};

/** Members with the generation (期生) of their first team, derived from participation. */
export async function groupMembers(groupId: number) {
  return selectRows<GroupMember>(sql`
    select p.id as "personId", p.full_name as "fullName", gm.joined_on::text as "joinedOn",
      first.municipality_name as "municipalityName", first.fiscal_year as "fiscalYear", ${teamGenerations.generation} as generation
    from alumni_group_members gm
    join people p on p.id = gm.person_id
    left join lateral (
      select t.id as team_id, m.name as municipality_name, t.fiscal_year
      from team_members tm join teams t on t.id = tm.team_id and t.archived_at is null
      join municipalities m on m.id = t.municipality_id
      where tm.person_id = p.id and tm.archived_at is null
      order by t.fiscal_year limit 1
    ) first on true
    left join ${teamGenerations} on ${teamGenerations.teamId} = first.team_id
    where gm.group_id = ${groupId}
    order by first.fiscal_year nulls last, p.full_name_kana, p.id`);
}

export async function groupMeetings(groupId: number) {
  const meetings = await getDb()
    .select({
      id: offsiteMeetings.id,
      heldOn: offsiteMeetings.heldOn,
      theme: offsiteMeetings.theme,
      place: offsiteMeetings.place,
      guests: offsiteMeetings.guests,
      notes: offsiteMeetings.notes,
    })
    .from(offsiteMeetings)
    .where(and(eq(offsiteMeetings.groupId, groupId), isNull(offsiteMeetings.archivedAt)))
    .orderBy(desc(offsiteMeetings.heldOn), desc(offsiteMeetings.id));
  const attendance = meetings.length
    ? await getDb()
        .select({ meetingId: offsiteMeetingPeople.meetingId, role: offsiteMeetingPeople.role, fullName: people.fullName })
        .from(offsiteMeetingPeople)
        .innerJoin(people, eq(people.id, offsiteMeetingPeople.personId))
        .where(
          inArray(
            offsiteMeetingPeople.meetingId,
            meetings.map((m) => m.id),
          ),
        )
        .orderBy(asc(people.id))
    : [];
  return meetings.map((m) => ({
    ...m,
    facilitators: attendance.filter((a) => a.meetingId === m.id && a.role === 'facilitator').map((a) => a.fullName),
    attendees: attendance.filter((a) => a.meetingId === m.id && a.role === 'attendee').map((a) => a.fullName),
  }));
}

export async function isGroupMember(groupId: number, personId: number) {
  const [row] = await getDb()
    .select({ g: alumniGroupMembers.groupId })
    .from(alumniGroupMembers)
    .where(and(eq(alumniGroupMembers.groupId, groupId), eq(alumniGroupMembers.personId, personId)));
  return Boolean(row);
}

export async function createGroup(
  actor: AuditActor,
  input: { name: string; foundedOn: string; description: string },
  founder: { personId: number; municipalityId: number | null },
) {
  return transaction(async (tx) => {
    const [group] = await tx
      .insert(alumniGroups)
      .values({ ...input, municipalityId: founder.municipalityId })
      .returning({ id: alumniGroups.id });
    await tx.insert(alumniGroupMembers).values({ groupId: group!.id, personId: founder.personId, joinedOn: input.foundedOn });
    await recordAudit(tx, actor, { action: 'create', entityType: 'alumni_group', entityId: group!.id });
    return group!.id;
  });
}

export type MeetingInput = { heldOn: string; theme: string; place: string; guests: string; notes: string; facilitatorIds: number[]; attendeeIds: number[] };

/** false when a 世話人 or 参加者 is not a member of the group. */
export async function addMeeting(actor: AuditActor & { userId: number }, groupId: number, input: MeetingInput) {
  const { facilitatorIds, attendeeIds, ...values } = input;
  const chosen = [...new Set([...facilitatorIds, ...attendeeIds])];
  const members = new Set((await groupMembers(groupId)).map((m) => m.personId));
  if (chosen.some((id) => !members.has(id))) return false;
  await transaction(async (tx) => {
    const [meeting] = await tx
      .insert(offsiteMeetings)
      .values({ ...values, groupId, createdByUserId: actor.userId })
      .returning({ id: offsiteMeetings.id });
    const facilitators = new Set(facilitatorIds);
    if (chosen.length) {
      await tx
        .insert(offsiteMeetingPeople)
        .values(
          chosen.map((personId) => ({ meetingId: meeting!.id, personId, role: facilitators.has(personId) ? ('facilitator' as const) : ('attendee' as const) })),
        );
    }
    await recordAudit(tx, actor, { action: 'create', entityType: 'offsite_meeting', entityId: meeting!.id, detail: { groupId } });
  });
  return true;
}
