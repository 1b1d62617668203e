// How the activity log reads and writes CSV (docs/csv.md). The export writes exactly the columns
// the import reads, so a file exported here imports again without changes and without duplicates.

export const activityCsvColumns = [
  ['occurredOn', '日付'],
  ['startsAt', '開始時刻'],
  ['kind', '種別'],
  ['durationMinutes', '時間（分）'],
  ['title', 'タイトル'],
  ['attendees', '参加者'],
  ['guests', 'ゲスト'],
  ['notes', 'メモ'],
] as const;
export type ActivityCsvColumn = (typeof activityCsvColumns)[number][0];

/** Other headers teams' own Excel logs use for the same columns. */
const headerAliases: Record<string, ActivityCsvColumn> = {
  実施日: 'occurredOn',
  活動日: 'occurredOn',
  年月日: 'occurredOn',
  開始: 'startsAt',
  時刻: 'startsAt',
  区分: 'kind',
  活動種別: 'kind',
  種類: 'kind',
  '所要時間(分)': 'durationMinutes',
  所要時間: 'durationMinutes',
  時間: 'durationMinutes',
  '活動時間(分)': 'durationMinutes',
  // The text a team wrote for the entry: with a 種別 column it is the title; alone, the kind is read from it.
  件名: 'title',
  内容: 'title',
  活動内容: 'title',
  活動: 'title',
  活動名: 'title',
  項目: 'title',
  概要: 'title',
  用件: 'title',
  行事: 'title',
  行事名: 'title',
  取組: 'title',
  取組内容: 'title',
  実施内容: 'title',
  摘要: 'title',
  参加メンバー: 'attendees',
  外部参加者: 'guests',
  備考: 'notes',
  記録: 'notes',
};

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .trim();

/** Which column each header cell holds (undefined for columns this app does not read). */
export function mapHeaders(headers: string[]): (ActivityCsvColumn | undefined)[] {
  const known = new Map<string, ActivityCsvColumn>(activityCsvColumns.map(([key, label]) => [norm(label), key]));
  for (const [alias, key] of Object.entries(headerAliases)) known.set(norm(alias), key);
  return headers.map((h) => known.get(norm(h)));
}

const eraStart: Record<string, number> = { 令和: 2018, R: 2018, 平成: 1988, H: 1988, 昭和: 1925, S: 1925 };

function isoOf(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * 2022-04-27, 2022/4/27, 2022年4月27日, 令和4年4月27日（水）, 令和元年5月1日, R4.4.27 → '2022-04-27'.
 * Given the team's fiscal year, also 4月27日 and 4/27 (what Excel writes for a date shown without its
 * year): April to December of that year, January to March of the next.
 */
export function parseLooseDate(raw: string, fiscalYear?: number): string | null {
  const s = norm(raw)
    // A time Excel adds to a date cell (2022/4/27 0:00), and the second day of a span (7月22日〜23日).
    .replace(/\s+\d{1,2}:\d{2}(?::\d{2})?$/, '')
    .split(/[〜~]/)[0]!
    .replace(/\s+/g, '')
    .replace(/[(（][月火水木金土日][)）]$/, '');
  const western = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (western) return isoOf(Number(western[1]), Number(western[2]), Number(western[3]));
  const era = /^(令和|平成|昭和|R|H|S)(元|\d{1,2})[年.](\d{1,2})[月.](\d{1,2})日?$/i.exec(s);
  if (era) {
    const year = eraStart[era[1]!.toUpperCase()]! + (era[2] === '元' ? 1 : Number(era[2]));
    return isoOf(year, Number(era[3]), Number(era[4]));
  }
  const monthDay = /^(\d{1,2})[/月](\d{1,2})日?$/.exec(s);
  if (monthDay && fiscalYear !== undefined) {
    const month = Number(monthDay[1]);
    return isoOf(month >= 4 ? fiscalYear : fiscalYear + 1, month, Number(monthDay[2]));
  }
  return null;
}

/** 90, 90分, 1時間30分, 1.5時間, 1:30 → minutes; empty → 0; anything else → null. */
export function parseDuration(raw: string): number | null {
  const s = norm(raw).replace(/\s+/g, '');
  if (s === '') return 0;
  let minutes: number | null = null;
  const plain = /^(\d+)分?$/.exec(s);
  const hm = /^(\d+(?:\.\d+)?)時間(?:(\d+)分)?$/.exec(s);
  const clock = /^(\d+):(\d{2})$/.exec(s);
  if (plain) minutes = Number(plain[1]);
  else if (hm) minutes = Math.round(Number(hm[1]) * 60) + Number(hm[2] ?? 0);
  else if (clock) minutes = Number(clock[1]) * 60 + Number(clock[2]);
  return minutes !== null && minutes <= 1440 ? minutes : null;
}

/** 9:30, 09:30, 09:30:00, 9時30分, 17時 → '09:30'; empty → null; anything else → undefined. */
export function parseStartTime(raw: string): string | null | undefined {
  const s = norm(raw).replace(/\s+/g, '');
  if (s === '') return null;
  const m = /^(\d{1,2}):(\d{2})(?::00)?$/.exec(s) ?? /^(\d{1,2})時(?:(\d{1,2})分)?$/.exec(s);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** Attendee names in one cell: 山田 花子、佐藤 翔太 (also separated by , or ／). */
export function splitNames(cell: string): string[] {
  return cell
    .split(/[、,，/／\n]+/)
    .map((n) => n.trim())
    .filter(Boolean);
}

export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}
