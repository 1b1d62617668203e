import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb, qualified } from '../../db/client';
import { authSessions, people, users } from '../../db/schema';
import { todayInTokyo } from '~/utils/clock';
import { fiscalYearOf } from '~/utils/dates';
import type { Viewer } from '~/utils/permissions';

const ids = (query: ReturnType<typeof sql>) => sql<number[]>`coalesce((${query}), '{}')`;

/** Everything a signed-in user may reach, as the columns of a select over users and people. */
function viewerColumns(today: string) {
  const currentYear = fiscalYearOf(today);
  return {
    userId: users.id,
    personId: users.personId,
    email: users.email,
    name: people.fullName,
    organizer: sql<boolean>`exists (select 1 from organizers o where o.person_id = ${qualified(users.personId)} and o.active)`,
    memberTeamIds: ids(sql`select array_agg(tm.team_id order by tm.team_id) from team_members tm
        join teams t on t.id = tm.team_id
        where tm.person_id = ${users.personId} and tm.archived_at is null and t.archived_at is null`),
    // Municipalities of every team the person is or was on (any year).
    memberMunicipalityIds: ids(sql`select array_agg(distinct t.municipality_id) from team_members tm
        join teams t on t.id = tm.team_id
        where tm.person_id = ${users.personId} and tm.archived_at is null and t.archived_at is null`),
    hrMunicipalityIds: ids(sql`select array_agg(h.municipality_id) from hr_viewers h
        where h.user_id = ${users.id} and h.archived_at is null`),
    // マネ友: anyone who was on a team of the municipality in an earlier year.
    alumniMunicipalityIds: ids(sql`select array_agg(distinct t.municipality_id) from team_members tm
        join teams t on t.id = tm.team_id
        where tm.person_id = ${users.personId} and tm.archived_at is null and t.archived_at is null
          and t.fiscal_year < ${currentYear}`),
    partnerTeamIds: ids(sql`select array_agg(distinct other.team_id) from team_members tm
        join dialogue_group_teams mine on mine.team_id = tm.team_id
        join dialogue_groups g on g.id = mine.group_id and g.archived_at is null
        join dialogue_group_teams other on other.group_id = mine.group_id and other.team_id <> mine.team_id
        where tm.person_id = ${users.personId} and tm.archived_at is null`),
    mentorTeamIds: ids(sql`select array_agg(m.team_id) from mentor_assignments m
        where m.person_id = ${users.personId} and m.ended_at is null`),
  };
}

/** Everything a signed-in user may reach, computed in one query; null for an archived or unknown user. */
export async function loadViewer(userId: number, today = todayInTokyo()): Promise<Viewer | null> {
  const [row] = await getDb()
    .select(viewerColumns(today))
    .from(users)
    .innerJoin(people, eq(people.id, users.personId))
    .where(and(eq(users.id, userId), isNull(users.archivedAt)));
  return row ? { ...row, organizer: Boolean(row.organizer) } : null;
}

/**
 * A session by its id's hash, with its user as loadViewer gives them (null when the user is archived) and their
 * unread notifications, in one query: every signed-in request looks these up, and as three they were three round
 * trips, two of them before the page's own could start.
 */
export async function findSessionViewer(idHash: string, today = todayInTokyo()) {
  const [row] = await getDb()
    .select({
      session: authSessions,
      viewer: viewerColumns(today),
      // The unread notifications the header counts, on every page.
      unread: sql<number>`(select count(*) from notifications n where n.user_id = ${qualified(authSessions.userId)} and n.read_at is null)`.mapWith(Number),
    })
    .from(authSessions)
    .leftJoin(users, and(eq(users.id, authSessions.userId), isNull(users.archivedAt)))
    .leftJoin(people, eq(people.id, users.personId))
    .where(eq(authSessions.idHash, idHash));
  if (!row) return null;
  // No user (archived): drizzle gives the group's columns as nulls, or the group as null.
  const { viewer } = row;
  return {
    session: row.session,
    viewer: viewer?.userId == null ? null : ({ ...viewer, organizer: Boolean(viewer.organizer) } as Viewer),
    unread: row.unread,
  };
}
