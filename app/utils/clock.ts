import { fiscalYearOf, tokyoDateOf } from './dates';

// The app's one reading of the current time (docs/decisions/0011-clock.md). Whatever asks what day or
// time it is — today in Tokyo, the current fiscal year, when a session or a link expires, when a row
// changed — asks now(), so a test pins it and the test server starts at a set instant (CLOCK_START).
// How long something took (a wait's deadline, an in-process cache's age) is a duration, not a time:
// that is performance.now(), which a stopped clock must not stop.

type Reading = () => Date;

const real: Reading = () => new Date();
let reading: Reading = real;

export function now(): Date {
  return reading();
}

/** Today's date in Tokyo as 'YYYY-MM-DD'. */
export function todayInTokyo(): string {
  return tokyoDateOf(now());
}

/** The fiscal year (April–March) today in Tokyo belongs to. */
export function currentFiscalYear(): number {
  return fiscalYearOf(todayInTokyo());
}

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO instant with its offset ('2026-06-01T09:00:00+09:00'): a bare time would be read in the server's zone. */
export function isInstant(text: string): boolean {
  return instantPattern.test(text) && !Number.isNaN(Date.parse(text));
}

/**
 * Sets the clock: stopped at an instant, or `running` from it at the real pace; null puts back the
 * real clock. Returns a function that puts back the clock this one replaced.
 */
export function setClock(at: Date | string | null, { running = false } = {}): () => void {
  const previous = reading;
  if (at === null) {
    reading = real;
  } else {
    if (typeof at === 'string' && !isInstant(at)) throw new RangeError(`not an ISO instant with an offset: ${at}`);
    const start = new Date(at).getTime();
    const origin = performance.now();
    reading = running ? () => new Date(start + (performance.now() - origin)) : () => new Date(start);
  }
  return () => {
    reading = previous;
  };
}
