// Positions on the charts' x axes, as plain numbers: linear scales need no date adapter
// (which would add weight to the chart chunk), and tests can check the same numbers the chart uses.

const dayMs = 86_400_000;

function utcDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / dayMs;
}

/** Days since 1 April of the fiscal year: 2026-04-01 → 0. */
export function dayOfYear(fiscalYear: number, iso: string): number {
  return utcDay(iso) - utcDay(`${fiscalYear}-04-01`);
}

/** Back from dayOfYear to 'YYYY-MM-DD'. */
export function isoOfDay(fiscalYear: number, day: number): string {
  return new Date((utcDay(`${fiscalYear}-04-01`) + day) * dayMs).toISOString().slice(0, 10);
}

/** The index of the week (weeks given by their Mondays) that holds the day, or -1 outside them. */
export function weekIndex(weeks: string[], iso: string): number {
  if (weeks.length === 0) return -1;
  const i = Math.floor((utcDay(iso) - utcDay(weeks[0]!)) / 7);
  return i >= 0 && i < weeks.length ? i : -1;
}

/** The first day of each month of the fiscal year, as dayOfYear values, with its label (4月 …). */
export function monthTicks(fiscalYear: number): { value: number; label: string }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    const year = month >= 4 ? fiscalYear : fiscalYear + 1;
    return { value: dayOfYear(fiscalYear, `${year}-${String(month).padStart(2, '0')}-01`), label: `${month}月` };
  });
}

/** 'YYYY-MM-DD' → 'M/D', for compact week labels. */
export function shortDate(iso: string): string {
  return `${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}`;
}
