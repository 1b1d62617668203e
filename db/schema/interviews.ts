import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgTable, serial, text, unique } from 'drizzle-orm/pg-core';
import { homeworkStatuses, intervieweeRoles, visibilities } from '../../app/domain/codes';
import { archivedAt, createdAt, oneOf, updatedAt, version } from './columns';
import { users } from './people';
import { teams } from './teams';

/** キーパーソンインタビュー. What was said here is confidential: visibility defaults to the team. */
export const interviews = pgTable(
  'interviews',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    interviewedOn: date('interviewed_on').notNull(),
    interviewee: text('interviewee').notNull(), // a name, or a label such as 部長級職員（Aさん）
    roleCategory: text('role_category', { enum: intervieweeRoles.codes }).notNull(),
    purpose: text('purpose').notNull().default(''),
    questions: text('questions').notNull().default(''),
    content: text('content').notNull().default(''), // 内容
    insights: text('insights').notNull().default(''), // 気付き
    unease: text('unease').notNull().default(''), // モヤモヤ
    visibility: text('visibility', { enum: visibilities.codes }).notNull().default('team'),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    check('interviews_role_category', oneOf('role_category', intervieweeRoles.codes)),
    check('interviews_visibility', oneOf('visibility', visibilities.codes)),
    check('interviews_interviewee_not_blank', sql`length(trim(${t.interviewee})) > 0`),
    index('interviews_team_date').on(t.teamId, t.interviewedOn),
    unique('interviews_id_team').on(t.id, t.teamId), // target of same-team foreign keys
  ],
);

/** 宿題: what the interviewee asked the team to do, and what the team did about it. */
export const interviewHomework = pgTable(
  'interview_homework',
  {
    id: serial('id').primaryKey(),
    interviewId: integer('interview_id').notNull(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id), // kept for scoped queries
    position: integer('position').notNull().default(0),
    body: text('body').notNull(),
    status: text('status', { enum: homeworkStatuses.codes }).notNull().default('todo'),
    dueOn: date('due_on'),
    followUp: text('follow_up').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('interview_homework_status', oneOf('status', homeworkStatuses.codes)),
    check('interview_homework_body_not_blank', sql`length(trim(${t.body})) > 0`),
    foreignKey({ name: 'interview_homework_interview_team_fk', columns: [t.interviewId, t.teamId], foreignColumns: [interviews.id, interviews.teamId] }),
    index('interview_homework_interview').on(t.interviewId),
    index('interview_homework_team_status').on(t.teamId, t.status),
  ],
);
