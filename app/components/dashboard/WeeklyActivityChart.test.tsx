import { describe, expect, it } from 'vitest';
import { weekHref } from './WeeklyActivityChart';

describe("a week's link", () => {
  it('opens the log from its Monday to its Sunday, across months, years and a leap day, the same when asked again', () => {
    for (let turn = 0; turn < 2; turn++) {
      expect(weekHref(12, '2026-03-30')).toBe('/teams/12/activities?from=2026-03-30&to=2026-04-05');
      expect(weekHref(12, '2026-12-28')).toBe('/teams/12/activities?from=2026-12-28&to=2027-01-03');
      expect(weekHref(7, '2028-02-28')).toBe('/teams/7/activities?from=2028-02-28&to=2028-03-05');
    }
  });
});
