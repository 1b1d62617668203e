import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { activities, interviews, surveyQuestions, surveys } from '../../db/schema';
import { activityKinds, intervieweeRoles, type Visibility } from '~/domain/codes';
import type { Evidence } from '~/domain/sheet';
import { evidenceValue } from '~/domain/sheet-fields';
import { activityTitle } from './activities.server';

// Evidence: a sheet item cites the team's own interviews, activities and survey questions. Only the team's
// records can be cited, and a reader sees the name of a cited interview (survey) only if they may read it.

type Access = { interviewVisibilities: Visibility[]; readProgress: boolean };

// An activity with what masks an interview's title (activityTitle).
const activityColumns = {
  id: activities.id,
  on: activities.occurredOn,
  kind: activities.kind,
  title: activities.title,
  interviewId: activities.interviewId,
  interviewVisibility: interviews.visibility,
  surveyId: activities.surveyId,
  surveyVisibility: surveys.visibility,
};

const questionColumns = {
  id: surveyQuestions.id,
  position: surveyQuestions.position,
  text: surveyQuestions.text,
  surveyId: surveys.id,
  title: surveys.title,
  on: surveys.heldOn,
  visibility: surveys.visibility,
};

/** アンケート『全職員アンケート』Q3: how a cited question is named. */
export function surveyQuestionLabel(q: { title: string; position: number }) {
  return `アンケート『${q.title}』Q${q.position + 1}`;
}
export type EvidenceLabel = { value: string; label: string; href: string | null };

/** What the editor offers: the team's interviews the writer may read, and its activities. */
export async function evidenceChoices(teamId: number, access: Access) {
  const [interviewRows, activityRows, questionRows] = await Promise.all([
    access.interviewVisibilities.length
      ? getDb()
          .select({ id: interviews.id, on: interviews.interviewedOn, interviewee: interviews.interviewee, role: interviews.roleCategory })
          .from(interviews)
          .where(and(eq(interviews.teamId, teamId), isNull(interviews.archivedAt), inArray(interviews.visibility, access.interviewVisibilities)))
          .orderBy(desc(interviews.interviewedOn), desc(interviews.id))
      : [],
    access.readProgress
      ? getDb()
          .select(activityColumns)
          .from(activities)
          .leftJoin(interviews, eq(interviews.id, activities.interviewId))
          .leftJoin(surveys, eq(surveys.id, activities.surveyId))
          .where(and(eq(activities.teamId, teamId), isNull(activities.archivedAt)))
          .orderBy(desc(activities.occurredOn), desc(activities.id))
      : [],
    access.interviewVisibilities.length
      ? getDb()
          .select(questionColumns)
          .from(surveyQuestions)
          .innerJoin(surveys, and(eq(surveys.id, surveyQuestions.surveyId), eq(surveys.teamId, surveyQuestions.teamId)))
          .where(and(eq(surveys.teamId, teamId), isNull(surveys.archivedAt), inArray(surveys.visibility, access.interviewVisibilities)))
          .orderBy(desc(surveys.heldOn), desc(surveys.id), asc(surveyQuestions.position))
      : [],
  ]);
  return {
    interviews: interviewRows.map((i) => ({ value: `interview:${i.id}`, on: i.on, label: `${i.interviewee}（${intervieweeRoles.label[i.role]}）` })),
    activities: activityRows.map((a) => ({
      value: `activity:${a.id}`,
      on: a.on,
      label: `${activityKinds.label[a.kind]}　${activityTitle(a, access.interviewVisibilities)}`,
    })),
    surveys: questionRows.map((q) => ({ value: `survey_question:${q.id}`, on: q.on, label: `${surveyQuestionLabel(q)} ${q.text}` })),
  };
}
export type EvidenceChoices = Awaited<ReturnType<typeof evidenceChoices>>;

/** True when every cited record belongs to this team and the writer may read it. */
export async function evidenceBelongsToTeam(teamId: number, cited: Evidence[], access: Access) {
  const choices = await evidenceChoices(teamId, access);
  const allowed = new Set([...choices.interviews, ...choices.activities, ...choices.surveys].map((c) => c.value));
  return cited.every((e) => allowed.has(evidenceValue(e)));
}

/** Labels for cited records, as this reader may see them. */
export async function evidenceLabels(teamId: number, cited: Evidence[], access: Access): Promise<Record<string, EvidenceLabel>> {
  const interviewIds = cited.filter((e) => e.kind === 'interview').map((e) => e.id);
  const activityIds = cited.filter((e) => e.kind === 'activity').map((e) => e.id);
  const questionIds = cited.filter((e) => e.kind === 'survey_question').map((e) => e.id);
  const [interviewRows, activityRows, questionRows] = await Promise.all([
    interviewIds.length
      ? getDb()
          .select({
            id: interviews.id,
            on: interviews.interviewedOn,
            interviewee: interviews.interviewee,
            role: interviews.roleCategory,
            visibility: interviews.visibility,
          })
          .from(interviews)
          .where(and(eq(interviews.teamId, teamId), inArray(interviews.id, interviewIds), isNull(interviews.archivedAt)))
      : [],
    activityIds.length
      ? getDb()
          .select(activityColumns)
          .from(activities)
          .leftJoin(interviews, eq(interviews.id, activities.interviewId))
          .leftJoin(surveys, eq(surveys.id, activities.surveyId))
          .where(and(eq(activities.teamId, teamId), inArray(activities.id, activityIds), isNull(activities.archivedAt)))
      : [],
    questionIds.length
      ? getDb()
          .select(questionColumns)
          .from(surveyQuestions)
          .innerJoin(surveys, and(eq(surveys.id, surveyQuestions.surveyId), eq(surveys.teamId, surveyQuestions.teamId)))
          .where(and(eq(surveys.teamId, teamId), inArray(surveyQuestions.id, questionIds), isNull(surveys.archivedAt)))
      : [],
  ]);
  const labels: Record<string, EvidenceLabel> = {};
  for (const i of interviewRows) {
    const readable = access.interviewVisibilities.includes(i.visibility);
    labels[`interview:${i.id}`] = readable
      ? {
          value: `interview:${i.id}`,
          label: `インタビュー：${i.interviewee}（${intervieweeRoles.label[i.role]}）`,
          href: `/teams/${teamId}/interviews/${i.id}`,
        }
      : { value: `interview:${i.id}`, label: 'インタビュー（非公開）', href: null };
  }
  for (const a of activityRows) {
    labels[`activity:${a.id}`] = access.readProgress
      ? {
          value: `activity:${a.id}`,
          label: `${activityKinds.label[a.kind]}：${activityTitle(a, access.interviewVisibilities)}`,
          href: `/teams/${teamId}/activities/${a.id}`,
        }
      : { value: `activity:${a.id}`, label: '活動記録', href: null };
  }
  for (const q of questionRows) {
    const value = `survey_question:${q.id}`;
    // As an interview: a reader who may not read the survey learns only that one is cited.
    labels[value] = access.interviewVisibilities.includes(q.visibility)
      ? { value, label: surveyQuestionLabel(q), href: `/teams/${teamId}/surveys/${q.surveyId}#q-${q.id}` }
      : { value, label: 'アンケート（非公開）', href: null };
  }
  return labels;
}
