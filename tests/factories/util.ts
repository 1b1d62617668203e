export { currentFiscalYear } from '../../app/utils/clock';

// Defaults that must not collide (names, e-mails) take a number from this counter.
let counter = 0;
export function nextSeq(): number {
  counter += 1;
  return counter;
}

/** The single row an `insert … returning()` gave back. */
export function one<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

/** 'YYYY-MM-DD' plus `days` (negative goes back). */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Splits a batch so one statement stays far below Postgres's 65,535 bind parameters. */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
