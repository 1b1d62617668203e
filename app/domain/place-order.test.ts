import { describe, expect, it } from 'vitest';
import { comparePlaces, inPlaceOrder, prefectureCode, prefectures } from './place-order';
import { sortRows, type TeamRow } from './team-table';

describe('the one order of teams', () => {
  it('numbers the prefectures by their JIS code, with or without 都・府・県', () => {
    expect(prefectures).toHaveLength(47);
    expect(prefectures.map(prefectureCode)).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
    expect([prefectureCode('北海道'), prefectureCode('東京'), prefectureCode('大阪'), prefectureCode('沖縄'), prefectureCode(' 山梨県 ')]).toEqual([
      1, 13, 27, 47, 19,
    ]);
    expect(prefectureCode('ムー大陸')).toBe(99);
  });

  it('goes north to south, then the prefecture itself, then names in Japanese order; unknown prefectures last', () => {
    const places = [
      { prefecture: '沖縄県', name: '那覇市' },
      { prefecture: '不明', name: 'どこか町' },
      { prefecture: '鹿児島県', name: '鹿児島市' },
      { prefecture: '山梨県', name: '韮崎市' },
      { prefecture: '鹿児島県', name: '鹿児島県' },
      { prefecture: '北海道', name: '札幌市' },
      { prefecture: '山梨県', name: '甲府市' },
      { prefecture: '山梨県', name: 'ほくと町' },
      { prefecture: '山梨県', name: 'あけの村' },
    ];
    expect(inPlaceOrder(places, (p) => p).map((p) => p.name)).toEqual([
      '札幌市',
      'あけの村', // kana before kanji, and in 五十音 among themselves
      'ほくと町',
      '甲府市', // 甲 (こう) before 韮 (にら)
      '韮崎市',
      '鹿児島県',
      '鹿児島市',
      '那覇市',
      'どこか町',
    ]);
    // Not the order of the prefectures' names (沖縄県 would come before 北海道 by reading, 山梨県 last by code point).
    expect(comparePlaces({ prefecture: '北海道', name: 'x' }, { prefecture: '沖縄県', name: 'x' })).toBeLessThan(0);
  });
});

describe('the organizers table sorts', () => {
  const row = (teamId: number, prefecture: string, municipalityName: string, activities: number, lastActivityOn: string | null): TeamRow => ({
    teamId,
    municipalityName,
    prefecture,
    generation: 1,
    activities,
    minutes: activities * 60,
    interviews: 0,
    lastActivityOn,
    daysSinceActivity: null,
    preassignmentsTotal: 0,
    preassignmentsSubmitted: 0,
    preassignmentsOverdue: 0,
    latestMoyamoya: null,
    moyamoyaRising: false,
    openComments: 0,
  });
  const rows = [
    row(1, '沖縄県', '那覇市', 3, '2026-11-01'),
    row(2, '北海道', '札幌市', 5, null),
    row(3, '山梨県', '甲府市', 3, '2026-10-01'),
    row(4, '青森県', '青森市', 8, '2026-11-20'),
  ];
  const ids = (sorted: TeamRow[]) => sorted.map((r) => r.teamId);

  it('by 自治体: the one order, and its reverse', () => {
    expect(ids(sortRows(rows, 'name', 'asc'))).toEqual([2, 4, 3, 1]);
    expect(ids(sortRows(rows, 'name', 'desc'))).toEqual([1, 3, 4, 2]);
  });

  it('by a figure: most or least first, equal figures in the one order, empty values last', () => {
    expect(ids(sortRows(rows, 'activities', 'desc'))).toEqual([4, 2, 3, 1]);
    expect(ids(sortRows(rows, 'activities', 'asc'))).toEqual([3, 1, 2, 4]);
    expect(ids(sortRows(rows, 'last', 'desc'))).toEqual([4, 1, 3, 2]);
    expect(ids(sortRows(rows, 'last', 'asc'))).toEqual([3, 1, 4, 2]);
  });
});
