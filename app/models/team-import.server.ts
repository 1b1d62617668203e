import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { accountTokens, teamMembers, teams, users } from '../../db/schema';
import { findMunicipality, insertMunicipality } from './admin-municipalities.server';
import { maxTeamMembers } from '~/domain/team-size';
import { addMemberIn, ensureTeam } from './admin-teams.server';
import { selfGrantMessage } from './accounts.server';
import { recordAudit, type AuditActor } from './audit.server';
import { parseTeamCsv, type CsvTeam, type LineError } from './team-csv.server';
import { now } from '~/utils/clock';

export type MemberPlan = {
  line: number;
  fullName: string;
  email: string;
  department: string;
  section: string;
  isHrSlot: boolean;
  action: 'link' | 'invite' | 'unchanged';
};
export type TeamPlan = { line: number; name: string; prefecture: string; newMunicipality: boolean; newTeam: boolean; members: MemberPlan[] };

/** What importing would do, read-only, with every line that cannot be imported. */
async function plan(db: Db, fiscalYear: number, parsed: CsvTeam[], actor: AuditActor) {
  const errors: LineError[] = [];
  const result: TeamPlan[] = [];
  for (const t of parsed) {
    const municipality = await findMunicipality(db, t.prefecture, t.name);
    if (municipality?.archivedAt) errors.push({ line: t.line, message: `${t.name}はアーカイブされています。自治体の登録で元に戻してから取り込んでください` });
    const [team] = municipality
      ? await db
          .select({ id: teams.id, archivedAt: teams.archivedAt })
          .from(teams)
          .where(and(eq(teams.municipalityId, municipality.id), eq(teams.fiscalYear, fiscalYear)))
      : [];
    if (team?.archivedAt)
      errors.push({ line: t.line, message: `${t.name}のこの年度のチームはアーカイブされています。チーム一覧で元に戻してから取り込んでください` });
    const seated = team
      ? await db
          .select({ email: users.email, isHrSlot: teamMembers.isHrSlot })
          .from(teamMembers)
          .leftJoin(users, eq(users.personId, teamMembers.personId))
          .where(and(eq(teamMembers.teamId, team.id), isNull(teamMembers.archivedAt)))
      : [];
    const invited = team
      ? await db
          .select({ email: accountTokens.email, details: accountTokens.details })
          .from(accountTokens)
          .where(
            and(
              eq(accountTokens.purpose, 'invite'),
              isNull(accountTokens.usedAt),
              gt(accountTokens.expiresAt, now()),
              sql`${accountTokens.details}->>'scope' = 'member' and (${accountTokens.details}->>'teamId')::int = ${team.id}`,
            ),
          )
      : [];
    const present = new Set([...seated.map((s) => s.email), ...invited.map((i) => i.email)]);
    let seats = seated.length + invited.length;
    let hrTaken = seated.some((s) => s.isHrSlot) || invited.some((i) => (i.details as { isHrSlot?: boolean }).isHrSlot);
    const members: MemberPlan[] = [];
    for (const m of t.members) {
      if (present.has(m.email)) {
        members.push({ ...m, action: 'unchanged' });
        continue;
      }
      seats++;
      if (seats > maxTeamMembers)
        errors.push({ line: m.line, message: `${t.name}チームのメンバーが${maxTeamMembers}名を超えます（1チーム${maxTeamMembers}名まで）` });
      if (m.isHrSlot && hrTaken) errors.push({ line: m.line, message: `${t.name}チームの人事担当課枠はすでに使われています（1チームに1名）` });
      hrTaken ||= m.isHrSlot;
      const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, m.email));
      if (account && account.id === actor.userId) errors.push({ line: m.line, message: `${m.email}: ${selfGrantMessage}` });
      members.push({ ...m, action: account ? 'link' : 'invite' });
    }
    result.push({ line: t.line, name: t.name, prefecture: t.prefecture, newMunicipality: !municipality, newTeam: !team, members });
  }
  return { teams: result, errors: errors.sort((a, b) => a.line - b.line) };
}

export async function previewImport(actor: AuditActor, fiscalYear: number, text: string) {
  const parsed = parseTeamCsv(text);
  if (parsed.errors.length) return { teams: [] as TeamPlan[], errors: parsed.errors };
  return plan(getDb(), fiscalYear, parsed.teams, actor);
}

export type ImportOutcome =
  | { ok: false; errors: LineError[] }
  | { ok: true; created: { municipalities: number; teams: number; members: number }; invitations: { email: string; fullName: string; token: string }[] };

/**
 * Imports all or nothing: one transaction, refused whole if any line has an error. Rows already
 * imported change nothing, so importing the same file twice adds nothing the second time.
 */
export async function runImport(actor: AuditActor, fiscalYear: number, text: string): Promise<ImportOutcome> {
  const parsed = parseTeamCsv(text);
  if (parsed.errors.length) return { ok: false, errors: parsed.errors };
  return transaction(async (tx) => {
    // One import at a time (municipalities are shared by all years): a second, identical import
    // sent at the same moment waits, then finds everything there and changes nothing.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('jinmane:team-import'))`);
    const checked = await plan(tx, fiscalYear, parsed.teams, actor);
    if (checked.errors.length) return { ok: false as const, errors: checked.errors };
    const created = { municipalities: 0, teams: 0, members: 0 };
    const invitations: { email: string; fullName: string; token: string }[] = [];
    for (const t of parsed.teams) {
      const existing = await findMunicipality(tx, t.prefecture, t.name);
      const municipalityId = existing?.id ?? (await insertMunicipality(tx, actor, { name: t.name, prefecture: t.prefecture, kind: t.kind }));
      if (!existing) created.municipalities++;
      const team = await ensureTeam(tx, actor, fiscalYear, municipalityId, false);
      if (team.created) created.teams++;
      for (const m of t.members) {
        const { line: _line, ...member } = m;
        const outcome = await addMemberIn(tx, actor, team.id, member);
        if (outcome.kind !== 'unchanged') created.members++;
        if (outcome.kind === 'invited') invitations.push({ email: m.email, fullName: m.fullName, token: outcome.token });
      }
    }
    if (created.municipalities + created.teams + created.members > 0) {
      await recordAudit(tx, actor, { action: 'import', entityType: 'team_csv', entityId: fiscalYear, detail: created });
    }
    return { ok: true as const, created, invitations };
  });
}
