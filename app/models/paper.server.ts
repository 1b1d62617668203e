import { and, eq, inArray, isNull } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { activities, changeChains, interviews, paperDrafts, studySessions, surveys, teamMoyamoya } from '../../db/schema';
import { monthTableKinds } from '~/domain/paper';
import { recordAudit, type AuditActor } from './audit.server';
import { bumpVersion, type Bump } from './record-version.server';
import type { Visibility } from '~/domain/codes';

// The team's choices for its 共同論文 draft and its two texts (db/schema/paper.ts). A team without a row has
// chosen nothing yet: every change chain, month row and 「この頃の自分たち」 is in, no survey and no interview's
// content. Saved with one version check (docs/decisions/0010), like the handover: the first save is version 1.

export type PaperChoices = {
  aboutMunicipality: string;
  findings: string;
  omittedChangeIds: number[];
  omittedActivityIds: number[];
  omittedSessionIds: number[];
  surveyIds: number[];
  interviewIds: number[];
};

export const noChoices: PaperChoices = {
  aboutMunicipality: '',
  findings: '',
  omittedChangeIds: [],
  omittedActivityIds: [],
  omittedSessionIds: [],
  surveyIds: [],
  interviewIds: [],
};

export async function getPaperChoices(teamId: number, db: Db = getDb()) {
  const [row] = await db.select().from(paperDrafts).where(eq(paperDrafts.teamId, teamId));
  if (!row) return { ...noChoices, version: 0, updatedAt: null };
  const { aboutMunicipality, findings, omittedChangeIds, omittedActivityIds, omittedSessionIds, surveyIds, interviewIds, version, updatedAt } = row;
  return { aboutMunicipality, findings, omittedChangeIds, omittedActivityIds, omittedSessionIds, surveyIds, interviewIds, version, updatedAt };
}

/** What the form posts: the texts, and for each list the ids it showed and the ids left ticked. */
export type PaperForm = {
  aboutMunicipality: string;
  findings: string;
  changes: { shown: number[]; ticked: number[] };
  activities: { shown: number[]; ticked: number[] };
  sessions: { shown: number[]; ticked: number[] };
  surveyIds: number[];
  interviewIds: number[];
};

const unticked = ({ shown, ticked }: { shown: number[]; ticked: number[] }) => [...new Set(shown.filter((id) => !ticked.includes(id)))];

/**
 * Only the team's own records are kept (a tampered or outdated id is dropped, never stored): live change chains,
 * activities of the month table, sessions of the team's year, interviews, and surveys the team's members read.
 */
async function ownIds(tx: Db, team: { id: number; fiscalYear: number }, form: PaperForm, memberVisibilities: Visibility[]) {
  const keep = async (ids: number[], query: (ids: number[]) => Promise<{ id: number }[]>) => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const found = new Set((await query(unique)).map((r) => r.id));
    return unique.filter((id) => found.has(id));
  };
  const changes = await keep(unticked(form.changes), (ids) =>
    tx
      .select({ id: changeChains.id })
      .from(changeChains)
      .where(and(eq(changeChains.teamId, team.id), inArray(changeChains.id, ids), isNull(changeChains.archivedAt))),
  );
  const rows = await keep(unticked(form.activities), (ids) =>
    tx
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.teamId, team.id), inArray(activities.id, ids), inArray(activities.kind, [...monthTableKinds]), isNull(activities.archivedAt))),
  );
  const sessions = await keep(unticked(form.sessions), (ids) =>
    tx
      .select({ id: teamMoyamoya.sessionId })
      .from(teamMoyamoya)
      .innerJoin(studySessions, eq(studySessions.id, teamMoyamoya.sessionId))
      .where(and(eq(teamMoyamoya.teamId, team.id), inArray(teamMoyamoya.sessionId, ids), eq(studySessions.fiscalYear, team.fiscalYear))),
  );
  const interviewIds = await keep(form.interviewIds, (ids) =>
    tx
      .select({ id: interviews.id })
      .from(interviews)
      .where(and(eq(interviews.teamId, team.id), inArray(interviews.id, ids), isNull(interviews.archivedAt))),
  );
  // Read in this transaction (tx): a query on another connection would wait for it forever on PGlite's one connection.
  const surveyIds = await keep(form.surveyIds, (ids) =>
    tx
      .select({ id: surveys.id })
      .from(surveys)
      .where(and(eq(surveys.teamId, team.id), inArray(surveys.id, ids), inArray(surveys.visibility, memberVisibilities), isNull(surveys.archivedAt))),
  );
  return { omittedChangeIds: changes, omittedActivityIds: rows, omittedSessionIds: sessions, interviewIds, surveyIds };
}

/**
 * Saves the draft's texts and choices as the version the person saw (`baseVersion` 0: none was saved yet);
 * 'stale' when a teammate saved since, and then nothing is written.
 */
export async function savePaperChoices(
  actor: AuditActor & { userId: number },
  team: { id: number; fiscalYear: number },
  form: PaperForm,
  baseVersion: number,
  memberVisibilities: Visibility[],
): Promise<Bump> {
  return transaction(async (tx) => {
    const scope = eq(paperDrafts.teamId, team.id);
    const created = baseVersion === 0;
    // The first save makes the row at version 0; a teammate's first save at the same time then fails the check.
    if (created) await tx.insert(paperDrafts).values({ teamId: team.id, version: 0 }).onConflictDoNothing();
    const bump = await bumpVersion(tx, paperDrafts, scope, baseVersion);
    if (bump.kind !== 'bumped') return bump;
    const choices = await ownIds(tx, team, form, memberVisibilities);
    const [row] = await tx
      .update(paperDrafts)
      .set({ aboutMunicipality: form.aboutMunicipality, findings: form.findings, ...choices, authorUserId: actor.userId })
      .where(scope)
      .returning({ id: paperDrafts.id });
    await recordAudit(tx, actor, {
      action: created ? 'create' : 'update',
      entityType: 'paper_draft',
      entityId: row!.id,
      detail: { teamId: team.id, interviews: choices.interviewIds.length, surveys: choices.surveyIds.length },
    });
    return bump;
  });
}
