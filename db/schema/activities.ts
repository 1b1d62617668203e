import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgTable, primaryKey, serial, text, time, uniqueIndex } from 'drizzle-orm/pg-core';
import { activityKinds } from '../../app/domain/codes';
import { archivedAt, createdAt, oneOf, updatedAt, version } from './columns';
import { interviews } from './interviews';
import { people, users } from './people';
import { studySessions } from './program';
import { surveys } from './surveys';
import { teams } from './teams';

/** 活動記録: one dated entry of a team's log. An interview has exactly one activity of its own. */
export const activities = pgTable(
  'activities',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    kind: text('kind', { enum: activityKinds.codes }).notNull(),
    occurredOn: date('occurred_on').notNull(),
    startsAt: time('starts_at'),
    durationMinutes: integer('duration_minutes').notNull().default(0),
    title: text('title').notNull().default(''),
    notes: text('notes').notNull().default(''),
    guests: text('guests').notNull().default(''), // free-text attendees from outside the team
    sessionId: integer('session_id').references(() => studySessions.id),
    interviewId: integer('interview_id'),
    // A survey's own activity (entered once, with the survey); other アンケート entries (作成, 集計 …) have none.
    surveyId: integer('survey_id'),
    // Set by the CSV import, so importing the same file again adds nothing.
    importKey: text('import_key'),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    check('activities_kind', oneOf('kind', activityKinds.codes)),
    check('activities_duration_range', sql`${t.durationMinutes} between 0 and 1440`),
    index('activities_team_date').on(t.teamId, t.occurredOn),
    // The live log of a team by date, with what the figures add up (count, hours, kinds): counts, sums and the
    // heat map are read from the index alone, not from every row (issue 19, docs/decisions/0027).
    index('activities_live')
      .on(t.teamId, t.occurredOn, t.durationMinutes, t.kind)
      .where(sql`${t.archivedAt} is null`),
    foreignKey({ name: 'activities_interview_team_fk', columns: [t.interviewId, t.teamId], foreignColumns: [interviews.id, interviews.teamId] }),
    // An interview's activity is never without its interview: the log's count of interviews and the
    // key-person coverage count the same records (issue 17).
    check('activities_interview_has_interview', sql`${t.kind} <> 'interview' or ${t.interviewId} is not null`),
    // Entered once: an interview has exactly one activity of kind 'interview'; others may link to it.
    uniqueIndex('activities_interview_own')
      .on(t.interviewId)
      .where(sql`${t.kind} = 'interview'`),
    foreignKey({ name: 'activities_survey_team_fk', columns: [t.surveyId, t.teamId], foreignColumns: [surveys.id, surveys.teamId] }),
    check('activities_survey_is_survey', sql`${t.surveyId} is null or ${t.kind} = 'survey'`),
    uniqueIndex('activities_survey_own')
      .on(t.surveyId)
      .where(sql`${t.surveyId} is not null`),
    uniqueIndex('activities_team_import_key').on(t.teamId, t.importKey),
    index('activities_text_trgm').using('gin', sql`(${t.title} || ' ' || ${t.notes} || ' ' || ${t.guests}) gin_trgm_ops`),
  ],
);

export const activityAttendees = pgTable(
  'activity_attendees',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.personId] }), index('activity_attendees_person').on(t.personId)],
);
