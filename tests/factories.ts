// Factories: small functions that insert rows with sensible defaults and return them.
// Integration tests build their data with these, and the demo seed (db/seed.ts) reuses them.
export * from './factories/program';
export * from './factories/people';
export * from './factories/teams';
export * from './factories/activities';
export * from './factories/moyamoya';
export * from './factories/sheets';
export * from './factories/alumni';
export * from './factories/surveys';
export * from './factories/paper';
