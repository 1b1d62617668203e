// Numbers as Japanese reports write them: 3名, 6回, 12件, 48.5時間.

const number = new Intl.NumberFormat('ja-JP');
const oneDecimal = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });

/**
 * Below 1,000 (nothing to group) Intl writes a whole number, or one rounded to a tenth, as the number's own
 * text, which costs a fraction of a format call; a team page writes a few hundred (format.test.ts holds the two
 * to the same text). -0 is left to Intl, which writes it "-0".
 */
const ownText = (n: number) => n > -1000 && n < 1000 && !Object.is(n, -0);

export function counted(n: number, counter: '名' | '回' | '件' | '団体' | 'チーム' | '期' | '人' | '問') {
  return `${Number.isInteger(n) && ownText(n) ? String(n) : number.format(n)}${counter}`;
}

/**
 * A figure with at most one decimal, as the tables write hours: 1,234.5. One formatter for every call: a
 * number's toLocaleString builds a new one each time, dozens of times a page.
 */
export function decimal(n: number) {
  const rounded = Math.round(n * 10) / 10;
  return ownText(rounded) ? String(rounded) : oneDecimal.format(rounded);
}

/** Minutes as hours with at most one decimal: 90 → 1.5時間. */
export function hours(minutes: number) {
  return `${oneDecimal.format(minutes / 60)}時間`;
}

/** Minutes as 1時間30分 / 45分, for one entry. */
export function duration(minutes: number) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}分`;
  return m === 0 ? `${h}時間` : `${h}時間${m}分`;
}

/** How long ago a day was, as people say it: 今日, 昨日, 一昨日, 5日前 (a median may be 2.5日前). */
export function daysAgo(days: number) {
  if (days <= 0) return '今日';
  if (days === 1) return '昨日';
  if (days === 2) return '一昨日';
  return `${oneDecimal.format(days)}日前`;
}
