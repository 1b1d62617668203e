import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { activities, surveyAnswers, surveyOptions, surveyQuestions, surveys } from '../../db/schema';
import type { SurveyQuestionKind } from '../../app/domain/paper-survey';
import { createActivity, type ActivityInput } from './activities';
import { currentFiscalYear, one } from './util';

type NewSurvey = typeof surveys.$inferInsert;

export type SurveyQuestionInput = {
  text: string;
  kind: SurveyQuestionKind;
  /** Counted from a file when set; null for a summary typed by hand. */
  answered?: number | null;
  options?: { label: string; count?: number | null; percent: number }[];
  answers?: (string | { body: string; quoted?: boolean })[];
};

const defaultQuestions: SurveyQuestionInput[] = [
  {
    text: '市役所の仕事にやりがいを感じていますか？',
    kind: 'yes_no',
    answered: 100,
    options: [
      { label: 'はい', count: 52, percent: 52 },
      { label: 'いいえ', count: 48, percent: 48 },
    ],
  },
  { text: 'その理由を教えてください', kind: 'free_text', answered: 2, answers: [{ body: '住民の役に立てるから', quoted: true }, '忙しすぎる'] },
];

/**
 * アンケート with its questions and results. It also writes its own activity (kind 'survey'), as the
 * survey forms do, so the log counts it once; or, with `activityId`, becomes that アンケート entry's survey.
 */
export async function createSurvey(
  db: Db,
  overrides: Partial<NewSurvey> &
    Pick<NewSurvey, 'teamId'> & {
      questions?: SurveyQuestionInput[];
      activity?: Partial<Omit<ActivityInput, 'teamId' | 'kind' | 'surveyId'>>;
      activityId?: number;
    },
) {
  const { questions = defaultQuestions, activity: activityOverrides = {}, activityId, ...values } = overrides;
  const survey = one(
    await db
      .insert(surveys)
      .values({ title: '全職員アンケート', heldOn: `${currentFiscalYear()}-06-15`, audience: '全職員', respondents: 100, source: 'google_forms', ...values })
      .returning(),
  );
  const activity = activityId
    ? one(
        await db
          .update(activities)
          .set({ surveyId: survey.id, title: survey.title, occurredOn: survey.heldOn })
          .where(eq(activities.id, activityId))
          .returning(),
      )
    : await createActivity(db, {
        title: survey.title,
        durationMinutes: 120,
        createdByUserId: survey.createdByUserId,
        ...activityOverrides,
        teamId: survey.teamId,
        kind: 'survey',
        occurredOn: activityOverrides.occurredOn ?? survey.heldOn,
        surveyId: survey.id,
      });
  const made = [];
  for (const [position, q] of questions.entries()) {
    const question = one(
      await db
        .insert(surveyQuestions)
        .values({ surveyId: survey.id, teamId: survey.teamId, position, text: q.text, kind: q.kind, answered: q.answered ?? null })
        .returning(),
    );
    const options = q.options?.length
      ? await db
          .insert(surveyOptions)
          .values(
            q.options.map((o, i) => ({
              questionId: question.id,
              teamId: survey.teamId,
              position: i,
              label: o.label,
              count: o.count ?? null,
              percent: String(o.percent),
            })),
          )
          .returning()
      : [];
    const answers = q.answers?.length
      ? await db
          .insert(surveyAnswers)
          .values(
            q.answers.map((a, i) => ({
              questionId: question.id,
              teamId: survey.teamId,
              position: i,
              ...(typeof a === 'string' ? { body: a } : { body: a.body, quoted: a.quoted ?? false }),
            })),
          )
          .returning()
      : [];
    made.push({ ...question, options, answers });
  }
  return { ...survey, activity, questions: made };
}
