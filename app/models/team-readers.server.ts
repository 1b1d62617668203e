import { sql } from 'drizzle-orm';
import { selectRows } from '../../db/client';

// 「このチームを見られる人」: everyone who can read a team's records today, by the scope that lets them
// (app/utils/permissions.ts teamAccess, with the scopes app/models/viewers.server.ts loads), and since
// when. Only accounts that can sign in are listed. The network's reading of finished years' sheets is
// said in words on the page, not listed: it is everyone who is or was on a team.

export type ReaderKind = 'member' | 'hr' | 'alumni' | 'mentor' | 'organizer' | 'partner';
export type TeamReader = { userId: number; name: string; kind: ReaderKind; detail: string; since: Date };

type Row = { user_id: number; name: string; kind: ReaderKind; detail: string | null; since: Date | string };

export async function listTeamReaders(team: { id: number; municipalityId: number; fiscalYear: number }, currentYear: number): Promise<TeamReader[]> {
  const rows = await selectRows<Row>(sql`
    with accounts as (
      select u.id as user_id, u.person_id, p.full_name as name from users u join people p on p.id = u.person_id where u.archived_at is null
    ),
    seats as (
      select tm.person_id, tm.team_id, tm.department, tm.section, tm.created_at, t.fiscal_year, t.municipality_id
      from team_members tm join teams t on t.id = tm.team_id and t.archived_at is null
      where tm.archived_at is null
    )
    select a.user_id, a.name, 'member' as kind, trim(s.department || ' ' || s.section) as detail, s.created_at as since
      from seats s join accounts a on a.person_id = s.person_id where s.team_id = ${team.id}
    union all
    select a.user_id, a.name, 'hr', h.department, h.created_at
      from hr_viewers h join accounts a on a.user_id = h.user_id
      where h.municipality_id = ${team.municipalityId} and h.archived_at is null
    union all
    select a.user_id, a.name, 'alumni', min(s.fiscal_year)::text, make_date(min(s.fiscal_year) + 1, 4, 1)::timestamptz
      from seats s join accounts a on a.person_id = s.person_id
      where s.municipality_id = ${team.municipalityId} and s.fiscal_year < ${currentYear}
      group by a.user_id, a.name
    union all
    select a.user_id, a.name, 'mentor', '', m.created_at
      from mentor_assignments m join accounts a on a.person_id = m.person_id
      where m.team_id = ${team.id} and m.ended_at is null
    union all
    select a.user_id, a.name, 'organizer', o.role, o.created_at
      from organizers o join accounts a on a.person_id = o.person_id
      where o.active
    union all
    select a.user_id, a.name, 'partner', mun.name, greatest(mine.created_at, other.created_at)
      from dialogue_group_teams mine
      join dialogue_groups g on g.id = mine.group_id and g.archived_at is null
      join dialogue_group_teams other on other.group_id = mine.group_id and other.team_id <> mine.team_id
      join team_members tm on tm.team_id = other.team_id and tm.archived_at is null
      join teams ot on ot.id = other.team_id
      join municipalities mun on mun.id = ot.municipality_id
      join accounts a on a.person_id = tm.person_id
      where mine.team_id = ${team.id}
    order by 3, 5, 2`);
  return rows.map((r) => ({ userId: Number(r.user_id), name: r.name, kind: r.kind, detail: r.detail ?? '', since: new Date(r.since) }));
}
