// Moving a year's calendar to the next fiscal year. 364 days is exactly 52 weeks, so a date
// keeps its weekday; when that lands before April (a session early in April), a further week
// (371 days) keeps it inside the new year.

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function insideFiscalYear(iso: string, fiscalYear: number) {
  return iso >= `${fiscalYear}-04-01` && iso <= `${fiscalYear + 1}-03-31`;
}

/** Days to add to a session of the year before `toFiscalYear`: 364 or 371, whichever keeps it inside. */
export function yearShiftDays(startsOn: string, endsOn: string | null, toFiscalYear: number): number {
  for (const days of [364, 371]) {
    if (insideFiscalYear(addDays(startsOn, days), toFiscalYear) && insideFiscalYear(addDays(endsOn ?? startsOn, days), toFiscalYear)) {
      return days;
    }
  }
  // A two-day session across the end of March cannot move whole; keep the first day inside.
  return insideFiscalYear(addDays(startsOn, 364), toFiscalYear) ? 364 : 371;
}

export function shiftDate(iso: string, days: number): string {
  return addDays(iso, days);
}
