import { keptPerKey } from './kept';
// Dates as people here read them: the Japanese era beside the western date, always in Asia/Tokyo
// (the server runs in UTC). Calendar dates travel as 'YYYY-MM-DD' strings, as Postgres `date` gives them.

const timeZone = 'Asia/Tokyo';

const eraDate = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  timeZone,
});
const eraYear = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', timeZone });
const isoDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
const clockTime = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
const monthDay = new Intl.DateTimeFormat('ja-JP', { month: 'long', day: 'numeric', weekday: 'short', timeZone });

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight in Tokyo of a 'YYYY-MM-DD' day. */
export function tokyoDay(iso: string): Date {
  if (!isoPattern.test(iso)) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return new Date(`${iso}T00:00:00+09:00`);
}

/** Pages show hundreds of dates: a day's text is worked out once per form (Intl's formatting is slow). */
const oncePerDay = (format: (iso: string) => string) => keptPerKey(format, 20_000);

/** 令和4年4月27日（水） */
export const formatEraDate = oncePerDay((iso) =>
  eraDate
    .formatToParts(tokyoDay(iso))
    .map((part) => (part.type === 'literal' ? part.value.replace('(', '（').replace(')', '）') : part.value))
    .join(''),
);

/** 令和4年4月27日 — without the weekday, as documents (the joint paper, the audit log) write a date. */
export function formatEraDatePlain(iso: string): string {
  return formatEraDate(iso).replace(/（.）$/, '');
}

/**
 * A one- or two-day span as documents write it: 令和4年7月22日〜23日, 令和4年7月31日〜8月1日,
 * 令和4年12月31日〜令和5年1月1日.
 */
export function formatEraSpanPlain(from: string, to: string | null): string {
  const first = formatEraDatePlain(from);
  if (!to || to === from) return first;
  const last = formatEraDatePlain(to);
  // Compared as written, so 平成31年4月30日〜令和元年5月1日 keeps both eras.
  const year = (text: string) => text.slice(0, text.indexOf('年') + 1);
  const month = (text: string) => text.slice(0, text.indexOf('月') + 1);
  if (year(first) !== year(last)) return `${first}〜${last}`;
  return `${first}〜${last.slice((month(first) === month(last) ? month(last) : year(last)).length)}`;
}

/** 27日（水） — the second day of a span within one month. */
export function formatEraDayOnly(iso: string): string {
  return formatEraDate(iso).replace(/^.*月/, '');
}

/** 4月27日（水） — for lists inside one year. */
export const formatMonthDay = oncePerDay((iso) => monthDay.format(tokyoDay(iso)).replace('(', '（').replace(')', '）'));

/** 令和8年11月21日（土） 09:30 in Tokyo time, for timestamps (saved, commented, signed in). */
export function formatDateTime(value: Date | string): string {
  const instant = typeof value === 'string' ? new Date(value) : value;
  return `${formatEraDate(tokyoDateOf(instant))} ${clockTime.format(instant)}`;
}

const dayOfMinute = keptPerKey((_minute: number, instant: Date) => isoDay.format(instant), 10_000);
/** From 1900 on, Tokyo's days begin on a whole minute (UTC+9), so every instant of a minute has one date. */
const wholeMinutesSince = Date.UTC(1900, 0, 1);

/**
 * The date in Tokyo of an instant, as 'YYYY-MM-DD' (today's is todayInTokyo() in clock.ts). Kept per minute:
 * every page asks today's date several times, each an Intl call.
 */
export function tokyoDateOf(instant: Date): string {
  const ms = instant.getTime();
  if (!(ms >= wholeMinutesSince)) return isoDay.format(instant);
  return dayOfMinute(Math.floor(ms / 60_000), instant);
}

/** The fiscal year (April–March) a day belongs to: 2023-03-31 → 2022. */
export function fiscalYearOf(iso: string): number {
  const [, y, m] = isoPattern.exec(iso) ?? [];
  if (!y || !m) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return Number(m) >= 4 ? Number(y) : Number(y) - 1;
}

export function fiscalYearRange(fiscalYear: number): { first: string; last: string } {
  return { first: `${fiscalYear}-04-01`, last: `${fiscalYear + 1}-03-31` };
}

/** 2022年度: the western year of a fiscal year, shown small beside 令和4年度. */
export function formatWesternFiscalYear(fiscalYear: number): string {
  return `${fiscalYear}年度`;
}

/** 令和4年度 (fiscal 2019 reads 令和元年度, as official documents write it). Worked out once per year. */
export const formatFiscalYear = keptPerKey((fiscalYear: number) => `${eraYear.format(new Date(Date.UTC(fiscalYear, 6, 1)))}度`, 1_000);
