import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, serial, text, timestamp, unique, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { SheetContent } from '../../app/domain/sheet';
import { sheetSectionKeys } from '../../app/domain/sheet';
import { createdAt, oneOf, updatedAt } from './columns';
import { users } from './people';
import { studySessions } from './program';
import { teams } from './teams';

/**
 * 変革ストーリーシート: one per team. `currentVersion` is the optimistic-lock counter: a save
 * is a conditional UPDATE on it, so a save based on a stale version changes nothing (409).
 */
export const sheets = pgTable(
  'sheets',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    currentVersion: integer('current_version').notNull().default(0),
    // Handover: a sheet started from an earlier generation's final version records it here.
    copiedFromVersionId: integer('copied_from_version_id').references((): AnyPgColumn => sheetVersions.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sheets_team').on(t.teamId),
    unique('sheets_id_team').on(t.id, t.teamId),
    check('sheets_version_non_negative', sql`${t.currentVersion} >= 0`),
  ],
);

/** Immutable snapshots; a trigger refuses changes to content (only the tag may be set later). */
export const sheetVersions = pgTable(
  'sheet_versions',
  {
    id: serial('id').primaryKey(),
    sheetId: integer('sheet_id')
      .notNull()
      .references(() => sheets.id),
    version: integer('version').notNull(),
    content: jsonb('content').$type<SheetContent>().notNull(),
    message: text('message').notNull().default(''),
    tag: text('tag').notNull().default(''), // e.g. 第4回提出版
    sessionId: integer('session_id').references(() => studySessions.id),
    restoredFromVersion: integer('restored_from_version'),
    authorUserId: integer('author_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [check('sheet_versions_version_positive', sql`${t.version} > 0`), uniqueIndex('sheet_versions_sheet_version').on(t.sheetId, t.version)],
);

export const sheetComments = pgTable(
  'sheet_comments',
  {
    id: serial('id').primaryKey(),
    sheetId: integer('sheet_id').notNull(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id), // kept for scoped queries
    section: text('section', { enum: sheetSectionKeys }).notNull(),
    version: integer('version').notNull(), // the version the comment was made on
    body: text('body').notNull(),
    authorUserId: integer('author_user_id')
      .notNull()
      .references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedByUserId: integer('resolved_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ name: 'sheet_comments_sheet_team_fk', columns: [t.sheetId, t.teamId], foreignColumns: [sheets.id, sheets.teamId] }),
    check('sheet_comments_section', oneOf('section', sheetSectionKeys)),
    check('sheet_comments_body_not_blank', sql`length(trim(${t.body})) > 0`),
    index('sheet_comments_sheet_section').on(t.sheetId, t.section),
    index('sheet_comments_team_open')
      .on(t.teamId)
      .where(sql`${t.resolvedAt} is null`),
  ],
);
