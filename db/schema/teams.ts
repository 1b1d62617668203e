import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, pgTable, pgView, serial, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { moyamoyaVisibilities } from '../../app/domain/codes';
import { archivedAt, createdAt, oneOf, updatedAt, version } from './columns';
import { people } from './people';
import { municipalities, preAssignments, programYears } from './program';

/** One team per municipality per year. Its 期生 number is derived from participation, never stored. */
export const teams = pgTable(
  'teams',
  {
    id: serial('id').primaryKey(),
    municipalityId: integer('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    fiscalYear: integer('fiscal_year')
      .notNull()
      .references(() => programYears.fiscalYear),
    // Whether HR viewers and alumni see members' own モヤモヤ figures, or only the team's.
    moyamoyaVisibility: text('moyamoya_visibility', { enum: moyamoyaVisibilities.codes }).notNull().default('team_figure_only'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    check('teams_moyamoya_visibility', oneOf('moyamoya_visibility', moyamoyaVisibilities.codes)),
    uniqueIndex('teams_municipality_year').on(t.municipalityId, t.fiscalYear),
    unique('teams_id_year').on(t.id, t.fiscalYear), // target of same-year foreign keys
    index('teams_year').on(t.fiscalYear),
  ],
);

/**
 * 期生, the one place it is derived (docs/decisions/0012): a team's rank among the live teams of its
 * municipality by fiscal year. A year without a team is no 期; an archived team was withdrawn from
 * the record, so it has no row here and the teams after it count as if it had never been entered.
 * Written as a count (one team per municipality and year makes it the rank) so that looking up one
 * team reads a few index entries instead of ranking every team.
 */
export const teamGenerations = pgView('team_generations', {
  teamId: integer('team_id').notNull(),
  generation: integer('generation').notNull(),
}).as(sql`select t.id as team_id,
    (select count(*) from teams earlier where earlier.municipality_id = t.municipality_id
      and earlier.fiscal_year <= t.fiscal_year and earlier.archived_at is null)::int as generation
  from teams t where t.archived_at is null`);

export const teamMembers = pgTable(
  'team_members',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    department: text('department').notNull().default(''),
    section: text('section').notNull().default(''),
    isHrSlot: boolean('is_hr_slot').notNull().default(false), // 人事担当課枠
    version: version(), // of the member's details (所属)
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    uniqueIndex('team_members_team_person').on(t.teamId, t.personId),
    uniqueIndex('team_members_one_hr_slot')
      .on(t.teamId)
      .where(sql`${t.isHrSlot} and ${t.archivedAt} is null`),
    index('team_members_person').on(t.personId),
  ],
);

/** 対話自治体: teams of the same year that meet and read each other's sheets. */
export const dialogueGroups = pgTable(
  'dialogue_groups',
  {
    id: serial('id').primaryKey(),
    fiscalYear: integer('fiscal_year')
      .notNull()
      .references(() => programYears.fiscalYear),
    name: text('name').notNull().default(''),
    /** The teams a dissolved group had (its dialogue_group_teams rows are freed), so it can be restored. */
    dissolvedTeamIds: integer('dissolved_team_ids').array(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [unique('dialogue_groups_id_year').on(t.id, t.fiscalYear), index('dialogue_groups_year').on(t.fiscalYear)],
);

export const dialogueGroupTeams = pgTable(
  'dialogue_group_teams',
  {
    groupId: integer('group_id').notNull(),
    teamId: integer('team_id').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // A team is in at most one group; the composite keys keep group and team in the same year.
    uniqueIndex('dialogue_group_teams_team').on(t.teamId),
    index('dialogue_group_teams_group').on(t.groupId),
    foreignKey({
      name: 'dialogue_group_teams_group_year_fk',
      columns: [t.groupId, t.fiscalYear],
      foreignColumns: [dialogueGroups.id, dialogueGroups.fiscalYear],
    }),
    foreignKey({ name: 'dialogue_group_teams_team_year_fk', columns: [t.teamId, t.fiscalYear], foreignColumns: [teams.id, teams.fiscalYear] }),
  ],
);

export const preAssignmentSubmissions = pgTable(
  'pre_assignment_submissions',
  {
    id: serial('id').primaryKey(),
    preAssignmentId: integer('pre_assignment_id')
      .notNull()
      .references(() => preAssignments.id),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    submittedOn: date('submitted_on').notNull(),
    note: text('note').notNull().default(''),
    url: text('url').notNull().default(''),
    submittedByPersonId: integer('submitted_by_person_id').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('pre_assignment_submissions_assignment_team').on(t.preAssignmentId, t.teamId), index('pre_assignment_submissions_team').on(t.teamId)],
);
