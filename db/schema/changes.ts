import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { changeStages, coCreationSteps } from '../../app/domain/codes';
import { archivedAt, createdAt, oneOf, updatedAt, version } from './columns';
import { teams } from './teams';

/** 創り出した変化: a chain of dated moments (きっかけ → 転機 → 変化) and a 考察 of why it worked. */
export const changeChains = pgTable(
  'change_chains',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id),
    title: text('title').notNull(),
    reflection: text('reflection').notNull().default(''), // 考察
    coCreationStep: text('co_creation_step', { enum: coCreationSteps.codes }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: archivedAt(),
  },
  (t) => [
    check('change_chains_step', sql`${t.coCreationStep} is null or ${oneOf('co_creation_step', coCreationSteps.codes)}`),
    index('change_chains_team').on(t.teamId),
  ],
);

export const changeMoments = pgTable(
  'change_moments',
  {
    id: serial('id').primaryKey(),
    chainId: integer('chain_id')
      .notNull()
      .references(() => changeChains.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: changeStages.codes }).notNull(),
    occurredOn: date('occurred_on').notNull(),
    description: text('description').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [check('change_moments_stage', oneOf('stage', changeStages.codes)), index('change_moments_chain').on(t.chainId)],
);
