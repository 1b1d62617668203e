// The whole domain's tables. Split by concept under schema/; this file is what drizzle reads.
export * from './schema/program';
export * from './schema/people';
export * from './schema/teams';
export * from './schema/activities';
export * from './schema/interviews';
export * from './schema/surveys';
export * from './schema/moyamoya';
export * from './schema/sheets';
export * from './schema/changes';
export * from './schema/alumni';
export * from './schema/paper';
