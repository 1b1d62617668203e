// The organizers' table of every team of a year: its columns, its sort (by query parameters, so it
// works without JavaScript) and the flags. Shared by the page and its CSV export.

import { comparePlaces, teamPlace } from './place-order';

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

const value: Record<Exclude<SortKey, 'name'>, (r: TeamRow) => number | string | null> = {
  activities: (r) => r.activities,
  hours: (r) => r.minutes,
  interviews: (r) => r.interviews,
  last: (r) => r.lastActivityOn,
  preassignments: (r) => r.preassignmentsSubmitted,
  moyamoya: (r) => r.latestMoyamoya,
  comments: (r) => r.openComments,
};

/**
 * Sorted copy. `name` is the one order of teams (app/domain/place-order.ts); any other column sorts by
 * its figure, empty values last whichever the direction, and teams with the same figure in that order.
 */
export function sortRows<T extends TeamRow>(rows: T[], sort: SortKey, dir: 'asc' | 'desc'): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  if (sort === 'name') return [...rows].sort((a, b) => sign * comparePlaces(teamPlace(a), teamPlace(b)));
  const of = value[sort];
  return [...rows].sort((a, b) => {
    const x = of(a);
    const y = of(b);
    const order = x === null || y === null ? (x === y ? 0 : x === null ? 1 : -1) : sign * (typeof x === 'string' ? x.localeCompare(String(y)) : x - Number(y));
    return order || comparePlaces(teamPlace(a), teamPlace(b));
  });
}

const ways: Record<SortKey, readonly [asc: string, desc: string]> = {
  name: ['都道府県の北から順（同じ都道府県の中は自治体名順）', '都道府県の南から順'],
  activities: ['活動回数の少ない順', '活動回数の多い順'],
  hours: ['活動時間の短い順', '活動時間の長い順'],
  interviews: ['インタビューの少ない順', 'インタビューの多い順'],
  last: ['最後の活動の古い順', '最後の活動の新しい順'],
  preassignments: ['事前課題の提出の少ない順', '事前課題の提出の多い順'],
  moyamoya: ['モヤモヤ指数の低い順', 'モヤモヤ指数の高い順'],
  comments: ['未解決コメントの少ない順', '未解決コメントの多い順'],
};

/** The order a table is in, in words: 「活動回数の多い順」. */
export function sortDescription(sort: SortKey, dir: 'asc' | 'desc'): string {
  return ways[sort][dir === 'asc' ? 0 : 1];
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
