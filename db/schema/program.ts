import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { municipalityKinds, organizerRoles, sessionKinds } from '../../app/domain/codes';
import { archivedAt, createdAt, oneOf, updatedAt, version } from './columns';
import { people } from './people';

/** A program year runs on the Japanese fiscal year: April of fiscal_year to March of the next. */
export const programYears = pgTable(
  'program_years',
  {
    fiscalYear: integer('fiscal_year').primaryKey(),
    theme: text('theme').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [check('program_years_fiscal_year_range', sql`${t.fiscalYear} between 2000 and 2200`)],
);

export const studySessions = pgTable(
  'study_sessions',
  {
    id: serial('id').primaryKey(),
    fiscalYear: integer('fiscal_year')
      .notNull()
      .references(() => programYears.fiscalYear),
    kind: text('kind', { enum: sessionKinds.codes }).notNull(),
    number: integer('number').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'), // the second day, for two-day sessions
    venue: text('venue').notNull().default(''),
    isOnline: boolean('is_online').notNull().default(false),
    agenda: text('agenda').notNull().default(''),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    check('study_sessions_kind', oneOf('kind', sessionKinds.codes)),
    check('study_sessions_number_positive', sql`${t.number} > 0`),
    check('study_sessions_second_day_after_first', sql`${t.endsOn} is null or ${t.endsOn} > ${t.startsOn}`),
    check(
      'study_sessions_inside_fiscal_year',
      sql`${t.startsOn} >= make_date(${t.fiscalYear}, 4, 1) and coalesce(${t.endsOn}, ${t.startsOn}) < make_date(${t.fiscalYear} + 1, 4, 1)`,
    ),
    uniqueIndex('study_sessions_year_kind_number').on(t.fiscalYear, t.kind, t.number),
    index('study_sessions_year_starts_on').on(t.fiscalYear, t.startsOn),
  ],
);

export const preAssignments = pgTable(
  'pre_assignments',
  {
    id: serial('id').primaryKey(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => studySessions.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    dueOn: date('due_on').notNull(),
    // Continues across a session's pre-assignments (a new one after a withdrawn one takes the next number),
    // so a form based on a withdrawn one never matches the one that replaced it.
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [index('pre_assignments_session').on(t.sessionId)],
);

export const municipalities = pgTable(
  'municipalities',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    prefecture: text('prefecture').notNull(),
    kind: text('kind', { enum: municipalityKinds.codes }).notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    check('municipalities_kind', oneOf('kind', municipalityKinds.codes)),
    check('municipalities_name_not_blank', sql`length(trim(${t.name})) > 0`),
    uniqueIndex('municipalities_prefecture_name').on(t.prefecture, t.name),
  ],
);

/** The roster of 顧問・部会長・幹事・参与・事務局; an active entry with an account grants organizer scope. */
export const organizers = pgTable(
  'organizers',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role', { enum: organizerRoles.codes }).notNull(),
    affiliation: text('affiliation').notNull().default(''),
    active: boolean('active').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('organizers_role', oneOf('role', organizerRoles.codes)), uniqueIndex('organizers_person').on(t.personId)],
);
