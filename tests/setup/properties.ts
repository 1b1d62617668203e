import fc from 'fast-check';

// Property tests are replayable and can run longer: HOSTILE_SEED replays a run (fast-check prints
// the seed of a failure), HOSTILE_RUNS sets the runs of a property that names none (default 100).
const seed = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : undefined;
const numRuns = process.env.HOSTILE_RUNS ? Number(process.env.HOSTILE_RUNS) : undefined;
fc.configureGlobal({ ...(seed === undefined ? {} : { seed }), ...(numRuns === undefined ? {} : { numRuns }) });
