import { and, desc, eq, like, lt, sql, type SQL } from 'drizzle-orm';
import { getDb, selectRows, type Db } from '../../db/client';
import { auditLog, people, users } from '../../db/schema';

export type AuditActor = { userId: number | null; ip: string | null };
export type AuditEntry = {
  action: string; // create, update, archive, restore, login.success, login.failure, access.denied …
  entityType: string;
  entityId?: string | number | null;
  detail?: Record<string, unknown>;
};

/** An entry that goes with no write of its own (a refused request). */
export function recordAuditAlone(actor: AuditActor, entry: AuditEntry) {
  return recordAudit(getDb(), actor, entry);
}

/** Writes one audit entry; pass the transaction of the write so both land or neither does. */
export async function recordAudit(db: Db, actor: AuditActor, entry: AuditEntry) {
  await db.insert(auditLog).values({
    userId: actor.userId,
    ip: actor.ip,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    detail: entry.detail ?? {},
  });
}

export type AuditFilter = { action?: string; entityType?: string; email?: string; before?: number };
export const auditPageSize = 50;

/** Newest first, keyset-paginated by id. */
export async function listAudit(filter: AuditFilter) {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(like(auditLog.action, `${filter.action}%`));
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.email) conditions.push(eq(users.email, filter.email.toLowerCase()));
  if (filter.before) conditions.push(lt(auditLog.id, filter.before));
  return getDb()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      ip: auditLog.ip,
      detail: auditLog.detail,
      email: users.email,
      name: people.fullName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(people, eq(people.id, users.personId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(auditPageSize);
}

/** What names a record in the audit log: its own name, the team (自治体・年度) it belongs to, its day. */
export type AuditTarget = { name: string | null; municipality: string | null; fiscalYear: number | null; on: string | null };
type TargetRow = { id: string; name: string | null; municipality: string | null; fiscal_year: number | null; on: string | null };

// One query per kind of record on the page, by the ids the entries carry (drizzle writes an array as ($1, $2, …)).
// A team's own records are named by their team and day, never by their content: an organizer reads interviews
// marked program only, and the log must not tell more than the records themselves would.
const teamOf = (alias: string) => sql.raw(`join teams t on t.id = ${alias}.team_id join municipalities m on m.id = t.municipality_id`);
const targetQueries: Record<string, (ids: number[]) => SQL> = {
  user: (ids) => sql`select u.id::text as id, p.full_name as name, null as municipality, null::int as fiscal_year, null as on
    from users u join people p on p.id = u.person_id where u.id in ${ids}`,
  team: (ids) => sql`select t.id::text as id, null as name, m.name as municipality, t.fiscal_year, null as on
    from teams t join municipalities m on m.id = t.municipality_id where t.id in ${ids}`,
  team_member: (ids) => sql`select x.id::text as id, p.full_name as name, m.name as municipality, t.fiscal_year, null as on
    from team_members x join people p on p.id = x.person_id ${teamOf('x')} where x.id in ${ids}`,
  activity: (ids) => sql`select x.id::text as id, null as name, m.name as municipality, t.fiscal_year, x.occurred_on::text as on
    from activities x ${teamOf('x')} where x.id in ${ids}`,
  interview: (ids) => sql`select x.id::text as id, null as name, m.name as municipality, t.fiscal_year, x.interviewed_on::text as on
    from interviews x ${teamOf('x')} where x.id in ${ids}`,
  // A survey like an interview: its team and day, not its title (the organizer may not read it).
  survey: (ids) => sql`select x.id::text as id, null as name, m.name as municipality, t.fiscal_year, x.held_on::text as on
    from surveys x ${teamOf('x')} where x.id in ${ids}`,
  moyamoya_checkin: (ids) => sql`select x.id::text as id, null as name, m.name as municipality, t.fiscal_year, x.checked_on::text as on
    from moyamoya_checkins x ${teamOf('x')} where x.id in ${ids}`,
  team_moyamoya: (ids) => sql`select x.id::text as id, null as name, m.name as municipality, t.fiscal_year, null as on
    from team_moyamoya x ${teamOf('x')} where x.id in ${ids}`,
  sheet_version: (ids) => sql`select x.id::text as id, '第' || x.version || '版' as name, m.name as municipality, t.fiscal_year, null as on
    from sheet_versions x join sheets s on s.id = x.sheet_id ${teamOf('s')} where x.id in ${ids}`,
  sheet_comment: (ids) => sql`select x.id::text as id, null as name, m.name as municipality, t.fiscal_year, null as on
    from sheet_comments x ${teamOf('x')} where x.id in ${ids}`,
  change_chain: (ids) => sql`select x.id::text as id, null as name, m.name as municipality, t.fiscal_year, null as on
    from change_chains x ${teamOf('x')} where x.id in ${ids}`,
  handover: (ids) => sql`select x.id::text as id, null as name, m.name as municipality, t.fiscal_year, null as on
    from handovers x ${teamOf('x')} where x.id in ${ids}`,
  paper_draft: (ids) => sql`select x.id::text as id, null as name, m.name as municipality, t.fiscal_year, null as on
    from paper_drafts x ${teamOf('x')} where x.id in ${ids}`,
  mentor_assignment: (ids) => sql`select x.id::text as id, p.full_name as name, m.name as municipality, t.fiscal_year, null as on
    from mentor_assignments x join people p on p.id = x.person_id ${teamOf('x')} where x.id in ${ids}`,
  mentor_offer: (ids) => sql`select x.id::text as id, p.full_name as name, m.name as municipality, t.fiscal_year, null as on
    from mentor_offers x join people p on p.id = x.person_id ${teamOf('x')} where x.id in ${ids}`,
  pre_assignment_submission: (ids) => sql`select x.id::text as id, a.title as name, m.name as municipality, t.fiscal_year, x.submitted_on::text as on
    from pre_assignment_submissions x join pre_assignments a on a.id = x.pre_assignment_id ${teamOf('x')} where x.id in ${ids}`,
  program_year: (ids) => sql`select y.fiscal_year::text as id, null as name, null as municipality, y.fiscal_year, null as on
    from program_years y where y.fiscal_year in ${ids}`,
  study_session: (ids) => sql`select x.id::text as id, '第' || x.number || '回' as name, null as municipality, x.fiscal_year, x.starts_on::text as on
    from study_sessions x where x.id in ${ids}`,
  pre_assignment: (ids) => sql`select x.id::text as id, x.title as name, null as municipality, s.fiscal_year, null as on
    from pre_assignments x join study_sessions s on s.id = x.session_id where x.id in ${ids}`,
  municipality: (ids) => sql`select x.id::text as id, x.name, null as municipality, null::int as fiscal_year, null as on
    from municipalities x where x.id in ${ids}`,
  organizer: (ids) => sql`select x.id::text as id, p.full_name as name, null as municipality, null::int as fiscal_year, null as on
    from organizers x join people p on p.id = x.person_id where x.id in ${ids}`,
  dialogue_group: (ids) => sql`select x.id::text as id, nullif(x.name, '') as name, null as municipality, x.fiscal_year, null as on
    from dialogue_groups x where x.id in ${ids}`,
  alumni_group: (ids) => sql`select x.id::text as id, x.name, null as municipality, null::int as fiscal_year, null as on
    from alumni_groups x where x.id in ${ids}`,
  offsite_meeting: (ids) => sql`select x.id::text as id, g.name, null as municipality, null::int as fiscal_year, x.held_on::text as on
    from offsite_meetings x left join alumni_groups g on g.id = x.group_id where x.id in ${ids}`,
  hr_viewer: (ids) => sql`select x.id::text as id, p.full_name as name, m.name as municipality, null::int as fiscal_year, null as on
    from hr_viewers x join users u on u.id = x.user_id join people p on p.id = u.person_id
    join municipalities m on m.id = x.municipality_id where x.id in ${ids}`,
  directory_entry: (ids) => sql`select p.id::text as id, p.full_name as name, null as municipality, null::int as fiscal_year, null as on
    from people p where p.id in ${ids}`,
  invitation: (
    ids,
  ) => sql`select x.id::text as id, coalesce(p.full_name, x.details->>'fullName', x.email) as name, null as municipality, null::int as fiscal_year, null as on
    from account_tokens x left join people p on p.id = x.person_id where x.id in ${ids}`,
  facilitator_request: (ids) => sql`select x.id::text as id, null as name, coalesce(m.name, g.name) as municipality, t.fiscal_year, x.held_on::text as on
    from facilitator_requests x left join teams t on t.id = x.team_id left join municipalities m on m.id = t.municipality_id
    left join alumni_groups g on g.id = x.group_id where x.id in ${ids}`,
  facilitator_offer: (ids) => sql`select x.id::text as id, p.full_name as name, null as municipality, null::int as fiscal_year, r.held_on::text as on
    from facilitator_offers x join people p on p.id = x.person_id join facilitator_requests r on r.id = x.request_id where x.id in ${ids}`,
};
targetQueries['user.password'] = targetQueries.user!;
targetQueries.password_reset = targetQueries.user!;
targetQueries.account_token = targetQueries.invitation!;
targetQueries.team_csv = targetQueries.program_year!;

/** The records the entries name, keyed `${entityType}:${entityId}`; one query per kind on the page. */
export async function auditTargets(entries: { entityType: string; entityId: string | null }[]) {
  const idsByType = new Map<string, Set<number>>();
  for (const { entityType, entityId } of entries) {
    const id = Number(entityId);
    if (!targetQueries[entityType] || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) continue;
    idsByType.set(entityType, (idsByType.get(entityType) ?? new Set()).add(id));
  }
  const found = new Map<string, AuditTarget>();
  await Promise.all(
    [...idsByType].map(async ([entityType, ids]) => {
      const rows = await selectRows<TargetRow>(targetQueries[entityType]!([...ids]));
      for (const row of rows) {
        found.set(`${entityType}:${row.id}`, {
          name: row.name,
          municipality: row.municipality,
          fiscalYear: row.fiscal_year === null ? null : Number(row.fiscal_year),
          on: row.on,
        });
      }
    }),
  );
  return found;
}
