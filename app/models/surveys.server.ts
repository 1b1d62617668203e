import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb, qualified, transaction, type Db } from '../../db/client';
import { activities, surveyAnswers, surveyOptions, surveyQuestions, surveyResponses, surveys } from '../../db/schema';
import type { Visibility } from '~/domain/codes';
import type { PaperSurvey, SurveyQuestionKind } from '~/domain/paper-survey';
import type { Share } from '~/domain/survey-shares';
import { recordAudit, type AuditActor } from '~/models/audit.server';
import { bumpVersion } from '~/models/record-version.server';
import type { SurveyInput } from '~/schemas/survey';
import { now } from '~/utils/clock';

// アンケート: a survey's results. Every query is scoped by team and by the visibilities the viewer may read
// (those of interviews, from app/utils/permissions.ts), so a forgotten check in a route still returns
// nothing of another team or of a survey kept to the team. A survey is entered once: it writes its own
// アンケート entry in the activity log (or becomes one already there), which it keeps in step.

const summary = {
  id: surveys.id,
  title: surveys.title,
  heldOn: surveys.heldOn,
  heldUntil: surveys.heldUntil,
  audience: surveys.audience,
  respondents: surveys.respondents,
  visibility: surveys.visibility,
  source: surveys.source,
};

const scoped = (teamId: number, visibilities: Visibility[]) => and(eq(surveys.teamId, teamId), inArray(surveys.visibility, visibilities));

export async function listSurveys(teamId: number, visibilities: Visibility[]) {
  if (visibilities.length === 0) return [];
  return getDb()
    .select({
      ...summary,
      questions: sql<number>`(select count(*) from ${surveyQuestions} where ${qualified(surveyQuestions.surveyId)} = ${qualified(surveys.id)})`.mapWith(Number),
    })
    .from(surveys)
    .where(and(scoped(teamId, visibilities), isNull(surveys.archivedAt)))
    .orderBy(desc(surveys.heldOn), desc(surveys.id));
}

export async function listArchivedSurveys(teamId: number, visibilities: Visibility[]) {
  if (visibilities.length === 0) return [];
  return getDb()
    .select({ ...summary, archivedAt: surveys.archivedAt })
    .from(surveys)
    .where(and(scoped(teamId, visibilities), isNotNull(surveys.archivedAt)))
    .orderBy(desc(surveys.archivedAt));
}

const percentOf = (value: string | number) => Number(value);

function groupBy<T, K>(items: T[], key: (item: T) => K) {
  const map = new Map<K, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

/** The questions of these surveys, each with its options in order and its free-text answers (all, or only the quoted). */
async function questionsOf(surveyIds: number[], { quotedOnly = false } = {}) {
  if (surveyIds.length === 0) return [];
  const db = getDb();
  const questions = await db
    .select()
    .from(surveyQuestions)
    .where(inArray(surveyQuestions.surveyId, surveyIds))
    .orderBy(asc(surveyQuestions.surveyId), asc(surveyQuestions.position), asc(surveyQuestions.id));
  const ids = questions.map((q) => q.id);
  const [options, answers] = ids.length
    ? await Promise.all([
        db.select().from(surveyOptions).where(inArray(surveyOptions.questionId, ids)).orderBy(asc(surveyOptions.position), asc(surveyOptions.id)),
        db
          .select()
          .from(surveyAnswers)
          .where(and(inArray(surveyAnswers.questionId, ids), quotedOnly ? eq(surveyAnswers.quoted, true) : undefined))
          .orderBy(asc(surveyAnswers.position), asc(surveyAnswers.id)),
      ])
    : [[], []];
  const optionsBy = groupBy(options, (o) => o.questionId);
  const answersBy = groupBy(answers, (a) => a.questionId);
  return questions.map((q) => ({
    id: q.id,
    surveyId: q.surveyId,
    position: q.position,
    text: q.text,
    kind: q.kind as SurveyQuestionKind,
    answered: q.answered,
    options: (optionsBy.get(q.id) ?? []).map((o) => ({ label: o.label, count: o.count, percent: percentOf(o.percent) })),
    answers: (answersBy.get(q.id) ?? []).map((a) => ({ id: a.id, body: a.body, quoted: a.quoted })),
  }));
}

/** One survey of the team the viewer may read, with its questions and results, or undefined. */
export async function getSurvey(teamId: number, surveyId: number, visibilities: Visibility[]) {
  if (visibilities.length === 0) return undefined;
  const [row] = await getDb()
    .select({
      survey: surveys,
      durationMinutes: activities.durationMinutes,
      activityId: activities.id,
      responses: sql<number>`(select count(*) from ${surveyResponses} where ${qualified(surveyResponses.surveyId)} = ${qualified(surveys.id)})`.mapWith(Number),
    })
    .from(surveys)
    .leftJoin(activities, and(eq(activities.surveyId, surveys.id), eq(activities.teamId, surveys.teamId)))
    .where(and(scoped(teamId, visibilities), eq(surveys.id, surveyId), isNull(surveys.archivedAt)));
  if (!row) return undefined;
  return {
    ...row.survey,
    durationMinutes: row.durationMinutes,
    activityId: row.activityId,
    responses: row.responses,
    questions: await questionsOf([surveyId]),
  };
}
export type SurveyDetail = NonNullable<Awaited<ReturnType<typeof getSurvey>>>;

/**
 * The surveys the joint paper may quote for this viewer, oldest first: results only (never the respondents'
 * rows), and of the free-text answers only those tagged 引用.
 */
export async function surveysForPaper(teamId: number, visibilities: Visibility[]): Promise<PaperSurvey[]> {
  if (visibilities.length === 0) return [];
  const rows = await getDb()
    .select(summary)
    .from(surveys)
    .where(and(scoped(teamId, visibilities), isNull(surveys.archivedAt)))
    .orderBy(asc(surveys.heldOn), asc(surveys.id));
  const questions = groupBy(
    await questionsOf(
      rows.map((r) => r.id),
      { quotedOnly: true },
    ),
    (q) => q.surveyId,
  );
  return rows.map((s) => ({
    id: s.id,
    title: s.title,
    heldOn: s.heldOn,
    heldUntil: s.heldUntil,
    audience: s.audience,
    respondents: s.respondents,
    visibility: s.visibility,
    questions: (questions.get(s.id) ?? []).map((q) => ({
      id: q.id,
      position: q.position,
      text: q.text,
      kind: q.kind,
      options: q.options,
      quotedAnswers: q.answers.map((a) => a.body),
    })),
  }));
}

/** アンケート entries of the log that are no survey's own yet (a team that logged 「全庁アンケート実施」 before entering its results). */
export async function surveyActivityChoices(teamId: number, db: Db = getDb()) {
  return db
    .select({ id: activities.id, occurredOn: activities.occurredOn, title: activities.title })
    .from(activities)
    .where(and(eq(activities.teamId, teamId), eq(activities.kind, 'survey'), isNull(activities.surveyId), isNull(activities.archivedAt)))
    .orderBy(desc(activities.occurredOn), desc(activities.id));
}

export type SurveyHeader = {
  title: string;
  heldOn: string;
  heldUntil?: string | null;
  audience: string;
  visibility: Visibility;
  durationMinutes?: number | null;
  activityId?: number | null;
};

export type ActivityLinkRefused = { kind: 'activityTaken' };

/**
 * The survey's own entry in the log: the chosen アンケート entry (when it is still no survey's), or a new one.
 * Its date, title and (when given) length follow the survey.
 */
export async function linkSurveyActivity(tx: Db, actor: AuditActor, teamId: number, surveyId: number, header: SurveyHeader): Promise<boolean> {
  const activity = { occurredOn: header.heldOn, title: header.title, ...(header.durationMinutes != null ? { durationMinutes: header.durationMinutes } : {}) };
  if (header.activityId) {
    const [adopted] = await tx
      .update(activities)
      .set({ ...activity, surveyId, updatedAt: now() })
      .where(
        and(
          eq(activities.teamId, teamId),
          eq(activities.id, header.activityId),
          eq(activities.kind, 'survey'),
          isNull(activities.surveyId),
          isNull(activities.archivedAt),
        ),
      )
      .returning({ id: activities.id });
    return adopted !== undefined;
  }
  await tx.insert(activities).values({ durationMinutes: 0, ...activity, teamId, kind: 'survey', surveyId, createdByUserId: actor.userId });
  return true;
}

/** The survey's row, as the forms and the import write it. */
export function surveyValues(header: SurveyHeader) {
  return { title: header.title, heldOn: header.heldOn, heldUntil: header.heldUntil ?? null, audience: header.audience, visibility: header.visibility };
}

async function insertTyped(tx: Db, teamId: number, questionId: number, typed: { options: Share[]; answers: string[] }) {
  if (typed.options.length) {
    await tx
      .insert(surveyOptions)
      .values(typed.options.map((o, position) => ({ questionId, teamId, position, label: o.label, count: null, percent: String(o.percent) })));
  }
  if (typed.answers.length) {
    await tx.insert(surveyAnswers).values(typed.answers.map((body, position) => ({ questionId, teamId, position, body })));
  }
}

/** A summary typed by hand: the survey, its questions with their percentages, and its entry in the log, together. */
export async function createSurvey(actor: AuditActor, teamId: number, input: SurveyInput): Promise<{ kind: 'created'; id: number } | ActivityLinkRefused> {
  return transaction(async (tx) => {
    const [survey] = await tx
      .insert(surveys)
      .values({ ...surveyValues(input), respondents: input.respondents ?? null, source: 'manual', teamId, createdByUserId: actor.userId })
      .returning({ id: surveys.id });
    const id = survey!.id;
    if (!(await linkSurveyActivity(tx, actor, teamId, id, input))) throw new ActivityTaken();
    for (const [position, q] of input.questions.entries()) {
      if (!q.typed) continue;
      const [row] = await tx
        .insert(surveyQuestions)
        .values({ surveyId: id, teamId, position, text: q.text, kind: q.typed.kind })
        .returning({ id: surveyQuestions.id });
      await insertTyped(tx, teamId, row!.id, q.typed);
    }
    // Never the answers: organizers read the audit log, and what staff wrote may be confidential.
    await recordAudit(tx, actor, { action: 'create', entityType: 'survey', entityId: id, detail: { teamId, questions: input.questions.length } });
    return { kind: 'created' as const, id };
  }).catch(activityTaken);
}

/** Thrown inside a create's transaction when the chosen log entry became another survey's: nothing is written. */
export class ActivityTaken extends Error {}

export function activityTaken(error: unknown): ActivityLinkRefused {
  if (error instanceof ActivityTaken) return { kind: 'activityTaken' };
  throw error;
}

export type SurveySaved = { kind: 'saved' } | { kind: 'stale'; version: number } | { kind: 'missing' };

/**
 * Saves a survey edited from `baseVersion`. Questions are rows others cite (the sheet's evidence), so they
 * are updated by id, added at the end or removed when ticked 削除; a question typed by hand has its options
 * rewritten from the form (its 引用 tags kept where the answer is unchanged); a counted one keeps its results.
 */
export async function updateSurvey(
  actor: AuditActor,
  teamId: number,
  surveyId: number,
  visibilities: Visibility[],
  input: SurveyInput,
  baseVersion: number,
): Promise<SurveySaved> {
  return transaction(async (tx) => {
    const scope = and(scoped(teamId, visibilities), eq(surveys.id, surveyId), isNull(surveys.archivedAt));
    const bump = await bumpVersion(tx, surveys, scope, baseVersion);
    if (bump.kind !== 'bumped') return bump;
    const [current] = await tx.select({ source: surveys.source }).from(surveys).where(scope);
    await tx
      .update(surveys)
      .set({ ...surveyValues(input), ...(current!.source === 'manual' ? { respondents: input.respondents ?? null } : {}) })
      .where(scope);
    await tx
      .update(activities)
      .set({
        occurredOn: input.heldOn,
        title: input.title,
        ...(input.durationMinutes != null ? { durationMinutes: input.durationMinutes } : {}),
        updatedAt: now(),
      })
      .where(and(eq(activities.teamId, teamId), eq(activities.surveyId, surveyId)));
    const mine = (id: number) => and(eq(surveyQuestions.teamId, teamId), eq(surveyQuestions.surveyId, surveyId), eq(surveyQuestions.id, id));
    if (input.removed.length) {
      await tx
        .delete(surveyQuestions)
        .where(and(eq(surveyQuestions.teamId, teamId), eq(surveyQuestions.surveyId, surveyId), inArray(surveyQuestions.id, input.removed)));
    }
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${surveyQuestions.position}), -1)`.mapWith(Number) })
      .from(surveyQuestions)
      .where(eq(surveyQuestions.surveyId, surveyId));
    let next = (last?.position ?? -1) + 1;
    for (const q of input.questions) {
      if (q.id) {
        const [row] = await tx
          .update(surveyQuestions)
          .set({ text: q.text, ...(q.typed ? { kind: q.typed.kind } : {}) })
          // Only a question typed by hand takes typed results; a counted one (answered is set) keeps its own.
          .where(and(mine(q.id), q.typed ? isNull(surveyQuestions.answered) : undefined))
          .returning({ id: surveyQuestions.id });
        if (!row || !q.typed) continue;
        const quoted = await tx
          .select({ body: surveyAnswers.body })
          .from(surveyAnswers)
          .where(and(eq(surveyAnswers.questionId, row.id), eq(surveyAnswers.quoted, true)));
        await tx.delete(surveyOptions).where(eq(surveyOptions.questionId, row.id));
        await tx.delete(surveyAnswers).where(eq(surveyAnswers.questionId, row.id));
        await insertTyped(tx, teamId, row.id, q.typed);
        if (quoted.length) {
          await tx
            .update(surveyAnswers)
            .set({ quoted: true })
            .where(
              and(
                eq(surveyAnswers.questionId, row.id),
                inArray(
                  surveyAnswers.body,
                  quoted.map((a) => a.body),
                ),
              ),
            );
        }
      } else if (q.typed) {
        const [row] = await tx
          .insert(surveyQuestions)
          .values({ surveyId, teamId, position: next++, text: q.text, kind: q.typed.kind })
          .returning({ id: surveyQuestions.id });
        await insertTyped(tx, teamId, row!.id, q.typed);
      }
    }
    await recordAudit(tx, actor, { action: 'update', entityType: 'survey', entityId: surveyId, detail: { teamId, removed: input.removed.length } });
    return { kind: 'saved' as const };
  });
}

/** Archives or restores the survey with its own entry in the log. */
export async function setSurveyArchived(actor: AuditActor, teamId: number, surveyId: number, visibilities: Visibility[], archived: boolean) {
  if (visibilities.length === 0) return undefined;
  return transaction(async (tx) => {
    const at = archived ? now() : null;
    const [row] = await tx
      .update(surveys)
      .set({ archivedAt: at })
      .where(and(scoped(teamId, visibilities), eq(surveys.id, surveyId), archived ? isNull(surveys.archivedAt) : isNotNull(surveys.archivedAt)))
      .returning({ id: surveys.id });
    if (!row) return undefined;
    await tx
      .update(activities)
      .set({ archivedAt: at })
      .where(and(eq(activities.teamId, teamId), eq(activities.surveyId, surveyId)));
    await recordAudit(tx, actor, { action: archived ? 'archive' : 'restore', entityType: 'survey', entityId: surveyId, detail: { teamId } });
    return row.id;
  });
}

/**
 * Tags a free-text answer 引用 (it may be quoted in the joint paper) or untags it. One click on a state, like
 * archiving: it does not move the survey's version, so nobody's open edit form is made stale by it.
 */
export async function setAnswerQuoted(actor: AuditActor, teamId: number, surveyId: number, visibilities: Visibility[], answerId: number, quoted: boolean) {
  if (visibilities.length === 0) return false;
  return transaction(async (tx) => {
    const [found] = await tx
      .select({ id: surveyAnswers.id })
      .from(surveyAnswers)
      .innerJoin(surveyQuestions, and(eq(surveyQuestions.id, surveyAnswers.questionId), eq(surveyQuestions.teamId, surveyAnswers.teamId)))
      .innerJoin(surveys, and(eq(surveys.id, surveyQuestions.surveyId), eq(surveys.teamId, surveyQuestions.teamId)))
      .where(and(scoped(teamId, visibilities), eq(surveys.id, surveyId), isNull(surveys.archivedAt), eq(surveyAnswers.id, answerId)));
    if (!found) return false;
    await tx
      .update(surveyAnswers)
      .set({ quoted })
      .where(and(eq(surveyAnswers.teamId, teamId), eq(surveyAnswers.id, found.id)));
    await recordAudit(tx, actor, { action: quoted ? 'quote' : 'unquote', entityType: 'survey', entityId: surveyId, detail: { teamId, answerId } });
    return true;
  });
}
