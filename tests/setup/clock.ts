import { setClock } from '../../app/utils/clock';

// Every test file, and every server and command the tests start, begins at the instant CLOCK_START names
// (vitest.config.ts), so no expectation depends on the day the suite runs. The clock runs on from there.
setClock(process.env.CLOCK_START!, { running: true });
