import { describe, expect, it } from 'vitest';
import { shiftDate, yearShiftDays } from './year-shift';

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

describe('moving a session to the next fiscal year', () => {
  it('keeps the weekday, one year minus a day later (364 days)', () => {
    const days = yearShiftDays('2026-07-22', '2026-07-23', 2027);
    expect(days).toBe(364);
    expect(shiftDate('2026-07-22', days)).toBe('2027-07-21');
    expect(weekday('2027-07-21')).toBe(weekday('2026-07-22'));
  });

  it('moves a date early in April a week further so it stays in the new year (371 days)', () => {
    const days = yearShiftDays('2026-04-01', null, 2027);
    expect(days).toBe(371);
    expect(shiftDate('2026-04-01', days)).toBe('2027-04-07');
    expect(weekday('2027-04-07')).toBe(weekday('2026-04-01'));
  });

  it('handles a leap year: 2027-04-01 cannot go to 2028-03-30', () => {
    expect(yearShiftDays('2027-04-01', null, 2028)).toBe(371);
    // 2027-04-02 + 364 is 2028-03-31, still FY2027 because of 29 February.
    expect(yearShiftDays('2027-04-02', null, 2028)).toBe(371);
    expect(shiftDate('2027-04-03', yearShiftDays('2027-04-03', null, 2028))).toBe('2028-04-01');
  });

  it('keeps late-March sessions at the end of the new year', () => {
    const days = yearShiftDays('2027-03-31', null, 2027);
    expect(days).toBe(364);
    expect(shiftDate('2027-03-31', days)).toBe('2028-03-29');
  });
});
