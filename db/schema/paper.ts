import { sql } from 'drizzle-orm';
import { check, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, version } from './columns';
import { users } from './people';
import { teams } from './teams';

// What a team chooses for its 共同論文 draft, and the two texts only it can write (docs/decisions/0020).
// The choices are lists of the team's own record ids: every read intersects them with the team's live
// records (`where team_id = $team and id = any(...)`), so a stale or foreign id shows nothing. Surveys
// live on another table (issue 18's other half), hence plain arrays rather than join tables.
const ids = (name: string) =>
  integer(name)
    .array()
    .notNull()
    .default(sql`'{}'::integer[]`);

export const paperDrafts = pgTable(
  'paper_drafts',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    aboutMunicipality: text('about_municipality').notNull().default(''), // 自治体について（はじめに）
    findings: text('findings').notNull().default(''), // 見出した成果
    // In the paper unless left out: 創り出した変化, rows of the month table, 「この頃の自分たち」 of a session.
    omittedChangeIds: ids('omitted_change_ids'),
    omittedActivityIds: ids('omitted_activity_ids'),
    omittedSessionIds: ids('omitted_session_ids'),
    // Out of the paper unless chosen: surveys, and the content of interviews (their label and role always show).
    surveyIds: ids('survey_ids'),
    interviewIds: ids('interview_ids'),
    authorUserId: integer('author_user_id').references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('paper_drafts_team').on(t.teamId),
    check('paper_drafts_version_non_negative', sql`${t.version} >= 0`),
    // Hundreds of ids is already more than a year holds; a tampered form cannot store a million.
    check(
      'paper_drafts_choices_bounded',
      sql`cardinality(${t.omittedChangeIds}) <= 2000 and cardinality(${t.omittedActivityIds}) <= 5000 and cardinality(${t.omittedSessionIds}) <= 100 and cardinality(${t.surveyIds}) <= 2000 and cardinality(${t.interviewIds}) <= 2000`,
    ),
  ],
);
