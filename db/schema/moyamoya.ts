import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { people } from './people';
import { studySessions } from './program';
import { teams } from './teams';

/** モヤモヤ指数: a member's own figure, at most one a day (a second entry replaces the first). */
export const moyamoyaCheckins = pgTable(
  'moyamoya_checkins',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    checkedOn: date('checked_on').notNull(),
    level: integer('level').notNull(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('moyamoya_checkins_level_range', sql`${t.level} between 0 and 100`),
    uniqueIndex('moyamoya_checkins_team_person_day').on(t.teamId, t.personId, t.checkedOn),
    index('moyamoya_checkins_team_day').on(t.teamId, t.checkedOn),
  ],
);

/** The team's own figure and 「この頃の自分たち」, once per session. */
export const teamMoyamoya = pgTable(
  'team_moyamoya',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    sessionId: integer('session_id')
      .notNull()
      .references(() => studySessions.id),
    level: integer('level').notNull(),
    reflection: text('reflection').notNull().default(''), // この頃の自分たち
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('team_moyamoya_level_range', sql`${t.level} between 0 and 100`), uniqueIndex('team_moyamoya_team_session').on(t.teamId, t.sessionId)],
);
