import { eq, sql } from 'drizzle-orm';
import { getDb, selectRows, transaction } from '../../db/client';
import { municipalities, people, teamGenerations } from '../../db/schema';
import { recordAudit, type AuditActor } from './audit.server';
import { containsPattern } from './activities.server';
import { bumpVersion, type Bump } from './record-version.server';

// マネ友名簿: derived from team memberships of earlier years, never typed again. Each person
// chooses whether they are listed and whether their contact is shown.

export type DirectoryFilter = { municipalityId?: number; fiscalYear?: number; q?: string };

export type DirectoryRow = {
  personId: number;
  fullName: string;
  teamId: number;
  fiscalYear: number;
  generation: number;
  municipalityId: number;
  municipalityName: string;
  prefecture: string;
  department: string;
  section: string;
  contact: string;
  focus: string[];
};

// A team's final sheet is its sheet at the current version; its 重点取組 are the team's theme.
const focusOf = sql`coalesce((select jsonb_agg(f->>'text') from sheets s
  join sheet_versions sv on sv.sheet_id = s.id and sv.version = s.current_version
  cross join lateral jsonb_array_elements(sv.content->'focusInitiatives') f
  where s.team_id = t.id), '[]'::jsonb)`;

/** Who the directory lists for a filter: the rows behind both the list and its count. */
function listed(filter: DirectoryFilter, currentYear: number) {
  const q = filter.q?.trim();
  return sql`
    from team_members tm
    join teams t on t.id = tm.team_id and t.archived_at is null
    join ${teamGenerations} on ${teamGenerations.teamId} = t.id
    join people p on p.id = tm.person_id and p.archived_at is null
    join municipalities m on m.id = t.municipality_id
    where tm.archived_at is null and p.directory_listed and t.fiscal_year < ${currentYear}
      ${filter.municipalityId ? sql`and t.municipality_id = ${filter.municipalityId}` : sql``}
      ${filter.fiscalYear ? sql`and t.fiscal_year = ${filter.fiscalYear}` : sql``}
      ${
        q
          ? sql`and exists (select 1 from sheets s
        join sheet_versions sv on sv.sheet_id = s.id and sv.version = s.current_version
        cross join lateral jsonb_array_elements(sv.content->'focusInitiatives') f
        where s.team_id = t.id and f->>'text' ilike ${containsPattern(q)} escape '\\')`
          : sql``
      }`;
}

export async function listAlumni(filter: DirectoryFilter, currentYear: number): Promise<DirectoryRow[]> {
  return selectRows<DirectoryRow>(sql`
    select p.id as "personId", p.full_name as "fullName", t.id as "teamId", t.fiscal_year as "fiscalYear",
      ${teamGenerations.generation} as "generation",
      m.id as "municipalityId", m.name as "municipalityName", m.prefecture,
      tm.department, tm.section,
      case when p.directory_show_contact then p.directory_contact else '' end as "contact",
      ${focusOf} as "focus"
    ${listed(filter, currentYear)}
    order by t.fiscal_year desc, m.prefecture, m.name, tm.is_hr_slot desc, tm.id
    limit 500`);
}

/** The choices for browsing: municipalities and years that have alumni. */
export async function directoryChoices(currentYear: number) {
  const [towns, years] = await Promise.all([
    selectRows<{ id: number; name: string; prefecture: string }>(sql`select distinct m.id, m.name, m.prefecture
      from teams t join municipalities m on m.id = t.municipality_id
      where t.fiscal_year < ${currentYear} and t.archived_at is null order by m.prefecture, m.name`),
    selectRows<{ fiscalYear: number }>(sql`select distinct fiscal_year as "fiscalYear" from teams
      where fiscal_year < ${currentYear} and archived_at is null order by fiscal_year desc`),
  ]);
  return { municipalities: towns, years: years.map((y) => y.fiscalYear) };
}

export async function getDirectoryEntry(personId: number) {
  const [row] = await getDb()
    .select({
      fullName: people.fullName,
      municipalityName: municipalities.name,
      directoryListed: people.directoryListed,
      directoryContact: people.directoryContact,
      directoryShowContact: people.directoryShowContact,
      version: people.version,
      updatedAt: people.updatedAt,
    })
    .from(people)
    .leftJoin(municipalities, eq(municipalities.id, people.municipalityId))
    .where(eq(people.id, personId));
  return row;
}

export type DirectoryEntryInput = { directoryListed: boolean; directoryContact: string; directoryShowContact: boolean };

/** Saves the person's own entry from `baseVersion` (app/models/record-version.server.ts): two tabs of one person. */
export async function updateDirectoryEntry(actor: AuditActor, personId: number, input: DirectoryEntryInput, baseVersion: number): Promise<Bump> {
  return transaction(async (tx) => {
    const bump = await bumpVersion(tx, people, eq(people.id, personId), baseVersion);
    if (bump.kind !== 'bumped') return bump;
    await tx.update(people).set(input).where(eq(people.id, personId));
    await recordAudit(tx, actor, {
      action: 'update',
      entityType: 'directory_entry',
      entityId: personId,
      detail: { listed: input.directoryListed, showContact: input.directoryShowContact },
    });
    return bump;
  });
}

/** The alumni of earlier teams of a municipality (for the next team's handover page). */
export async function alumniOfMunicipality(municipalityId: number, beforeYear: number) {
  return listAlumni({ municipalityId }, beforeYear);
}

/** How many of them there are (the team's 概要 links to the list with the number only). */
export async function countAlumniOfMunicipality(municipalityId: number, beforeYear: number): Promise<number> {
  const [row] = await selectRows<{ n: number }>(sql`select count(*)::int as n ${listed({ municipalityId }, beforeYear)}`);
  return row!.n;
}
