// The organizers' table of every team of a year: its columns, its sort (by query parameters, so it
// works without JavaScript) and the flags. Shared by the page and its CSV export.

export type TeamRow = {
  teamId: number;
  municipalityName: string;
  prefecture: string;
  generation: number;
  activities: number;
  minutes: number;
  interviews: number;
  lastActivityOn: string | null;
  daysSinceActivity: number | null;
  preassignmentsTotal: number;
  preassignmentsSubmitted: number;
  preassignmentsOverdue: number;
  latestMoyamoya: number | null;
  moyamoyaRising: boolean;
  openComments: number;
};

export const sortKeys = {
  name: '自治体',
  activities: '活動回数',
  hours: '活動時間',
  interviews: 'インタビュー',
  last: '最後の活動',
  preassignments: '事前課題',
  moyamoya: 'モヤモヤ',
  comments: '未解決コメント',
} as const;
export type SortKey = keyof typeof sortKeys;

export function readSort(url: URL): { sort: SortKey; dir: 'asc' | 'desc' } {
  const sort = url.searchParams.get('sort') ?? 'name';
  const dir = url.searchParams.get('dir') === 'desc' ? 'desc' : 'asc';
  return { sort: sort in sortKeys ? (sort as SortKey) : 'name', dir };
}

const value: Record<SortKey, (r: TeamRow) => number | string | null> = {
  name: (r) => `${r.prefecture} ${r.municipalityName}`,
  activities: (r) => r.activities,
  hours: (r) => r.minutes,
  interviews: (r) => r.interviews,
  last: (r) => r.lastActivityOn,
  preassignments: (r) => r.preassignmentsSubmitted,
  moyamoya: (r) => r.latestMoyamoya,
  comments: (r) => r.openComments,
};

/** Sorted copy; empty values go last whichever the direction. */
export function sortRows<T extends TeamRow>(rows: T[], sort: SortKey, dir: 'asc' | 'desc'): T[] {
  const of = value[sort];
  return [...rows].sort((a, b) => {
    const x = of(a);
    const y = of(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y), 'ja') : x - Number(y);
    return dir === 'asc' ? order : -order;
  });
}

export const quietDays = 21;

export type Flag = 'quiet' | 'overdue' | 'rising';
export const flagLabel: Record<Flag, string> = {
  quiet: `${quietDays}日以上活動なし`,
  overdue: '期限後も事前課題が未提出',
  rising: 'モヤモヤが3回続けて上昇',
};

export function flagsOf(r: TeamRow): Flag[] {
  const flags: Flag[] = [];
  if (r.daysSinceActivity === null || r.daysSinceActivity >= quietDays) flags.push('quiet');
  if (r.preassignmentsOverdue > 0) flags.push('overdue');
  if (r.moyamoyaRising) flags.push('rising');
  return flags;
}
