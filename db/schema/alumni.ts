import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { facilitatorRequestStatuses, mentorOfferStatuses } from '../../app/domain/codes';
import { archivedAt, createdAt, oneOf, updatedAt, version } from './columns';
import { people, users } from './people';
import { municipalities } from './program';
import { teams } from './teams';

/** マネ友 groups such as ハミダシ隊. Who is an alumnus is derived from team memberships. */
export const alumniGroups = pgTable(
  'alumni_groups',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    municipalityId: integer('municipality_id').references(() => municipalities.id),
    foundedOn: date('founded_on'),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [index('alumni_groups_municipality').on(t.municipalityId)],
);

export const alumniGroupMembers = pgTable(
  'alumni_group_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => alumniGroups.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    joinedOn: date('joined_on'),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.personId] }), index('alumni_group_members_person').on(t.personId)],
);

/** オフサイトミーティング, run by an alumni group or a team. */
export const offsiteMeetings = pgTable(
  'offsite_meetings',
  {
    id: serial('id').primaryKey(),
    groupId: integer('group_id').references(() => alumniGroups.id),
    teamId: integer('team_id').references(() => teams.id),
    heldOn: date('held_on').notNull(),
    theme: text('theme').notNull(),
    place: text('place').notNull().default(''),
    notes: text('notes').notNull().default(''),
    guests: text('guests').notNull().default(''),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    check('offsite_meetings_owner', sql`${t.groupId} is not null or ${t.teamId} is not null`),
    index('offsite_meetings_group_date').on(t.groupId, t.heldOn),
  ],
);

export const offsiteMeetingPeople = pgTable(
  'offsite_meeting_people',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => offsiteMeetings.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role', { enum: ['facilitator', 'attendee'] }).notNull(), // 世話人 or 参加者
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] }), check('offsite_meeting_people_role', oneOf('role', ['facilitator', 'attendee']))],
);

/** An alumnus assigned to mentor a current team (same municipality or elsewhere). */
export const mentorAssignments = pgTable(
  'mentor_assignments',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    assignedByUserId: integer('assigned_by_user_id').references(() => users.id),
    createdAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('mentor_assignments_team_person').on(t.teamId, t.personId), index('mentor_assignments_person').on(t.personId)],
);

/**
 * A マネ友 offers to mentor a current team of their municipality; the team accepts (a mentor
 * assignment is made) or declines, or the alumnus withdraws while it waits. One live offer per person
 * and team: a withdrawn one may be made again, an answered one not (docs/decisions/0019).
 */
export const mentorOffers = pgTable(
  'mentor_offers',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    message: text('message').notNull().default(''),
    status: text('status', { enum: mentorOfferStatuses.codes }).notNull().default('pending'),
    offeredByUserId: integer('offered_by_user_id')
      .notNull()
      .references(() => users.id),
    decidedByUserId: integer('decided_by_user_id').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('mentor_offers_status', oneOf('status', mentorOfferStatuses.codes)),
    check('mentor_offers_decided', sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
    uniqueIndex('mentor_offers_team_person_live')
      .on(t.teamId, t.personId)
      .where(sql`${t.status} <> 'withdrawn'`),
    index('mentor_offers_person').on(t.personId),
  ],
);

/** 引き継ぎ: written at the end of a year for the municipality's next team. */
export const handovers = pgTable(
  'handovers',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    toContinue: text('to_continue').notNull().default(''),
    peopleToTalkTo: text('people_to_talk_to').notNull().default(''),
    advice: text('advice').notNull().default(''),
    authorUserId: integer('author_user_id').references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('handovers_team').on(t.teamId)],
);

/** 世話人派遣: a request for help with an off-site meeting, and the offers it gets. */
export const facilitatorRequests = pgTable(
  'facilitator_requests',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').references(() => teams.id),
    groupId: integer('group_id').references(() => alumniGroups.id),
    heldOn: date('held_on').notNull(),
    place: text('place').notNull().default(''),
    helpNeeded: text('help_needed').notNull(),
    status: text('status', { enum: facilitatorRequestStatuses.codes }).notNull().default('open'),
    createdByUserId: integer('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('facilitator_requests_status', oneOf('status', facilitatorRequestStatuses.codes)),
    check('facilitator_requests_owner', sql`${t.teamId} is not null or ${t.groupId} is not null`),
    index('facilitator_requests_status_date').on(t.status, t.heldOn),
  ],
);

export const facilitatorOffers = pgTable(
  'facilitator_offers',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => facilitatorRequests.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    message: text('message').notNull().default(''),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('facilitator_offers_request_person').on(t.requestId, t.personId)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(), // sheet_comment, mentor_advice, facilitator_offer, handover
    body: text('body').notNull(),
    href: text('href').notNull().default(''),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_unread')
      .on(t.userId, t.createdAt)
      .where(sql`${t.readAt} is null`),
  ],
);
