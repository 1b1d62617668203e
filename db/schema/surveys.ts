import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, serial, text, unique } from 'drizzle-orm/pg-core';
import { surveyQuestionKinds, surveySources, visibilities } from '../../app/domain/codes';
import { archivedAt, createdAt, oneOf, updatedAt, version } from './columns';
import { users } from './people';
import { teams } from './teams';

/**
 * アンケート: a survey the team ran, as its results (what the sheet and the joint paper quote). It has the
 * interviews' visibility levels, defaulting to the team, and one activity of its own in the log.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    title: text('title').notNull(),
    heldOn: date('held_on').notNull(),
    heldUntil: date('held_until'),
    audience: text('audience').notNull().default(''), // 対象, e.g. 全職員
    respondents: integer('respondents'), // 回答数; unknown for some summaries typed by hand
    visibility: text('visibility', { enum: visibilities.codes }).notNull().default('team'),
    source: text('source', { enum: surveySources.codes }).notNull().default('manual'),
    // The respondents' rows are kept only when the team asks (survey_responses).
    keepsResponses: boolean('keeps_responses').notNull().default(false),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    check('surveys_visibility', oneOf('visibility', visibilities.codes)),
    check('surveys_source', oneOf('source', surveySources.codes)),
    check('surveys_title_not_blank', sql`length(trim(${t.title})) > 0`),
    check('surveys_until_after_start', sql`${t.heldUntil} is null or ${t.heldUntil} >= ${t.heldOn}`),
    check('surveys_respondents_range', sql`${t.respondents} is null or ${t.respondents} >= 0`),
    index('surveys_team_date').on(t.teamId, t.heldOn),
    unique('surveys_id_team').on(t.id, t.teamId), // target of same-team foreign keys
  ],
);

/** One question, in the survey's order. `answered`: how many respondents answered it (null when typed by hand). */
export const surveyQuestions = pgTable(
  'survey_questions',
  {
    id: serial('id').primaryKey(),
    surveyId: integer('survey_id').notNull(),
    teamId: integer('team_id').notNull(), // kept for scoped queries
    position: integer('position').notNull(),
    text: text('text').notNull(),
    kind: text('kind', { enum: surveyQuestionKinds.codes }).notNull(),
    answered: integer('answered'),
  },
  (t) => [
    check('survey_questions_kind', oneOf('kind', surveyQuestionKinds.codes)),
    check('survey_questions_text_not_blank', sql`length(trim(${t.text})) > 0`),
    check('survey_questions_answered_range', sql`${t.answered} is null or ${t.answered} >= 0`),
    foreignKey({ name: 'survey_questions_survey_team_fk', columns: [t.surveyId, t.teamId], foreignColumns: [surveys.id, surveys.teamId] }),
    index('survey_questions_survey').on(t.surveyId, t.position),
    unique('survey_questions_id_team').on(t.id, t.teamId),
  ],
);

/**
 * A choice's result: its count (from a file; null when typed by hand) and its share of those who answered
 * the question, in percent (a multiple-choice question's shares may add up to more than 100).
 */
export const surveyOptions = pgTable(
  'survey_options',
  {
    id: serial('id').primaryKey(),
    questionId: integer('question_id').notNull(),
    teamId: integer('team_id').notNull(),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    count: integer('count'),
    percent: numeric('percent', { precision: 4, scale: 1 }).notNull(),
  },
  (t) => [
    check('survey_options_count_range', sql`${t.count} is null or ${t.count} >= 0`),
    check('survey_options_percent_range', sql`${t.percent} between 0 and 100`),
    foreignKey({
      name: 'survey_options_question_team_fk',
      columns: [t.questionId, t.teamId],
      foreignColumns: [surveyQuestions.id, surveyQuestions.teamId],
    }).onDelete('cascade'),
    index('survey_options_question').on(t.questionId, t.position),
  ],
);

/** A free-text answer. Only those tagged 引用 (quoted) may go into the joint paper. */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    id: serial('id').primaryKey(),
    questionId: integer('question_id').notNull(),
    teamId: integer('team_id').notNull(),
    position: integer('position').notNull(),
    body: text('body').notNull(),
    quoted: boolean('quoted').notNull().default(false),
  },
  (t) => [
    foreignKey({
      name: 'survey_answers_question_team_fk',
      columns: [t.questionId, t.teamId],
      foreignColumns: [surveyQuestions.id, surveyQuestions.teamId],
    }).onDelete('cascade'),
    index('survey_answers_question').on(t.questionId, t.position),
  ],
);

/**
 * The respondents' rows of an imported file, kept only when the team asks: the answers to the questions,
 * in question order (never the columns that identify a person: ID, email, name, times).
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: serial('id').primaryKey(),
    surveyId: integer('survey_id').notNull(),
    teamId: integer('team_id').notNull(),
    line: integer('line').notNull(), // the row in the file, as Excel numbers it
    answers: jsonb('answers').$type<string[]>().notNull(),
  },
  (t) => [
    foreignKey({ name: 'survey_responses_survey_team_fk', columns: [t.surveyId, t.teamId], foreignColumns: [surveys.id, surveys.teamId] }),
    index('survey_responses_survey').on(t.surveyId),
  ],
);
