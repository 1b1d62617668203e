import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, inet, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tokenPurposes } from '../../app/domain/codes';
import { archivedAt, createdAt, oneOf, updatedAt, version } from './columns';
import { municipalities } from './program';

/** A person, with or without an account: members, alumni, organizers, interviewees who joined later. */
export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    fullName: text('full_name').notNull(),
    fullNameKana: text('full_name_kana').notNull().default(''),
    municipalityId: integer('municipality_id').references(() => municipalities.id),
    // What the alumni directory shows is each person's own choice (opt-in).
    directoryListed: boolean('directory_listed').notNull().default(true),
    directoryContact: text('directory_contact').notNull().default(''),
    directoryShowContact: boolean('directory_show_contact').notNull().default(false),
    // The directory entry's version (the person's own form); names are edited by organizers' forms.
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [check('people_name_not_blank', sql`length(trim(${t.fullName})) > 0`), index('people_municipality').on(t.municipalityId)],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    email: text('email').notNull(), // stored lower-cased
    passwordHash: text('password_hash'), // null until an invitation is accepted
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [check('users_email_lower', sql`${t.email} = lower(${t.email})`), uniqueIndex('users_email').on(t.email), uniqueIndex('users_person').on(t.personId)],
);

/** HR sections (人事課・職員課) follow their municipality's teams. */
export const hrViewers = pgTable(
  'hr_viewers',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    municipalityId: integer('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    department: text('department').notNull().default(''),
    createdAt: createdAt(),
    archivedAt: archivedAt(),
  },
  (t) => [uniqueIndex('hr_viewers_user_municipality').on(t.userId, t.municipalityId)],
);

/** Server-side sessions; the cookie carries only the random id (stored here as its hash). */
export const authSessions = pgTable(
  'auth_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: inet('ip'),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('auth_sessions_user').on(t.userId)],
);

/**
 * One row per submitted create form (its random `_once` token): a second submission of the same form
 * (a double click, a resend) gets the first one's answer instead of a second record. Kept a day.
 */
export const formSubmissions = pgTable(
  'form_submissions',
  {
    token: text('token').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    location: text('location'), // where the first submission redirected; null while it runs
    setCookie: text('set_cookie'), // the notice that redirect carried (app/utils/notice.server.ts), sent again with it
    createdAt: createdAt(),
  },
  (t) => [index('form_submissions_created').on(t.createdAt)],
);

/** Single-use links (invitation, password reset) that organizers copy and send themselves. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: serial('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    purpose: text('purpose', { enum: tokenPurposes.codes }).notNull(),
    email: text('email').notNull(),
    personId: integer('person_id').references(() => people.id),
    details: jsonb('details').notNull().default({}), // e.g. the team and HR slot an invitation joins
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [check('account_tokens_purpose', oneOf('purpose', tokenPurposes.codes)), uniqueIndex('account_tokens_hash').on(t.tokenHash)],
);

/** Sign-in attempts: brute-force counters live here so they hold across app instances. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: inet('ip'),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_email_at').on(t.email, t.at)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    ip: inet('ip'),
    action: text('action').notNull(), // e.g. create, update, archive, restore, login.success, access.denied
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_entity').on(t.entityType, t.entityId), index('audit_log_user_at').on(t.userId, t.at)],
);
